import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { EventStore, ExpectedRevision, RecordedEvent } from '../../eventstore/port';
import { IdempotencyConflictError } from '../../eventstore/errors';
import { exportJson } from './export';

/** Where a migration into one target has got to: every source event up to `position` is in the target. */
export interface MigrationCheckpoint {
  load(): Promise<{ position: bigint; events: number } | undefined>;
  save(position: bigint, events: number): Promise<void>;
}

/** The checkpoint of the migration into `target` (an address without credentials), in the source database. */
export function postgresCheckpoint(pool: Pool, target: string): MigrationCheckpoint {
  return {
    load: async () => {
      const { rows } = await pool.query<{ position: string; events: string }>('SELECT "position", events FROM migration_checkpoints WHERE target = $1', [target]);
      return rows.length ? { position: BigInt(rows[0].position), events: Number(rows[0].events) } : undefined;
    },
    save: async (position, events) => {
      await pool.query(
        `INSERT INTO migration_checkpoints (target, "position", events) VALUES ($1, $2, $3)
         ON CONFLICT (target) DO UPDATE SET "position" = excluded."position", events = excluded.events, updated_at = now()`,
        [target, position.toString(), events],
      );
    },
  };
}

/** The address of a store without its password, to name a migration target. */
export function redactedAddress(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '';
  return u.toString();
}

export class MigrationInterruptedError extends Error {
  constructor(readonly position: bigint, readonly events: number) {
    super(`migration interrupted after ${events} events (source position ${position}); run it again to resume`);
    this.name = 'MigrationInterruptedError';
  }
}

export interface MigrationProgress {
  /** Source events handled so far in this run (copied or found already there). */
  events: number;
  copied: number;
  alreadyThere: number;
  position: bigint;
  /** The source head when the run started. */
  head: bigint;
}

export interface MigrateOptions {
  source: EventStore;
  target: EventStore;
  checkpoint: MigrationCheckpoint;
  /** Source events read per batch; the checkpoint is saved after each batch. */
  batchSize?: number;
  /** Stops between two appends; the checkpoint is saved and MigrationInterruptedError thrown. */
  signal?: AbortSignal;
  onProgress?: (progress: MigrationProgress) => void;
}

export interface MigrateResult {
  /** The checkpoint this run started from (0n: from the start). */
  resumedFrom: bigint;
  copied: number;
  alreadyThere: number;
  /** The last source position copied: the whole source log up to here is in the target. */
  position: bigint;
  seconds: number;
}

const expectedBefore = (e: RecordedEvent): ExpectedRevision => (e.revision === 0n ? 'no_stream' : e.revision - 1n);
const toNew = (e: RecordedEvent) => ({ eventId: e.eventId, type: e.type, data: e.data, metadata: e.metadata });

/** Runs of consecutive events of one stream, in log order: each run is one append. */
function runs(events: RecordedEvent[]): RecordedEvent[][] {
  const out: RecordedEvent[][] = [];
  for (const e of events) {
    const last = out[out.length - 1];
    if (last && last[0].streamId === e.streamId) last.push(e);
    else out.push([e]);
  }
  return out;
}

/**
 * Where to start: after the checkpoint, if the target really holds the source event at the checkpoint (a target
 * that was wiped or replaced since is copied again from the start; its idempotency makes that safe).
 */
async function resumePoint(options: MigrateOptions): Promise<{ position: bigint; events: number }> {
  const saved = await options.checkpoint.load();
  if (!saved || saved.position === 0n) return { position: 0n, events: 0 };
  const [atCheckpoint] = await options.source.readAll({ after: saved.position - 1n, maxCount: 1 });
  if (atCheckpoint?.position !== saved.position) return { position: 0n, events: 0 };
  const [inTarget] = await options.target.readStream(atCheckpoint.streamId, { fromRevision: atCheckpoint.revision, maxCount: 1 });
  return inTarget?.eventId === atCheckpoint.eventId ? saved : { position: 0n, events: 0 };
}

/**
 * Copies the source log into the target through the EventStore port, so any adapter pair works (Postgres into
 * KurrentDB in production; Postgres into another Postgres database in the tests):
 * - one append per run of consecutive events of a stream, in source log order, with the same event ids, types, data
 *   and metadata, and the expected revision the event had in the source: stream revisions are the same in the target;
 * - resumable: a checkpoint is saved after every batch (and on interruption); a resumed run starts after it, and the
 *   few events copied after the last checkpoint are recognised by the target's idempotency on event ids;
 * - copies until the source has nothing newer, so running it again after writers stopped copies the tail.
 * The recorded time of an event in the target is the time of the copy (the domain's time is metadata.occurredAt).
 */
export async function migrateEvents(options: MigrateOptions): Promise<MigrateResult> {
  const { source, target, checkpoint, signal } = options;
  const batchSize = options.batchSize ?? 500;
  const started = process.hrtime.bigint();
  const head = await source.headPosition();
  const from = await resumePoint(options);
  let position = from.position;
  let total = from.events;
  let copied = 0;
  let alreadyThere = 0;

  const append = async (run: RecordedEvent[]): Promise<void> => {
    const stream = run[0].streamId;
    try {
      const result = await target.append(stream, run.map(toNew), expectedBefore(run[0]));
      if (result.idempotentReplay) alreadyThere += run.length;
      else copied += run.length;
    } catch (error) {
      // After a resume, a run may straddle events copied before the interruption and new ones: go one by one.
      if (!(error instanceof IdempotencyConflictError) || run.length === 1) throw error;
      for (const e of run) await append([e]);
    }
  };

  let next = source.readAll({ after: position, maxCount: batchSize });
  for (;;) {
    const batch = await next;
    if (batch.length === 0) break;
    next = source.readAll({ after: batch[batch.length - 1].position, maxCount: batchSize });
    next.catch(() => {}); // reported when awaited
    for (const run of runs(batch)) {
      if (signal?.aborted) {
        await checkpoint.save(position, total);
        throw new MigrationInterruptedError(position, total);
      }
      await append(run);
      position = run[run.length - 1].position;
      total += run.length;
    }
    await checkpoint.save(position, total);
    options.onProgress?.({ events: copied + alreadyThere, copied, alreadyThere, position, head });
  }
  return { resumedFrom: from.position, copied, alreadyThere, position, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** Count and order-independent digest (XOR of per-event SHA-256) of one stream's events. */
interface StreamDigest {
  count: number;
  digest: Buffer;
}

function eventDigest(e: RecordedEvent): Buffer {
  return createHash('sha256')
    .update(`${e.streamId}\n${e.revision}\n${e.eventId}\n${e.type}\n${exportJson(e.data)}\n${exportJson(e.metadata)}`)
    .digest();
}

function fold(digests: Map<string, StreamDigest>, e: RecordedEvent): void {
  let d = digests.get(e.streamId);
  if (!d) digests.set(e.streamId, (d = { count: 0, digest: Buffer.alloc(32) }));
  d.count++;
  const h = eventDigest(e);
  for (let i = 0; i < 32; i++) d.digest[i] ^= h[i];
}

async function scan(store: EventStore, visit: (e: RecordedEvent) => boolean | void, batchSize: number): Promise<void> {
  for (let after = 0n; ; ) {
    const batch = await store.readAll({ after, maxCount: batchSize });
    if (batch.length === 0) return;
    for (const e of batch) if (visit(e) === false) return;
    after = batch[batch.length - 1].position;
  }
}

export interface VerifyResult {
  streams: number;
  events: number;
  /** Streams whose count or digest differ between source and target (at most 20 listed). */
  mismatches: { streamId: string; sourceEvents: number; targetEvents: number }[];
  /** XOR of every stream digest of the source, hex: equal on both sides when the copy is exact. */
  digest: string;
  ok: boolean;
}

/**
 * Verifies a copy: for every stream of the source log up to `upTo`, the target holds the same number of events and
 * the same digest of (stream, revision, event id, type, data, metadata). The target may hold other streams too.
 */
export async function verifyMigration(source: EventStore, target: EventStore, upTo: bigint, batchSize = 5000): Promise<VerifyResult> {
  const expected = new Map<string, StreamDigest>();
  await scan(source, (e) => (e.position > upTo ? false : fold(expected, e)), batchSize);
  const actual = new Map<string, StreamDigest>();
  await scan(target, (e) => void (expected.has(e.streamId) && fold(actual, e)), batchSize);

  const total = Buffer.alloc(32);
  let events = 0;
  const mismatches: VerifyResult['mismatches'] = [];
  let bad = 0;
  for (const [streamId, want] of expected) {
    events += want.count;
    for (let i = 0; i < 32; i++) total[i] ^= want.digest[i];
    const got = actual.get(streamId);
    if (got && got.count === want.count && got.digest.equals(want.digest)) continue;
    bad++;
    if (mismatches.length < 20) mismatches.push({ streamId, sourceEvents: want.count, targetEvents: got?.count ?? 0 });
  }
  return { streams: expected.size, events, mismatches, digest: total.toString('hex'), ok: bad === 0 };
}
