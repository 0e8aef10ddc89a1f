import { createHash, randomUUID } from 'node:crypto';
import { CommandContext, Decider, DomainEvent } from '../../domain/decider';
import { ConflictError, DomainError, ValidationError } from '../../domain/errors';
import { EventMetadata, EventStore, NewEvent, RecordedEvent } from '../../eventstore/port';
import { WrongExpectedRevisionError } from '../../eventstore/errors';
import { eventIdFor } from './event-ids';

/** Who sends a command and how it relates to other work. */
export interface CommandEnvelope {
  actorId: string;
  actorRole: string;
  /** Same key, same stream, same command: the first result comes back and nothing new is written, at any later time. */
  idempotencyKey?: string;
  correlationId?: string;
  causationId?: string;
  /** When the command happens; defaults to the service clock. */
  now?: string;
}

export interface CommandResult<S> {
  streamId: string;
  /** Events this command appended (or, on an idempotent replay, had appended the first time). */
  events: RecordedEvent[];
  /** Global position of the last event: read models are current for this command once they reach it. */
  position: bigint;
  revision: bigint;
  state: S;
  replayed: boolean;
}

/** Schema version of each event type; bump it with an upcaster when a type's data changes. */
export type SchemaVersions = (eventType: string) => number;

export interface CommandServiceOptions {
  /** How many times to reload and decide again after a concurrent write. */
  retries?: number;
  clock?: () => Date;
  schemaVersion?: SchemaVersions;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** A stream's state as loaded (or as it will be once earlier prepared commands are appended). */
export interface CommandBasis<S> {
  state: S;
  /** undefined: the stream has no events. */
  revision: bigint | undefined;
  /** Position of the stream's last known event (0n when none). */
  position: bigint;
}

/** A command decided against a basis, not yet appended (see CommandService.prepare). */
export interface PreparedCommand<S> {
  /** The decider it was decided with (a snapshotting service keys its snapshots by it). */
  decider: unknown;
  streamId: string;
  basis: CommandBasis<S>;
  events: NewEvent[];
  /** The state once the events are appended. */
  state: S;
}

/**
 * Loads a stream, decides with the pure domain, and appends with the expected revision it loaded.
 * A concurrent writer makes the append fail; the service then reloads and decides again, a bounded number of times.
 */
export class CommandService {
  private readonly retries: number;
  private readonly clock: () => Date;
  private readonly schemaVersion: SchemaVersions;
  private readonly appendListeners: ((seconds: number) => void)[] = [];

  constructor(readonly store: EventStore, options: CommandServiceOptions = {}) {
    this.retries = options.retries ?? 3;
    this.clock = options.clock ?? (() => new Date());
    this.schemaVersion = options.schemaVersion ?? (() => 1);
  }

  /** Calls `listener` with the duration of every append this service makes (metrics). */
  onAppend(listener: (seconds: number) => void): void {
    this.appendListeners.push(listener);
  }

  async load<E extends DomainEvent, S>(decider: Decider<unknown, E, S>, streamId: string): Promise<{ state: S; events: RecordedEvent[]; revision: bigint | undefined }> {
    const events = await this.store.readStream(streamId);
    const state = events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as E), decider.initialState);
    return { state, events, revision: events.length ? events[events.length - 1].revision : undefined };
  }

  async execute<C extends { type: string }, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    envelope: CommandEnvelope,
  ): Promise<CommandResult<S>> {
    const key = envelope.idempotencyKey;
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw ValidationError.field('idempotencyKey', 'must be 1 to 200 printable ASCII characters without spaces');
    }
    const commandHash = key === undefined ? undefined : hashCommand(command); // only a keyed command can be replayed
    const commandId = randomUUID();
    const correlationId = envelope.correlationId ?? randomUUID();
    for (let attempt = 0; ; attempt++) {
      const loaded = await this.load(decider, streamId);
      if (key !== undefined) {
        const replay = this.findReplay(loaded.events, streamId, key, commandHash!);
        if (replay) return { ...replay, state: loaded.state };
      }
      const basis: CommandBasis<S> = { state: loaded.state, revision: loaded.revision, position: loaded.events.at(-1)?.position ?? 0n };
      const prepared = this.decideWith(decider, streamId, command, { ...envelope, correlationId }, basis, commandId, commandHash);
      try {
        return await this.commit(prepared);
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError && attempt < this.retries) continue;
        if (error instanceof WrongExpectedRevisionError) {
          throw new ConflictError(`${streamId} kept changing while the command was applied; try again`);
        }
        throw error;
      }
    }
  }

  /**
   * Decides a command against a basis the caller already has, without I/O: what `execute` would append. With
   * `commit`, a caller can decide the next command of a stream while the previous one is still being appended
   * (bulk intake). Not for commands with an idempotency key (their replay check needs the stream's history).
   */
  prepare<C extends { type: string }, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    envelope: CommandEnvelope,
    basis: CommandBasis<S>,
  ): PreparedCommand<S> {
    if (envelope.idempotencyKey !== undefined) throw new Error('prepare: a command with an idempotency key goes through execute');
    return this.decideWith(decider, streamId, command, envelope, basis, randomUUID(), undefined);
  }

  /**
   * Appends a prepared command at the revision it was decided against. A concurrent write to the stream fails it with
   * WrongExpectedRevisionError (nothing written): decide again on a fresh load.
   */
  async commit<S>(prepared: PreparedCommand<S>): Promise<CommandResult<S>> {
    const { streamId, basis, events, state } = prepared;
    if (events.length === 0) return { streamId, events: [], position: basis.position, revision: basis.revision ?? -1n, state, replayed: false };
    const appendStarted = process.hrtime.bigint();
    const result = await this.store.append(streamId, events, basis.revision === undefined ? 'no_stream' : basis.revision);
    for (const listener of this.appendListeners) listener(Number(process.hrtime.bigint() - appendStarted) / 1e9);
    const stored =
      result.recorded ?? (await this.store.readStream(streamId, { fromRevision: result.nextExpectedRevision - BigInt(events.length - 1), maxCount: events.length }));
    return { streamId, events: stored, position: result.position, revision: result.nextExpectedRevision, state, replayed: result.idempotentReplay };
  }

  private decideWith<C extends { type: string }, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    envelope: CommandEnvelope,
    basis: CommandBasis<S>,
    commandId: string,
    commandHash: string | undefined,
  ): PreparedCommand<S> {
    const key = envelope.idempotencyKey;
    const now = envelope.now ?? this.clock().toISOString();
    const correlationId = envelope.correlationId ?? randomUUID();
    const context: CommandContext = { now, actorId: envelope.actorId, actorRole: envelope.actorRole };
    const decided = decider.decide(command, basis.state, context);
    const events: NewEvent[] = decided.map((event, index) => {
      const metadata: EventMetadata = {
        actorId: envelope.actorId,
        actorRole: envelope.actorRole,
        correlationId,
        causationId: envelope.causationId ?? commandId,
        commandId,
        commandType: command.type,
        schemaVersion: this.schemaVersion(event.type),
        occurredAt: now,
      };
      if (key !== undefined) {
        metadata.idempotencyKey = key;
        metadata.commandHash = commandHash;
      }
      return { eventId: key !== undefined ? eventIdFor(streamId, key, index) : randomUUID(), type: event.type, data: event.data, metadata };
    });
    return { decider, streamId, basis, events, state: decided.reduce(decider.evolve, basis.state) };
  }

  /** The events an earlier command with this idempotency key wrote to this stream, if any. */
  private findReplay(events: RecordedEvent[], streamId: string, key: string, commandHash: string): Omit<CommandResult<never>, 'state'> | undefined {
    const firstId = eventIdFor(streamId, key, 0);
    const start = events.findIndex((e) => e.eventId === firstId);
    if (start < 0) return undefined;
    const mine = events.slice(start).filter((e) => e.metadata.idempotencyKey === key && e.metadata.commandId === events[start].metadata.commandId);
    if (events[start].metadata.commandHash !== commandHash) {
      throw new ConflictError('idempotencyKey was already used for a different command on this stream');
    }
    const last = mine[mine.length - 1];
    return { streamId, events: mine, position: last.position, revision: last.revision, replayed: true };
  }
}

/** A stable hash of a command's content (key order does not matter). */
export function hashCommand(command: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return createHash('sha256').update(JSON.stringify(canonical(command))).digest('hex').slice(0, 32);
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
