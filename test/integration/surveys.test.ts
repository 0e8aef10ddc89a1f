import { IllegalStateError, NotFoundError, ValidationError } from '../../domain/errors';
import type { ResponseInput } from '../../domain/survey/commands';
import { OPERATION_ROLES, type Operation } from '../../graphql/auth/policy';
import { surveyCommands } from '../../graphql/survey-access';
import { marginOfError } from '../../graphql/survey-results';
import { ROLES, type Role } from '../../domain/vocabulary';
import { importSurveyCsv } from '../../services/cli/survey.command';
import { SurveyCommands } from '../../services/commands/survey-commands';
import { CommandService } from '../../services/commands/command-service';
import type { EventStore } from '../../eventstore/port';
import { COMMUNE_A, COMMUNE_B, GraphQLHarness, openGraphQLHarness, OTHER_PROVINCE_COMMUNE } from '../support/graphql-harness';

/**
 * Surveys end to end on real Postgres: open → bulk responses → results by commune and demographic with margins →
 * free-text search with and without diacritics → close → a late response is rejected and writes nothing; the CSV
 * import (happy path, re-run, a bad row); and authorization of every survey operation.
 */

const QUESTIONS = [
  { questionId: 'biet', text: 'Ông/bà có biết chủ trương không?', kind: 'SINGLE_CHOICE', required: true, options: [{ value: 'CO', label: 'Có' }, { value: 'KHONG', label: 'Không' }] },
  { questionId: 'kenh', text: 'Biết qua kênh nào?', kind: 'MULTIPLE_CHOICE', required: false, options: [{ value: 'TV', label: 'Truyền hình' }, { value: 'ZALO', label: 'Zalo' }, { value: 'LOA', label: 'Loa phát thanh' }] },
  { questionId: 'hai_long', text: 'Mức độ hài lòng (1–5)', kind: 'SCALE', required: true, scaleMin: 1, scaleMax: 5 },
  { questionId: 'y_kien', text: 'Ý kiến khác', kind: 'FREE_TEXT', required: false },
];

const OPEN = `mutation($input: OpenSurveyInput!) { openSurvey(input: $input) { surveyId status responseCount readModelCurrent } }`;
const RECORD = `mutation($input: RecordSurveyResponsesInput!) { recordSurveyResponses(input: $input) { surveyId recorded resubmitted responseCount readModelCurrent } }`;
const RECORD_ONE = `mutation($input: RecordSurveyResponseInput!) { recordSurveyResponse(input: $input) { recorded responseCount } }`;
const CLOSE = `mutation($input: CloseSurveyInput!) { closeSurvey(input: $input) { status responseCount readModelCurrent } }`;
const RESULTS = `query($id: ID!, $by: [SurveyDimension!]!, $q: ID) {
  surveyResults(id: $id, by: $by, questionId: $q) {
    responses survey { id status responseCount }
    questions {
      question { id kind }
      overall { code responses respondents mean meanMarginOfError shares { value count share marginOfError } }
      breakdowns { dimension groups { code label responses respondents shares { value count share marginOfError } } }
    }
  }
}`;
const SEARCH = `query($id: ID!, $q: ID!, $text: String!) { searchSurveyAnswers(id: $id, questionId: $q, text: $text) { totalCount answers { responseId text locality { code } } } }`;

const TEXTS = ['Thủ tục hành chính nhanh hơn trước', 'Trụ sở xã mới xa, đi lại khó khăn', 'Đề nghị hướng dẫn dịch vụ công trực tuyến'];
const AGES = ['AGE_18_29', 'AGE_30_44', 'AGE_60_PLUS', null] as const;

/** 300 deterministic responses over two communes. */
function responses(prefix: string, n = 300): ResponseInput[] {
  return Array.from({ length: n }, (_, i) => ({
    responseId: `${prefix}-${i}`,
    localityCode: i % 3 === 0 ? COMMUNE_B : COMMUNE_A,
    demographics: { ageGroup: AGES[i % 4], gender: i % 2 === 0 ? 'FEMALE' : 'MALE' },
    answers: [
      { questionId: 'biet', choice: i % 5 === 0 ? 'KHONG' : 'CO' },
      ...(i % 4 === 0 ? [] : [{ questionId: 'kenh', choices: i % 2 === 0 ? ['TV', 'ZALO'] : ['LOA'] }]),
      { questionId: 'hai_long', scale: (i % 5) + 1 },
      ...(i % 10 === 0 ? [{ questionId: 'y_kien', text: TEXTS[(i / 10) % 3] }] : []),
    ],
  }));
}

describe('surveys', () => {
  let h: GraphQLHarness;
  let officer: string;
  let surveys: SurveyCommands;
  const SURVEY = 'ks-chinh-quyen-2-cap';

  beforeAll(async () => {
    h = await openGraphQLHarness();
    officer = await h.as('OFFICER');
    surveys = surveyCommands(h.services);
  });
  afterAll(async () => h.close());

  describe('open → bulk responses → results → search → close', () => {
    const data = responses('r');

    it('opens a survey of the whole province', async () => {
      const res = await h.gql<{ openSurvey: Record<string, unknown> }>(OPEN, { input: { surveyId: SURVEY, title: 'Khảo sát chính quyền hai cấp', targetLocalityCodes: ['68'], questions: QUESTIONS } }, officer);
      expect(res.errors).toBeUndefined();
      expect(res.data?.openSurvey).toEqual({ surveyId: SURVEY, status: 'OPEN', responseCount: 0, readModelCurrent: true });
    });

    it('records responses in bulk, and recognises a resubmission', async () => {
      const res = await h.gql<{ recordSurveyResponses: Record<string, unknown> }>(RECORD, { input: { surveyId: SURVEY, responses: data } }, officer);
      expect(res.errors).toBeUndefined();
      expect(res.data?.recordSurveyResponses).toEqual({ surveyId: SURVEY, recorded: 300, resubmitted: 0, responseCount: 300, readModelCurrent: true });
      const before = await h.head();
      const again = await h.gql<{ recordSurveyResponses: Record<string, unknown> }>(RECORD, { input: { surveyId: SURVEY, responses: data.slice(0, 10) } }, officer);
      expect(again.data?.recordSurveyResponses).toMatchObject({ recorded: 0, resubmitted: 10, responseCount: 300 });
      expect(await h.head()).toBe(before);
    });

    it('a response id reused with other answers is CONFLICT, and a bad answer BAD_USER_INPUT with its path; neither writes', async () => {
      const before = await h.head();
      const changed = { ...data[1], answers: [{ questionId: 'biet', choice: 'KHONG' }, { questionId: 'hai_long', scale: 1 }] };
      const conflict = await h.gql(RECORD, { input: { surveyId: SURVEY, responses: [changed] } }, officer);
      expect(conflict.errors?.[0].extensions.code).toBe('CONFLICT');
      expect(conflict.errors?.[0].message).toContain('r-1');
      const bad = { responseId: 'new-1', localityCode: COMMUNE_A, answers: [{ questionId: 'biet', choice: 'CO' }, { questionId: 'hai_long', scale: 9 }] };
      const invalid = await h.gql(RECORD, { input: { surveyId: SURVEY, responses: [data[0], bad] } }, officer);
      expect(invalid.errors?.[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fieldErrors: [{ path: ['input', 'responses', 1, 'answers', 1, 'scale'], message: 'must be a whole number from 1 to 5' }],
      });
      const outside = await h.gql(RECORD, { input: { surveyId: SURVEY, responses: [{ ...bad, localityCode: OTHER_PROVINCE_COMMUNE, answers: bad.answers.slice(0, 1) }] } }, officer);
      expect(outside.errors?.[0].extensions.fieldErrors).toEqual([{ path: ['input', 'responses', 0, 'localityCode'], message: 'is not one of the survey’s target localities' }]);
      expect(await h.head()).toBe(before);
    });

    it('gives results by commune and by demographic, with shares and 95% margins of error', async () => {
      const res = await h.gql<{ surveyResults: any }>(RESULTS, { id: SURVEY, by: ['COMMUNE', 'AGE_GROUP', 'GENDER'] }, officer);
      expect(res.errors).toBeUndefined();
      const results = res.data!.surveyResults;
      expect(results.responses).toBe(300);
      const [biet, kenh, haiLong, yKien] = results.questions;
      expect(biet.overall).toMatchObject({ responses: 300, respondents: 300 });
      const khong = biet.overall.shares.find((s: { value: string }) => s.value === 'KHONG');
      expect(khong.count).toBe(60);
      expect(khong.share).toBeCloseTo(0.2);
      expect(khong.marginOfError).toBeCloseTo(1.96 * Math.sqrt((0.2 * 0.8) / 300), 10);

      const communes = biet.breakdowns[0];
      expect(communes.dimension).toBe('COMMUNE');
      expect(communes.groups.map((g: { code: string; responses: number }) => [g.code, g.responses])).toEqual([[COMMUNE_B, 100], [COMMUNE_A, 200]].sort());
      const b = communes.groups.find((g: { code: string }) => g.code === COMMUNE_B);
      const bKhong = data.filter((r, i) => r.localityCode === COMMUNE_B && i % 5 === 0).length;
      expect(b.shares.find((s: { value: string }) => s.value === 'KHONG')).toEqual({ value: 'KHONG', count: bKhong, share: bKhong / 100, marginOfError: marginOfError(bKhong / 100, 100) });
      expect(b.label).toContain('Phường');

      const ages = biet.breakdowns[1];
      expect(ages.groups.map((g: { code: string; label: string; responses: number }) => [g.code, g.label, g.responses])).toEqual([
        ['AGE_18_29', 'Từ 18 đến 29 tuổi', 75],
        ['AGE_30_44', 'Từ 30 đến 44 tuổi', 75],
        ['AGE_60_PLUS', 'Từ 60 tuổi trở lên', 75],
        ['UNKNOWN', 'Không rõ', 75],
      ]);
      expect(biet.breakdowns[2].groups.map((g: { code: string; responses: number }) => [g.code, g.responses])).toEqual([['MALE', 150], ['FEMALE', 150]]);

      // multiple choice: n is who answered the question; shares may add up to more than 1
      expect(kenh.overall.respondents).toBe(225);
      expect(kenh.overall.shares.map((s: { value: string; count: number }) => [s.value, s.count])).toEqual([['TV', 75], ['ZALO', 75], ['LOA', 150]]);
      // scale: every point listed, and the mean with its margin
      expect(haiLong.overall.shares.map((s: { count: number }) => s.count)).toEqual([60, 60, 60, 60, 60]);
      expect(haiLong.overall.mean).toBeCloseTo(3);
      expect(haiLong.overall.meanMarginOfError).toBeCloseTo(1.96 * Math.sqrt(600 / 299 / 300), 6);
      // free text: respondents only
      expect(yKien.overall).toMatchObject({ respondents: 30, shares: [] });
    });

    it('finds free-text answers with or without diacritics', async () => {
      const plain = await h.gql<{ searchSurveyAnswers: any }>(SEARCH, { id: SURVEY, q: 'y_kien', text: 'thu tuc nhanh' }, officer);
      const marked = await h.gql<{ searchSurveyAnswers: any }>(SEARCH, { id: SURVEY, q: 'y_kien', text: 'THỦ TỤC nhanh' }, officer);
      expect(plain.errors).toBeUndefined();
      expect(plain.data!.searchSurveyAnswers.totalCount).toBe(10);
      expect(plain.data!.searchSurveyAnswers.answers[0].text).toBe('Thủ tục hành chính nhanh hơn trước');
      expect(marked.data).toEqual(plain.data);
      const none = await h.gql<{ searchSurveyAnswers: any }>(SEARCH, { id: SURVEY, q: 'y_kien', text: 'cao tốc' }, officer);
      expect(none.data!.searchSurveyAnswers).toEqual({ totalCount: 0, answers: [] });
    });

    it('limits commune-scoped users to their communes and to the COMMUNE breakdown', async () => {
      const communeOfficer = await h.as('OFFICER', { communeCodes: [COMMUNE_B] });
      const res = await h.gql<{ surveyResults: any }>(RESULTS, { id: SURVEY, by: ['COMMUNE'], q: 'biet' }, communeOfficer);
      expect(res.data!.surveyResults.responses).toBe(100);
      expect(res.data!.surveyResults.questions[0].breakdowns[0].groups.map((g: { code: string }) => g.code)).toEqual([COMMUNE_B]);
      const demographic = await h.gql(RESULTS, { id: SURVEY, by: ['GENDER'] }, communeOfficer);
      expect(demographic.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const otherProvince = await h.gql(RESULTS, { id: SURVEY, by: ['COMMUNE'] }, await h.as('OFFICER', { provinceCode: '01' }));
      expect(otherProvince.errors?.[0].extensions.code).toBe('NOT_FOUND');
    });

    it('closes; a late response is rejected with SURVEY_CLOSED and writes nothing', async () => {
      const closed = await h.gql<{ closeSurvey: Record<string, unknown> }>(CLOSE, { input: { surveyId: SURVEY, reason: 'Đủ mẫu' } }, officer);
      expect(closed.data?.closeSurvey).toEqual({ status: 'CLOSED', responseCount: 300, readModelCurrent: true });
      const before = await h.head();
      const late = await h.gql(RECORD_ONE, { input: { surveyId: SURVEY, response: responses('late', 1)[0] } }, await h.as('COLLABORATOR', { communeCodes: [COMMUNE_B] }));
      expect(late.errors?.[0].extensions).toEqual({ code: 'ILLEGAL_STATE', rule: 'SURVEY_CLOSED' });
      expect(late.errors?.[0].message).toBe(`survey ${SURVEY} is closed`);
      expect(await h.head()).toBe(before);
      const again = await h.gql(CLOSE, { input: { surveyId: SURVEY } }, officer);
      expect(again.errors?.[0].extensions).toMatchObject({ code: 'ILLEGAL_STATE', rule: 'SURVEY_CLOSED' });
    });
  });

  describe('CSV import', () => {
    const SURVEY_CSV = 'ks-csv';
    const ENVELOPE = { actorId: 'officer-1', actorRole: 'OFFICER' };
    const header = 'response_id,locality_code,age_group,gender,occupation,biet,kenh,hai_long,y_kien';
    const rows = Array.from({ length: 40 }, (_, i) => `c-${i},${i % 2 ? COMMUNE_A : COMMUNE_B},${i % 3 ? 'AGE_30_44' : 'Từ 60 tuổi trở lên'},${i % 2 ? 'Nữ' : 'nam'},FARMER,${i % 4 ? 'CO' : 'Không'},TV|Zalo,${(i % 5) + 1},${i % 8 ? '' : '"Đường xuống cấp, lầy lội"'}`);

    beforeAll(async () => {
      await surveys.execute({ type: 'OpenSurvey', surveyId: SURVEY_CSV, title: 'Khảo sát qua CSV', targetLocalityCodes: [COMMUNE_A, COMMUNE_B], questions: QUESTIONS as never }, ENVELOPE);
    });

    it('imports every row, accepting codes or Vietnamese labels; a re-run writes nothing new', async () => {
      const csv = `\ufeff${header}\r\n${rows.join('\r\n')}\r\n`;
      const result = await importSurveyCsv(surveys, SURVEY_CSV, csv, ENVELOPE, { chunkSize: 15 });
      expect(result).toMatchObject({ rows: 40, recorded: 40, resubmitted: 0, responseCount: 40 });
      const before = await h.head();
      const again = await importSurveyCsv(surveys, SURVEY_CSV, csv, ENVELOPE, { chunkSize: 15 });
      expect(again).toMatchObject({ rows: 40, recorded: 0, resubmitted: 40, responseCount: 40 });
      expect(await h.head()).toBe(before);
      await h.settle();
      const res = await h.gql<{ surveyResults: any }>(RESULTS, { id: SURVEY_CSV, by: ['GENDER', 'AGE_GROUP'], q: 'biet' }, officer);
      const [genders, ages] = res.data!.surveyResults.questions[0].breakdowns;
      expect(genders.groups.map((g: { code: string; responses: number }) => [g.code, g.responses])).toEqual([['MALE', 20], ['FEMALE', 20]]);
      expect(ages.groups.map((g: { code: string; responses: number }) => [g.code, g.responses])).toEqual([['AGE_30_44', 26], ['AGE_60_PLUS', 14]]);
      const search = await h.gql<{ searchSurveyAnswers: any }>(SEARCH, { id: SURVEY_CSV, q: 'y_kien', text: 'duong xuong cap' }, officer);
      expect(search.data!.searchSurveyAnswers.totalCount).toBe(5);
    });

    it('rejects a file with a bad row, naming its line and column, and writes nothing', async () => {
      const bad = [...rows.map((r) => r.replace(/^c-/, 'd-')), `d-x,${COMMUNE_A},,,,CO,,7,`, `d-y,${COMMUNE_A},,,,KHONG_BIET,,3,`];
      const before = await h.head();
      let error: unknown;
      try {
        await importSurveyCsv(surveys, SURVEY_CSV, `${header}\n${bad.join('\n')}\n`, ENVELOPE);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems).toEqual([
        { path: [42, 'hai_long'], message: 'must be a whole number from 1 to 5' },
        { path: [43, 'biet'], message: 'is not an option of question biet' },
      ]);
      expect((error as Error).message).toContain('line 42, column hai_long: must be a whole number from 1 to 5');
      expect(await h.head()).toBe(before);
    });

    it('rejects a malformed header, an unknown survey and a closed survey before reading rows', async () => {
      await expect(importSurveyCsv(surveys, SURVEY_CSV, `response_id,locality_code,biet,cau_hoi_la\n`, ENVELOPE)).rejects.toThrow('line 1: unknown column "cau_hoi_la"');
      await expect(importSurveyCsv(surveys, SURVEY_CSV, `response_id,locality_code,biet\nx,${COMMUNE_A},CO\n`, ENVELOPE)).rejects.toThrow('line 1: column hai_long is missing');
      await expect(importSurveyCsv(surveys, 'no-such-survey', `${header}\n`, ENVELOPE)).rejects.toBeInstanceOf(NotFoundError);
      await surveys.execute({ type: 'CloseSurvey', surveyId: SURVEY_CSV }, ENVELOPE);
      await expect(importSurveyCsv(surveys, SURVEY_CSV, `${header}\n${rows[0].replace('c-0', 'late')}\n`, ENVELOPE)).rejects.toBeInstanceOf(IllegalStateError);
    });
  });

  describe('bulk intake', () => {
    const ENVELOPE = { actorId: 'officer-1', actorRole: 'OFFICER' };

    it('pipelines its chunks; when another writer gets in between, the rest goes through fresh loads and nothing is lost', async () => {
      const ID = 'ks-pipeline';
      await surveys.execute({ type: 'OpenSurvey', surveyId: ID, title: 'Khảo sát nhiều đợt', targetLocalityCodes: [COMMUNE_A, COMMUNE_B], questions: QUESTIONS as never }, ENVELOPE);
      const other = new SurveyCommands(new CommandService(h.services.store), h.services.catalogue);
      const real = h.services.store;
      let appends = 0;
      // The second append of the intake finds a response from another writer already stored.
      const store: EventStore = Object.assign(Object.create(real) as EventStore, {
        append: async (...args: Parameters<EventStore['append']>) => {
          if (++appends === 2) await other.execute({ type: 'RecordResponses', surveyId: ID, responses: responses('chen', 1) }, ENVELOPE);
          return real.append(...args);
        },
      });
      const intake = new SurveyCommands(new CommandService(store), h.services.catalogue);
      const progress: number[] = [];
      const result = await intake.recordAll(ID, responses('p', 50), ENVELOPE, { chunkSize: 10, onProgress: (n) => progress.push(n) });
      expect(result).toMatchObject({ recorded: 50, resubmitted: 0, responseCount: 51 });
      expect(progress).toEqual([10, 20, 30, 40, 50]);
      expect(appends).toBe(6); // five chunks, the pre-empted one sent twice
      const recorded = (await real.readStream(`survey-${ID}`)).filter((e) => e.type === 'SurveyResponseRecorded').map((e) => (e.data as { responseId: string }).responseId);
      expect(recorded).toEqual([...responses('p', 10).map((r) => r.responseId), 'chen-0', ...responses('p', 50).slice(10).map((r) => r.responseId)]);
      expect((await intake.recordAll(ID, responses('p', 50), ENVELOPE, { chunkSize: 10 })).resubmitted).toBe(50);
    });

    it('refuses a chunk with a bad response after storing the chunks before it', async () => {
      const ID = 'ks-pipeline-bad';
      await surveys.execute({ type: 'OpenSurvey', surveyId: ID, title: 'Khảo sát có dòng sai', targetLocalityCodes: [COMMUNE_A, COMMUNE_B], questions: QUESTIONS as never }, ENVELOPE);
      const data = responses('b', 30);
      data[25] = { ...data[25], answers: [{ questionId: 'hai_long', scale: 9 }] };
      await expect(surveys.recordAll(ID, data, ENVELOPE, { chunkSize: 10 })).rejects.toBeInstanceOf(ValidationError);
      expect((await surveys.load(ID)).responses.size).toBe(20);
    });
  });

  describe('authorization of the survey operations', () => {
    const TARGET = 'ks-auth';
    const response = (id: string) => ({ responseId: id, localityCode: COMMUNE_A, answers: [{ questionId: 'biet', choice: 'CO' }, { questionId: 'hai_long', scale: 3 }] });
    const CASES: Record<string, { document: string; variables: Record<string, unknown> }> = {
      survey: { document: 'query($id: ID!) { survey(id: $id) { id questions { id } } }', variables: { id: TARGET } },
      surveys: { document: 'query { surveys(first: 5) { totalCount edges { node { id } } } }', variables: {} },
      surveyResults: { document: RESULTS, variables: { id: TARGET, by: ['COMMUNE'] } },
      searchSurveyAnswers: { document: SEARCH, variables: { id: TARGET, q: 'y_kien', text: 'thu tuc' } },
      openSurvey: { document: OPEN, variables: { input: { title: 'Khảo sát', targetLocalityCodes: [COMMUNE_A], questions: QUESTIONS } } },
      recordSurveyResponses: { document: RECORD, variables: { input: { surveyId: TARGET, responses: [response('auth-bulk')] } } },
      recordSurveyResponse: { document: RECORD_ONE, variables: { input: { surveyId: TARGET, response: response('auth-one') } } },
      closeSurvey: { document: CLOSE, variables: { input: { surveyId: 'no-such-survey' } } },
    };
    const MATRIX = Object.keys(CASES).flatMap((op) => ROLES.map((role): [string, Role, boolean] => [op, role, (OPERATION_ROLES[op as Operation] as readonly Role[]).includes(role)]));

    beforeAll(async () => {
      await surveys.execute({ type: 'OpenSurvey', surveyId: TARGET, title: 'Khảo sát phân quyền', targetLocalityCodes: ['68'], questions: QUESTIONS as never }, { actorId: 'officer-1', actorRole: 'OFFICER' });
      await h.settle();
    });

    it.each(MATRIX)('%s as %s (allowed: %s)', async (op, role, allowed) => {
      const before = await h.head();
      const res = await h.gql<Record<string, unknown>>(CASES[op].document, CASES[op].variables, await h.as(role));
      const code = res.errors?.[0]?.extensions.code;
      if (allowed) {
        expect([code, res.errors?.[0]?.message]).not.toContain('FORBIDDEN');
        expect(code).not.toBe('UNAUTHENTICATED');
      } else {
        expect(code).toBe('FORBIDDEN');
        expect(res.data?.[op] ?? null).toBeNull();
        expect(await h.head()).toBe(before);
      }
    });

    it.each(Object.keys(CASES))('%s without a token is UNAUTHENTICATED', async (op) => {
      const res = await h.gql(CASES[op].document, CASES[op].variables);
      expect(res.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    });

    it('scope: a commune-scoped collaborator records only in their commune; a commune officer cannot open a province-wide survey', async () => {
      const collaborator = await h.as('COLLABORATOR', { communeCodes: [COMMUNE_B] });
      const outside = await h.gql(RECORD_ONE, { input: { surveyId: TARGET, response: response('scope-1') } }, collaborator);
      expect(outside.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const inside = await h.gql<{ recordSurveyResponse: { recorded: number } }>(RECORD_ONE, { input: { surveyId: TARGET, response: { ...response('scope-2'), localityCode: COMMUNE_B } } }, collaborator);
      expect(inside.data?.recordSurveyResponse.recorded).toBe(1);
      const communeOfficer = await h.as('OFFICER', { communeCodes: [COMMUNE_B] });
      const open = await h.gql(OPEN, { input: { title: 'x', targetLocalityCodes: ['68'], questions: QUESTIONS } }, communeOfficer);
      expect(open.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const otherProvince = await h.gql(RECORD_ONE, { input: { surveyId: TARGET, response: response('scope-3') } }, await h.as('INTEGRATION', { provinceCode: '01' }));
      expect(otherProvince.errors?.[0].extensions.code).toBe('NOT_FOUND');
    });

    it('a single response’s field errors are under input.response', async () => {
      const res = await h.gql(RECORD_ONE, { input: { surveyId: TARGET, response: { ...response('path-1'), answers: [{ questionId: 'biet', choices: ['CO', 'KHONG'] }] } } }, officer);
      expect(res.errors?.[0].extensions.fieldErrors).toEqual([
        { path: ['input', 'response', 'answers', 0, 'choices'], message: 'does not apply to question biet (Chọn một phương án): a single-choice question takes exactly one `choice`' },
      ]);
    });
  });
});
