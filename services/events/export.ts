import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { EventStore, RecordedEvent } from '../../eventstore/port';

/**
 * The event-log export format: NDJSON, one event per line in global order, with the keys always in this order:
 *   {"position":"1","eventId":"…","streamId":"issue-…","revision":"0","type":"ReportSubmitted","data":{…},"metadata":{…},"recordedAt":"2026-…Z"}
 * - position and revision are decimal strings (bigints never pass through Number);
 * - data and metadata are canonical JSON (see exportJson): the same event always gives the same bytes, whichever
 *   store it was read from;
 * - recordedAt is ISO-8601 UTC with milliseconds (the store's microseconds, if any, are not kept).
 */
export const EXPORT_KEYS = ['position', 'eventId', 'streamId', 'revision', 'type', 'data', 'metadata', 'recordedAt'] as const;

const ASCII = /^[\x00-\x7f]*$/;

/** The key order of Postgres jsonb: shorter keys (in UTF-8 bytes) first, then bytewise. */
function keyOrder(a: string, b: string): number {
  if (ASCII.test(a) && ASCII.test(b)) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length - y.length || Buffer.compare(x, y);
}

function inKeyOrder(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(inKeyOrder);
  let previous: string | undefined;
  for (const key in value) {
    if (previous !== undefined && keyOrder(previous, key) >= 0) return false;
    if (!inKeyOrder((value as Record<string, unknown>)[key])) return false;
    previous = key;
  }
  return true;
}

function orderedJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(orderedJson).join(',')}]`;
  const object = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(object).sort(keyOrder)) {
    if (object[key] !== undefined) parts.push(`${JSON.stringify(key)}:${orderedJson(object[key])}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * JSON with the object keys in one canonical order at every level: that of Postgres jsonb, so a value read from the
 * Postgres store (already in that order) is serialised natively, and a value from any other store gets the same bytes.
 */
export function exportJson(value: unknown): string {
  return inKeyOrder(value) ? (JSON.stringify(value) ?? 'null') : orderedJson(value);
}

/** One line of the export, with its newline. */
export function exportLine(e: RecordedEvent): string {
  return (
    `{"position":"${e.position}","eventId":${JSON.stringify(e.eventId)},"streamId":${JSON.stringify(e.streamId)},` +
    `"revision":"${e.revision}","type":${JSON.stringify(e.type)},"data":${exportJson(e.data)},` +
    `"metadata":${exportJson(e.metadata)},"recordedAt":"${e.recordedAt.toISOString()}"}\n`
  );
}

export interface ExportProgress {
  events: number;
  position: bigint;
  /** The head of the log when the export started: the export stops there. */
  head: bigint;
}

export interface ExportOptions {
  batchSize?: number;
  onProgress?: (progress: ExportProgress) => void;
}

export interface ExportResult {
  events: number;
  bytes: number;
  head: bigint;
  seconds: number;
}

/**
 * Writes the log, from the start up to the head at the time of the call, to `out`. Reads through the port in batches
 * (the next batch is read while the current one is written) and honours back-pressure, so memory stays flat whatever
 * the size of the log. Works on every adapter.
 */
export async function exportEvents(store: EventStore, out: Writable, options: ExportOptions = {}): Promise<ExportResult> {
  const batchSize = options.batchSize ?? 5000;
  const started = process.hrtime.bigint();
  const head = await store.headPosition();
  let events = 0;
  let bytes = 0;
  let after = 0n;
  let next = head > 0n ? store.readAll({ after, maxCount: batchSize }) : Promise.resolve([]);
  for (;;) {
    const batch = (await next).filter((e) => e.position <= head);
    if (batch.length === 0) break;
    after = batch[batch.length - 1].position;
    const done = after >= head;
    next = done ? Promise.resolve([]) : store.readAll({ after, maxCount: batchSize });
    next.catch(() => {}); // reported when awaited
    const chunk = batch.map(exportLine).join('');
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
    events += batch.length;
    options.onProgress?.({ events, position: after, head });
    if (done) break;
  }
  return { events, bytes, head, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
