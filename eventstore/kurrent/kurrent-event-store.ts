/**
 * EventStore adapter on KurrentDB / EventStoreDB 22+ through @kurrent/kurrentdb-client 1.x.
 *
 * Mapping of the port onto KurrentDB:
 * - global `position` = the event's commit position in the transaction log (bigint). For every
 *   event written by a normal (implicitly committed) append KurrentDB reports commit == prepare ==
 *   the event's own log position, so positions are unique per event and only grow.
 * - `after` is exclusive: we read from {commit: after, prepare: after} (which KurrentDB treats as
 *   inclusive) and drop anything at or before `after`.
 * - system events ($-prefixed types or streams) are filtered server-side (excludeSystemEvents) and
 *   again client-side (the server filter only looks at event types).
 * - idempotency by event id at any later time is checked by reading the (bounded) aggregate stream
 *   before writing; KurrentDB's own idempotency only covers a short window.
 * - every call to the client runs under our own timeout (withTimeout), because the client can hang
 *   forever on a server that accepts TCP and never answers.
 */
import {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  ANY,
  AppendStreamState,
  BACKWARDS,
  CaughtUp,
  END,
  ErrorType,
  EventData,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  JSONType,
  KurrentDBClient,
  NO_STREAM,
  ReadPosition,
  ReadRevision,
  ResolvedEvent,
  START,
  STREAM_EXISTS,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import {
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../port';
import { IdempotencyConflictError, StoreTimeoutError, WrongExpectedRevisionError } from '../errors';
import { SerializedEvent, validateAppend } from '../validate';
import { withTimeout } from './with-timeout';
import { chainAppend, ChainHead, EMPTY_HEAD } from '../hash-chain';

export interface KurrentEventStoreOptions {
  /** e.g. kurrentdb://admin:changeit@localhost:2113?tls=false */
  connectionString: string;
  /** Our own deadline for every call to the client, in ms. Default 5000. */
  timeoutMs?: number;
}

/** Events per page when a read has no maxCount of its own. */
const PAGE_SIZE = 1000;
const DEFAULT_BATCH_SIZE = 100;
/** How many times an 'any'/'stream_exists' append rereads and rehashes after another process wrote the stream. */
const MAX_CHAIN_RETRIES = 10;

type AnyResolved = ResolvedEvent | AllStreamResolvedEvent;
type AnyRecorded = NonNullable<AnyResolved['event']>;

interface StoredId {
  revision: bigint;
  position: bigint;
}

export class KurrentEventStore implements EventStore {
  readonly name = 'kurrent';
  private readonly client: KurrentDBClient;
  private readonly timeoutMs: number;
  private readonly subscriptions = new Set<KurrentSubscription>();
  private closed: Promise<void> | undefined;
  private readonly streamQueues = new Map<string, Promise<void>>();
  /** Appends and subscriptions use the client's gRPC channel (reads go through its native bridge). */
  private usedChannel = false;

  constructor(options: KurrentEventStoreOptions) {
    if (!options || typeof options.connectionString !== 'string' || options.connectionString === '') {
      throw new TypeError('KurrentEventStore: connectionString is required');
    }
    const timeoutMs = options.timeoutMs ?? 5000;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new TypeError('KurrentEventStore: timeoutMs must be a positive number');
    }
    this.timeoutMs = timeoutMs;
    this.client = KurrentDBClient.connectionString(options.connectionString);
  }

  // ---------------------------------------------------------------- append

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    // Reject bad input before any I/O, exactly like the Postgres adapter.
    const serialized = validateAppend(streamId, events, expected);
    this.assertOpen();
    // Appends to one stream from this process run one at a time, so the idempotency check of a retry
    // sees the write of a concurrent identical append instead of racing it.
    return this.oneAtATime(streamId, () => this.appendNow(streamId, events, serialized, expected));
  }

  private async oneAtATime<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.streamQueues.get(streamId) ?? Promise.resolve();
    let release!: () => void;
    const mine = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
    this.streamQueues.set(streamId, mine);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.streamQueues.get(streamId) === mine) this.streamQueues.delete(streamId);
    }
  }

  /**
   * Hash chain (eventstore/hash-chain.ts): the events are hashed against the stream's last event, read together with
   * the ids for the idempotency check, and written with that exact revision as the expected one, so no other writer
   * can slip in between. When one does (another process), a caller that expected 'any' or 'stream_exists' gets a
   * fresh read and rehash (bounded); an exact revision or 'no_stream' is a conflict, as before.
   */
  private async appendNow(streamId: string, events: NewEvent[], serialized: SerializedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    let written: { nextExpectedRevision: bigint; commit: bigint | undefined; prepare: bigint | undefined };
    for (let attempt = 0; ; attempt++) {
      const stored = await this.readStreamIds(streamId);
      const before = this.checkIdempotency(streamId, serialized, stored.ids);
      if (before) return before;
      const head = stored.head ?? EMPTY_HEAD;
      const actual = head.revision < 0n ? 'no_stream' : head.revision;
      if (
        (expected === 'no_stream' && actual !== 'no_stream') ||
        (expected === 'stream_exists' && actual === 'no_stream') ||
        (typeof expected === 'bigint' && expected !== actual)
      ) {
        throw new WrongExpectedRevisionError(streamId, expectedToString(expected), actual);
      }
      const chained = chainAppend(streamId, head, events, serialized);

      this.usedChannel = true;
      try {
        const result = await withTimeout(
          this.client.appendToStream(streamId, chained.rows.map(toEventData), { streamState: actual === 'no_stream' ? NO_STREAM : actual }),
          this.timeoutMs,
          'append',
        );
        if (!result.success) {
          // Only when throwOnAppendFailure is off; kept for safety.
          throw new WrongExpectedRevisionError(
            streamId,
            expectedToString(expected),
            result.nextExpectedRevision < 0n ? 'no_stream' : result.nextExpectedRevision,
          );
        }
        written = { nextExpectedRevision: result.nextExpectedRevision, commit: result.position?.commit, prepare: result.position?.prepare };
        break;
      } catch (error) {
        const now = wrongExpectedActual(error);
        if (now === undefined) throw error;
        // A concurrent identical append may have won the race between our check and our write.
        const after = this.checkIdempotency(streamId, serialized, (await this.readStreamIds(streamId)).ids);
        if (after) return after;
        const flexible = expected === 'any' || (expected === 'stream_exists' && now !== 'no_stream');
        if (flexible && attempt < MAX_CHAIN_RETRIES) continue;
        throw new WrongExpectedRevisionError(streamId, expectedToString(expected), now);
      }
    }

    let position = written.commit;
    if (serialized.length > 1 || position === undefined || written.commit !== written.prepare) {
      // The write result's position is not documented to be the LAST event's position as reads report it
      // (for a multi-event append it may be the first's; an idempotent write may report none), so read the
      // last event back: the port promises the last event's position, equal to what reads return.
      // A single event whose result has commit == prepare is its own log position: no read needed.
      const last = await this.readLastEvent(streamId, written.nextExpectedRevision);
      if (last !== undefined) position = last;
    }
    if (position === undefined) {
      throw new Error(`KurrentDB did not report a position for the append to ${streamId} (server older than 22.6?)`);
    }
    return { nextExpectedRevision: written.nextExpectedRevision, position, idempotentReplay: false };
  }

  /**
   * Returns the replay result when every id of the append is already in the stream as one
   * consecutive run in the same order; throws IdempotencyConflictError when only some are (or in
   * another order); returns undefined when none are.
   */
  private checkIdempotency(
    streamId: string,
    events: SerializedEvent[],
    stored: Map<string, StoredId>,
  ): AppendResult | undefined {
    const hits = events.map((e) => stored.get(e.eventId));
    const firstHit = hits.findIndex((h) => h !== undefined);
    if (firstHit < 0) return undefined;
    const first = hits[0];
    for (let i = 0; i < hits.length; i++) {
      const h = hits[i];
      if (h === undefined || first === undefined || h.revision !== first.revision + BigInt(i)) {
        throw new IdempotencyConflictError(streamId, events[h === undefined ? firstHit : i].eventId);
      }
    }
    const last = hits[hits.length - 1]!;
    return { nextExpectedRevision: last.revision, position: last.position, idempotentReplay: true };
  }

  /**
   * Every event id of an (aggregate, hence bounded) stream, read backwards, and the stream's last event as the hash
   * chain sees it (revision and metadata.hash). Empty, without a head, when the stream does not exist.
   */
  private async readStreamIds(streamId: string): Promise<{ ids: Map<string, StoredId>; head: ChainHead | undefined }> {
    const ids = new Map<string, StoredId>();
    let head: ChainHead | undefined;
    await this.collect(
      'append (idempotency check)',
      () => this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END }),
      (resolved) => {
        const e = resolved.event;
        if (e) {
          if (head === undefined) {
            const hash = toMetadata(e.metadata).hash;
            head = { revision: BigInt(e.revision), hash: typeof hash === 'string' ? hash : null };
          }
          ids.set(e.id.toLowerCase(), { revision: e.revision, position: positionOf(resolved) });
        }
        return true;
      },
      true,
    );
    return { ids, head };
  }

  private async readLastEvent(streamId: string, revision: bigint): Promise<bigint | undefined> {
    let position: bigint | undefined;
    await this.collect(
      'append (read back position)',
      () => this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: revision, maxCount: 1 }),
      (resolved) => {
        if (resolved.event && resolved.event.revision === revision) position = positionOf(resolved);
        return false;
      },
      true,
    );
    return position;
  }

  // ---------------------------------------------------------------- reads

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const direction = options.direction ?? 'forwards';
    if (direction !== 'forwards' && direction !== 'backwards') throw new TypeError(`readStream: bad direction ${String(direction)}`);
    const fromRevision: ReadRevision =
      options.fromRevision !== undefined ? options.fromRevision : direction === 'forwards' ? START : END;
    if (typeof fromRevision === 'bigint' && fromRevision < 0n) throw new RangeError('readStream: fromRevision must be ≥ 0');
    const maxCount = options.maxCount;
    if (maxCount !== undefined && maxCount <= 0) return [];

    const out: RecordedEvent[] = [];
    await this.collect(
      'readStream',
      () =>
        this.client.readStream(streamId, {
          direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
          fromRevision,
          ...(maxCount !== undefined ? { maxCount } : {}),
        }),
      (resolved) => {
        const e = resolved.event;
        if (e) out.push(toRecorded(e, positionOf(resolved)));
        return maxCount === undefined || out.length < maxCount;
      },
      true,
    );
    return out;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const after = options.after ?? 0n;
    if (typeof after !== 'bigint' || after < 0n) throw new RangeError('readAll: after must be a bigint ≥ 0');
    const maxCount = options.maxCount;
    if (maxCount !== undefined && maxCount <= 0) return [];

    const out: RecordedEvent[] = [];
    let from = after;
    for (;;) {
      const want = Math.min(PAGE_SIZE, maxCount === undefined ? PAGE_SIZE : maxCount - out.length);
      // A read from a position includes the event at that position: ask for one more.
      const request = from > 0n ? want + 1 : want;
      let got = 0;
      let lastSeen = from;
      let full = false;
      await this.collect(
        'readAll',
        () =>
          this.client.readAll({
            direction: FORWARDS,
            fromPosition: from > 0n ? { commit: from, prepare: from } : START,
            maxCount: request,
            filter: excludeSystemEvents(),
          }),
        (resolved) => {
          got++;
          const position = positionOf(resolved);
          if (position > lastSeen) lastSeen = position;
          if (position <= from && from > 0n) return true;
          const e = resolved.event;
          if (!e || isSystem(e)) return true;
          out.push(toRecorded(e, position));
          full = maxCount !== undefined && out.length >= maxCount;
          return !full;
        },
        false,
      );
      if (full || got < request || lastSeen === from) return out;
      from = lastSeen;
    }
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    let from: ReadPosition = END;
    const page = 32;
    for (;;) {
      let got = 0;
      let found: bigint | undefined;
      let lowest: bigint | undefined;
      const start = from;
      await this.collect(
        'headPosition',
        () => this.client.readAll({ direction: BACKWARDS, fromPosition: start, maxCount: page, filter: excludeSystemEvents() }),
        (resolved) => {
          got++;
          const position = positionOf(resolved);
          if (lowest === undefined || position < lowest) lowest = position;
          if (start !== END && typeof start === 'object' && position >= start.commit) return true;
          const e = resolved.event;
          if (!e || isSystem(e)) return true;
          found = position;
          return false;
        },
        false,
      );
      if (found !== undefined) return found;
      if (got < page || lowest === undefined || (typeof start === 'object' && lowest >= start.commit)) return 0n;
      from = { commit: lowest, prepare: lowest };
    }
  }

  /**
   * Runs one streamed read of the client under our timeout (the timeout covers the whole read).
   * `visit` returns false to stop early. A missing stream counts as empty when `notFoundIsEmpty`.
   */
  private async collect<E>(
    operation: string,
    open: () => AsyncIterableIterator<E>,
    visit: (event: E) => boolean,
    notFoundIsEmpty: boolean,
  ): Promise<void> {
    let abandoned = false;
    let iterator: AsyncIterableIterator<E> | undefined;
    const run = async (): Promise<void> => {
      iterator = open();
      try {
        for (;;) {
          const next = await iterator.next();
          if (abandoned || next.done) return;
          if (!visit(next.value)) return;
        }
      } catch (error) {
        if (notFoundIsEmpty && isStreamNotFound(error)) return;
        throw error;
      } finally {
        if (!abandoned) void closeIterator(iterator);
      }
    };
    await withTimeout(run(), this.timeoutMs, operation, () => {
      // The client's reads go through a native bridge that cannot be cancelled while a next() is pending;
      // we stop consuming and ask the generator to finish as soon as it can.
      abandoned = true;
      if (iterator) void closeIterator(iterator);
    });
  }

  // ---------------------------------------------------------------- subscriptions

  subscribeToAll(options: SubscribeOptions): Subscription {
    this.assertOpen();
    this.usedChannel = true;
    const sub = new KurrentSubscription(this.client, options, this.timeoutMs, () => this.headPosition());
    this.subscriptions.add(sub);
    void sub.done.then(() => this.subscriptions.delete(sub));
    sub.start();
    return sub;
  }

  // ---------------------------------------------------------------- lifecycle

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = (async () => {
        await Promise.allSettled([...this.subscriptions].map((s) => s.close()));
        try {
          await withTimeout(this.client.dispose(), this.timeoutMs, 'close');
        } catch {
          // closing is best effort: a dead server must not keep close() pending
        }
        if (this.usedChannel) await closeChannel(this.client, this.timeoutMs);
      })();
    }
    return this.closed;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('KurrentEventStore is closed');
  }
}

/** One subscription to $all: catch-up then live, delivered in sequential batches. */
class KurrentSubscription implements Subscription {
  readonly done: Promise<void>;
  private resolveDone!: () => void;
  private sub: AllStreamSubscription | undefined;
  private stopped = false;
  private inFlight: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private firstResponseTimer: NodeJS.Timeout | undefined;
  private readonly batchSize: number;
  private readonly after: bigint;
  /** Objects read from the client stream so far. */
  private readCount = 0;
  /** readCount at which everything before the server's caught-up signal has been read. */
  private caughtUpAt: number | undefined;
  /** Head position (non-system) read at subscribe time: fallback for servers that send no caught-up. */
  private headAtStart: bigint | undefined;
  private caughtUpFired = false;
  private confirmed = false;
  private lastDelivered: bigint;
  private ended = false;
  private failure: Error | undefined;

  constructor(
    private readonly client: KurrentDBClient,
    private readonly options: SubscribeOptions,
    private readonly timeoutMs: number,
    private readonly headPosition: () => Promise<bigint>,
  ) {
    if (typeof options?.onEvents !== 'function') throw new TypeError('subscribeToAll: onEvents is required');
    this.after = options.after ?? 0n;
    if (typeof this.after !== 'bigint' || this.after < 0n) throw new RangeError('subscribeToAll: after must be a bigint ≥ 0');
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.batchSize = Number.isInteger(batchSize) && batchSize > 0 ? batchSize : DEFAULT_BATCH_SIZE;
    this.lastDelivered = this.after;
    this.done = new Promise<void>((resolve) => (this.resolveDone = resolve));
  }

  start(): void {
    void this.run().then(
      () => this.finish(),
      (error: unknown) => this.fail(error),
    );
  }

  async close(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.notify();
      await this.unsubscribe();
    }
    // Resolves once no onEvents call is in flight any more.
    await this.inFlight?.catch(() => undefined);
    await this.done;
  }

  private async run(): Promise<void> {
    // Fallback caught-up detection (servers before 23.10 send no caught-up message): the head at
    // subscribe time, read alongside the subscription so delivery does not wait for it.
    this.headPosition().then(
      (head) => {
        this.headAtStart = head;
        this.notify();
      },
      (error: unknown) => {
        // Only needed until caught up; after that a failed head read does not matter.
        if (!this.stopped && !this.caughtUpFired) this.failure ??= error instanceof Error ? error : new Error(String(error));
        this.notify();
      },
    );

    const sub = this.client.subscribeToAll(
      {
        fromPosition: this.after > 0n ? { commit: this.after, prepare: this.after } : START,
        filter: excludeSystemEvents(),
      },
      { highWaterMark: Math.max(16, this.batchSize) },
    );
    this.sub = sub;
    this.firstResponseTimer = setTimeout(() => {
      this.failure ??= new StoreTimeoutError('subscribeToAll', this.timeoutMs);
      this.notify();
    }, this.timeoutMs);
    const responded = (): void => {
      if (this.firstResponseTimer) clearTimeout(this.firstResponseTimer);
      this.firstResponseTimer = undefined;
      this.confirmed = true;
      this.notify();
    };
    sub.on('confirmation', responded);
    sub.on('caughtUp', (_info: CaughtUp) => {
      responded();
      // Everything pushed before this signal is either already read or still buffered.
      this.caughtUpAt ??= this.readCount + sub.readableLength;
      this.notify();
    });
    sub.on('readable', () => {
      responded();
      this.notify();
    });
    sub.on('error', (error: Error) => {
      if (!this.stopped) this.failure ??= error;
      this.notify();
    });
    sub.on('end', () => {
      this.ended = true;
      this.notify();
    });
    sub.on('close', () => {
      this.ended = true;
      this.notify();
    });

    for (;;) {
      if (this.stopped) return;
      if (this.failure) throw this.failure;

      const batch: RecordedEvent[] = [];
      while (batch.length < this.batchSize) {
        // Stop the batch at the caught-up boundary, so onCaughtUp comes right after the catch-up events.
        if (this.caughtUpAt !== undefined && !this.caughtUpFired && this.readCount >= this.caughtUpAt) break;
        const resolved = sub.read() as AllStreamResolvedEvent | null;
        if (resolved === null) break;
        this.readCount++;
        const e = resolved.event;
        if (!e || isSystem(e)) continue;
        const position = positionOf(resolved);
        if (position <= this.after) continue;
        batch.push(toRecorded(e, position));
      }

      if (batch.length > 0) {
        // Types are filtered client-side: simple, and `through` still moves past the events skipped.
        const types = this.options.types;
        const delivered = types ? batch.filter((e) => types.includes(e.type)) : batch;
        const delivery = Promise.resolve().then(() => this.options.onEvents(delivered, batch[batch.length - 1].position));
        this.inFlight = delivery;
        await delivery;
        this.inFlight = undefined;
        this.lastDelivered = batch[batch.length - 1].position;
        if (this.stopped) return;
      }
      this.maybeCaughtUp();
      if (batch.length > 0) continue;

      if (this.ended) {
        if (this.stopped) return;
        throw this.failure ?? new Error('KurrentDB subscription to $all ended unexpectedly');
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        if (this.stopped || this.failure || this.ended || this.sub?.readableLength) resolve();
      });
      this.wake = undefined;
    }
  }

  private maybeCaughtUp(): void {
    if (this.caughtUpFired) return;
    const bySignal = this.caughtUpAt !== undefined && this.readCount >= this.caughtUpAt;
    const byHead =
      this.headAtStart !== undefined && this.confirmed && (this.headAtStart <= this.after || this.lastDelivered >= this.headAtStart);
    if (!bySignal && !byHead) return;
    this.caughtUpFired = true;
    const position = this.lastDelivered > this.after ? this.lastDelivered : this.after;
    this.options.onCaughtUp?.(position);
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private unsubscribing: Promise<void> | undefined;

  private unsubscribe(): Promise<void> {
    if (this.firstResponseTimer) clearTimeout(this.firstResponseTimer);
    this.firstResponseTimer = undefined;
    const sub = this.sub;
    if (!sub) return Promise.resolve();
    this.unsubscribing ??= (async () => {
      try {
        await withTimeout(sub.unsubscribe(), this.timeoutMs, 'unsubscribe');
      } catch {
        // best effort
      }
      sub.destroy();
    })();
    return this.unsubscribing;
  }

  private finish(): void {
    this.stopped = true;
    void this.unsubscribe().finally(() => this.resolveDone());
  }

  private fail(error: unknown): void {
    const wasStopped = this.stopped;
    this.stopped = true;
    const err = error instanceof Error ? error : new Error(String(error));
    void this.unsubscribe().finally(() => {
      if (!wasStopped) {
        try {
          this.options.onError?.(err);
        } catch {
          // the caller's handler must not break shutdown
        }
      }
      this.resolveDone();
    });
  }
}

// -------------------------------------------------------------------- helpers

function toEventData(e: SerializedEvent): EventData {
  return jsonEvent({
    id: e.eventId,
    type: e.type,
    data: JSON.parse(e.data) as JSONType,
    metadata: JSON.parse(e.metadata) as JSONType,
  });
}

function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}

function expectedToString(expected: ExpectedRevision): string {
  return typeof expected === 'bigint' ? expected.toString() : expected;
}

/** The actual revision from a wrong-expected-version error, or undefined for any other error. */
function wrongExpectedActual(error: unknown): bigint | 'no_stream' | undefined {
  if (!(error instanceof WrongExpectedVersionError) && (error as { type?: unknown })?.type !== ErrorType.WRONG_EXPECTED_VERSION) {
    return undefined;
  }
  const actual = (error as WrongExpectedVersionError).actualState;
  if (typeof actual === 'bigint') return actual < 0n ? 'no_stream' : actual;
  return 'no_stream';
}

function isStreamNotFound(error: unknown): boolean {
  return (error as { type?: unknown })?.type === ErrorType.STREAM_NOT_FOUND;
}

function isSystem(e: AnyRecorded): boolean {
  return e.type.startsWith('$') || e.streamId.startsWith('$');
}

function positionOf(resolved: AnyResolved): bigint {
  const position = resolved.event?.position?.commit ?? resolved.commitPosition;
  if (typeof position !== 'bigint') {
    throw new Error('KurrentDB returned an event without a position (server older than 22.6?)');
  }
  return position;
}

function toRecorded(e: AnyRecorded, position: bigint): RecordedEvent {
  return {
    eventId: e.id.toLowerCase(),
    streamId: e.streamId,
    revision: BigInt(e.revision),
    position,
    type: e.type,
    data: e.isJson ? e.data : parseBytes(e.data),
    metadata: toMetadata(e.metadata),
    recordedAt: e.created instanceof Date ? e.created : new Date(e.created as unknown as number),
  };
}

function parseBytes(value: unknown): unknown {
  if (value instanceof Uint8Array) {
    const text = Buffer.from(value).toString('utf8');
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return value;
}

function toMetadata(value: unknown): EventMetadata {
  const parsed = parseBytes(value);
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as EventMetadata;
  return {};
}

async function closeIterator(iterator: AsyncIterableIterator<unknown>): Promise<void> {
  try {
    await iterator.return?.();
  } catch {
    // the read is over either way
  }
}

/**
 * Client.dispose() cancels open streams but leaves the gRPC channel open; close it so the process can
 * exit. Uses the client's protected getChannel(), hence the cast; harmless if the API changes.
 */
async function closeChannel(client: KurrentDBClient, timeoutMs: number): Promise<void> {
  const getChannel = (client as unknown as { getChannel?: () => Promise<{ close(): void }> }).getChannel;
  if (typeof getChannel !== 'function') return;
  try {
    const channel = await withTimeout(getChannel.call(client), timeoutMs, 'close');
    channel.close();
  } catch {
    // nothing more we can do
  }
}
