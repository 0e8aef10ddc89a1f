/** The `data` of each survey event, as JSON Schema: the published form of events.ts. */
import { arrayOf, boolean, EventDataSchema, id, instant, integer, nullable, object, oneOf, ref, string } from '../json-schema';
import type { SurveyEventType } from './events';
import { AGE_GROUPS, GENDERS, OCCUPATIONS, QUESTION_KINDS } from './vocabulary';

const question = object(
  {
    questionId: string({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$', description: 'Unique within the survey; the CSV column of the question' }),
    text: string({ minLength: 1 }),
    kind: oneOf(QUESTION_KINDS),
    required: boolean(),
    options: arrayOf(object({ value: string({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' }), label: string({ minLength: 1 }) }), {
      description: 'Choice questions: the options in display order; otherwise empty',
    }),
    scaleMin: nullable(integer({ description: 'SCALE only' })),
    scaleMax: nullable(integer({ description: 'SCALE only' })),
  },
  'Câu hỏi khảo sát',
);

const answer = {
  anyOf: [
    object({ questionId: string(), choice: string() }, 'A single choice'),
    object({ questionId: string(), choices: arrayOf(string(), { minItems: 1, uniqueItems: true }) }, 'Multiple choices, in option order'),
    object({ questionId: string(), scale: integer() }, 'A point of the scale'),
    object({ questionId: string(), text: string({ minLength: 1 }) }, 'Free text'),
  ],
};

export const SURVEY_EVENT_SCHEMAS: readonly EventDataSchema<SurveyEventType>[] = [
  {
    type: 'SurveyOpened',
    version: 1,
    description: 'A public-opinion survey (điều tra, khảo sát dư luận xã hội) was opened with its questions and target localities',
    data: object({
      surveyId: id(),
      title: string({ minLength: 1 }),
      description: nullable(string()),
      provinceCode: string({ pattern: '^\\d{2}$' }),
      targetLocalityCodes: arrayOf(string({ pattern: '^\\d{2}(\\d{3})?$' }), { minItems: 1, uniqueItems: true, description: 'The province (all its communes) and/or communes of it' }),
      questions: arrayOf(ref('SurveyQuestion'), { minItems: 1 }),
      opensAt: nullable(instant()),
      closesAt: nullable(instant()),
      openedAt: instant(),
    }),
    $defs: { SurveyQuestion: question },
  },
  {
    type: 'SurveyResponseRecorded',
    version: 1,
    description: 'One response to a survey: its commune, optional demographics and answers in question order',
    data: object({
      surveyId: id(),
      responseId: id(),
      localityCode: string({ pattern: '^\\d{5}$' }),
      demographics: object({ ageGroup: nullable(oneOf(AGE_GROUPS)), gender: nullable(oneOf(GENDERS)), occupation: nullable(oneOf(OCCUPATIONS)) }),
      answers: arrayOf(answer),
      digest: string({ pattern: '^[0-9a-f]{14}$', description: 'Fingerprint of the content: tells a resubmission of the same response from a changed one' }),
      recordedAt: instant(),
    }),
  },
  {
    type: 'SurveyClosed',
    version: 1,
    description: 'The survey was closed: it takes no further responses',
    data: object({ surveyId: id(), reason: nullable(string()), responseCount: integer({ minimum: 0 }), closedAt: instant() }),
  },
];
