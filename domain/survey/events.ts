/**
 * Events of the survey stream (`survey-<id>`): a survey (điều tra, khảo sát dư luận xã hội) is opened with its
 * questions and target localities, takes responses, and is closed. Every response is one SurveyResponseRecorded event.
 * Absent optional values are `null`; the actor travels in the event metadata.
 */
import type { Demographics, QuestionKind } from './vocabulary';

/** An option of a choice question: a stable code (used in answers and CSV files) and its wording. */
export interface ChoiceOption {
  value: string;
  label: string;
}

export interface SurveyQuestion {
  /** Unique within the survey; also the CSV column of the question. */
  questionId: string;
  text: string;
  kind: QuestionKind;
  required: boolean;
  /** The options of a choice question, in display order; empty for SCALE and FREE_TEXT. */
  options: ChoiceOption[];
  /** The inclusive range of a SCALE question (e.g. 1–5); null for other kinds. */
  scaleMin: number | null;
  scaleMax: number | null;
}

/**
 * One answer, by the kind of its question: `choice` (single choice), `choices` (multiple choice, in the order of the
 * options), `scale` (a whole number in range) or `text` (free text, trimmed).
 */
export type Answer =
  | { questionId: string; choice: string }
  | { questionId: string; choices: string[] }
  | { questionId: string; scale: number }
  | { questionId: string; text: string };

export type SurveyOpened = {
  type: 'SurveyOpened';
  data: {
    surveyId: string;
    title: string;
    description: string | null;
    provinceCode: string;
    /** The province code (every commune of it) and/or commune codes of that province. */
    targetLocalityCodes: string[];
    questions: SurveyQuestion[];
    /** Responses are taken from opensAt (when given) until closesAt (when given) or until the survey is closed. */
    opensAt: string | null;
    closesAt: string | null;
    openedAt: string;
  };
};

export type SurveyResponseRecorded = {
  type: 'SurveyResponseRecorded';
  data: {
    surveyId: string;
    responseId: string;
    /** The respondent's commune. */
    localityCode: string;
    demographics: Demographics;
    /** In the order of the survey's questions; unanswered optional questions are left out. */
    answers: Answer[];
    /**
     * A fingerprint of the response's content (locality, demographics, answers): the same responseId sent again
     * with the same content is recognised as a resubmission, with other content as a conflict.
     */
    digest: string;
    recordedAt: string;
  };
};

export type SurveyClosed = {
  type: 'SurveyClosed';
  data: { surveyId: string; reason: string | null; responseCount: number; closedAt: string };
};

export type SurveyEvent = SurveyOpened | SurveyResponseRecorded | SurveyClosed;
export type SurveyEventType = SurveyEvent['type'];

export const SURVEY_EVENT_TYPES = ['SurveyOpened', 'SurveyResponseRecorded', 'SurveyClosed'] as const satisfies readonly SurveyEventType[];

/** Compile-time check that SURVEY_EVENT_TYPES names every event type. */
type AllListed<Missing extends never> = Missing;
export type SurveyEventTypesComplete = AllListed<Exclude<SurveyEventType, (typeof SURVEY_EVENT_TYPES)[number]>>;
