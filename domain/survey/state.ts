/**
 * The survey's decision state: only what the rules need. A survey takes tens of thousands of responses, so folding a
 * response must cost O(1): the state keeps the responses' ids and digests in a ResponseIndex, never the answers.
 */
import type { SurveyEvent, SurveyQuestion } from './events';
import type { SurveyStatus } from './vocabulary';

/**
 * The responses a state has seen: responseId → digest. Persistent: `with` returns a new index and never changes what
 * an older one sees. Folding a stream (always extending the newest index) adds in place in O(1); extending an older
 * index (a branch) first copies what that index sees.
 */
export class ResponseIndex {
  private constructor(
    private readonly entries: Map<string, { digest: string; seq: number }>,
    /** How many responses this index sees: the entries with seq below it. */
    readonly size: number,
  ) {}

  static empty(): ResponseIndex {
    return new ResponseIndex(new Map(), 0);
  }

  /** The digest recorded for a response id, or undefined when this index has not seen it. */
  digestOf(responseId: string): string | undefined {
    const entry = this.entries.get(responseId);
    return entry !== undefined && entry.seq < this.size ? entry.digest : undefined;
  }

  /** This index plus one response; itself when the id is already there (the first digest stays). */
  with(responseId: string, digest: string): ResponseIndex {
    if (this.digestOf(responseId) !== undefined) return this;
    // Only the newest index may add in place: then every entry of the map is below `size`.
    const entries = this.entries.size === this.size ? this.entries : new Map([...this.entries].filter(([, e]) => e.seq < this.size));
    entries.set(responseId, { digest, seq: this.size });
    return new ResponseIndex(entries, this.size + 1);
  }
}

/** A question with what checking an answer needs: its position and, for choice questions, each option's rank. */
export interface QuestionRule {
  question: SurveyQuestion;
  position: number;
  optionRank: ReadonlyMap<string, number>;
}

export interface SurveyState {
  /** Null until opened: the stream does not exist. */
  surveyId: string | null;
  status: SurveyStatus | null;
  provinceCode: string | null;
  targetLocalityCodes: ReadonlySet<string>;
  /** The questions in order, by id. */
  questions: ReadonlyMap<string, QuestionRule>;
  opensAt: string | null;
  closesAt: string | null;
  responses: ResponseIndex;
  /** How many events were folded: 0 means the stream does not exist. */
  eventCount: number;
}

export const initialSurveyState: SurveyState = {
  surveyId: null,
  status: null,
  provinceCode: null,
  targetLocalityCodes: new Set(),
  questions: new Map(),
  opensAt: null,
  closesAt: null,
  responses: ResponseIndex.empty(),
  eventCount: 0,
};

function questionRules(questions: readonly SurveyQuestion[]): Map<string, QuestionRule> {
  return new Map(
    questions.map((question, position) => [
      question.questionId,
      { question, position, optionRank: new Map(question.options.map((option, rank) => [option.value, rank])) },
    ]),
  );
}

/** An unknown event type (e.g. from a newer version) leaves the state as it is; `never` keeps the switch exhaustive. */
function ignoreUnknownEvent(_event: never, state: SurveyState): SurveyState {
  return state;
}

function applyFacts(state: SurveyState, event: SurveyEvent): SurveyState {
  switch (event.type) {
    case 'SurveyOpened': {
      const { surveyId, provinceCode, targetLocalityCodes, questions, opensAt, closesAt } = event.data;
      return {
        ...state,
        surveyId,
        status: 'OPEN',
        provinceCode,
        targetLocalityCodes: new Set(targetLocalityCodes),
        questions: questionRules(questions),
        opensAt,
        closesAt,
      };
    }
    case 'SurveyResponseRecorded':
      return { ...state, responses: state.responses.with(event.data.responseId, event.data.digest) };
    case 'SurveyClosed':
      return { ...state, status: 'CLOSED' };
    default:
      return ignoreUnknownEvent(event, state);
  }
}

/** Total and deterministic: never throws, and the same events always fold to the same state. O(1) per response. */
export function evolveSurvey(state: SurveyState, event: SurveyEvent): SurveyState {
  return { ...applyFacts(state, event), eventCount: state.eventCount + 1 };
}
