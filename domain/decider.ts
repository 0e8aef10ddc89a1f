/**
 * The shape of every aggregate's pure decision logic.
 * - `decide` turns a command and the current state into new events, or throws a DomainError.
 * - `evolve` folds one event into the state. It never throws for an event `decide` produced.
 * Neither does I/O, reads clocks or generates ids: time and ids come from the command's context.
 */
export interface CommandContext {
  /** When the command happens (ISO-8601). Comes from the caller, never from Date.now() in the domain. */
  now: string;
  actorId: string;
  actorRole: string;
}

export interface Decider<Command, Event, State> {
  decide(command: Command, state: State, context: CommandContext): Event[];
  evolve(state: State, event: Event): State;
  initialState: State;
  /** True when the state is the initial one, i.e. the stream does not exist. */
  isInitial(state: State): boolean;
}

/** Every event of every aggregate is a `{ type, data }` pair; `type` is PascalCase past tense. */
export interface DomainEvent<T extends string = string, D = unknown> {
  type: T;
  data: D;
}

export function fold<E, S>(decider: Pick<Decider<unknown, E, S>, 'evolve' | 'initialState'>, events: readonly E[]): S {
  return events.reduce(decider.evolve, decider.initialState);
}
