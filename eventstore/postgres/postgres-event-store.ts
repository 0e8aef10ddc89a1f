import { Client, Pool, PoolClient } from 'pg';
import { EventEmitter } from 'node:events';
import {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../port';
import { IdempotencyConflictError, InvalidAppendError, WrongExpectedRevisionError } from '../errors';
import { assertStreamId, SerializedEvent, validateAppend } from '../validate';
import { chainAppend, ChainHead, EMPTY_HEAD, headOf } from '../hash-chain';

export const NOTIFY_CHANNEL = 'dlxh_events';

export interface PostgresEventStoreOptions {
  pool: Pool;
  /** Used to open the one dedicated LISTEN connection. Defaults to the pool's own settings. */
  listenConnectionString?: string;
  /** Upper bound of the retry delay while a lower position is still being committed by another writer. */
  maxHoldbackDelayMs?: number;
  /** How long readAll and headPosition wait for an older open transaction before returning the stable prefix. */
  maxHoldbackWaitMs?: number;
}

interface EventRow {
  position: string;
  stream_id: string;
  revision: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  event_id: string;
  recorded_at: Date;
}

const COLUMNS = 'position, stream_id, revision, type, data, metadata, event_id, recorded_at';

function toRecorded(row: EventRow): RecordedEvent {
  return {
    position: BigInt(row.position),
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    eventId: row.event_id,
    recordedAt: row.recorded_at,
  };
}

/** One JSON array for the whole append, assembled from the already-serialised parts (no second stringify). */
export function eventsJson(rows: SerializedEvent[]): string {
  return `[${rows.map((r) => `{"eventId":"${r.eventId}","type":"${r.type}","data":${r.data},"metadata":${r.metadata}}`).join(',')}]`;
}

/** The actual chain head when dlxh_append refused because the stream's head moved (DX007), else undefined. */
function chainHeadMoved(error: unknown): ChainHead | undefined {
  const e = error as { code?: string; detail?: string };
  if (e.code !== 'DX007' || typeof e.detail !== 'string') return undefined;
  const [revision, hash] = e.detail.split(' ');
  return { revision: BigInt(revision), hash: hash ? hash : null };
}

function expectedToText(expected: ExpectedRevision): string {
  return typeof expected === 'bigint' ? expected.toString() : expected;
}

const DEFAULT_BATCH = 500;
/** How many times an append rehashes against a chain head that moved (another process wrote the stream meanwhile). */
const MAX_CHAIN_RETRIES = 10;
/** Chain heads remembered per stream (least recently used ones are forgotten). */
const MAX_CACHED_HEADS = 10_000;
/** Appends within this window share one NOTIFY; subscribers in the same process are woken at once regardless. */
const NOTIFY_COALESCE_MS = 2;

/**
 * The event store on a plain Postgres `events` table (see migrations/001-events.ts for the gap-safety design).
 * Live subscriptions wake up on LISTEN/NOTIFY; appenders send one coalesced NOTIFY after their commits.
 */
export class PostgresEventStore implements EventStore {
  readonly name = 'postgres';
  private readonly pool: Pool;
  private readonly listenConnectionString?: string;
  private readonly maxHoldbackDelayMs: number;
  private readonly maxHoldbackWaitMs: number;
  private readonly wakeups = new EventEmitter();
  private listener?: Promise<Client>;
  private notifyPending?: bigint;
  private notifying = false;
  private closed = false;
  private readonly subscriptions = new Set<Subscription>();
  /** Hash chain (eventstore/hash-chain.ts): the last revision and hash of streams this process wrote or read. */
  private readonly heads = new Map<string, ChainHead>();
  /** Appends to one stream from this process run one at a time, so each hashes against the head the previous one left. */
  private readonly streamQueues = new Map<string, Promise<unknown>>();

  constructor(options: PostgresEventStoreOptions) {
    this.pool = options.pool;
    this.listenConnectionString = options.listenConnectionString;
    this.maxHoldbackDelayMs = options.maxHoldbackDelayMs ?? 200;
    this.maxHoldbackWaitMs = options.maxHoldbackWaitMs ?? 2000;
    this.wakeups.setMaxListeners(0);
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const rows = validateAppend(streamId, events, expected);
    const previous = this.streamQueues.get(streamId);
    const mine = (previous ?? Promise.resolve()).catch(() => undefined).then(() => this.appendChained(streamId, events, rows, expected));
    this.streamQueues.set(streamId, mine);
    try {
      return await mine;
    } finally {
      if (this.streamQueues.get(streamId) === mine) this.streamQueues.delete(streamId);
    }
  }

  /**
   * Hashes the events against the chain head this process believes current and appends them in one call; when
   * dlxh_append reports that the head moved (DX007, see migrations/005-hash-chain.ts), rehashes against the actual
   * head it reports and tries again.
   */
  private async appendChained(streamId: string, events: NewEvent[], rows: SerializedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    let head = this.guessHead(streamId, expected);
    for (let attempt = 0; ; attempt++) {
      const chained = chainAppend(streamId, head, events, rows);
      let result;
      try {
        // now() is the transaction's start: the recorded_at of every row this append writes.
        result = await this.pool.query<{ out_revision: string; out_position: string; out_replay: boolean; recorded_at: Date }>(
          'SELECT a.*, now() AS recorded_at FROM dlxh_append($1, $2, $3::jsonb, $4, $5) a',
          [streamId, expectedToText(expected), eventsJson(chained.rows), head.revision.toString(), head.hash],
        );
      } catch (error) {
        const actual = chainHeadMoved(error);
        if (actual !== undefined) {
          this.rememberHead(streamId, actual, true);
          if (attempt < MAX_CHAIN_RETRIES) {
            head = actual;
            continue;
          }
          throw new WrongExpectedRevisionError(streamId, expectedToText(expected), actual.revision < 0n ? 'no_stream' : actual.revision);
        }
        throw this.translate(error, streamId, expected, rows[0].eventId);
      }
      const row = result.rows[0];
      const out: AppendResult = {
        nextExpectedRevision: BigInt(row.out_revision),
        position: BigInt(row.out_position),
        idempotentReplay: row.out_replay,
      };
      if (!out.idempotentReplay) {
        this.rememberHead(streamId, chained.head);
        this.scheduleNotify(out.position);
        // One INSERT under the append lock draws consecutive positions (test/contract/postgres.test.ts checks it).
        const n = BigInt(events.length);
        out.recorded = events.map((e, i) => ({
          eventId: rows[i].eventId,
          streamId,
          revision: out.nextExpectedRevision - n + 1n + BigInt(i),
          position: out.position - n + 1n + BigInt(i),
          type: e.type,
          data: e.data ?? null,
          metadata: chained.metadata[i],
          recordedAt: row.recorded_at,
        }));
      }
      return out;
    }
  }

  /** The chain head to hash against: the remembered one when it fits the expected revision. */
  private guessHead(streamId: string, expected: ExpectedRevision): ChainHead {
    if (expected === 'no_stream') return EMPTY_HEAD;
    const known = this.heads.get(streamId);
    if (typeof expected === 'bigint') return known?.revision === expected ? known : { revision: expected, hash: null };
    return known ?? EMPTY_HEAD;
  }

  /** Remembers a stream's chain head; an older one than known is ignored unless the database just reported it. */
  private rememberHead(streamId: string, head: ChainHead, actual = false): void {
    const known = this.heads.get(streamId);
    if (!actual && known !== undefined && known.revision > head.revision) return;
    this.heads.delete(streamId);
    this.heads.set(streamId, head);
    if (this.heads.size > MAX_CACHED_HEADS) this.heads.delete(this.heads.keys().next().value!);
  }

  private translate(error: unknown, streamId: string, expected: ExpectedRevision, firstEventId: string): unknown {
    const e = error as { code?: string; detail?: string; constraint?: string };
    if (e.code === 'DX001') {
      const actual = e.detail === 'no_stream' || e.detail === undefined ? 'no_stream' : BigInt(e.detail);
      return new WrongExpectedRevisionError(streamId, expectedToText(expected), actual);
    }
    if (e.code === 'DX002' || (e.code === '23505' && e.constraint === 'events_event_id_unique')) {
      return new IdempotencyConflictError(streamId, firstEventId);
    }
    if (e.code === '23505' && e.constraint === 'events_stream_revision_unique') {
      return new WrongExpectedRevisionError(streamId, expectedToText(expected), 'no_stream');
    }
    if (e.code === 'DX003') {
      return new Error('dlxh_append was called inside a transaction that had already written; appends must start their own transaction');
    }
    if (e.code === '54000' || e.code === '22P05') {
      return InvalidAppendError.field('events', 'cannot be stored by Postgres (too large or unsupported characters)');
    }
    return error;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamId(streamId);
    const backwards = options.direction === 'backwards';
    const params: unknown[] = [streamId];
    let where = 'stream_id = $1';
    if (options.fromRevision !== undefined) {
      params.push(options.fromRevision.toString());
      where += backwards ? ` AND revision <= $2` : ` AND revision >= $2`;
    }
    let sql = `SELECT ${COLUMNS} FROM events WHERE ${where} ORDER BY revision ${backwards ? 'DESC' : 'ASC'}`;
    if (options.maxCount !== undefined) {
      params.push(Math.max(0, Math.floor(options.maxCount)));
      sql += ` LIMIT $${params.length}`;
    }
    const { rows } = await this.pool.query<EventRow>(sql, params);
    const events = rows.map(toRecorded);
    const last = backwards ? events[0] : events[events.length - 1];
    if (last !== undefined) this.rememberHead(streamId, headOf(last));
    return events;
  }

  /**
   * Reads committed events after a position. When committed events exist beyond an append that is still open
   * (see dlxh_read_horizon in migrations/001-events.ts), it waits briefly for that append to finish,
   * so a caller reading "to the end" sees every event committed before it asked; after `maxHoldbackWaitMs` it returns
   * the stable prefix it has.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? 0n;
    const maxCount = options.maxCount ?? DEFAULT_BATCH;
    const deadline = Date.now() + this.maxHoldbackWaitMs;
    for (let delay = 1; ; delay = Math.min(delay * 2, 50)) {
      const { events, heldBack } = await this.readSafe(after, maxCount, this.pool);
      if (!heldBack || events.length >= maxCount || Date.now() >= deadline) return events;
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  /**
   * Reads the stable prefix of the log after `after`: only rows below the read horizon (no append still in flight
   * can commit below them).
   * `heldBack` says whether committed rows exist beyond what was returned but could not be returned yet
   * because an older transaction is still open (the caller retries shortly).
   */
  private async readSafe(
    after: bigint,
    maxCount: number,
    db: Pool | PoolClient,
    types?: readonly string[],
  ): Promise<{ events: RecordedEvent[]; heldBack: boolean; through: bigint }> {
    const limit = Math.max(1, Math.floor(maxCount));
    // With `types`, the page holds only those types and `through` is how far the scan got: the last row of a full
    // page, else the stable head (every row up to it lies below the horizon, since position order is xid order).
    const { rows } = await db.query<EventRow & { held_back: boolean; through: string | null }>(
      `WITH horizon AS MATERIALIZED (SELECT dlxh_read_horizon() AS h),
            page AS (SELECT ${COLUMNS} FROM events, horizon
                      WHERE position > $1 AND (horizon.h IS NULL OR tx_id < horizon.h) AND ($3::text[] IS NULL OR type = ANY ($3))
                      ORDER BY position LIMIT $2),
            scanned AS MATERIALIZED (
              SELECT CASE WHEN $3::text[] IS NULL OR (SELECT count(*) FROM page) = $2 THEN (SELECT max(position) FROM page)
                          ELSE (SELECT max(position) FROM events, horizon WHERE horizon.h IS NULL OR tx_id < horizon.h) END AS through)
       SELECT page.*, NULL::boolean AS held_back, NULL::bigint AS through FROM page
       UNION ALL
       -- Held back: committed rows beyond this page that an append still in flight keeps from being read. Only looked
       -- for when an append is in flight and the page is not full (the rows beyond are then the few newest ones).
       SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
              CASE WHEN (SELECT h FROM horizon) IS NULL OR (SELECT count(*) FROM page) = $2 THEN false
                   ELSE EXISTS (SELECT 1 FROM events, horizon
                                 WHERE position > coalesce((SELECT through FROM scanned), $1) AND tx_id >= horizon.h) END,
              (SELECT through FROM scanned)
       ORDER BY position NULLS LAST`,
      [after.toString(), limit, types ? [...types] : null],
    );
    const tail = rows.pop()!;
    const through = tail.through === null ? after : BigInt(tail.through);
    return { events: rows.map(toRecorded), heldBack: tail.held_back, through: through > after ? through : after };
  }

  /** The last position a gap-safe reader can see, waiting briefly (as readAll does) for an older open transaction. */
  async headPosition(): Promise<bigint> {
    const deadline = Date.now() + this.maxHoldbackWaitMs;
    for (let delay = 1; ; delay = Math.min(delay * 2, 50)) {
      const { rows } = await this.pool.query<{ head: string | null; held_back: boolean }>(
        `WITH horizon AS (SELECT coalesce(dlxh_read_horizon(), '18446744073709551615'::xid8) AS xmin),
              head AS (SELECT max(position) AS head FROM events, horizon WHERE tx_id < horizon.xmin)
         SELECT head.head, EXISTS (SELECT 1 FROM events, horizon WHERE position > coalesce(head.head, 0) AND tx_id >= horizon.xmin) AS held_back
           FROM head`,
      );
      if (!rows[0].held_back || Date.now() >= deadline) return rows[0].head === null ? 0n : BigInt(rows[0].head);
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  /** Sends one NOTIFY for many appends: at most one in flight, carrying the highest position seen. */
  private scheduleNotify(position: bigint): void {
    if (this.notifyPending === undefined || position > this.notifyPending) this.notifyPending = position;
    this.wakeups.emit('wake'); // subscribers in this process need no round trip
    if (this.notifying) return;
    this.notifying = true;
    setTimeout(async () => {
      while (this.notifyPending !== undefined && !this.closed) {
        const p = this.notifyPending;
        this.notifyPending = undefined;
        try {
          await this.pool.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, p.toString()]);
        } catch {
          // The append itself committed; a lost wake-up only delays live subscribers until the next one.
        }
      }
      this.notifying = false;
    }, NOTIFY_COALESCE_MS);
  }

  private ensureListener(): Promise<Client> {
    if (!this.listener) {
      this.listener = (async () => {
        const opts = this.listenConnectionString ? { connectionString: this.listenConnectionString } : this.pool.options;
        const client = new Client({ ...opts, application_name: 'dlxh-listen' });
        client.on('notification', () => this.wakeups.emit('wake'));
        client.on('error', (error) => {
          this.listener = undefined;
          this.wakeups.emit('listener-error', error);
        });
        await client.connect();
        await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
        return client;
      })();
      this.listener.catch(() => (this.listener = undefined));
    }
    return this.listener;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    let position = options.after ?? 0n;
    let stopped = false;
    let dirty = true;
    let wake: (() => void) | undefined;
    const onWake = () => {
      dirty = true;
      wake?.();
    };
    const onListenerError = (error: Error) => fail(error);
    let fail: (error: Error) => void = () => {};
    const subscription = { done: Promise.resolve(), close: async () => {} } as { done: Promise<void>; close(): Promise<void> };

    const done = (async () => {
      this.wakeups.on('wake', onWake);
      this.wakeups.on('listener-error', onListenerError);
      const failed = new Promise<never>((_, reject) => (fail = reject));
      failed.catch(() => {});
      try {
        await Promise.race([this.ensureListener(), failed]);
        let caughtUp = false;
        let holdbackDelay = 1;
        while (!stopped) {
          dirty = false;
          const { events, heldBack, through } = await Promise.race([this.readSafe(position, batchSize, this.pool, options.types), failed]);
          if (stopped) break;
          if (through > position) {
            await options.onEvents(events, through);
            position = through;
            holdbackDelay = 1;
            continue;
          }
          if (!caughtUp) {
            caughtUp = true;
            options.onCaughtUp?.(position);
          }
          if (dirty) continue;
          // Nothing new: sleep until a NOTIFY, or briefly when an older writer is still committing.
          await Promise.race([
            new Promise<void>((resolve) => {
              wake = resolve;
              if (heldBack) {
                setTimeout(resolve, holdbackDelay);
                holdbackDelay = Math.min(holdbackDelay * 2, this.maxHoldbackDelayMs);
              }
            }),
            failed,
          ]);
          wake = undefined;
        }
      } catch (error) {
        if (!stopped) {
          options.onError?.(error as Error);
          throw error;
        }
      } finally {
        this.wakeups.off('wake', onWake);
        this.wakeups.off('listener-error', onListenerError);
        this.subscriptions.delete(subscription);
      }
    })();

    subscription.done = done.catch(() => {});
    subscription.close = async () => {
      stopped = true;
      wake?.();
      await subscription.done;
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.closed = true;
    const listener = this.listener;
    this.listener = undefined;
    if (listener) await listener.then((c) => c.end()).catch(() => {});
  }
}
