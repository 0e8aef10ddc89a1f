import type { Decider, DomainEvent } from '../../domain/decider';
import { DomainError, IllegalStateError, NotFoundError, ValidationError } from '../../domain/errors';
import type { LocalityCatalogue } from '../../domain/localities/catalogue';
import type { OpenSurvey, ResponseInput, SurveyCommand } from '../../domain/survey/commands';
import { MAX_RESPONSES_PER_COMMAND, surveyDecider } from '../../domain/survey/decider';
import type { SurveyState } from '../../domain/survey/state';
import type { RecordedEvent } from '../../eventstore/port';
import { CommandBasis, CommandEnvelope, CommandResult, CommandService, CommandServiceOptions, PreparedCommand } from './command-service';
import { WrongExpectedRevisionError } from '../../eventstore/errors';

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

  override async commit<S>(prepared: PreparedCommand<S>): Promise<CommandResult<S>> {
    const result = await super.commit(prepared);
    const last = result.events.at(-1);
    if (last && last.revision === result.revision) this.remember(prepared.streamId, prepared.decider, result.state, last);
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
   *
   * Without an idempotency key the chunks are pipelined: chunk k+1 is decided (against the state chunk k will leave)
   * while chunk k is being appended, and sent once chunk k is stored. Should another writer change the survey
   * meanwhile, the append fails with nothing written and the rest goes one command at a time, each on a fresh load.
   */
  async recordAll(
    surveyId: string,
    responses: readonly ResponseInput[],
    envelope: CommandEnvelope,
    options: { chunkSize?: number; onProgress?: (done: number) => void } = {},
  ): Promise<RecordResult> {
    const chunkSize = Math.min(options.chunkSize ?? MAX_RESPONSES_PER_COMMAND, MAX_RESPONSES_PER_COMMAND);
    const total: RecordResult = { recorded: 0, resubmitted: 0, responseCount: 0, position: 0n };
    const add = (sent: number, result: CommandResult<SurveyState>, done: number) => {
      const counts = recordCounts(sent, result);
      total.recorded += counts.recorded;
      total.resubmitted += counts.resubmitted;
      total.responseCount = counts.responseCount;
      total.position = counts.position;
      options.onProgress?.(done);
    };
    const from = envelope.idempotencyKey === undefined ? await this.recordPipelined(surveyId, responses, envelope, chunkSize, add) : 0;
    if (from === undefined) return total;
    for (let start = from; start === from || start < responses.length; start += chunkSize) {
      const chunk = responses.slice(start, start + chunkSize);
      add(chunk.length, await this.execute({ type: 'RecordResponses', surveyId, responses: chunk }, envelope), start + chunk.length);
    }
    return total;
  }

  /**
   * The pipelined part of recordAll. Returns undefined when every chunk is stored, or the start of the chunk that
   * another writer pre-empted (nothing of it was written), for the plain loop to go on from.
   */
  private async recordPipelined(
    surveyId: string,
    responses: readonly ResponseInput[],
    envelope: CommandEnvelope,
    chunkSize: number,
    add: (sent: number, result: CommandResult<SurveyState>, done: number) => void,
  ): Promise<number | undefined> {
    const streamId = surveyStream(surveyId);
    const loaded = await this.snapshots.load(surveyDecider, streamId);
    let basis: CommandBasis<SurveyState> = { state: loaded.state, revision: loaded.revision, position: loaded.events.at(-1)?.position ?? 0n };
    let inFlight: { start: number; sent: number; result: Promise<CommandResult<SurveyState>> } | undefined;
    /** Waits for the chunk in flight: undefined once stored, or its start when another writer got in first. */
    const settle = async (): Promise<number | undefined> => {
      if (!inFlight) return undefined;
      const { start, sent, result } = inFlight;
      inFlight = undefined;
      try {
        const stored = await result;
        basis = { ...basis, position: stored.position };
        add(sent, stored, start + sent);
        return undefined;
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError) return start;
        throw error;
      }
    };
    for (let start = 0; start === 0 || start < responses.length; start += chunkSize) {
      const chunk = responses.slice(start, start + chunkSize);
      let prepared: PreparedCommand<SurveyState>;
      try {
        prepared = this.snapshots.prepare(surveyDecider, streamId, this.withLocalities({ type: 'RecordResponses', surveyId, responses: chunk }), envelope, basis);
      } catch (error) {
        const preempted = await settle(); // the chunks before this one are stored (or retried) before it is refused
        if (preempted !== undefined) return preempted;
        throw error;
      }
      const preempted = await settle();
      if (preempted !== undefined) return preempted;
      if (prepared.events.length === 0) {
        add(chunk.length, { streamId, events: [], position: basis.position, revision: basis.revision ?? -1n, state: prepared.state, replayed: false }, start + chunk.length);
        basis = { ...basis, state: prepared.state };
        continue;
      }
      inFlight = { start, sent: chunk.length, result: this.snapshots.commit(prepared) };
      basis = { state: prepared.state, revision: (basis.revision ?? -1n) + BigInt(prepared.events.length), position: basis.position };
    }
    return settle();
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
