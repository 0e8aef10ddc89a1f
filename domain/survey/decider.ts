/**
 * The survey aggregate: opening a survey with its questions and targets, recording responses, closing it.
 *
 * Order of checks for every command: the stream's existence and state (NotFoundError, SURVEY_ALREADY_EXISTS,
 * SURVEY_CLOSED — which includes a response before opensAt or after closesAt), then the command's fields
 * (ValidationError with a field path, e.g. responses.12.answers.3.choice), then duplicates (a response id recorded
 * before: the same content is skipped as a resubmission, other content is a ConflictError). Whether localities exist
 * and lie in the survey's province is the service's check, with the catalogue.
 */
import type { CommandContext, Decider } from '../decider';
import { ConflictError, IllegalStateError, NotFoundError, ValidationError } from '../errors';
import { PROVINCE_CODE_PATTERN } from '../localities/admin-unit';
import {
  contextInstant,
  FieldPath,
  optionalText,
  requireBoolean,
  requireId,
  requireInstant,
  requireLocalityCode,
  requireObject,
  requireOneOf,
  requireText,
} from '../validation';
import { CloseSurvey, OpenSurvey, RecordResponses, SURVEY_COMMAND_TYPES, SurveyCommand } from './commands';
import type { ChoiceOption, SurveyEvent, SurveyQuestion } from './events';
import { checkResponse } from './responses';
import { evolveSurvey, initialSurveyState, SurveyState } from './state';
import { QUESTION_KINDS } from './vocabulary';

export const SURVEY_RULES = [
  { rule: 'SURVEY_ALREADY_EXISTS', description: 'A survey is opened once: OpenSurvey needs a stream that does not exist.' },
  {
    rule: 'SURVEY_CLOSED',
    description: 'A closed survey takes no responses and cannot be closed again; nor does a survey take responses before opensAt or from closesAt on.',
  },
] as const;
export type SurveyRule = (typeof SURVEY_RULES)[number]['rule'];

/** Most responses one RecordResponses command (one append) may carry. */
export const MAX_RESPONSES_PER_COMMAND = 5_000;
const TITLE_MAX = 300;
const DESCRIPTION_MAX = 5_000;
const QUESTION_TEXT_MAX = 1_000;
const OPTION_LABEL_MAX = 300;
const REASON_MAX = 2_000;
const MAX_QUESTIONS = 100;
const MAX_TARGETS = 500;
const MIN_OPTIONS = 2;
const MAX_OPTIONS = 50;
const MAX_SCALE_SPAN = 100;
/** Question ids name CSV columns: a letter, then letters, digits or underscores. */
const QUESTION_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** Option values appear in answers and CSV cells (multiple choices joined by '|'). */
const OPTION_VALUE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** CSV columns that are not questions (see services/cli/survey.command.ts). */
export const RESERVED_COLUMNS = ['response_id', 'locality_code', 'age_group', 'gender', 'occupation'] as const;

function violated(rule: SurveyRule, message: string): IllegalStateError {
  return new IllegalStateError(rule, message);
}

function fail(path: FieldPath, message: string): never {
  throw ValidationError.field(path, message);
}

function requireList(value: unknown, path: FieldPath, min: number, max: number, what: string): unknown[] {
  if (!Array.isArray(value) || value.length < min) fail(path, `must list at least ${min} ${what}`);
  if (value.length > max) fail(path, `must list at most ${max} ${what}`);
  return value;
}

/** Each value once; a repeat is reported at `path.i` (or `path.i.field`). */
function requireUnique(values: readonly string[], path: FieldPath, field?: string): void {
  const seen = new Set<string>();
  values.forEach((value, i) => {
    if (seen.has(value)) fail(field === undefined ? [...path, i] : [...path, i, field], 'is listed twice');
    seen.add(value);
  });
}

function absent(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

// ---------------------------------------------------------------------------------------------------------
// OpenSurvey

function checkTargets(value: unknown, provinceCode: string, path: FieldPath): string[] {
  const codes = requireList(value, path, 1, MAX_TARGETS, 'target localities').map((code, i) => {
    const locality = requireLocalityCode(code, [...path, i]);
    if (PROVINCE_CODE_PATTERN.test(locality) && locality !== provinceCode) fail([...path, i], 'must be the survey’s province or one of its communes');
    return locality;
  });
  requireUnique(codes, path);
  return codes;
}

function checkOptions(value: unknown, path: FieldPath): ChoiceOption[] {
  const options = requireList(value, path, MIN_OPTIONS, MAX_OPTIONS, 'options').map((item, i) => {
    const option = requireObject(item, [...path, i]);
    if (typeof option.value !== 'string' || !OPTION_VALUE_PATTERN.test(option.value)) {
      fail([...path, i, 'value'], 'must be 1 to 64 letters, digits or . _ - starting with a letter or digit');
    }
    return { value: option.value, label: requireText(option.label, [...path, i, 'label'], OPTION_LABEL_MAX) };
  });
  requireUnique(
    options.map((option) => option.value),
    path,
    'value',
  );
  return options;
}

function requireWhole(value: unknown, path: FieldPath): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > 1_000) fail(path, 'must be a whole number from -1000 to 1000');
  return value;
}

function checkQuestion(value: unknown, path: FieldPath): SurveyQuestion {
  const input = requireObject(value, path);
  if (typeof input.questionId !== 'string' || !QUESTION_ID_PATTERN.test(input.questionId)) {
    fail([...path, 'questionId'], 'must be 1 to 64 letters, digits or underscores starting with a letter (it names a CSV column)');
  }
  if ((RESERVED_COLUMNS as readonly string[]).includes(input.questionId.toLowerCase())) {
    fail([...path, 'questionId'], `must not be one of ${RESERVED_COLUMNS.join(', ')} (reserved CSV columns)`);
  }
  const kind = requireOneOf(QUESTION_KINDS, input.kind, [...path, 'kind']);
  const question: SurveyQuestion = {
    questionId: input.questionId,
    text: requireText(input.text, [...path, 'text'], QUESTION_TEXT_MAX),
    kind,
    required: requireBoolean(input.required, [...path, 'required']),
    options: [],
    scaleMin: null,
    scaleMax: null,
  };
  const isChoice = kind === 'SINGLE_CHOICE' || kind === 'MULTIPLE_CHOICE';
  if (isChoice) question.options = checkOptions(input.options, [...path, 'options']);
  else if (!absent(input.options)) fail([...path, 'options'], 'apply only to choice questions');
  if (kind === 'SCALE') {
    const scaleMin = requireWhole(input.scaleMin, [...path, 'scaleMin']);
    const scaleMax = requireWhole(input.scaleMax, [...path, 'scaleMax']);
    if (scaleMax <= scaleMin) fail([...path, 'scaleMax'], 'must be greater than scaleMin');
    if (scaleMax - scaleMin > MAX_SCALE_SPAN) fail([...path, 'scaleMax'], `must be at most ${MAX_SCALE_SPAN} above scaleMin`);
    Object.assign(question, { scaleMin, scaleMax });
  } else {
    for (const field of ['scaleMin', 'scaleMax'] as const) if (!absent(input[field])) fail([...path, field], 'applies only to scale questions');
  }
  return question;
}

function openSurvey(command: OpenSurvey, state: SurveyState, at: string): SurveyEvent[] {
  if (state.eventCount > 0) throw violated('SURVEY_ALREADY_EXISTS', `survey ${command.surveyId} already exists`);
  if (typeof command.provinceCode !== 'string' || !PROVINCE_CODE_PATTERN.test(command.provinceCode)) {
    fail(['provinceCode'], 'must be a province code (2 digits)');
  }
  const questions = requireList(command.questions, ['questions'], 1, MAX_QUESTIONS, 'questions').map((q, i) => checkQuestion(q, ['questions', i]));
  // Case-insensitively, so that no two CSV columns differ only in case.
  requireUnique(
    questions.map((q) => q.questionId.toLowerCase()),
    ['questions'],
    'questionId',
  );
  const opensAt = command.opensAt === undefined || command.opensAt === null ? null : requireInstant(command.opensAt, ['opensAt']);
  const closesAt = command.closesAt === undefined || command.closesAt === null ? null : requireInstant(command.closesAt, ['closesAt']);
  if (closesAt !== null && closesAt <= at) fail(['closesAt'], 'must be in the future');
  if (closesAt !== null && opensAt !== null && closesAt <= opensAt) fail(['closesAt'], 'must be after opensAt');
  return [
    {
      type: 'SurveyOpened',
      data: {
        surveyId: command.surveyId,
        title: requireText(command.title, ['title'], TITLE_MAX),
        description: optionalText(command.description, ['description'], DESCRIPTION_MAX),
        provinceCode: command.provinceCode,
        targetLocalityCodes: checkTargets(command.targetLocalityCodes, command.provinceCode, ['targetLocalityCodes']),
        questions,
        opensAt,
        closesAt,
        openedAt: at,
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// RecordResponses and CloseSurvey

function requireOpen(command: SurveyCommand, state: SurveyState): void {
  if (state.eventCount === 0) throw new NotFoundError(`survey ${command.surveyId} not found`);
  if (state.surveyId !== command.surveyId) {
    // The service loaded the wrong stream: a programming error, not a user's.
    throw new Error(`command for survey ${command.surveyId} decided on the state of survey ${state.surveyId}`);
  }
  if (state.status === 'CLOSED') throw violated('SURVEY_CLOSED', `survey ${command.surveyId} is closed`);
}

/** Whether the survey takes responses at `at`: open, and inside its opensAt–closesAt window. */
function requireTakingResponses(command: RecordResponses, state: SurveyState, at: string): void {
  requireOpen(command, state);
  if (state.opensAt !== null && at < state.opensAt) {
    throw violated('SURVEY_CLOSED', `survey ${command.surveyId} takes responses from ${state.opensAt}`);
  }
  if (state.closesAt !== null && at >= state.closesAt) {
    throw violated('SURVEY_CLOSED', `survey ${command.surveyId} stopped taking responses at ${state.closesAt}`);
  }
}

function recordResponses(command: RecordResponses, state: SurveyState, at: string): SurveyEvent[] {
  requireTakingResponses(command, state, at);
  const inputs = requireList(command.responses, ['responses'], 1, MAX_RESPONSES_PER_COMMAND, 'responses');
  const inCommand = new Set<string>();
  const events: SurveyEvent[] = [];
  inputs.forEach((input, i) => {
    const response = checkResponse(state, input, ['responses', i]);
    if (inCommand.has(response.responseId)) fail(['responses', i, 'responseId'], 'is listed twice');
    inCommand.add(response.responseId);
    const recorded = state.responses.digestOf(response.responseId);
    if (recorded === response.digest) return; // a resubmission: recorded already
    if (recorded !== undefined) {
      throw new ConflictError(`response ${response.responseId} was already recorded with other answers`);
    }
    events.push({ type: 'SurveyResponseRecorded', data: { surveyId: command.surveyId, ...response, recordedAt: at } });
  });
  return events;
}

function closeSurvey(command: CloseSurvey, state: SurveyState, at: string): SurveyEvent[] {
  requireOpen(command, state);
  const reason = optionalText(command.reason, ['reason'], REASON_MAX);
  return [{ type: 'SurveyClosed', data: { surveyId: command.surveyId, reason, responseCount: state.responses.size, closedAt: at } }];
}

function unknownCommand(command: never): never {
  throw ValidationError.field(['type'], `unknown command type ${String((command as { type?: unknown }).type)}`);
}

function decideSurvey(command: SurveyCommand, state: SurveyState, context: CommandContext): SurveyEvent[] {
  requireObject(command, ['command']);
  if (!(SURVEY_COMMAND_TYPES as readonly unknown[]).includes(command.type)) unknownCommand(command as never);
  requireId(command.surveyId, ['surveyId']);
  const at = contextInstant(context.now);
  switch (command.type) {
    case 'OpenSurvey':
      return openSurvey(command, state, at);
    case 'RecordResponses':
      return recordResponses(command, state, at);
    case 'CloseSurvey':
      return closeSurvey(command, state, at);
    default:
      return unknownCommand(command);
  }
}

export const surveyDecider: Decider<SurveyCommand, SurveyEvent, SurveyState> = {
  decide: decideSurvey,
  evolve: evolveSurvey,
  initialState: initialSurveyState,
  isInitial: (state) => state.eventCount === 0,
};
