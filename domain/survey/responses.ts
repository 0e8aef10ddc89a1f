/**
 * Checking one response against its survey: the locality is a target, every answer fits its question, every required
 * question is answered. Used by the decider for each response of a RecordResponses command, and by bulk importers
 * to check every row before anything is written. Throws a ValidationError naming the field's path.
 */
import { ValidationError } from '../errors';
import { COMMUNE_CODE_PATTERN } from '../localities/admin-unit';
import { FieldPath, optionalOneOf, optionalText, requireId, requireObject } from '../validation';
import type { Answer } from './events';
import type { QuestionRule, SurveyState } from './state';
import { AGE_GROUPS, Demographics, GENDERS, OCCUPATIONS, QUESTION_KIND_LABELS } from './vocabulary';

export const ANSWER_TEXT_MAX = 2_000;

/** A response as it will be recorded. */
export interface CheckedResponse {
  responseId: string;
  localityCode: string;
  demographics: Demographics;
  answers: Answer[];
  digest: string;
}

/** The field an answer to each kind of question gives. */
const ANSWER_FIELD = {
  SINGLE_CHOICE: 'choice',
  MULTIPLE_CHOICE: 'choices',
  SCALE: 'scale',
  FREE_TEXT: 'text',
} as const;
const ANSWER_FIELDS = Object.values(ANSWER_FIELD);

function fail(path: FieldPath, message: string): never {
  throw ValidationError.field(path, message);
}

const given = (value: unknown) => value !== undefined && value !== null;

function checkLocality(state: SurveyState, input: Record<string, unknown>, path: FieldPath): string {
  const code = input.localityCode;
  if (typeof code !== 'string' || !COMMUNE_CODE_PATTERN.test(code)) fail([...path, 'localityCode'], 'must be a commune code (5 digits)');
  const targets = state.targetLocalityCodes;
  const inTargetProvince = targets.has(state.provinceCode!) && input.provinceCode === state.provinceCode;
  if (!targets.has(code) && !inTargetProvince) fail([...path, 'localityCode'], 'is not one of the survey’s target localities');
  return code;
}

function checkDemographics(value: unknown, path: FieldPath): Demographics {
  if (!given(value)) return { ageGroup: null, gender: null, occupation: null };
  const input = requireObject(value, path);
  return {
    ageGroup: optionalOneOf(AGE_GROUPS, input.ageGroup, [...path, 'ageGroup']),
    gender: optionalOneOf(GENDERS, input.gender, [...path, 'gender']),
    occupation: optionalOneOf(OCCUPATIONS, input.occupation, [...path, 'occupation']),
  };
}

function requireOption(rule: QuestionRule, value: unknown, path: FieldPath): string {
  if (typeof value !== 'string' || !rule.optionRank.has(value)) fail(path, `is not an option of question ${rule.question.questionId}`);
  return value;
}

/** The answer as recorded, or null when it says nothing (a blank free text). */
function checkAnswer(rule: QuestionRule, input: Record<string, unknown>, path: FieldPath): Answer | null {
  const { questionId, kind } = rule.question;
  const field = ANSWER_FIELD[kind];
  const stray = ANSWER_FIELDS.find((other) => other !== field && given(input[other]));
  if (stray !== undefined) {
    const hint = kind === 'SINGLE_CHOICE' && stray === 'choices' ? 'a single-choice question takes exactly one `choice`' : `give \`${field}\``;
    fail([...path, stray], `does not apply to question ${questionId} (${QUESTION_KIND_LABELS[kind]}): ${hint}`);
  }
  const value = input[field];
  switch (kind) {
    case 'SINGLE_CHOICE':
      if (!given(value)) fail([...path, field], `is required to answer question ${questionId}`);
      return { questionId, choice: requireOption(rule, value, [...path, field]) };
    case 'MULTIPLE_CHOICE': {
      if (!Array.isArray(value) || value.length === 0) fail([...path, field], `must list at least one option of question ${questionId}`);
      const choices = value.map((choice, i) => requireOption(rule, choice, [...path, field, i]));
      choices.forEach((choice, i) => {
        if (choices.indexOf(choice) !== i) fail([...path, field, i], 'is listed twice');
      });
      return { questionId, choices: choices.sort((a, b) => rule.optionRank.get(a)! - rule.optionRank.get(b)!) };
    }
    case 'SCALE': {
      const { scaleMin, scaleMax } = rule.question;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < scaleMin! || value > scaleMax!) {
        fail([...path, field], `must be a whole number from ${scaleMin} to ${scaleMax}`);
      }
      return { questionId, scale: value };
    }
    case 'FREE_TEXT': {
      const text = optionalText(value, [...path, field], ANSWER_TEXT_MAX);
      return text === null ? null : { questionId, text };
    }
    default:
      return kind satisfies never;
  }
}

function checkAnswers(state: SurveyState, value: unknown, path: FieldPath): Answer[] {
  if (!Array.isArray(value)) fail(path, 'must be a list');
  if (value.length > state.questions.size) fail(path, `must have at most ${state.questions.size} answers, one per question`);
  const byPosition: (Answer | null | undefined)[] = new Array(state.questions.size);
  value.forEach((item, j) => {
    const input = requireObject(item, [...path, j]);
    const questionId = requireId(input.questionId, [...path, j, 'questionId']);
    const rule = state.questions.get(questionId);
    if (rule === undefined) fail([...path, j, 'questionId'], 'is not a question of this survey');
    if (byPosition[rule.position] !== undefined) fail([...path, j, 'questionId'], `answers question ${questionId} a second time`);
    byPosition[rule.position] = checkAnswer(rule, input, [...path, j]);
  });
  for (const rule of state.questions.values()) {
    if (rule.question.required && !byPosition[rule.position]) fail(path, `must answer question ${rule.question.questionId}: it is required`);
  }
  return byPosition.filter((answer): answer is Answer => answer !== null && answer !== undefined);
}

/** cyrb53: a fast 53-bit string hash, as 14 hex digits. Not cryptographic: it tells resubmissions from changes. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** The digest of a response's content; answers are in question order and choices in option order, so it is canonical. */
export function responseDigest(localityCode: string, demographics: Demographics, answers: readonly Answer[]): string {
  return hash53(JSON.stringify([localityCode, demographics.ageGroup, demographics.gender, demographics.occupation, answers]));
}

/**
 * Checks one response (under `path`, e.g. ['responses', 3]) against an open survey's questions and targets.
 * Whether the survey takes responses at all, and whether the id was recorded before, is the decider's part.
 */
export function checkResponse(state: SurveyState, value: unknown, path: FieldPath): CheckedResponse {
  const input = requireObject(value, path);
  const responseId = requireId(input.responseId, [...path, 'responseId']);
  const localityCode = checkLocality(state, input, path);
  const demographics = checkDemographics(input.demographics, [...path, 'demographics']);
  const answers = checkAnswers(state, input.answers, [...path, 'answers']);
  return { responseId, localityCode, demographics, answers, digest: responseDigest(localityCode, demographics, answers) };
}
