import type { Knex } from 'knex';
import type { EventStore, RecordedEvent, Subscription } from '../eventstore/port';
import { PoisonEventError, Projection, ProjectionContext } from './projection';
import { lockCheckpoint, markStopped, readCheckpoint, saveCheckpoint } from './checkpoints';
import type { ProjectionLease } from './lease';

export type PoisonPolicy = 'stop' | 'park';

export interface RunnerOptions {
  store: EventStore;
  knex: Knex;
  projections: readonly Projection[];
  /** Largest batch folded in one transaction. */
  batchSize?: number;
  /** What to do when a handler throws: stop the projection (default) or park the event and go on. */
  poison?: PoisonPolicy | ((projection: string) => PoisonPolicy);
  log?: { info(obj: object, msg?: string): void; error(obj: object, msg?: string): void };
  /** Called after each committed batch (metrics, read-your-writes waiters). */
  onCommitted?: (projection: string, position: bigint, events: number) => void;
  /** When given, a projection runs here only while this process holds its lease (single active runner, failover). */
  lease?: ProjectionLease;
}

/**
 * Read models are disposable and their checkpoint commits with them, so a projection transaction need not wait for
 * its WAL flush: a crash can only lose the last batches, which are then projected again. Never used for events.
 */
export async function relaxDurability(trx: Knex.Transaction): Promise<void> {
  await trx.raw('SET LOCAL synchronous_commit TO OFF');
}

export const liveContext = (trx: Knex.Transaction): ProjectionContext => ({ trx, table: (name) => name });

/**
 * Applies one batch to one projection: read-model changes and the checkpoint in one transaction.
 * Events at or below the stored checkpoint are dropped, so applying the same batch twice changes nothing.
 * `through` (from a subscription filtered by type) moves the checkpoint past events of other types that were skipped.
 * Returns the new checkpoint, or undefined when nothing was new.
 */
export async function applyBatch(
  knex: Knex,
  projection: Projection,
  events: RecordedEvent[],
  context = liveContext,
  through?: bigint,
): Promise<bigint | undefined> {
  const end = events.length === 0 ? through : through !== undefined && through > events[events.length - 1].position ? through : events[events.length - 1].position;
  if (end === undefined) return undefined;
  return knex.transaction(async (trx) => {
    await relaxDurability(trx);
    const checkpoint = await lockCheckpoint(trx, projection.name);
    if (end <= checkpoint) return undefined;
    const fresh = events.filter((e) => e.position > checkpoint);
    const relevant = projection.eventTypes ? fresh.filter((e) => projection.eventTypes!.includes(e.type)) : fresh;
    if (relevant.length) await projection.apply(relevant, context(trx));
    await saveCheckpoint(trx, projection.name, end);
    return end;
  });
}

/**
 * Runs projections: each subscribes to the global log from its own checkpoint, folds what arrives in batches,
 * catches up, then tails the log live. A batch that throws is replayed event by event to find the poison event,
 * which stops the projection (naming position, stream and type) or is parked, as configured; never skipped silently.
 */
export class ProjectionRunner {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly positions = new Map<string, bigint>();
  private readonly failures = new Map<string, Error>();
  private readonly caughtUp = new Set<string>();
  private waiters: { position: bigint; names: readonly string[]; resolve: () => void }[] = [];
  private running = false;
  private retry?: NodeJS.Timeout;

  constructor(private readonly options: RunnerOptions) {}

  get projections(): readonly Projection[] {
    return this.options.projections;
  }

  async start(): Promise<void> {
    this.running = true;
    const lease = this.options.lease;
    if (!lease) {
      await Promise.all(this.options.projections.map((p) => this.startOne(p)));
      return;
    }
    lease.onLost((error) => {
      this.options.log?.error({ err: error }, 'projection lease lost; standing by');
      void this.standDown().then(() => this.contend());
    });
    await this.contend();
  }

  /** With a lease: start every projection whose lock this process can take, and keep trying for the others. */
  private async contend(): Promise<void> {
    const lease = this.options.lease!;
    clearTimeout(this.retry);
    if (!this.running) return;
    for (const p of this.options.projections) {
      if (this.subscriptions.has(p.name)) continue;
      try {
        if (await lease.tryAcquire(p.name)) {
          this.options.log?.info({ projection: p.name }, 'projection active in this process');
          await this.startOne(p);
        }
      } catch (error) {
        this.options.log?.error({ err: error, projection: p.name }, 'could not contend for the projection lease');
      }
    }
    if (this.running && this.subscriptions.size < this.options.projections.length) {
      this.retry = setTimeout(() => void this.contend(), lease.retryMs);
    }
  }

  private async standDown(): Promise<void> {
    await Promise.all([...this.subscriptions.values()].map((s) => s.close()));
    this.subscriptions.clear();
    this.caughtUp.clear();
  }

  /** 'active' where this process runs the projection, 'standby' where another process holds its lease. */
  role(name: string): 'active' | 'standby' {
    return this.subscriptions.has(name) ? 'active' : 'standby';
  }

  private async startOne(projection: Projection): Promise<void> {
    const from = await readCheckpoint(this.options.knex, projection.name);
    this.positions.set(projection.name, from);
    this.failures.delete(projection.name);
    const subscription = this.options.store.subscribeToAll({
      after: from,
      batchSize: this.options.batchSize ?? 1000,
      types: projection.eventTypes,
      onEvents: (events, through) => this.handle(projection, events, through),
      onCaughtUp: () => {
        this.caughtUp.add(projection.name);
        this.notifyWaiters();
      },
      onError: (error) => {
        this.failures.set(projection.name, error);
        this.options.log?.error({ err: error, projection: projection.name }, 'projection stopped');
        this.notifyWaiters();
      },
    });
    this.subscriptions.set(projection.name, subscription);
  }

  private policy(name: string): PoisonPolicy {
    const p = this.options.poison ?? 'stop';
    return typeof p === 'function' ? p(name) : p;
  }

  private async handle(projection: Projection, events: RecordedEvent[], through: bigint): Promise<void> {
    try {
      const position = await applyBatch(this.options.knex, projection, events, liveContext, through);
      if (position !== undefined) this.committed(projection.name, position, events.length);
      return;
    } catch (batchError) {
      if (batchError instanceof PoisonEventError) throw batchError;
      // Find the culprit: one event per transaction until one throws.
    }
    for (const event of events) {
      try {
        const position = await applyBatch(this.options.knex, projection, [event]);
        if (position !== undefined) this.committed(projection.name, position, 1);
      } catch (error) {
        const poison = new PoisonEventError(projection.name, event, error);
        if (this.policy(projection.name) === 'park') {
          await this.park(projection, event, poison);
          this.committed(projection.name, event.position, 1);
          this.options.log?.error({ projection: projection.name, position: event.position.toString(), type: event.type }, 'event parked');
          continue;
        }
        await markStopped(this.options.knex, projection.name, poison.message).catch(() => {});
        throw poison;
      }
    }
    // Past the events of other types the subscription skipped after the last one delivered.
    const position = await applyBatch(this.options.knex, projection, [], liveContext, through);
    if (position !== undefined) this.committed(projection.name, position, 0);
  }

  private async park(projection: Projection, event: RecordedEvent, error: PoisonEventError): Promise<void> {
    await this.options.knex.transaction(async (trx) => {
      const checkpoint = await lockCheckpoint(trx, projection.name);
      if (event.position <= checkpoint) return;
      await trx.raw(
        `INSERT INTO projection_parked_events (projection, position, stream_id, type, event_id, error) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
        [projection.name, event.position.toString(), event.streamId, event.type, event.eventId, error.message],
      );
      await saveCheckpoint(trx, projection.name, event.position);
    });
  }

  private committed(name: string, position: bigint, count: number): void {
    this.positions.set(name, position);
    this.options.onCommitted?.(name, position, count);
    this.notifyWaiters();
  }

  position(name: string): bigint | undefined {
    return this.positions.get(name);
  }

  failure(name: string): Error | undefined {
    return this.failures.get(name);
  }

  isCaughtUp(name: string): boolean {
    return this.caughtUp.has(name);
  }

  /**
   * Resolves true once every named projection (default: all) has committed `position`, false after `timeoutMs`
   * or when one of them has stopped.
   */
  waitFor(position: bigint, timeoutMs: number, names: readonly string[] = this.options.projections.map((p) => p.name)): Promise<boolean> {
    if (this.reached(position, names)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        position,
        names,
        resolve: () => {
          clearTimeout(timer);
          resolve(this.reached(position, names));
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private reached(position: bigint, names: readonly string[]): boolean {
    return names.every((n) => (this.positions.get(n) ?? -1n) >= position);
  }

  private notifyWaiters(): void {
    const done = this.waiters.filter((w) => this.reached(w.position, w.names) || w.names.some((n) => this.failures.has(n)));
    if (done.length === 0) return;
    this.waiters = this.waiters.filter((w) => !done.includes(w));
    for (const w of done) w.resolve();
  }

  /** Restarts one projection (after a rebuild swapped its tables, or after it stopped on a poison event). */
  async restart(name: string): Promise<void> {
    const projection = this.options.projections.find((p) => p.name === name);
    if (!projection) throw new Error(`unknown projection ${name}`);
    await this.subscriptions.get(name)?.close();
    this.caughtUp.delete(name);
    if (this.running) await this.startOne(projection);
  }

  /** Stops every subscription; a batch in flight is committed or rolled back before this resolves. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retry);
    await this.standDown();
    await this.options.lease?.close();
    for (const w of this.waiters) w.resolve();
    this.waiters = [];
  }
}
