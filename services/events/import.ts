import readline from 'node:readline';
import type { Readable } from 'node:stream';
import type { Pool } from 'pg';
import { ConflictError, ValidationError } from '../../domain/errors';
import { MAX_EVENT_BYTES, STREAM_ID_PATTERN } from '../../eventstore/port';
import { NOTIFY_CHANNEL } from '../../eventstore/postgres/postgres-event-store';
import { HASH_KEY, recomputeHash } from '../../eventstore/hash-chain';
import { EXPORT_KEYS } from './export';

/** A line of the file is not a valid exported event (or does not fit the log). Nothing of its batch was written. */
export class ImportLineError extends ValidationError {
  constructor(readonly line: number, reason: string) {
    super(`line ${line}: ${reason}`, [{ path: ['line', line], message: reason }]);
  }
}

/** A line's event id (or stream revision) is already stored with other content. Nothing of its batch was written. */
export class ImportConflictError extends ConflictError {
  constructor(readonly line: number, reason: string) {
    super(`line ${line}: ${reason}`);
  }
}

const POSITION = /^[1-9][0-9]{0,18}$/;
const REVISION = /^(?:0|[1-9][0-9]{0,18})$/;
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EVENT_TYPE = /^[A-Z][A-Za-z0-9]{0,99}$/; // the rule of eventstore/validate.ts
const MAX_BIGINT = 9223372036854775807n;
/** An exported event may be 1 MB of data and metadata; the rest of its line is well under 1 KB. */
const MAX_LINE_BYTES = MAX_EVENT_BYTES + 1024;

interface ParsedLine {
  position: bigint;
}

/**
 * Checks one line of an export file: exactly the export's keys, each well-typed, under the rules of an append (stream
 * id, event id, type, metadata an object, no NUL character, size); positions strictly increase; an event carrying a
 * tamper-evidence hash must match it (the links between hashes are kept as they are, for `verify` to check). Data and
 * metadata are JSON by construction (the line was parsed).
 */
export function parseExportLine(text: string, line: number, previousPosition: bigint): ParsedLine {
  const fail = (reason: string): never => {
    throw new ImportLineError(line, reason);
  };
  if (text.length > MAX_LINE_BYTES / 4 && Buffer.byteLength(text) > MAX_LINE_BYTES) fail(`is longer than ${MAX_LINE_BYTES} bytes (events are at most 1 MB)`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('must be a JSON object');
  const e = value as Record<string, unknown>;
  for (const key of EXPORT_KEYS) if (!(key in e)) fail(`"${key}" is missing`);
  const extra = Object.keys(e).find((k) => !(EXPORT_KEYS as readonly string[]).includes(k));
  if (extra !== undefined) fail(`unknown key "${extra.slice(0, 40)}"`);

  if (typeof e.position !== 'string' || !POSITION.test(e.position) || BigInt(e.position) > MAX_BIGINT) fail('"position" must be a positive integer in a string');
  const position = BigInt(e.position as string);
  if (position <= previousPosition) fail(`"position" ${position} does not follow the previous line's ${previousPosition}`);
  if (typeof e.eventId !== 'string' || !CANONICAL_UUID.test(e.eventId)) fail('"eventId" must be a lower-case UUID');
  if (typeof e.streamId !== 'string' || e.streamId.length > 200 || !STREAM_ID_PATTERN.test(e.streamId)) {
    fail('"streamId" must look like "<category>-<id>" (lower-case category, at most 200 characters)');
  }
  if (typeof e.revision !== 'string' || !REVISION.test(e.revision) || BigInt(e.revision) > MAX_BIGINT) fail('"revision" must be an integer ≥ 0 in a string');
  if (typeof e.type !== 'string' || !EVENT_TYPE.test(e.type)) fail('"type" must be a PascalCase name of at most 100 characters');
  if (typeof e.metadata !== 'object' || e.metadata === null || Array.isArray(e.metadata)) fail('"metadata" must be an object');
  if (typeof e.recordedAt !== 'string' || Number.isNaN(Date.parse(e.recordedAt)) || new Date(e.recordedAt).toISOString() !== e.recordedAt) {
    fail('"recordedAt" must be an ISO-8601 UTC time with milliseconds, as exported (e.g. 2026-10-09T04:00:00.000Z)');
  }
  if (text.includes('\\u0000')) fail('contains a NUL character (\\u0000), which the event log cannot store');
  const metadata = e.metadata as Record<string, unknown>;
  if (HASH_KEY in metadata) {
    const event = { streamId: e.streamId as string, revision: BigInt(e.revision as string), position, eventId: e.eventId as string, type: e.type as string, data: e.data, metadata };
    if (recomputeHash(event) !== metadata[HASH_KEY]) fail('its tamper-evidence hash (metadata.hash) does not match its content: the event was altered');
  }
  return { position };
}

export interface ImportProgress {
  lines: number;
  inserted: number;
  existing: number;
  /** Bytes of input read so far. */
  bytes: number;
}

export interface ImportOptions {
  /** Lines per transaction. */
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportResult {
  lines: number;
  /** Events written by this import. */
  inserted: number;
  /** Events already stored with the same content (skipped). */
  existing: number;
  seconds: number;
}

interface ImportRow {
  out_inserted: number;
  out_existing: number;
}

/**
 * Imports an export file into the Postgres event log (migrations/004-import.ts), keeping positions, ids, streams,
 * revisions, metadata and recorded times, in transactions of `batchSize` lines.
 * - Every line is checked before its batch is sent; a bad line stops the import, and its batch is not written.
 *   Batches committed before it are kept: fix the file and import it again, and the import goes on where it stopped.
 * - Idempotent: events already stored with the same content are skipped, so importing a file twice writes nothing.
 *   An event id (or stream revision) stored with other content is an ImportConflictError.
 * - One batch is written while the next one is read and checked.
 */
export async function importEvents(pool: Pool, input: Readable, options: ImportOptions = {}): Promise<ImportResult> {
  const batchSize = Math.max(1, options.batchSize ?? 1000);
  const started = process.hrtime.bigint();
  let bytes = 0;
  input.on('data', (chunk: Buffer | string) => (bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length));
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  const totals = { lines: 0, inserted: 0, existing: 0 };

  const write = async (firstLine: number, batch: string[]): Promise<void> => {
    let row: ImportRow;
    try {
      const result = await pool.query<ImportRow>(
        `SELECT r.out_inserted, r.out_existing, CASE WHEN r.out_inserted > 0 THEN pg_notify($3, r.out_last_position::text) END AS notified
           FROM dlxh_import($1, $2::jsonb) r`,
        [firstLine, `[${batch.join(',')}]`, NOTIFY_CHANNEL],
      );
      row = result.rows[0];
    } catch (error) {
      throw translate(error, firstLine);
    }
    totals.lines += batch.length;
    totals.inserted += row.out_inserted;
    totals.existing += row.out_existing;
    options.onProgress?.({ ...totals, bytes });
  };

  let pending: Promise<void> = Promise.resolve();
  let batch: string[] = [];
  let firstLine = 1;
  let lineNo = 0;
  let previous = 0n;
  const flush = async () => {
    await pending; // at most one batch in flight, and batches commit in file order
    if (batch.length === 0) return;
    pending = write(firstLine, batch);
    pending.catch(() => {}); // reported when awaited
    batch = [];
    firstLine = lineNo + 1;
  };
  try {
    for await (const text of lines) {
      lineNo++;
      previous = parseExportLine(text, lineNo, previous).position;
      batch.push(text);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    await pending;
  } catch (error) {
    // A batch already sent failed earlier in the file than a bad line found while it was in flight: report that one.
    await pending;
    throw error;
  } finally {
    lines.close();
  }
  return { ...totals, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

function translate(error: unknown, firstLine: number): unknown {
  const e = error as { code?: string; detail?: string; message?: string };
  const line = Number(e.detail ?? firstLine);
  if (e.code === 'DX004') return new ImportConflictError(line, e.message ?? 'conflict');
  if (e.code === 'DX005' || e.code === 'DX006') return new ImportLineError(line, e.message ?? 'rejected');
  return error;
}
