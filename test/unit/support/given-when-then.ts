/**
 * Given/when/then for deciders:
 *
 *   given(issueDecider, [submitted()]).when(verifyCommand).then([expectedEvent]);
 *   given(issueDecider, [submitted()]).when(referCommand).thenThrows(IllegalStateError, 'REFER_REQUIRES_CONFIRMED_VERIFICATION');
 *
 * `then` also folds the produced events, so every success spec checks that evolve accepts what decide made.
 * `thenThrows` records the rule of every IllegalStateError it sees, so a suite can check that each rule
 * has a rejecting spec (see `rejectedRules`). Do not `await` or return the result of `when(...)`: its
 * `then` method would make it look like a promise.
 */
import { CommandContext, Decider, fold } from '../../../domain/decider';
import { DomainError, IllegalStateError } from '../../../domain/errors';

export const DEFAULT_CONTEXT: CommandContext = {
  now: '2026-07-10T01:00:00.000Z',
  actorId: 'officer-1',
  actorRole: 'OFFICER',
};

const rulesRejected = new Set<string>();

/** The rules that `thenThrows` saw rejected so far in this test file. */
export function rejectedRules(): ReadonlySet<string> {
  return rulesRejected;
}

type ErrorClass = abstract new (...args: never[]) => DomainError;

export interface WhenResult<Event, State> {
  /** Asserts the events produced, and returns the state after folding them. */
  then(expected: Event[]): State;
  /** Asserts the command is rejected with this error class and rule (IllegalStateError) or message part. */
  thenThrows(errorClass: ErrorClass, ruleOrMessage: string): void;
}

export function given<Command, Event, State>(decider: Decider<Command, Event, State>, history: readonly Event[] = []) {
  const state = fold(decider, history);
  return {
    when(command: Command, context: Partial<CommandContext> = {}): WhenResult<Event, State> {
      const decide = () => decider.decide(command, state, { ...DEFAULT_CONTEXT, ...context });
      return {
        then(expected) {
          const produced = decide();
          expect(produced).toEqual(expected);
          return produced.reduce(decider.evolve, state);
        },
        thenThrows(errorClass, ruleOrMessage) {
          let thrown: unknown;
          try {
            decide();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(errorClass);
          if (thrown instanceof IllegalStateError) {
            expect(thrown.rule).toBe(ruleOrMessage);
            rulesRejected.add(thrown.rule);
          } else {
            expect((thrown as Error).message).toContain(ruleOrMessage);
          }
        },
      };
    },
  };
}
