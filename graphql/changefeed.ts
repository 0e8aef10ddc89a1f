import type { Knex } from 'knex';
import { GraphQLError } from 'graphql';
import type { EventStore, RecordedEvent, Subscription } from '../eventstore/port';
import type { Logger } from '../services/logger';
import type { IssueRecord } from './issue.type';
import { type HotspotWarning, readRaisedHotspots } from '../projections/hotspots.read';
import { streamCategory, streamEntityId } from './event-redaction';
import { type EventLocality, type FeedEvent, hasReadModelLocality, lookUpLocalities, statedLocality } from './event-locality';

/**
 * The live feed behind GraphQL subscriptions: one tail of the global log per API process, fanned out to every
 * subscriber of that process. It is fed by the log and the read models only, never by a resolver after a write, so a
 * subscriber sees every write whichever API process (or CLI, or integration) made it.
 * - `events`: every appended event, in log order, with the locality it belongs to (for scope);
 * - `issueChanges`: after the issue events of a batch, once the read models have reached them, the issue rows as the
 *   read model then shows them. Changes to one issue that arrive together are delivered once, in their latest state.
 * - `hotspotsRaised`: after report events, once the read models have reached them, the hot-spot warnings those
 *   events raised (read from the hotspots read model by the position that raised them), in the order raised.
 * Each subscriber has a bounded buffer: one that falls further behind is ended with SUBSCRIPTION_OVERFLOW after what
 * it had buffered, never left with a silent gap.
 */

/** Where an event belongs: its stream's province, and commune when the stream is at commune level. */
export type { EventLocality, FeedEvent };

export interface IssueChange {
  /** Position of the latest event of the issue this change covers. */
  position: bigint;
  row: IssueRecord;
}

export interface ChangefeedOptions {
  store: EventStore;
  knex: Knex;
  log: Logger;
  /** Resolves true once the read models have reached a position (false after a bounded wait). */
  waitForProjections(position: bigint): Promise<boolean>;
  /** Items one subscriber may have waiting; one more ends it with SUBSCRIPTION_OVERFLOW. Default 1,000. */
  bufferSize?: number;
  /** Streams whose locality is remembered. Default 10,000. */
  localityCacheSize?: number;
  /** Pause before retrying after the log tail or a read-model read failed. Default 1,000 ms. */
  retryMs?: number;
}

/** A subscriber fell further behind than its buffer allows. */
export class SubscriptionOverflowError extends GraphQLError {
  constructor(bufferSize: number) {
    super(`the subscriber fell behind by more than ${bufferSize} items and was closed; subscribe again to continue`, {
      extensions: { code: 'SUBSCRIPTION_OVERFLOW' },
    });
  }
}

/**
 * One subscriber: the items it accepts (checked on arrival, so only they count against the buffer), turned into
 * what it receives by `select` (on consumption; undefined skips the item). A single consumer reads it.
 */
interface Listener<T> {
  offer(item: T): void;
  close(): void;
}

class Subscriber<T, R> implements Listener<T>, AsyncIterableIterator<R> {
  private readonly buffer: T[] = [];
  private state: 'open' | 'overflowed' | 'closed' = 'open';
  private wake?: () => void;

  constructor(
    private readonly capacity: number,
    private readonly accepts: (item: T) => boolean,
    private readonly select: (item: T) => Promise<R | undefined> | R | undefined,
    private readonly onClose: () => void,
  ) {}

  offer(item: T): void {
    if (this.state !== 'open' || !this.accepts(item)) return;
    if (this.buffer.length < this.capacity) this.buffer.push(item);
    else {
      this.state = 'overflowed';
      this.onClose();
    }
    this.wake?.();
  }

  /** Ends the subscription now: what is buffered is dropped and the consumer sees the end. */
  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.buffer.length = 0;
    this.onClose();
    this.wake?.();
  }

  private get closed(): boolean {
    return this.state === 'closed';
  }

  async next(): Promise<IteratorResult<R>> {
    for (;;) {
      if (this.closed) return { done: true, value: undefined };
      const item = this.buffer.shift();
      if (item !== undefined) {
        let selected: R | undefined;
        try {
          selected = await this.select(item);
        } catch (error) {
          this.close();
          throw error;
        }
        if (selected !== undefined && !this.closed) return { done: false, value: selected };
        continue;
      }
      if (this.state === 'overflowed') {
        this.close();
        throw new SubscriptionOverflowError(this.capacity);
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }

  async return(): Promise<IteratorResult<R>> {
    this.close();
    return { done: true, value: undefined };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<R> {
    return this;
  }
}

export class Changefeed {
  private readonly eventSubscribers = new Set<Listener<FeedEvent>>();
  private readonly issueSubscribers = new Set<Listener<IssueChange>>();
  private readonly hotspotSubscribers = new Set<Listener<HotspotWarning>>();
  /** Report events not yet looked at for raised warnings: positions in (from, to]. */
  private pendingHotspots?: { from: bigint; to: bigint };
  private pumpingHotspots?: Promise<void>;
  /** Locality by stream id, oldest first (Map order) for eviction. */
  private readonly localities = new Map<string, EventLocality>();
  /** Issues changed since the last delivery: issue id → position of its latest event. */
  private pendingIssues = new Map<string, bigint>();
  private pumping?: Promise<void>;
  private subscription?: Subscription;
  private position = 0n;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;
  private wakeRetry?: () => void;
  private readonly bufferSize: number;
  private readonly retryMs: number;

  constructor(private readonly options: ChangefeedOptions) {
    this.bufferSize = options.bufferSize ?? 1000;
    this.retryMs = options.retryMs ?? 1000;
  }

  /** Starts tailing the log from its head: subscribers see what is appended from now on. */
  async start(): Promise<void> {
    this.position = await this.options.store.headPosition();
    this.tail();
  }

  /** The position of the last event this process has handed to subscribers: live delivery continues after it. */
  get head(): bigint {
    return this.position;
  }

  /** Stops the tail and ends every subscription. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.wakeRetry?.();
    await this.subscription?.close();
    await this.pumping;
    await this.pumpingHotspots;
    for (const subscriber of [...this.eventSubscribers, ...this.issueSubscribers, ...this.hotspotSubscribers]) subscriber.close();
  }

  /** Every event appended from now on that `accepts`, as `select` makes it, in log order. */
  events<R>(accepts: (item: FeedEvent) => boolean, select: (item: FeedEvent) => Promise<R | undefined> | R | undefined): AsyncIterableIterator<R> {
    return this.register(this.eventSubscribers, accepts, select);
  }

  /** Every issue change from now on that `accepts`, as `select` makes it (undefined: not for this subscriber). */
  issueChanges<R>(accepts: (item: IssueChange) => boolean, select: (item: IssueChange) => Promise<R | undefined> | R | undefined): AsyncIterableIterator<R> {
    return this.register(this.issueSubscribers, accepts, select);
  }

  /** Every hot-spot warning raised from now on that `accepts`, as `select` makes it. */
  hotspotsRaised<R>(accepts: (item: HotspotWarning) => boolean, select: (item: HotspotWarning) => Promise<R | undefined> | R | undefined): AsyncIterableIterator<R> {
    return this.register(this.hotspotSubscribers, accepts, select);
  }

  private register<T, R>(
    set: Set<Listener<T>>,
    accepts: (item: T) => boolean,
    select: (item: T) => Promise<R | undefined> | R | undefined,
  ): AsyncIterableIterator<R> {
    const subscriber: Subscriber<T, R> = new Subscriber<T, R>(this.bufferSize, accepts, select, () => set.delete(subscriber));
    if (this.stopped) subscriber.close();
    else set.add(subscriber);
    return subscriber;
  }

  private tail(): void {
    const subscription = this.options.store.subscribeToAll({
      after: this.position,
      onEvents: (events) => this.receive(events),
      onError: (error) => {
        this.options.log.error({ err: error, position: this.position.toString() }, 'changefeed: the log tail failed; resuming');
        if (!this.stopped) this.retryTimer = setTimeout(() => this.tail(), this.retryMs);
      },
    });
    subscription.done.catch(() => {}); // reported through onError
    this.subscription = subscription;
  }

  private async receive(events: RecordedEvent[]): Promise<void> {
    if (this.eventSubscribers.size > 0) {
      const located = await this.locate(events);
      for (const item of located) for (const subscriber of this.eventSubscribers) subscriber.offer(item);
    } else {
      for (const event of events) this.remember(event.streamId, statedLocality(event));
    }
    if (this.issueSubscribers.size > 0) {
      for (const event of events) if (streamCategory(event.streamId) === 'issue') this.pendingIssues.set(streamEntityId(event.streamId), event.position);
      this.pumping ??= this.deliverIssueChanges().finally(() => (this.pumping = undefined));
    }
    if (this.hotspotSubscribers.size > 0) {
      const reports = events.filter((e) => e.type === 'ReportSubmitted' || e.type === 'ReportAttached');
      if (reports.length > 0) {
        this.pendingHotspots = { from: this.pendingHotspots?.from ?? this.position, to: reports[reports.length - 1].position };
        this.pumpingHotspots ??= this.deliverHotspots().finally(() => (this.pumpingHotspots = undefined));
      }
    }
    this.position = events[events.length - 1].position;
  }

  private remember(streamId: string, locality: EventLocality | undefined): void {
    if (locality === undefined) return;
    this.localities.delete(streamId);
    this.localities.set(streamId, locality);
    if (this.localities.size > (this.options.localityCacheSize ?? 10_000)) this.localities.delete(this.localities.keys().next().value!);
  }

  /** Each event with its stream's locality: as the event states it, remembered, or looked up in the read models. */
  private async locate(events: RecordedEvent[]): Promise<FeedEvent[]> {
    const missing = new Map<string, RecordedEvent>(); // stream id → its last event in the batch
    for (const event of events) {
      this.remember(event.streamId, statedLocality(event));
      if (!this.localities.has(event.streamId)) missing.set(event.streamId, event);
    }
    if (missing.size > 0) {
      await this.lookUp([...missing.keys()]);
      const stillMissing = [...missing.values()].filter((e) => !this.localities.has(e.streamId) && hasReadModelLocality(e.streamId));
      // A stream created just before this process started may not be projected yet.
      if (stillMissing.length > 0 && (await this.options.waitForProjections(stillMissing[stillMissing.length - 1].position))) {
        await this.lookUp(stillMissing.map((e) => e.streamId));
      }
    }
    return events.map((event) => {
      const locality = this.localities.get(event.streamId) ?? null;
      if (locality === null) this.options.log.warn({ streamId: event.streamId, position: event.position.toString() }, 'changefeed: event of unknown locality; not delivered');
      return { event, category: streamCategory(event.streamId), locality };
    });
  }

  private async lookUp(streamIds: string[]): Promise<void> {
    await lookUpLocalities(this.options.knex, streamIds, (streamId, locality) => this.remember(streamId, locality));
  }

  /** Waits for the read models to reach the pending report events, reads the warnings they raised once, and offers them. */
  private async deliverHotspots(): Promise<void> {
    while (this.pendingHotspots && !this.stopped) {
      const range = this.pendingHotspots;
      this.pendingHotspots = undefined;
      try {
        if (!(await this.options.waitForProjections(range.to))) throw new Error(`the read models have not reached position ${range.to}`);
        const raised = await readRaisedHotspots(this.options.knex, { after: range.from, upTo: range.to });
        for (const warning of raised) for (const subscriber of this.hotspotSubscribers) subscriber.offer(warning);
      } catch (error) {
        // Retry the whole range, together with what arrived meanwhile.
        const meanwhile = this.pendingHotspots as { from: bigint; to: bigint } | undefined;
        this.pendingHotspots = { from: range.from, to: meanwhile?.to ?? range.to };
        this.options.log.warn({ err: error }, 'changefeed: hot-spot warnings delayed; retrying');
        await new Promise<void>((resolve) => {
          this.wakeRetry = resolve;
          setTimeout(resolve, this.retryMs);
        });
      }
    }
  }

  /** Waits for the read models to reach the pending issue changes, reads the rows once, and offers them to subscribers. */
  private async deliverIssueChanges(): Promise<void> {
    while (this.pendingIssues.size > 0 && !this.stopped) {
      const batch = this.pendingIssues;
      this.pendingIssues = new Map();
      try {
        const target = [...batch.values()].reduce((a, b) => (a > b ? a : b));
        if (!(await this.options.waitForProjections(target))) throw new Error(`the read models have not reached position ${target}`);
        const rows = await this.options.knex<IssueRecord>('issues').whereIn('issue_id', [...batch.keys()]);
        const changes = rows.map((row) => ({ position: batch.get(row.issue_id)!, row: row as IssueRecord })).sort((a, b) => (a.position < b.position ? -1 : 1));
        for (const change of changes) for (const subscriber of this.issueSubscribers) subscriber.offer(change);
      } catch (error) {
        for (const [id, position] of batch) if ((this.pendingIssues.get(id) ?? -1n) < position) this.pendingIssues.set(id, position);
        this.options.log.warn({ err: error }, 'changefeed: issue changes delayed; retrying');
        await new Promise<void>((resolve) => {
          this.wakeRetry = resolve;
          setTimeout(resolve, this.retryMs);
        });
      }
    }
  }
}
