import http from 'node:http';
import type { AddressInfo } from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import express from 'express';
import { COMMUNE_A, COMMUNE_B, GraphQLHarness, openGraphQLHarness, TEST_TOKENS } from '../support/graphql-harness';
import { exportRouter } from '../../services/api/export.routes';
import { createLogger } from '../../services/logger';

/** CSV exports over real HTTP: format, same filters and scope as GraphQL, errors before streaming, flat memory. */

/** A garbage collection on demand, so RSS samples show what is kept rather than garbage not yet collected. */
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** RFC 4180 parsing, enough to check what Excel would read. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

describe('CSV export at /export', () => {
  let h: GraphQLHarness;
  let server: http.Server;
  let base: string;
  let officer: string;

  const get = async (path: string, token?: string) => {
    const response = await fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    // keep the BOM: the Fetch API's text() would drop it
    return { status: response.status, type: response.headers.get('content-type'), text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer()) };
  };
  const submit = (issueId: string, localityCode: string, title: string, reporterId = 'collaborator-1') =>
    h.issues.execute(
      {
        type: 'SubmitReport',
        issueId,
        reportId: `${issueId}-r`,
        kind: 'QUICK',
        channel: 'ZALO_GROUP',
        localityCode,
        sectors: ['COMPENSATION_SITE_CLEARANCE', 'PLANNING_LAND'],
        title,
        summary: 'Người dân, "bức xúc"\nvì chậm bồi thường.',
        tendency: 'NEGATIVE',
        intensity: 'HIGH',
        sensitive: false,
        observedAt: new Date(Date.now() - 3600_000).toISOString(),
        reporterId,
        reporterRole: 'COLLABORATOR',
      },
      { actorId: reporterId, actorRole: 'COLLABORATOR' },
    );

  beforeAll(async () => {
    h = await openGraphQLHarness();
    const app = express();
    app.use('/export', exportRouter({ knex: h.apiKnex, catalogue: h.services.catalogue, tokens: TEST_TOKENS, log: createLogger('silent'), chunkSize: 200 }));
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/export`;
    officer = await h.as('OFFICER');
    await submit('csv-1', COMMUNE_A, '=HYPERLINK("http://x"), bồi thường');
    await submit('csv-2', COMMUNE_B, 'Chậm giải phóng mặt bằng');
    await submit('csv-3', COMMUNE_B, 'Quy hoạch treo', 'collaborator-2');
    await h.settle();
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await h.close();
  });

  it('exports issues as UTF-8 with BOM, CRLF and RFC 4180 quoting, codes next to Vietnamese labels', async () => {
    const response = await get('/issues.csv?orderBy=FIRST_REPORT_AT&direction=ASC', officer);
    expect(response.status).toBe(200);
    expect(response.type).toBe('text/csv; charset=utf-8');
    expect(response.text.startsWith('\uFEFFMã vụ việc,Trạng thái (mã),Trạng thái,')).toBe(true);
    const rows = parseCsv(response.text.slice(1));
    expect(rows).toHaveLength(4);
    const header = rows[0];
    const first = Object.fromEntries(header.map((name, i) => [name, rows[1][i]]));
    expect(first).toMatchObject({
      'Mã vụ việc': 'csv-1',
      'Trạng thái (mã)': 'RECEIVED',
      'Trạng thái': 'Đã tiếp nhận',
      'Lĩnh vực (mã)': 'COMPENSATION_SITE_CLEARANCE;PLANNING_LAND',
      'Lĩnh vực': 'Bồi thường, giải phóng mặt bằng; Quy hoạch, đất đai',
      'Địa bàn (mã)': COMMUNE_A,
      'Địa bàn': 'Phường Xuân Hương - Đà Lạt',
      'Tiêu đề': `'=HYPERLINK("http://x"), bồi thường`, // never a formula in a spreadsheet
      'Tóm tắt': 'Người dân, "bức xúc"\nvì chậm bồi thường.',
      'Nhạy cảm': 'không',
    });
    expect(rows.every((row) => row.length === header.length)).toBe(true);
  });

  it('applies the GraphQL filters and the caller’s scope', async () => {
    const ids = async (path: string, token: string) => parseCsv((await get(path, token)).text.slice(1)).slice(1).map((row) => row[0]).sort();
    expect(await ids(`/issues.csv?communeCode=${COMMUNE_B}`, officer)).toEqual(['csv-2', 'csv-3']);
    expect(await ids('/issues.csv?text=quy%20hoach', officer)).toEqual(['csv-3']);
    expect(await ids('/issues.csv?status=RECEIVED,VERIFIED&severity=NORMAL&sector=PLANNING_LAND', officer)).toEqual(['csv-1', 'csv-2', 'csv-3']);
    expect(await ids('/issues.csv?status=CLOSED', officer)).toEqual([]);
    expect(await ids('/issues.csv', await h.as('OFFICER', { communeCodes: [COMMUNE_A] }))).toEqual(['csv-1']);
    expect(await ids('/issues.csv', await h.as('COLLABORATOR', { id: 'collaborator-2' }))).toEqual(['csv-3']);
    const from = new Date(Date.now() - 86400_000).toISOString();
    expect(await ids(`/issues.csv?from=${encodeURIComponent(from)}&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, officer)).toEqual(['csv-1', 'csv-2', 'csv-3']);
  });

  it('exports the same trend points as the GraphQL trends query', async () => {
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const from = `${today.slice(0, 8)}01`;
    const csv = await get(`/trends.csv?from=${from}&to=${today}&groupBy=SECTOR,COMMUNE,PERIOD&granularity=DAY`, officer);
    expect(csv.status).toBe(200);
    const rows = parseCsv(csv.text.slice(1));
    const gql = await h.gql<{ trends: { points: { period: string; sector: { code: string }; locality: { code: string }; counts: { reports: number; negative: number } }[] } }>(
      `query($from: LocalDate!, $to: LocalDate!) { trends(from: $from, to: $to, groupBy: [SECTOR, COMMUNE, PERIOD], granularity: DAY) { points { period sector { code } locality { code } counts { reports negative } } } }`,
      { from, to: today },
      officer,
    );
    const points = gql.data!.trends.points;
    expect(points.length).toBeGreaterThan(0);
    expect(rows.slice(1).map((r) => [r[0], r[3], r[5], Number(r[7]), Number(r[8])])).toEqual(points.map((p) => [p.period, p.sector.code, p.locality.code, p.counts.reports, p.counts.negative]));
    expect(rows[0].slice(0, 9)).toEqual(['Từ ngày', 'Đến ngày', 'Kỳ không trọn', 'Lĩnh vực (mã)', 'Lĩnh vực', 'Địa bàn (mã)', 'Địa bàn', 'Báo cáo', 'Tiêu cực']);
    expect(rows[1][4]).toBe('Bồi thường, giải phóng mặt bằng');
  });

  it.each([
    ['/issues.csv', undefined, 401, 'UNAUTHENTICATED'],
    ['/issues.csv', 'not-a-token', 401, 'UNAUTHENTICATED'],
    ['/issues.csv?provinceCode=01', 'OFFICER', 403, 'FORBIDDEN'],
    ['/issues.csv?communeCode=00004', 'OFFICER', 403, 'FORBIDDEN'],
    ['/issues.csv?status=OPEN', 'OFFICER', 400, 'BAD_USER_INPUT'],
    ['/issues.csv?from=2026-01-01', 'OFFICER', 400, 'BAD_USER_INPUT'],
    ['/issues.csv?from=2026-02-01&to=2026-01-01', 'OFFICER', 400, 'BAD_USER_INPUT'],
    ['/issues.csv?stauts=CLOSED', 'OFFICER', 400, 'BAD_USER_INPUT'],
    ['/issues.csv', 'INTEGRATION', 403, 'FORBIDDEN'],
    ['/trends.csv?from=2025-01-01&to=2026-06-30&granularity=DAY', 'OFFICER', 400, 'BAD_USER_INPUT'],
    ['/trends.csv?from=2026-02-30&to=2026-03-01', 'OFFICER', 400, 'BAD_USER_INPUT'],
    ['/trends.csv?from=2026-01-01&to=2026-02-01&sectors=HEALTH,EDUCATION', 'OFFICER', 400, 'BAD_USER_INPUT'],
    ['/trends.csv?from=2026-01-01&to=2026-02-01&communeCodes=00004', 'OFFICER', 400, 'BAD_USER_INPUT'],
    ['/trends.csv?from=2026-01-01&to=2026-02-01', 'COLLABORATOR', 403, 'FORBIDDEN'],
  ])('%s as %s: %s %s as JSON, nothing streamed', async (path, role, status, code) => {
    const token = role === undefined ? undefined : role === 'not-a-token' ? role : await h.as(role as 'OFFICER');
    const response = await get(path, token);
    expect(response.status).toBe(status);
    expect(response.type).toMatch(/^application\/json/);
    expect(JSON.parse(response.text).error.code).toBe(code);
  });

  it('streams: rows arrive in pages, and memory does not grow with the size of the export', async () => {
    const summary = 'Nội dung phản ánh dài, "có ngoặc kép", dấu phẩy và xuống dòng.\n'.repeat(32); // ~2.2 kB a row
    const fill = (from: number, to: number) =>
      h.db.knex.raw(
        `INSERT INTO issues (issue_id, status, severity, sectors, locality_code, commune_code, province_code, title, summary, search_text, report_count,
                             first_report_at, last_report_at, created_at, updated_at, last_position)
         SELECT 'bulk-' || g, 'RECEIVED', 'NORMAL', ARRAY['ENVIRONMENT'], ?, ?, '68', 'Phản ánh số ' || g, ?, 'phan anh', 1,
                now() - g * interval '1 minute', now() - g * interval '1 minute', now(), now(), 0
           FROM generate_series(?::int, ?::int) g`,
        [COMMUNE_A, COMMUNE_A, summary, from, to],
      );
    /** Reads the export as a stream, keeping nothing but counts; samples this process's RSS meanwhile. */
    const measure = async () => {
      collectGarbage();
      const started = Date.now();
      const before = process.memoryUsage().rss;
      let peak = before;
      // collect, then sample: what the export keeps, not garbage awaiting collection
      const sample = () => {
        collectGarbage();
        peak = Math.max(peak, process.memoryUsage().rss);
      };
      const sampler = setInterval(sample, 250);
      const response = await fetch(`${base}/issues.csv`, { headers: { authorization: `Bearer ${officer}` } });
      const reader = response.body!.getReader();
      let bytes = 0;
      let chunks = 0;
      let quotes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.length;
        chunks++;
        for (const byte of value) if (byte === 0x22) quotes++;
        if (chunks === 50) sample(); // at least once mid-stream, however fast
      }
      clearInterval(sampler);
      return { bytes, chunks, quotesBalanced: quotes % 2 === 0, growthMb: (peak - before) / 2 ** 20, seconds: (Date.now() - started) / 1000 };
    };

    await fill(1, 1_000);
    const small = await measure();
    await fill(1_001, 10_000);
    const large = await measure();
    console.info(`[export] small: ${(small.bytes / 2 ** 20).toFixed(1)} MB, RSS +${small.growthMb.toFixed(1)} MB, ${small.seconds} s; large: ${(large.bytes / 2 ** 20).toFixed(1)} MB, RSS +${large.growthMb.toFixed(1)} MB, ${large.seconds} s`);
    expect(large.bytes).toBeGreaterThan(9 * small.bytes);
    expect(large.bytes).toBeGreaterThan(20 * 2 ** 20);
    expect(large.chunks).toBeGreaterThan(20); // it arrived as a stream, not one body
    expect(small.quotesBalanced && large.quotesBalanced).toBe(true);
    // Buffering the large export would hold its ~22 MB (twice that as JS strings); streaming keeps growth flat.
    expect(large.growthMb).toBeLessThan(small.growthMb + 12);
    // keyset pages: no row twice, none skipped (a record starts after CRLF; line breaks inside fields are LF)
    const text = (await get(`/issues.csv?communeCode=${COMMUNE_A}`, officer)).text;
    const ids = [...text.matchAll(/\r\n([\w-]+),/g)].map((m) => m[1]);
    expect(ids).toHaveLength(10_001);
    expect(new Set(ids).size).toBe(10_001);
  }, 60_000);
});
