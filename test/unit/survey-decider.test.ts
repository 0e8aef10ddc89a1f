import { fold } from '../../domain/decider';
import { ConflictError, IllegalStateError, NotFoundError, ValidationError } from '../../domain/errors';
import type { OpenSurvey, RecordResponses, ResponseInput, SurveyCommand } from '../../domain/survey/commands';
import { MAX_RESPONSES_PER_COMMAND, SURVEY_RULES, surveyDecider } from '../../domain/survey/decider';
import type { SurveyEvent, SurveyQuestion } from '../../domain/survey/events';
import { responseDigest } from '../../domain/survey/responses';
import { ResponseIndex } from '../../domain/survey/state';
import { given, rejectedRules } from './support/given-when-then';

const ID = 'khao-sat-2026';
const NOW = '2026-07-10T01:00:00.000Z';
const EARLIER = '2026-07-01T01:00:00.000Z';
const LATER = '2026-08-01T00:00:00.000Z';
const COMMUNE = '24781';
const OTHER_COMMUNE = '22918';
const surveys = surveyDecider;
const command = (fields: Record<string, unknown>) => fields as unknown as SurveyCommand;

const questions: SurveyQuestion[] = [
  {
    questionId: 'q1',
    text: 'Ông/bà có biết về chủ trương sắp xếp đơn vị hành chính không?',
    kind: 'SINGLE_CHOICE',
    required: true,
    options: [
      { value: 'YES', label: 'Có' },
      { value: 'NO', label: 'Không' },
    ],
    scaleMin: null,
    scaleMax: null,
  },
  {
    questionId: 'q2',
    text: 'Ông/bà biết qua những kênh nào?',
    kind: 'MULTIPLE_CHOICE',
    required: false,
    options: [
      { value: 'TV', label: 'Truyền hình' },
      { value: 'ZALO', label: 'Zalo' },
      { value: 'LOA', label: 'Loa phát thanh' },
    ],
    scaleMin: null,
    scaleMax: null,
  },
  { questionId: 'q3', text: 'Mức độ hài lòng (1–5)', kind: 'SCALE', required: true, options: [], scaleMin: 1, scaleMax: 5 },
  { questionId: 'q4', text: 'Ý kiến khác', kind: 'FREE_TEXT', required: false, options: [], scaleMin: null, scaleMax: null },
];

const openCommand: OpenSurvey = {
  type: 'OpenSurvey',
  surveyId: ID,
  title: ' Khảo sát dư luận về chính quyền địa phương hai cấp ',
  provinceCode: '68',
  targetLocalityCodes: [COMMUNE, OTHER_COMMUNE],
  questions: questions.map(({ options, scaleMin, scaleMax, ...q }) => ({ ...q, ...(options.length ? { options } : {}), ...(scaleMin !== null ? { scaleMin, scaleMax } : {}) })),
  closesAt: LATER,
};

const opened = (overrides: Partial<Extract<SurveyEvent, { type: 'SurveyOpened' }>['data']> = {}): SurveyEvent => ({
  type: 'SurveyOpened',
  data: {
    surveyId: ID,
    title: 'Khảo sát dư luận về chính quyền địa phương hai cấp',
    description: null,
    provinceCode: '68',
    targetLocalityCodes: [COMMUNE, OTHER_COMMUNE],
    questions,
    opensAt: null,
    closesAt: LATER,
    openedAt: EARLIER,
    ...overrides,
  },
});
const closed: SurveyEvent = { type: 'SurveyClosed', data: { surveyId: ID, reason: null, responseCount: 0, closedAt: EARLIER } };

const response = (overrides: Partial<ResponseInput> = {}): ResponseInput => ({
  responseId: 'r-1',
  localityCode: COMMUNE,
  provinceCode: '68',
  demographics: { ageGroup: 'AGE_30_44', gender: 'FEMALE', occupation: 'FARMER' },
  answers: [
    { questionId: 'q3', scale: 4 },
    { questionId: 'q1', choice: 'YES' },
    { questionId: 'q2', choices: ['ZALO', 'TV'] },
    { questionId: 'q4', text: '  Thủ tục nhanh hơn trước ' },
  ],
  ...overrides,
});
const record = (...responses: ResponseInput[]): RecordResponses => ({ type: 'RecordResponses', surveyId: ID, responses });

/** The event recording `response()` (answers in question order, choices in option order, text trimmed). */
function recorded(responseId = 'r-1'): SurveyEvent {
  const demographics = { ageGroup: 'AGE_30_44' as const, gender: 'FEMALE' as const, occupation: 'FARMER' as const };
  const answers = [
    { questionId: 'q1', choice: 'YES' },
    { questionId: 'q2', choices: ['TV', 'ZALO'] },
    { questionId: 'q3', scale: 4 },
    { questionId: 'q4', text: 'Thủ tục nhanh hơn trước' },
  ];
  return {
    type: 'SurveyResponseRecorded',
    data: { surveyId: ID, responseId, localityCode: COMMUNE, demographics, answers, digest: responseDigest(COMMUNE, demographics, answers), recordedAt: NOW },
  };
}

const answersWith = (...changes: Record<string, unknown>[]) => {
  const base: Record<string, unknown>[] = [{ questionId: 'q1', choice: 'YES' }, { questionId: 'q3', scale: 3 }];
  return changes.reduce((answers, change) => [...answers.filter((a) => a.questionId !== change.questionId), change], base) as unknown as ResponseInput['answers'];
};

describe('OpenSurvey', () => {
  test('opens a survey with questions of every kind, trimmed', () => {
    const state = given(surveys, []).when(openCommand).then([{ ...opened({ openedAt: NOW }) }]);
    expect(state).toMatchObject({ surveyId: ID, status: 'OPEN', provinceCode: '68', eventCount: 1 });
    expect([...state.questions.keys()]).toEqual(['q1', 'q2', 'q3', 'q4']);
  });

  test('a survey of the whole province', () => {
    given(surveys, [])
      .when({ ...openCommand, targetLocalityCodes: ['68'] })
      .then([opened({ targetLocalityCodes: ['68'], openedAt: NOW })]);
  });

  test('SURVEY_ALREADY_EXISTS: a survey is opened once', () => {
    given(surveys, [opened()]).when(openCommand).thenThrows(IllegalStateError, 'SURVEY_ALREADY_EXISTS');
  });

  test.each([
    ['title', { title: ' ' }, 'title: must not be empty'],
    ['no questions', { questions: [] }, 'questions: must list at least 1 questions'],
    ['no targets', { targetLocalityCodes: [] }, 'targetLocalityCodes: must list at least 1 target localities'],
    ['another province as target', { targetLocalityCodes: ['01'] }, 'targetLocalityCodes.0: must be the survey’s province'],
    ['a target twice', { targetLocalityCodes: [COMMUNE, COMMUNE] }, 'targetLocalityCodes.1: is listed twice'],
    ['closesAt in the past', { closesAt: EARLIER }, 'closesAt: must be in the future'],
    ['closesAt before opensAt', { opensAt: '2026-08-02T00:00:00Z' }, 'closesAt: must be after opensAt'],
  ])('rejects %s', (_name, change, message) => {
    given(surveys, []).when(command({ ...openCommand, ...change })).thenThrows(ValidationError, message);
  });

  const withQuestion = (index: number, change: Record<string, unknown>) =>
    command({ ...openCommand, questions: openCommand.questions.map((q, i) => (i === index ? { ...q, ...change } : q)) });

  test.each([
    ['a question id that is no CSV column', 0, { questionId: 'câu 1' }, 'questions.0.questionId: must be 1 to 64 letters'],
    ['a reserved column', 0, { questionId: 'gender' }, 'questions.0.questionId: must not be one of'],
    ['a repeated question id', 1, { questionId: 'Q1' }, 'questions.1.questionId: is listed twice'],
    ['an unknown kind', 0, { kind: 'RANKING' }, 'questions.0.kind: must be one of'],
    ['a choice question with one option', 0, { options: [{ value: 'YES', label: 'Có' }] }, 'questions.0.options: must list at least 2 options'],
    ['an option twice', 0, { options: [{ value: 'YES', label: 'Có' }, { value: 'YES', label: 'Vâng' }] }, 'questions.0.options.1.value: is listed twice'],
    ['an option value with a separator', 0, { options: [{ value: 'A|B', label: 'x' }, { value: 'C', label: 'y' }] }, 'questions.0.options.0.value'],
    ['options on a scale', 2, { options: [{ value: 'A', label: 'x' }, { value: 'B', label: 'y' }] }, 'questions.2.options: apply only to choice questions'],
    ['an empty scale', 2, { scaleMin: 5, scaleMax: 5 }, 'questions.2.scaleMax: must be greater than scaleMin'],
    ['a scale without bounds', 2, { scaleMin: undefined }, 'questions.2.scaleMin: must be a whole number'],
    ['a scale bound on free text', 3, { scaleMax: 5 }, 'questions.3.scaleMax: applies only to scale questions'],
    ['required not given', 3, { required: undefined }, 'questions.3.required: must be true or false'],
  ])('rejects %s', (_name, index, change, message) => {
    given(surveys, []).when(withQuestion(index, change)).thenThrows(ValidationError, message);
  });
});

describe('RecordResponses', () => {
  test('records a response: answers in question order, choices in option order, text trimmed', () => {
    const state = given(surveys, [opened()]).when(record(response())).then([recorded()]);
    expect(state.responses.size).toBe(1);
    expect(state.responses.digestOf('r-1')).toBe((recorded().data as { digest: string }).digest);
  });

  test('many responses in one command: one event each', () => {
    const events = surveys.decide(record(response(), response({ responseId: 'r-2' }), response({ responseId: 'r-3' })), fold(surveys, [opened()]), {
      now: NOW,
      actorId: 'officer-1',
      actorRole: 'OFFICER',
    });
    expect(events.map((e) => (e.data as { responseId: string }).responseId)).toEqual(['r-1', 'r-2', 'r-3']);
  });

  test('optional questions may be left out, and blank free text is no answer', () => {
    const demographics = { ageGroup: null, gender: null, occupation: null };
    const answers = [
      { questionId: 'q1', choice: 'NO' },
      { questionId: 'q3', scale: 1 },
    ];
    given(surveys, [opened()])
      .when(record({ responseId: 'r-9', localityCode: OTHER_COMMUNE, answers: [...answers, { questionId: 'q4', text: '  ' }] }))
      .then([
        {
          type: 'SurveyResponseRecorded',
          data: { surveyId: ID, responseId: 'r-9', localityCode: OTHER_COMMUNE, demographics, answers, digest: responseDigest(OTHER_COMMUNE, demographics, answers), recordedAt: NOW },
        },
      ]);
  });

  test('a province-wide survey takes any commune of the province (the service names its province)', () => {
    given(surveys, [opened({ targetLocalityCodes: ['68'] })])
      .when(record(response({ localityCode: '24820', provinceCode: '68' })))
      .then([{ ...recorded(), data: { ...recorded().data, localityCode: '24820', digest: expect.any(String) } } as SurveyEvent]);
    given(surveys, [opened({ targetLocalityCodes: ['68'] })])
      .when(record(response({ localityCode: '00004', provinceCode: '01' })))
      .thenThrows(ValidationError, 'responses.0.localityCode: is not one of the survey’s target localities');
  });

  test('the same response again is a resubmission: nothing is recorded', () => {
    given(surveys, [opened(), recorded()]).when(record(response())).then([]);
    given(surveys, [opened(), recorded()])
      .when(record(response(), response({ responseId: 'r-2' })))
      .then([recorded('r-2')].map((e) => ({ ...e, data: { ...e.data, digest: expect.any(String) } }) as SurveyEvent));
  });

  test('CONFLICT: a response id recorded before with other answers', () => {
    given(surveys, [opened(), recorded()])
      .when(record(response({ answers: answersWith() })))
      .thenThrows(ConflictError, 'response r-1 was already recorded with other answers');
  });

  test('SURVEY_CLOSED: a closed survey takes no responses', () => {
    given(surveys, [opened(), closed]).when(record(response())).thenThrows(IllegalStateError, 'SURVEY_CLOSED');
  });

  test('SURVEY_CLOSED: not before opensAt, not from closesAt on', () => {
    given(surveys, [opened({ opensAt: '2026-07-11T00:00:00.000Z' })]).when(record(response())).thenThrows(IllegalStateError, 'SURVEY_CLOSED');
    given(surveys, [opened({ closesAt: NOW })]).when(record(response())).thenThrows(IllegalStateError, 'SURVEY_CLOSED');
    given(surveys, [opened({ opensAt: NOW })]).when(record(response())).then([recorded()]);
  });

  test('a late response is rejected whatever its content', () => {
    given(surveys, [opened(), closed])
      .when(record(response({ answers: [] })))
      .thenThrows(IllegalStateError, 'SURVEY_CLOSED');
  });

  test('an unknown survey is NOT_FOUND', () => {
    given(surveys, []).when(record(response())).thenThrows(NotFoundError, `survey ${ID} not found`);
  });

  test.each([
    ['no responses', [], 'responses: must list at least 1 responses'],
    ['a response id twice', [response(), response()], 'responses.1.responseId: is listed twice'],
    ['a bad response id', [response({ responseId: ' ' })], 'responses.0.responseId: must be an id'],
    ['a commune outside the targets', [response({ localityCode: '24820' })], 'responses.0.localityCode: is not one of the survey’s target localities'],
    ['a province as locality', [response({ localityCode: '68' })], 'responses.0.localityCode: must be a commune code'],
    ['an unknown age group', [response({ demographics: { ageGroup: 'OLD' } })], 'responses.0.demographics.ageGroup: must be one of'],
    ['an unknown question', [response({ answers: answersWith({ questionId: 'q9', choice: 'YES' }) })], 'responses.0.answers.2.questionId: is not a question of this survey'],
    [
      'a question answered twice',
      [response({ answers: [...answersWith(), { questionId: 'q1', choice: 'NO' }] })],
      'responses.0.answers.2.questionId: answers question q1 a second time',
    ],
    ['an option not offered', [response({ answers: answersWith({ questionId: 'q1', choice: 'MAYBE' }) })], 'responses.0.answers.1.choice: is not an option of question q1'],
    [
      'two choices on a single-choice question',
      [response({ answers: answersWith({ questionId: 'q1', choices: ['YES', 'NO'] }) })],
      'responses.0.answers.1.choices: does not apply to question q1 (Chọn một phương án): a single-choice question takes exactly one `choice`',
    ],
    ['a multiple choice twice', [response({ answers: answersWith({ questionId: 'q2', choices: ['TV', 'TV'] }) })], 'responses.0.answers.2.choices.1: is listed twice'],
    ['an empty multiple choice', [response({ answers: answersWith({ questionId: 'q2', choices: [] }) })], 'responses.0.answers.2.choices: must list at least one option'],
    ['a scale out of range', [response({ answers: answersWith({ questionId: 'q3', scale: 6 }) })], 'responses.0.answers.1.scale: must be a whole number from 1 to 5'],
    ['a fractional scale', [response({ answers: answersWith({ questionId: 'q3', scale: 2.5 }) })], 'responses.0.answers.1.scale: must be a whole number from 1 to 5'],
    ['text on a scale question', [response({ answers: answersWith({ questionId: 'q3', text: 'năm' }) })], 'responses.0.answers.1.text: does not apply to question q3'],
    ['a missing required answer', [response({ answers: [{ questionId: 'q1', choice: 'YES' }] })], 'responses.0.answers: must answer question q3: it is required'],
    ['a required choice left empty', [response({ answers: answersWith({ questionId: 'q1' }) })], 'responses.0.answers.1.choice: is required to answer question q1'],
  ])('BAD_USER_INPUT with the field path: %s', (_name, responses, message) => {
    given(surveys, [opened()]).when(command({ type: 'RecordResponses', surveyId: ID, responses })).thenThrows(ValidationError, message);
  });

  test(`at most ${MAX_RESPONSES_PER_COMMAND} responses per command`, () => {
    const many = Array.from({ length: MAX_RESPONSES_PER_COMMAND + 1 }, (_, i) => response({ responseId: `r-${i}` }));
    given(surveys, [opened()]).when(record(...many)).thenThrows(ValidationError, `responses: must list at most ${MAX_RESPONSES_PER_COMMAND} responses`);
  });

  test('the error names the field, never the value', () => {
    try {
      surveys.decide(record(response({ answers: answersWith({ questionId: 'q4', text: 'x'.repeat(2_001) }) })), fold(surveys, [opened()]), {
        now: NOW,
        actorId: 'a',
        actorRole: 'OFFICER',
      });
      throw new Error('expected a ValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems).toEqual([{ path: ['responses', 0, 'answers', 2, 'text'], message: 'must be at most 2000 characters' }]);
      expect((error as Error).message).not.toContain('xxx');
    }
  });
});

describe('CloseSurvey', () => {
  test('closes the survey with its response count', () => {
    const state = given(surveys, [opened(), recorded(), recorded('r-2')])
      .when({ type: 'CloseSurvey', surveyId: ID, reason: 'Đủ mẫu' })
      .then([{ type: 'SurveyClosed', data: { surveyId: ID, reason: 'Đủ mẫu', responseCount: 2, closedAt: NOW } }]);
    expect(state.status).toBe('CLOSED');
  });

  test('SURVEY_CLOSED: a survey is closed once', () => {
    given(surveys, [opened(), closed]).when({ type: 'CloseSurvey', surveyId: ID }).thenThrows(IllegalStateError, 'SURVEY_CLOSED');
  });

  test('an unknown survey is NOT_FOUND', () => {
    given(surveys, []).when({ type: 'CloseSurvey', surveyId: ID }).thenThrows(NotFoundError, 'not found');
  });
});

describe('ResponseIndex', () => {
  test('is persistent: extending an older index never changes what a newer or an older one sees', () => {
    const empty = ResponseIndex.empty();
    const one = empty.with('a', 'd1');
    const two = one.with('b', 'd2');
    const branch = one.with('c', 'd3'); // extends an index that is no longer the newest
    expect([empty.size, one.size, two.size, branch.size]).toEqual([0, 1, 2, 2]);
    expect(two.digestOf('b')).toBe('d2');
    expect(two.digestOf('c')).toBeUndefined();
    expect(branch.digestOf('c')).toBe('d3');
    expect(branch.digestOf('b')).toBeUndefined();
    expect(one.digestOf('b')).toBeUndefined();
    expect(empty.digestOf('a')).toBeUndefined();
    expect(two.with('a', 'other')).toBe(two);
  });

  test('folding 75,000 responses is linear', () => {
    const template = recorded().data as Extract<SurveyEvent, { type: 'SurveyResponseRecorded' }>['data'];
    const events: SurveyEvent[] = [opened()];
    for (let i = 0; i < 75_000; i++) events.push({ type: 'SurveyResponseRecorded', data: { ...template, responseId: `r-${i}` } });
    const started = performance.now();
    const state = fold(surveys, events);
    expect(state.responses.size).toBe(75_000);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

test('every survey rule has a rejecting spec', () => {
  expect(SURVEY_RULES.map(({ rule }) => rule).filter((rule) => !rejectedRules().has(rule))).toEqual([]);
});
