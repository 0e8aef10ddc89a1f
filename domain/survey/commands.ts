/** Commands on the survey aggregate. The caller chooses the survey's and the responses' ids. */
import type { QuestionKind } from './vocabulary';

export interface QuestionInput {
  questionId: string;
  text: string;
  kind: QuestionKind;
  required: boolean;
  /** For SINGLE_CHOICE and MULTIPLE_CHOICE only: 2 to 50 options with distinct values. */
  options?: { value: string; label: string }[] | null;
  /** For SCALE only: whole numbers, scaleMin < scaleMax, at most 100 apart (e.g. 1–5, 0–10). */
  scaleMin?: number | null;
  scaleMax?: number | null;
}

/** Opens a survey. Only on a stream that does not exist yet. */
export interface OpenSurvey {
  type: 'OpenSurvey';
  surveyId: string;
  title: string;
  description?: string | null;
  /** The province the survey runs in; the service fills it from the target localities. */
  provinceCode: string;
  /** The province code (all its communes) and/or communes of it. */
  targetLocalityCodes: string[];
  questions: QuestionInput[];
  opensAt?: string | null;
  closesAt?: string | null;
}

/** One answer: exactly the field that matches the question's kind. */
export interface AnswerInput {
  questionId: string;
  choice?: string | null;
  choices?: string[] | null;
  scale?: number | null;
  text?: string | null;
}

export interface DemographicsInput {
  ageGroup?: string | null;
  gender?: string | null;
  occupation?: string | null;
}

export interface ResponseInput {
  responseId: string;
  /** The respondent's commune: one of the targets, or a commune of the target province. */
  localityCode: string;
  /** The province of `localityCode`; the service fills it from the locality catalogue. */
  provinceCode?: string | null;
  demographics?: DemographicsInput | null;
  answers: AnswerInput[];
}

/**
 * Records 1 to MAX_RESPONSES_PER_COMMAND responses in one append: one SurveyResponseRecorded event each. A response
 * already recorded with the same content is skipped (a resubmission); with other content it is a CONFLICT.
 */
export interface RecordResponses {
  type: 'RecordResponses';
  surveyId: string;
  responses: ResponseInput[];
}

/** Ends the survey: it takes no further responses. */
export interface CloseSurvey {
  type: 'CloseSurvey';
  surveyId: string;
  reason?: string | null;
}

export type SurveyCommand = OpenSurvey | RecordResponses | CloseSurvey;
export type SurveyCommandType = SurveyCommand['type'];

export const SURVEY_COMMAND_TYPES = ['OpenSurvey', 'RecordResponses', 'CloseSurvey'] as const satisfies readonly SurveyCommandType[];
