import { AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent, Subscription } from '../../eventstore/port';
import { WrongExpectedRevisionError } from '../../eventstore/errors';
import { validateAppend } from '../../eventstore/validate';

/**
 * An in-memory event log for generating large benchmark fixtures quickly (the demo generator runs against it, then
 * the log is bulk-loaded into Postgres). Not an adapter of the product: it has no subscriptions and no durability.
 */
export class MemoryEventStore implements EventStore {
  readonly name = 'memory';
  readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly ids = new Map<string, RecordedEvent>();
  private readonly clock: () => Date;

  constructor(clock: () => Date = () => new Date()) {
    this.clock = clock;
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const rows = validateAppend(streamId, events, expected);
    const known = this.ids.get(rows[0].eventId);
    if (known) {
      const last = this.ids.get(rows[rows.length - 1].eventId)!;
      return { nextExpectedRevision: last.revision, position: last.position, idempotentReplay: true };
    }
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length ? BigInt(stream.length - 1) : undefined;
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === undefined) ||
      (expected === 'stream_exists' && current !== undefined) ||
      (typeof expected === 'bigint' && current === expected);
    if (!ok) throw new WrongExpectedRevisionError(streamId, String(expected), current ?? 'no_stream');
    const recordedAt = this.clock();
    for (const row of rows) {
      const event: RecordedEvent = {
        eventId: row.eventId,
        streamId,
        revision: BigInt(stream.length),
        position: BigInt(this.log.length + 1),
        type: row.type,
        data: JSON.parse(row.data),
        metadata: JSON.parse(row.metadata),
        recordedAt,
      };
      stream.push(event);
      this.log.push(event);
      this.ids.set(event.eventId, event);
    }
    this.streams.set(streamId, stream);
    const last = stream[stream.length - 1];
    return { nextExpectedRevision: last.revision, position: last.position, idempotentReplay: false };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    let events = [...(this.streams.get(streamId) ?? [])];
    if (options.direction === 'backwards') {
      events.reverse();
      if (options.fromRevision !== undefined) events = events.filter((e) => e.revision <= options.fromRevision!);
    } else if (options.fromRevision !== undefined) events = events.filter((e) => e.revision >= options.fromRevision!);
    return options.maxCount === undefined ? events : events.slice(0, options.maxCount);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const from = Number(options.after ?? 0n);
    return this.log.slice(from, from + (options.maxCount ?? 500));
  }

  async headPosition(): Promise<bigint> {
    return BigInt(this.log.length);
  }

  subscribeToAll(): Subscription {
    throw new Error('MemoryEventStore has no subscriptions');
  }

  async close(): Promise<void> {}
}
