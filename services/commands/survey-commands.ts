import type { Decider, DomainEvent } from '../../domain/decider';
import { DomainError, IllegalStateError, NotFoundError, ValidationError } from '../../domain/errors';
import type { LocalityCatalogue } from '../../domain/localities/catalogue';
import type { OpenSurvey, ResponseInput, SurveyCommand } from '../../domain/survey/commands';
import { MAX_RESPONSES_PER_COMMAND, surveyDecider } from '../../domain/survey/decider';
import type { SurveyState } from '../../domain/survey/state';
import type { RecordedEvent } from '../../eventstore/port';
import { CommandEnvelope, CommandResult, CommandService, CommandServiceOptions } from './command-service';

export const surveyStream = (surveyId: string) => `survey-${surveyId}`;

/** A survey command as callers send it: the provinces of the localities are left out, the catalogue fills them in. */
export type SurveyCommandInput = (Omit<OpenSurvey, 'provinceCode'> & { provinceCode?: string }) | Exclude<SurveyCommand, OpenSurvey>;

export interface RecordResult {
  /** Responses written now; the others were recorded before with the same content (resubmissions). */
  recorded: number;
  resubmitted: number;
  /** Responses the survey holds after the command(s). */
  responseCount: number;
  /** Global position of the last event written (or of the survey's last event when nothing was new). */
  position: bigint;
}

/** A response that would be rejected: its index in the list and why. */
export interface ResponseProblem {
  index: number;
  error: DomainError;
}

const MAX_SNAPSHOTS = 32;

interface Snapshot {
  decider: unknown;
  state: unknown;
  revision: bigint;
  last: RecordedEvent;
}

/**
 * A CommandService that loads a stream from the state it last saw, reading only the events after it. Survey streams
 * grow to tens of thousands of responses and bulk intake sends a command per few thousand, so a full read per command
 * would be quadratic. Safe because deciders never mutate a state (SurveyState's ResponseIndex is persistent), and the
 * log is append-only: a snapshot is always a true prefix. It keeps no history, so commands with an idempotency key
 * (whose replay check reads the whole stream) go through the plain CommandService.
 */
class SnapshotCommandService extends CommandService {
  private readonly snapshots = new Map<string, Snapshot>();

  override async load<E extends DomainEvent, S>(decider: Decider<unknown, E, S>, streamId: string) {
    const cached = this.snapshots.get(streamId);
    const from = cached?.decider === decider ? cached : undefined;
    const tail = await this.store.readStream(streamId, from ? { fromRevision: from.revision + 1n } : {});
    const state = tail.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as E), from ? (from.state as S) : decider.initialState);
    const last = tail.at(-1) ?? from?.last;
    if (last) this.remember(streamId, decider, state, last);
    // The events read, or the last one known when none were new: a command that decides nothing reports its position.
    return { state, events: tail.length > 0 ? tail : last ? [last] : [], revision: last?.revision };
  }

  override async execute<C extends { type: string }, E extends DomainEvent, S>(decider: Decider<C, E, S>, streamId: string, command: C, envelope: CommandEnvelope): Promise<CommandResult<S>> {
    const result = await super.execute(decider, streamId, command, envelope);
    const last = result.events.at(-1);
    if (last && last.revision === result.revision) this.remember(streamId, decider, result.state, last);
    return result;
  }

  private remember(streamId: string, decider: unknown, state: unknown, last: RecordedEvent): void {
    this.snapshots.delete(streamId);
    this.snapshots.set(streamId, { decider, state, revision: last.revision, last });
    if (this.snapshots.size > MAX_SNAPSHOTS) this.snapshots.delete(this.snapshots.keys().next().value!);
  }
}

/**
 * Survey commands: target localities are checked against the catalogue and the survey's province filled in; each
 * response's province is filled in for the decider to check; bulk intake goes in chunks of one append each.
 */
export class SurveyCommands {
  private readonly snapshots: SnapshotCommandService;

  constructor(
    private readonly commands: CommandService,
    private readonly catalogue: LocalityCatalogue,
    options: CommandServiceOptions = {},
  ) {
    this.snapshots = new SnapshotCommandService(commands.store, options);
  }

  execute(input: SurveyCommandInput, envelope: CommandEnvelope): Promise<CommandResult<SurveyState>> {
    const service = envelope.idempotencyKey === undefined ? this.snapshots : this.commands;
    return service.execute(surveyDecider, surveyStream(input.surveyId), this.withLocalities(input), envelope);
  }

  /** The survey's current state. */
  async load(surveyId: string): Promise<SurveyState> {
    return (await this.snapshots.load(surveyDecider, surveyStream(surveyId))).state;
  }

  /**
   * Records any number of responses, MAX_RESPONSES_PER_COMMAND (or `chunkSize`) per command and append. Each chunk is
   * all-or-nothing; a failed chunk leaves the earlier ones written, and running the same responses again completes
   * the intake (responses already recorded are skipped as resubmissions).
   */
  async recordAll(
    surveyId: string,
    responses: readonly ResponseInput[],
    envelope: CommandEnvelope,
    options: { chunkSize?: number; onProgress?: (done: number) => void } = {},
  ): Promise<RecordResult> {
    const chunkSize = Math.min(options.chunkSize ?? MAX_RESPONSES_PER_COMMAND, MAX_RESPONSES_PER_COMMAND);
    const total: RecordResult = { recorded: 0, resubmitted: 0, responseCount: 0, position: 0n };
    for (let start = 0; start === 0 || start < responses.length; start += chunkSize) {
      const chunk = responses.slice(start, start + chunkSize);
      const result = await this.execute({ type: 'RecordResponses', surveyId, responses: chunk }, envelope);
      const counts = recordCounts(chunk.length, result);
      total.recorded += counts.recorded;
      total.resubmitted += counts.resubmitted;
      total.responseCount = counts.responseCount;
      total.position = counts.position;
      options.onProgress?.(start + chunk.length);
    }
    return total;
  }

  /**
   * Checks responses as RecordResponses would at `now`, writing nothing, and returns every response that would be
   * rejected (at most `limit`). A survey that takes no responses at all (unknown, closed, outside its window) throws.
   */
  async check(surveyId: string, responses: readonly ResponseInput[], now: string, limit = 50): Promise<ResponseProblem[]> {
    const state = await this.load(surveyId);
    const context = { now, actorId: 'check', actorRole: 'OFFICER' };
    const decide = (list: readonly ResponseInput[]) =>
      surveyDecider.decide({ type: 'RecordResponses', surveyId, responses: list.map((r) => this.withProvince(r)) }, state, context);
    const problems: ResponseProblem[] = [];
    const firstIndex = new Map<string, number>();
    responses.forEach((response, index) => {
      const first = firstIndex.get(response?.responseId);
      if (first === undefined) firstIndex.set(response?.responseId, index);
      else problems.push({ index, error: ValidationError.field(['responses', index, 'responseId'], `repeats the id of response ${first}`) });
    });
    // The whole list at once (fast); response by response only where something is wrong.
    for (let start = 0; start < responses.length && problems.length < limit; start += MAX_RESPONSES_PER_COMMAND) {
      const chunk = responses.slice(start, start + MAX_RESPONSES_PER_COMMAND);
      try {
        decide(chunk);
        continue;
      } catch (error) {
        if (error instanceof IllegalStateError || error instanceof NotFoundError || !(error instanceof DomainError)) throw error;
      }
      chunk.forEach((response, i) => {
        try {
          decide([response]);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          problems.push({ index: start + i, error: renumbered(error, start + i) });
        }
      });
    }
    return problems.sort((a, b) => a.index - b.index).slice(0, limit);
  }

  private withLocalities(input: SurveyCommandInput): SurveyCommand {
    if (input.type === 'RecordResponses' && Array.isArray(input.responses)) {
      return { ...input, responses: input.responses.map((response) => this.withProvince(response)) };
    }
    if (input.type === 'OpenSurvey' && Array.isArray(input.targetLocalityCodes)) {
      return { ...input, provinceCode: this.provinceOfTargets(input.targetLocalityCodes, input.provinceCode) };
    }
    return input as SurveyCommand;
  }

  /** The province of a response's commune, from the catalogue; the decider checks it against the survey's. */
  private withProvince(response: ResponseInput): ResponseInput {
    if (typeof response !== 'object' || response === null || typeof response.localityCode !== 'string') return response;
    return { ...response, provinceCode: this.catalogue.byCode(response.localityCode)?.provinceCode ?? null };
  }

  /** Every target must be a known province or commune, all of one province (the given one, when given). */
  private provinceOfTargets(codes: readonly unknown[], given: string | undefined): string {
    let province = given;
    codes.forEach((code, i) => {
      const unit = typeof code === 'string' ? this.catalogue.byCode(code) : undefined;
      if (unit === undefined) throw ValidationError.field(['targetLocalityCodes', i], 'is not a known province or commune');
      const unitProvince = unit.provinceCode ?? unit.code;
      if (province !== undefined && unitProvince !== province) {
        throw ValidationError.field(['targetLocalityCodes', i], `must lie in province ${province}, like the other targets`);
      }
      province = unitProvince;
    });
    return province ?? '';
  }
}

/** How many responses of a RecordResponses command were written now, and how many had been recorded before. */
export function recordCounts(sent: number, result: CommandResult<SurveyState>): RecordResult {
  const recorded = result.events.filter((e) => e.type === 'SurveyResponseRecorded').length;
  return { recorded, resubmitted: sent - recorded, responseCount: result.state.responses.size, position: result.position };
}

/** An error about `responses.0…` of a one-response check, renamed to the response's index in the whole list. */
function renumbered(error: DomainError, index: number): DomainError {
  if (!(error instanceof ValidationError)) return error;
  const problems = error.problems.map((p) => ({ ...p, path: p.path[0] === 'responses' ? ['responses', index, ...p.path.slice(2)] : p.path }));
  return new ValidationError(problems.length === 1 ? `${problems[0].path.join('.')}: ${problems[0].message}` : error.message, problems);
}
