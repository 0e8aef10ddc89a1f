import type { RecordedEvent } from '../eventstore/port';
import { reporterIdentity, type ReporterViewer } from './reporter-identity';

/**
 * What a subscriber of `eventAppended` may see of a stored event. Events name people: reporters (`report.reporterId`,
 * `FeedbackDelivered.recipientIds`), collaborators (who are the reporters: `collaboratorId`, the `collaborator-<id>`
 * stream, the profile's name and contacts), verifiers (`verifierId`) and, in the metadata, every event's actor.
 *
 * Each person goes through reporter-identity.ts's rule, never a rule of its own. The stored shape is kept:
 * - when the rule shows the viewer the person's id (OFFICER), the fields stay as stored;
 * - otherwise the id becomes null (a list of ids, empty), a `…Pseudonym` field is added when the rule gives one
 *   (AUDITOR), the role is what the rule shows (null for INTEGRATION), and the details that identify that person
 *   (name, phone, email, unit; in the metadata the idempotency key and command hash, which a client chooses or
 *   derives from the command) become null in the object that names them and everything inside it.
 * Fields are recognised by name wherever they occur, so a new event type that uses the same names is covered.
 */

interface PersonField {
  /** The sibling field holding the person's role, if any. */
  role?: string;
  /** The field that takes the stable pseudonym when the viewer may know only that. */
  pseudonym: string;
}

const PERSON_FIELDS: Readonly<Record<string, PersonField>> = {
  reporterId: { role: 'reporterRole', pseudonym: 'reporterPseudonym' },
  collaboratorId: { pseudonym: 'collaboratorPseudonym' },
  verifierId: { pseudonym: 'verifierPseudonym' },
  actorId: { role: 'actorRole', pseudonym: 'actorPseudonym' },
};

/** Lists of people, and the field that takes their pseudonyms. */
const PERSON_LIST_FIELDS: Readonly<Record<string, string>> = { recipientIds: 'recipientPseudonyms' };

/** Details that identify the person an object is about: hidden along with that person's id. */
const IDENTIFYING_FIELDS = new Set(['fullName', 'phone', 'email', 'unit', 'idempotencyKey', 'commandHash']);

/** Stream categories whose stream id is a person's id. */
const PERSON_STREAMS = new Set(['collaborator']);

interface Shown {
  id: string | null;
  pseudonym: string | null;
  role: string | null;
}

function person(viewer: ReporterViewer, id: string, role: unknown): Shown {
  const identity = reporterIdentity(viewer, { reporter_id: id, reporter_role: typeof role === 'string' ? role : null });
  return { id: identity?.id ?? null, pseudonym: identity?.pseudonym ?? null, role: identity?.role ?? null };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function redactValue(viewer: ReporterViewer, value: unknown, hideDetails: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => redactValue(viewer, item, hideDetails));
  return isRecord(value) ? redactRecord(viewer, value, hideDetails) : value;
}

function redactRecord(viewer: ReporterViewer, source: Record<string, unknown>, inheritedHide: boolean): Record<string, unknown> {
  const shown = new Map<string, Shown>();
  const roleOf = new Map<string, string>(); // role field → its person field
  for (const [key, field] of Object.entries(PERSON_FIELDS)) {
    const id = source[key];
    if (typeof id !== 'string') continue;
    shown.set(key, person(viewer, id, field.role === undefined ? null : source[field.role]));
    if (field.role !== undefined) roleOf.set(field.role, key);
  }
  const hidden = (key: string) => shown.get(key)!.id !== source[key];
  const hideDetails = inheritedHide || [...shown.keys()].some(hidden);

  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    const personShown = shown.get(key);
    if (personShown) {
      out[key] = hidden(key) ? null : value;
      if (hidden(key) && personShown.pseudonym !== null) out[PERSON_FIELDS[key].pseudonym] = personShown.pseudonym;
      continue;
    }
    const roleOwner = roleOf.get(key);
    if (roleOwner !== undefined) {
      out[key] = hidden(roleOwner) ? shown.get(roleOwner)!.role : value;
      continue;
    }
    const pseudonymsField = PERSON_LIST_FIELDS[key];
    if (pseudonymsField !== undefined && Array.isArray(value)) {
      const people = value.filter((id): id is string => typeof id === 'string').map((id) => ({ id, shown: person(viewer, id, null) }));
      if (people.length === value.length && people.every((p) => p.shown.id === p.id)) {
        out[key] = value;
      } else {
        out[key] = [];
        const pseudonyms = people.flatMap((p) => (p.shown.pseudonym === null ? [] : [p.shown.pseudonym]));
        if (pseudonyms.length > 0) out[pseudonymsField] = pseudonyms;
      }
      continue;
    }
    out[key] = hideDetails && IDENTIFYING_FIELDS.has(key) ? null : redactValue(viewer, value, hideDetails);
  }
  return out;
}

/** An event's stream, data and metadata as `viewer` may see them. */
export interface VisibleEventParts {
  /** null when the stream is named after a person the viewer may not know, even by pseudonym. */
  streamId: string | null;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** The category of a stream id: what precedes its first '-' (`issue-…` → 'issue'). */
export function streamCategory(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(0, dash);
}

/** The entity id a stream id names: what follows its first '-'. */
export function streamEntityId(streamId: string): string {
  return streamId.slice(streamId.indexOf('-') + 1);
}

function visibleStreamId(viewer: ReporterViewer, streamId: string): string | null {
  const category = streamCategory(streamId);
  if (!PERSON_STREAMS.has(category)) return streamId;
  const id = streamEntityId(streamId);
  const shown = person(viewer, id, null);
  if (shown.id === id) return streamId;
  return shown.pseudonym === null ? null : `${category}-${shown.pseudonym}`;
}

/** Redacts one event for `viewer`: every person it names as reporter-identity.ts allows (see above). */
export function redactEvent(viewer: ReporterViewer, event: Pick<RecordedEvent, 'streamId' | 'data' | 'metadata'>): VisibleEventParts {
  return {
    streamId: visibleStreamId(viewer, event.streamId),
    data: isRecord(event.data) ? redactRecord(viewer, event.data, false) : {},
    metadata: redactRecord(viewer, event.metadata, false),
  };
}
