import type { Knex } from 'knex';
import type { RecordedEvent } from '../eventstore/port';

/** What a projection gets to write a batch: the transaction, and the physical name of each of its tables. */
export interface ProjectionContext {
  trx: Knex.Transaction;
  /** Physical table for a logical read-model table: the live one, or its shadow during a rebuild. */
  table(name: string): string;
}

/**
 * A read model built from the global log. `apply` folds a whole batch into read-model changes; the runner writes
 * them together with the projection's checkpoint in one transaction, and never hands it an event twice.
 */
export interface Projection {
  readonly name: string;
  /** The read-model tables it owns (created by migrations); a rebuild swaps each of them atomically. */
  readonly tables: readonly string[];
  /** Event types it reads; other events only move the checkpoint. Omit to receive every event. */
  readonly eventTypes?: readonly string[];
  apply(events: RecordedEvent[], ctx: ProjectionContext): Promise<void>;
}

/** A handler threw on this event. The projection stops here (or parks the event when configured to). */
export class PoisonEventError extends Error {
  constructor(
    readonly projection: string,
    readonly event: Pick<RecordedEvent, 'position' | 'streamId' | 'type' | 'eventId'>,
    override readonly cause: unknown,
  ) {
    super(
      `projection ${projection} failed on event at position ${event.position} (stream ${event.streamId}, type ${event.type}): ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
    );
    this.name = 'PoisonEventError';
  }
}
