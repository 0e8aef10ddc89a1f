/**
 * The EventStore port. Every adapter (Postgres, KurrentDB) implements exactly these semantics and
 * must pass the one contract suite in test/contract/.
 *
 * Positions and revisions are bigint and never converted to Number:
 * - a stream revision starts at 0n and counts the events of one stream;
 * - a global position orders the whole log; positions only grow, but need not be dense.
 */

/** What a writer expects the stream to be when it appends. */
export type ExpectedRevision =
  | 'any' // no check at all
  | 'no_stream' // the stream must not exist yet
  | 'stream_exists' // the stream must have at least one event
  | bigint; // the stream's last revision must be exactly this

/** Metadata every event carries. Extra keys are allowed (e.g. hashes added by a later feature). */
export interface EventMetadata {
  actorId?: string;
  actorRole?: string;
  correlationId?: string;
  causationId?: string;
  schemaVersion?: number;
  occurredAt?: string; // ISO-8601
  idempotencyKey?: string;
  [key: string]: unknown;
}

/** An event to append. `eventId` is a UUID chosen by the writer: it makes the append idempotent. */
export interface NewEvent {
  eventId: string;
  type: string;
  data: unknown;
  metadata?: EventMetadata;
}

/** An event as stored. */
export interface RecordedEvent {
  eventId: string;
  streamId: string;
  revision: bigint;
  position: bigint;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  recordedAt: Date;
}

export interface AppendResult {
  /** Revision of the last event of this append (the stream's new revision). */
  nextExpectedRevision: bigint;
  /** Global position of the last event of this append. */
  position: bigint;
  /** True when every event id was already stored by an earlier identical append: nothing was written. */
  idempotentReplay: boolean;
  /**
   * The events as stored (positions, recorded time, chain metadata), when the adapter knows them without reading
   * them back (the Postgres adapter does). Absent on an idempotent replay.
   */
  recorded?: RecordedEvent[];
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive start revision; defaults to the start (forwards) or the end (backwards). */
  fromRevision?: bigint;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: return events strictly after this position. 0n (the default) reads from the start. */
  after?: bigint;
  maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive: deliver events strictly after this position. */
  after?: bigint;
  /**
   * Only events of these types are delivered; the store skips the others without loading their payloads (a
   * projection reads a fraction of the log). Omit to receive every event.
   */
  types?: readonly string[];
  /**
   * Called for each batch, in position order. The next batch waits until the promise settles. `through` is the
   * position the subscription has read up to: the last event's, or with `types`, possibly beyond it (events of other
   * types were skipped); with `types`, a batch may then be empty.
   */
  onEvents: (events: RecordedEvent[], through: bigint) => Promise<void> | void;
  /** Called once when the catch-up phase has delivered everything that existed at subscribe time. */
  onCaughtUp?: (position: bigint) => void;
  /** Called when the subscription fails and stops. */
  onError?: (error: Error) => void;
  /** Largest batch handed to onEvents. */
  batchSize?: number;
}

export interface Subscription {
  /** Stops delivery; resolves when no onEvents call is in flight any more. */
  close(): Promise<void>;
  /** Resolves when the subscription stops, by close() or by error. */
  readonly done: Promise<void>;
}

export interface EventStore {
  readonly name: string;
  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** The position of the last event a gap-safe reader can see now (0n when the log is empty). */
  headPosition(): Promise<bigint>;
  subscribeToAll(options: SubscribeOptions): Subscription;
  close(): Promise<void>;
}

export const STREAM_ID_PATTERN = /^[a-z][a-z0-9]*(?:-[A-Za-z0-9_.:]+)+$/;
export const MAX_EVENT_BYTES = 1024 * 1024;
