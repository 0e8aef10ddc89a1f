import { ISSUE_EVENT_TYPES } from '../../domain/issue/events';
import type { RecordedEvent } from '../../eventstore/port';
import type { AuthUser } from '../../graphql/auth/auth-user';
import { redactEvent, streamCategory } from '../../graphql/event-redaction';

/**
 * What an integration (another provincial system) may learn from an event, for webhook payloads.
 * - Which events: issue events only. Collaborator streams are about people, webhook streams hold sealed secrets.
 * - What of them: exactly what the `eventAppended` subscription shows the INTEGRATION role (graphql/event-redaction.ts,
 *   which applies reporter-identity.ts): no reporter, recipient, verifier or actor ids, no idempotency keys.
 */
export interface IntegrationEvent {
  id: string;
  type: string;
  streamId: string;
  category: string;
  /** Decimal strings: positions and revisions are 64-bit. */
  revision: string;
  position: string;
  recordedAt: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export const categoryOf = streamCategory;

/** Categories and event types an integration can receive. */
export const INTEGRATION_CATEGORIES = ['issue'] as const;
export const INTEGRATION_EVENT_TYPES: readonly string[] = ISSUE_EVENT_TYPES;

/** The event as integration `viewerId` of province `provinceCode` may see it; null when integrations may not see it. */
export function redactForIntegration(event: RecordedEvent, viewerId: string, provinceCode: string): IntegrationEvent | null {
  const category = categoryOf(event.streamId);
  if (!(INTEGRATION_CATEGORIES as readonly string[]).includes(category) || !INTEGRATION_EVENT_TYPES.includes(event.type)) return null;
  const user: AuthUser = { id: viewerId, role: 'INTEGRATION', provinceCode, communeCodes: null, agencyId: null };
  const visible = redactEvent({ user, pseudonymSecret: '' }, event);
  if (visible.streamId === null) return null;
  return {
    id: event.eventId,
    type: event.type,
    streamId: visible.streamId,
    category,
    revision: event.revision.toString(),
    position: event.position.toString(),
    recordedAt: event.recordedAt.toISOString(),
    data: visible.data,
    metadata: visible.metadata,
  };
}
