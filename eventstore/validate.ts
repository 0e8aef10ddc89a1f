import { ExpectedRevision, MAX_EVENT_BYTES, NewEvent, STREAM_ID_PATTERN } from './port';
import { InvalidAppendError } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVENT_TYPE = /^[A-Z][A-Za-z0-9]*$/;

/** The category of a stream: the part before the first '-' ('issue' for 'issue-42'). */
export function streamCategory(streamId: string): string {
  const i = streamId.indexOf('-');
  return i < 0 ? streamId : streamId.slice(0, i);
}

export function assertStreamId(streamId: unknown): asserts streamId is string {
  if (typeof streamId !== 'string' || streamId.length > 200 || !STREAM_ID_PATTERN.test(streamId)) {
    throw InvalidAppendError.field('streamId', 'must look like "<category>-<id>" (lower-case category, at most 200 characters)');
  }
}

export function assertExpectedRevision(expected: unknown): asserts expected is ExpectedRevision {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return;
  if (typeof expected === 'bigint' && expected >= 0n) return;
  throw InvalidAppendError.field('expectedRevision', "must be 'any', 'no_stream', 'stream_exists' or a revision (bigint ≥ 0)");
}

/** Serialises one value to JSON, refusing what JSON cannot carry faithfully. */
export function toJson(value: unknown, path: string): string {
  const seen = new Set<unknown>();
  const check = (v: unknown, at: string): void => {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return;
      case 'number':
        if (!Number.isFinite(v)) throw InvalidAppendError.field(at, 'is not a finite number');
        return;
      case 'undefined':
        return; // dropped by JSON inside objects, like JSON.stringify does
      case 'object': {
        if (v === null) return;
        if (seen.has(v)) throw InvalidAppendError.field(at, 'contains a circular reference');
        const proto = Object.getPrototypeOf(v);
        if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) {
          throw InvalidAppendError.field(at, 'must be a plain object, array, string, number, boolean or null');
        }
        seen.add(v);
        if (Array.isArray(v)) v.forEach((x, i) => check(x, `${at}.${i}`));
        else for (const [k, x] of Object.entries(v)) check(x, `${at}.${k}`);
        seen.delete(v);
        return;
      }
      default:
        throw InvalidAppendError.field(at, `holds a ${typeof v}, which is not JSON-serialisable`);
    }
  };
  check(value, path);
  const json = JSON.stringify(value ?? null);
  // Postgres jsonb cannot hold \u0000; refuse it everywhere so every adapter behaves the same.
  if (json.includes('\\u0000')) throw InvalidAppendError.field(path, 'contains a NUL character');
  return json;
}

export interface SerializedEvent {
  eventId: string;
  type: string;
  data: string;
  metadata: string;
}

/** Validates a whole append before anything is written, and serialises each event once. */
export function validateAppend(streamId: unknown, events: unknown, expected: unknown): SerializedEvent[] {
  assertStreamId(streamId);
  assertExpectedRevision(expected);
  if (!Array.isArray(events) || events.length === 0) {
    throw InvalidAppendError.field('events', 'must be a non-empty array');
  }
  const ids = new Set<string>();
  return events.map((e: NewEvent, i) => {
    if (typeof e !== 'object' || e === null) throw InvalidAppendError.field(['events', i], 'must be an object');
    if (typeof e.eventId !== 'string' || !UUID.test(e.eventId)) {
      throw InvalidAppendError.field(['events', i, 'eventId'], 'must be a UUID');
    }
    const eventId = e.eventId.toLowerCase();
    if (ids.has(eventId)) throw InvalidAppendError.field(['events', i, 'eventId'], 'is repeated within the append');
    ids.add(eventId);
    if (typeof e.type !== 'string' || !EVENT_TYPE.test(e.type) || e.type.length > 100) {
      throw InvalidAppendError.field(['events', i, 'type'], 'must be a PascalCase name');
    }
    const data = toJson(e.data, `events.${i}.data`);
    const metadata = toJson(e.metadata ?? {}, `events.${i}.metadata`);
    if (e.metadata !== undefined && (typeof e.metadata !== 'object' || e.metadata === null || Array.isArray(e.metadata))) {
      throw InvalidAppendError.field(['events', i, 'metadata'], 'must be an object');
    }
    const size = Buffer.byteLength(data) + Buffer.byteLength(metadata);
    if (size > MAX_EVENT_BYTES) {
      throw InvalidAppendError.field(['events', i], `is ${size} bytes; the limit is ${MAX_EVENT_BYTES} bytes (1 MB)`);
    }
    return { eventId, type: e.type, data, metadata };
  });
}
