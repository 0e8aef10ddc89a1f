import type { IssueEvent } from '../../../domain/issue/events';
import type { RecordedEvent } from '../../../eventstore/port';
import type { Projection, ProjectionContext } from '../../../projections/projection';
import { loadRows, upsertRows } from '../../../projections/support/rows';
import { categoryOf, INTEGRATION_EVENT_TYPES, redactForIntegration } from '../redaction';
import { WEBHOOK_EVENT_TYPES, WebhookEvent } from './webhook-events';

/** Channel the projection notifies when it adds deliveries (on commit), so the worker wakes at once. */
export const OUTBOX_CHANNEL = 'dlxh_webhook_outbox';

interface WebhookRow {
  webhook_id: string;
  owner_id: string;
  province_code: string;
  url: string;
  event_types: string[];
  categories: string[];
  secret_sealed: string;
  secret_fingerprint: string;
  active: boolean;
  registered_at: string;
  deactivated_at: string | null;
  last_position: string;
  [column: string]: unknown;
}

interface DeliveryRow {
  webhook_id: string;
  event_id: string;
  position: string;
  stream_id: string;
  event_type: string;
  body: string;
}

const matches = (webhook: WebhookRow, event: RecordedEvent, provinceCode: string | undefined) =>
  webhook.active &&
  provinceCode === webhook.province_code &&
  (webhook.event_types.length === 0 || webhook.event_types.includes(event.type)) &&
  (webhook.categories.length === 0 || webhook.categories.includes(categoryOf(event.streamId)));

/** The province an issue event places its issue in, when it says. */
function provinceFrom(event: IssueEvent): string | undefined {
  if (event.type === 'ReportSubmitted' || event.type === 'IssueClassified') return event.data.classification.provinceCode;
  return undefined;
}

/**
 * webhook-outbox: the registry of webhooks (from the `webhook-<id>` streams) and, for every later event a webhook's
 * filter matches, one outbox row holding the redacted payload, written in the transaction of the checkpoint. The
 * delivery worker (delivery-worker.ts) sends the rows. A webhook receives the events appended after its registration.
 * Outbox rows are inserted ON CONFLICT DO NOTHING, so a replayed batch or a rebuild adds nothing and resets nothing.
 */
export const webhookOutboxProjection: Projection = {
  name: 'webhook-outbox',
  tables: ['webhooks', 'webhook_issue_index'],
  eventTypes: [...WEBHOOK_EVENT_TYPES, ...INTEGRATION_EVENT_TYPES],
  async apply(events: RecordedEvent[], ctx: ProjectionContext) {
    const webhooks = new Map<string, WebhookRow>();
    const { rows: active } = await ctx.trx.raw<{ rows: WebhookRow[] }>(`SELECT * FROM "${ctx.table('webhooks')}" WHERE active ORDER BY registered_at, webhook_id`);
    for (const row of active) webhooks.set(row.webhook_id, row);
    const changedWebhooks = new Set<string>();

    const issueEvents = events.filter((e) => categoryOf(e.streamId) === 'issue');
    const provinces = new Map<string, string>();
    for (const [id, row] of await loadRows<{ issue_id: string; province_code: string }>(ctx, 'webhook_issue_index', 'issue_id', issueEvents.map((e) => (e.data as { issueId: string }).issueId))) {
      provinces.set(id, row.province_code);
    }
    const changedIssues = new Set<string>();
    const deliveries: DeliveryRow[] = [];

    for (const recorded of events) {
      if (categoryOf(recorded.streamId) === 'webhook') {
        const event = { type: recorded.type, data: recorded.data } as WebhookEvent;
        if (event.type === 'WebhookRegistered') {
          const d = event.data;
          webhooks.set(d.webhookId, {
            webhook_id: d.webhookId,
            owner_id: d.ownerId,
            province_code: d.filter.provinceCode,
            url: d.url,
            event_types: d.filter.types,
            categories: d.filter.categories,
            secret_sealed: d.secretSealed,
            secret_fingerprint: d.secretFingerprint,
            active: true,
            registered_at: d.registeredAt,
            deactivated_at: null,
            last_position: recorded.position.toString(),
          });
        } else if (event.type === 'WebhookDeactivated') {
          const row = webhooks.get(event.data.webhookId);
          if (!row) continue; // already inactive: nothing to change
          Object.assign(row, { active: false, deactivated_at: event.data.deactivatedAt, last_position: recorded.position.toString() });
        }
        changedWebhooks.add(event.data.webhookId);
        continue;
      }
      if (categoryOf(recorded.streamId) !== 'issue') continue;
      const event = { type: recorded.type, data: recorded.data } as IssueEvent;
      const placed = provinceFrom(event);
      if (placed !== undefined && provinces.get(event.data.issueId) !== placed) {
        provinces.set(event.data.issueId, placed);
        changedIssues.add(event.data.issueId);
      }
      const province = provinces.get(event.data.issueId);
      for (const webhook of webhooks.values()) {
        if (!matches(webhook, recorded, province)) continue;
        const payload = redactForIntegration(recorded, webhook.owner_id, webhook.province_code);
        if (payload === null) continue;
        deliveries.push({
          webhook_id: webhook.webhook_id,
          event_id: recorded.eventId,
          position: recorded.position.toString(),
          stream_id: recorded.streamId,
          event_type: recorded.type,
          body: JSON.stringify(payload),
        });
      }
    }

    await upsertRows(ctx, 'webhooks', ['webhook_id'], [...changedWebhooks].map((id) => webhooks.get(id)!).filter(Boolean));
    await upsertRows(ctx, 'webhook_issue_index', ['issue_id'], [...changedIssues].map((id) => ({ issue_id: id, province_code: provinces.get(id)! })));
    if (deliveries.length === 0) return;
    // The live outbox, also during a rebuild: it is the worker's state, never swapped (see migration 006).
    await ctx.trx.raw(
      `INSERT INTO webhook_deliveries (webhook_id, event_id, position, stream_id, event_type, body, next_attempt_at)
       SELECT x.webhook_id, x.event_id, x.position, x.stream_id, x.event_type, x.body, now()
         FROM jsonb_to_recordset(?::jsonb) AS x(webhook_id text, event_id uuid, position bigint, stream_id text, event_type text, body text)
        ORDER BY x.position
       ON CONFLICT (webhook_id, event_id) DO NOTHING`,
      [JSON.stringify(deliveries)],
    );
    await ctx.trx.raw(`NOTIFY ${OUTBOX_CHANNEL}`);
  },
};
