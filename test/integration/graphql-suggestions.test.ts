import {
  COMMUNE_A,
  COMMUNE_B,
  GqlResponse,
  GraphQLHarness,
  hoursAgo,
  openGraphQLHarness,
  OTHER_PROVINCE_COMMUNE,
  reportInput,
} from '../support/graphql-harness';
import { SAME_SECTOR_BOOST, SIMILARITY_THRESHOLD } from '../../graphql/similar-issues';

/**
 * Duplicate suggestions (similarIssues) and sector suggestions (suggestSectors), as queries and on the submitReport
 * payload, over HTTP against real Postgres (pg_trgm). Suggestions never write: every check ends by looking at the log.
 */

interface Suggested {
  similarity: number;
  sameSector: boolean;
  score: number;
  issue: { id: string; status: string; sectors: { code: string }[]; reportCount: number };
}

interface SectorSuggested {
  sector: string;
  label: string;
  score: number;
  confidence: number;
  matchedPhrases: string[];
}

const SIMILAR = `
  query S($text: String!, $province: String!, $sector: Sector, $first: Int) {
    similarIssues(text: $text, province: $province, sector: $sector, first: $first) {
      similarity sameSector score issue { id status sectors { code } reportCount }
    }
  }`;

const SUGGEST_SECTORS = `query($text: String!) { suggestSectors(text: $text) { sector label score confidence matchedPhrases } }`;

const SUBMIT_WITH_SUGGESTIONS = `
  mutation M($input: SubmitReportInput!, $key: String) {
    submitReport(input: $input, idempotencyKey: $key) {
      issueId reportId
      issue { id sectors { code } reportCount }
      suggestedSectors { sector label score confidence matchedPhrases }
      similarIssues(first: 10) { similarity sameSector score issue { id status sectors { code } reportCount } }
    }
  }`;

const PIG_TITLE = 'Dân phản ánh ô nhiễm mùi hôi từ trại heo';

function dataOf<T>(response: GqlResponse<Record<string, T>>): T {
  expect(response.errors).toBeUndefined();
  return Object.values(response.data!)[0];
}

describe('suggestions: similarIssues and suggestSectors (real Postgres, real HTTP)', () => {
  let h: GraphQLHarness;
  let officer: string;
  const ids: Record<string, string> = {};

  const submit = async (token: string, overrides: Record<string, unknown>): Promise<string> => {
    const response = await h.gql<{ submitReport: { issueId: string } }>(
      'mutation($input: SubmitReportInput!) { submitReport(input: $input) { issueId } }',
      { input: reportInput(overrides) },
      token,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.submitReport.issueId;
  };
  const similar = (variables: Record<string, unknown>, token = officer) => h.gql<{ similarIssues: Suggested[] }>(SIMILAR, { province: '68', ...variables }, token);
  const issueIdsOf = (suggestions: Suggested[]) => suggestions.map((s) => s.issue.id);

  beforeAll(async () => {
    h = await openGraphQLHarness();
    officer = await h.as('OFFICER');
    // The pig farm: the same title filed twice under different sectors; the ENVIRONMENT one is older.
    ids.pigEnv = await submit(officer, {
      title: PIG_TITLE,
      summary: 'Trại heo của hộ ông Nguyễn Văn Tám ở thôn 3 xả nước thải ra suối, mùi hôi bốc lên nồng nặc cả ngày.',
      sectors: ['ENVIRONMENT'],
      localityCode: COMMUNE_A,
      observedAt: hoursAgo(30),
    });
    ids.pigEco = await submit(officer, {
      title: PIG_TITLE,
      summary: 'Người nuôi heo cho biết giá heo hơi thấp, chưa có tiền đầu tư hầm biogas để xử lý chất thải.',
      sectors: ['ECONOMY_LIVELIHOOD'],
      localityCode: COMMUNE_B,
      observedAt: hoursAgo(20),
    });
    // The same matter in another province: never suggested to province 68.
    ids.pigHanoi = await submit(await h.as('OFFICER', { id: 'officer-hn', provinceCode: '01' }), {
      title: PIG_TITLE,
      summary: 'Trại heo gây ô nhiễm mùi hôi cho khu dân cư.',
      sectors: ['ENVIRONMENT'],
      localityCode: OTHER_PROVINCE_COMMUNE,
    });
    // Unrelated.
    ids.compensation = await submit(officer, { sectors: ['COMPENSATION_SITE_CLEARANCE'] });
    // Sand mining: one open, one closed, one merged into the open one.
    const sand = (summary: string) => ({
      title: 'Khai thác cát trái phép trên sông Đa Nhim',
      summary,
      sectors: ['ENVIRONMENT'],
      localityCode: COMMUNE_A,
    });
    ids.sandOpen = await submit(officer, sand('Ghe hút cát hoạt động ban đêm, bờ sông bị sạt lở, đất vườn của dân bị cuốn trôi.'));
    ids.sandClosed = await submit(officer, sand('Người dân thấy ghe hút cát trở lại vào ban đêm gần cầu sắt.'));
    ids.sandMerged = await submit(officer, sand('Ghe hút cát lại hoạt động vào ban đêm, dân bức xúc.'));
    const close = await h.gql('mutation($input: CloseIssueInput!) { closeIssue(input: $input) { issueId } }', { input: { issueId: ids.sandClosed, resolution: 'Đã xử lý, tịch thu ghe hút cát' } }, officer);
    expect(close.errors).toBeUndefined();
    const merge = await h.gql(
      'mutation($input: MergeIssuesInput!) { mergeIssues(input: $input) { issueId } }',
      { input: { issueId: ids.sandMerged, intoIssueId: ids.sandOpen, reason: 'Trùng nội dung' } },
      officer,
    );
    expect(merge.errors).toBeUndefined();
  });
  afterAll(async () => h.close());

  describe('similarIssues', () => {
    it('finds the same issues, with the same similarity, whether the text has diacritics or not', async () => {
      const withMarks = dataOf(await similar({ text: 'Dân phản ánh ô nhiễm mùi hôi từ trại heo' }));
      const without = dataOf(await similar({ text: 'dan phan anh o nhiem mui hoi tu trai heo' }));
      expect(new Set(issueIdsOf(withMarks))).toEqual(new Set([ids.pigEnv, ids.pigEco]));
      expect(without).toEqual(withMarks);
      for (const suggestion of withMarks) expect(suggestion.similarity).toBeCloseTo(1, 3); // the title is in both issues word for word
    });

    it('matches a differently typed report of the same matter (no diacritics, a word missing)', async () => {
      const found = dataOf(await similar({ text: 'dan phan anh o nhiem mui hoi trai heo' }));
      expect(issueIdsOf(found)).toEqual(expect.arrayContaining([ids.pigEnv, ids.pigEco]));
      for (const suggestion of found) {
        expect(suggestion.similarity).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD);
        expect(suggestion.similarity).toBeLessThan(1);
      }
      expect(issueIdsOf(found)).not.toContain(ids.compensation);
    });

    it('favours the same sector: the boost puts the older ENVIRONMENT issue before the newer one', async () => {
      const plain = dataOf(await similar({ text: PIG_TITLE }));
      expect(issueIdsOf(plain)).toEqual([ids.pigEco, ids.pigEnv]); // equal similarity: newest report first
      expect(plain.every((s) => !s.sameSector && s.score === s.similarity)).toBe(true);

      const boosted = dataOf(await similar({ text: PIG_TITLE, sector: 'ENVIRONMENT' }));
      expect(issueIdsOf(boosted)).toEqual([ids.pigEnv, ids.pigEco]);
      const [env, eco] = boosted;
      expect(env.sameSector).toBe(true);
      expect(eco.sameSector).toBe(false);
      expect(env.score).toBeCloseTo(env.similarity + SAME_SECTOR_BOOST, 3);
      expect(eco.score).toBeCloseTo(eco.similarity, 3);

      const other = dataOf(await similar({ text: PIG_TITLE, sector: 'ECONOMY_LIVELIHOOD' }));
      expect(issueIdsOf(other)).toEqual([ids.pigEco, ids.pigEnv]);
    });

    it('never suggests another province’s issues, nor closed or merged ones', async () => {
      const pig = dataOf(await similar({ text: PIG_TITLE, first: 100 }));
      expect(issueIdsOf(pig)).not.toContain(ids.pigHanoi);
      const sand = dataOf(await similar({ text: 'khai thac cat trai phep tren song Da Nhim, ghe hut cat hoat dong ban dem' }));
      expect(issueIdsOf(sand)).toEqual([ids.sandOpen]);
      expect(sand[0].issue.status).toBe('RECEIVED');
      expect(sand[0].issue.reportCount).toBe(2); // the merge was the officer's doing, not the suggestion's

      // The Hanoi officer sees the Hanoi issue, and nothing of province 68.
      const hanoi = dataOf(await similar({ text: PIG_TITLE, province: '01' }, await h.as('OFFICER', { id: 'officer-hn', provinceCode: '01' })));
      expect(issueIdsOf(hanoi)).toEqual([ids.pigHanoi]);
    });

    it('keeps to the user’s scope: a commune-scoped officer sees only their communes', async () => {
      const communeOfficer = await h.as('OFFICER', { id: 'officer-b', communeCodes: [COMMUNE_B] });
      expect(issueIdsOf(dataOf(await similar({ text: PIG_TITLE }, communeOfficer)))).toEqual([ids.pigEco]);
      // A collaborator only sees issues they reported on: none of these.
      expect(dataOf(await similar({ text: PIG_TITLE }, await h.as('COLLABORATOR', { id: 'ctv-none' })))).toEqual([]);
    });

    it('limits to `first`, and answers [] when nothing is similar enough', async () => {
      expect(dataOf(await similar({ text: PIG_TITLE, first: 1 }))).toHaveLength(1);
      expect(dataOf(await similar({ text: 'Lễ hội cồng chiêng Tây Nguyên thu hút đông đảo du khách quốc tế' }))).toEqual([]);
    });

    it('writes nothing and changes no issue', async () => {
      const before = await h.head();
      const beforeRows = await h.apiKnex('issues').select('issue_id', 'status', 'report_count', 'merged_into').orderBy('issue_id');
      await similar({ text: PIG_TITLE, sector: 'ENVIRONMENT' });
      await similar({ text: 'khai thac cat trai phep' });
      expect(await h.head()).toBe(before);
      expect(await h.apiKnex('issues').select('issue_id', 'status', 'report_count', 'merged_into').orderBy('issue_id')).toEqual(beforeRows);
    });

    it.each([
      ['a blank text', { text: '   ' }, ['text']],
      ['a text of symbols only', { text: '?!…' }, ['text']],
      ['a text over 1000 characters', { text: 'ô nhiễm '.repeat(200) }, ['text']],
      ['an unknown province', { text: PIG_TITLE, province: '99' }, ['province']],
      ['a malformed province', { text: PIG_TITLE, province: 'Lâm Đồng' }, ['province']],
      ['first below 1', { text: PIG_TITLE, first: 0 }, ['first']],
    ])('rejects %s with BAD_USER_INPUT on the field', async (_what, variables, path) => {
      const response = await similar(variables);
      expect(response.status).not.toBe(500);
      expect(response.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions.fieldErrors?.[0].path).toEqual(path);
      expect(response.data?.similarIssues ?? null).toBeNull();
    });

    it('rejects an unknown sector with BAD_USER_INPUT (not a 500), without echoing it', async () => {
      const response = await similar({ text: PIG_TITLE, sector: 'NOT_A_SECTOR' });
      expect(response.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(response.text).not.toContain('NOT_A_SECTOR');
    });

    it('forbids another province', async () => {
      const response = await similar({ text: PIG_TITLE, province: '01' });
      expect(response.errors?.[0].extensions.code).toBe('FORBIDDEN');
    });
  });

  describe('suggestSectors', () => {
    it('suggests the same sectors for a text with and without diacritics, and old-style tone marks', async () => {
      const texts = [
        'Người dân bức xúc vì chưa nhận tiền bồi thường giải phóng mặt bằng, khu tái định cư chưa xây xong',
        'nguoi dan buc xuc vi chua nhan tien boi thuong giai phong mat bang, khu tai dinh cu chua xay xong',
      ];
      const [marked, plain] = await Promise.all(texts.map(async (text) => dataOf(await h.gql<{ suggestSectors: SectorSuggested[] }>(SUGGEST_SECTORS, { text }, officer))));
      expect(marked[0]).toMatchObject({ sector: 'COMPENSATION_SITE_CLEARANCE', label: 'Bồi thường, giải phóng mặt bằng' });
      expect(marked[0].matchedPhrases).toEqual(expect.arrayContaining(['bồi thường giải phóng mặt bằng', 'khu tái định cư']));
      expect(plain).toEqual(marked);

      const hoa = dataOf(await h.gql<{ suggestSectors: SectorSuggested[] }>(SUGGEST_SECTORS, { text: 'Hoá đơn tiền điện tháng này tăng gấp đôi' }, officer));
      const hoa2 = dataOf(await h.gql<{ suggestSectors: SectorSuggested[] }>(SUGGEST_SECTORS, { text: 'Hóa đơn tiền điện tháng này tăng gấp đôi' }, officer));
      expect(hoa[0].sector).toBe('ECONOMY_LIVELIHOOD');
      expect(hoa2).toEqual(hoa);
    });

    it('answers [] for a text that names no sector, and BAD_USER_INPUT for a blank one', async () => {
      expect(dataOf(await h.gql(SUGGEST_SECTORS, { text: 'Hôm nay trời đẹp' }, officer))).toEqual([]);
      const blank = await h.gql(SUGGEST_SECTORS, { text: '  ' }, officer);
      expect(blank.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(blank.errors?.[0].extensions.fieldErrors?.[0].path).toEqual(['text']);
    });
  });

  describe('submitReport payload', () => {
    it('returns duplicate and sector suggestions for the new report, applies neither, and leaves out its own issue', async () => {
      const input = reportInput({
        title: 'dan phan anh o nhiem mui hoi tu trai heo cua ong Tam',
        summary: 'Nuoc thai tu trai heo chay ra suoi, ba con thon 3 rat buc xuc.',
        sectors: ['OTHER'],
        localityCode: COMMUNE_A,
      });
      const before = await h.apiKnex('issues').whereIn('issue_id', [ids.pigEnv, ids.pigEco]).select('issue_id', 'status', 'report_count').orderBy('issue_id');
      const response = await h.gql<{
        submitReport: { issueId: string; issue: { id: string; sectors: { code: string }[]; reportCount: number }; suggestedSectors: SectorSuggested[]; similarIssues: Suggested[] | null };
      }>(SUBMIT_WITH_SUGGESTIONS, { input, key: 'suggestions-1' }, officer);
      const payload = dataOf(response);

      // The report opened its own issue, with the sectors it was given: suggestions are not applied.
      expect(payload.issue).toEqual({ id: payload.issueId, sectors: [{ code: 'OTHER' }], reportCount: 1 });
      expect(payload.suggestedSectors[0]).toMatchObject({ sector: 'ENVIRONMENT', label: 'Môi trường' });
      expect(payload.suggestedSectors[0].matchedPhrases).toEqual(expect.arrayContaining(['ô nhiễm', 'trại heo', 'nước thải']));
      expect(payload.suggestedSectors.map((s) => s.sector)).not.toContain('OTHER');

      const suggested = issueIdsOf(payload.similarIssues!);
      expect(suggested).toEqual(expect.arrayContaining([ids.pigEnv, ids.pigEco]));
      expect(suggested).not.toContain(payload.issueId);
      expect(suggested).not.toContain(ids.pigHanoi);
      // Neither shares the report's sector OTHER: no boost.
      for (const s of payload.similarIssues!) expect(s).toMatchObject({ sameSector: false, score: s.similarity });

      // Nothing was merged or attached.
      const after = await h.apiKnex('issues').whereIn('issue_id', [ids.pigEnv, ids.pigEco]).select('issue_id', 'status', 'report_count').orderBy('issue_id');
      expect(after).toEqual(before);
      const events = await h.apiKnex('events').where('stream_id', `issue-${payload.issueId}`).select('type');
      expect(events.map((e: { type: string }) => e.type)).toEqual(['ReportSubmitted']);
    });

    it('boosts issues sharing the report’s sector', async () => {
      const payload = dataOf(
        await h.gql<{ submitReport: { similarIssues: Suggested[] } }>(
          SUBMIT_WITH_SUGGESTIONS,
          { input: reportInput({ title: PIG_TITLE, summary: 'Mùi hôi từ trại heo ngày càng nặng.', sectors: ['ENVIRONMENT'], localityCode: COMMUNE_A }) },
          officer,
        ),
      );
      const env = payload.similarIssues.find((s) => s.issue.id === ids.pigEnv)!;
      const eco = payload.similarIssues.find((s) => s.issue.id === ids.pigEco)!;
      expect(env).toMatchObject({ sameSector: true });
      expect(env.score).toBeCloseTo(env.similarity + SAME_SECTOR_BOOST, 3);
      expect(eco).toMatchObject({ sameSector: false });
      expect(payload.similarIssues.indexOf(env)).toBeLessThan(payload.similarIssues.indexOf(eco));
    });

    it('gives sector suggestions but no duplicate suggestions to a role that may not read issues (INTEGRATION)', async () => {
      const payload = dataOf(
        await h.gql<{ submitReport: { issue: unknown; suggestedSectors: SectorSuggested[]; similarIssues: Suggested[] | null } }>(
          SUBMIT_WITH_SUGGESTIONS,
          { input: reportInput({ title: PIG_TITLE, summary: 'Trại heo xả thải ra suối.', sectors: ['ENVIRONMENT'] }) },
          await h.as('INTEGRATION', { id: 'pakn-portal' }),
        ),
      );
      expect(payload.issue).toBeNull();
      expect(payload.similarIssues).toBeNull();
      expect(payload.suggestedSectors[0].sector).toBe('ENVIRONMENT');
    });
  });
});
