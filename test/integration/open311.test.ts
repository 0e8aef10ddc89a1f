import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { COMMUNE_A, daysAhead, GraphQLHarness, openGraphQLHarness, OTHER_PROVINCE_COMMUNE } from '../support/graphql-harness';
import { addIntegration, revokeIntegration } from '../../services/integrations/integration-registry';
import { open311Router } from '../../services/integrations/open311/open311.router';
import { createLogger } from '../../services/logger';

/** Open311 GeoReport v2 intake over real HTTP: services, requests (form and JSON), status, and every bad input. */
describe('Open311 GeoReport v2 at /open311/v2', () => {
  let h: GraphQLHarness;
  let server: http.Server;
  let base: string;
  let key: string;
  let otherKey: string;
  let integrationId: string;
  const OFFICER = { actorId: 'officer-1', actorRole: 'OFFICER' };

  const post = (body: Record<string, string> | string, headers: Record<string, string> = {}, json = false) =>
    fetch(`${base}/requests.json`, {
      method: 'POST',
      headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded', ...headers },
      body: typeof body === 'string' ? body : json ? JSON.stringify(body) : new URLSearchParams(body).toString(),
    });
  /** A valid request; before the integration exists (in it.each tables) its key is the placeholder 'KEY'. */
  const form = (overrides: Record<string, string> = {}) => ({
    api_key: key ?? 'KEY',
    service_code: 'COMPENSATION_SITE_CLEARANCE',
    description: 'Nhiều hộ dân phản ánh chậm chi trả tiền bồi thường dự án đường vành đai.',
    lat: '11.94',
    long: '108.44',
    locality_code: COMMUNE_A,
    ...overrides,
  });
  const status = async (id: string, apiKey = key) => {
    const response = await fetch(`${base}/requests/${id}.json?api_key=${encodeURIComponent(apiKey)}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown>[] };
  };

  beforeAll(async () => {
    h = await openGraphQLHarness();
    const added = await addIntegration(h.db.knex, { name: 'Cổng PAKN Lâm Đồng', provinceCode: '68' });
    key = added.apiKey;
    integrationId = added.integration.id;
    otherKey = (await addIntegration(h.db.knex, { name: 'Tổng đài 1022', provinceCode: '68' })).apiKey;
    const app = express();
    app.use('/open311/v2', open311Router({ knex: h.apiKnex, catalogue: h.services.catalogue, issues: h.issues, log: createLogger('silent'), waitForProjections: h.services.waitForProjections }));
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/open311/v2`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await h.close();
  });

  it('lists one service per sector, in Vietnamese', async () => {
    const response = await fetch(`${base}/services.json`);
    const services = (await response.json()) as { service_code: string; service_name: string; type: string }[];
    expect(response.status).toBe(200);
    expect(services).toHaveLength(16);
    expect(services.find((s) => s.service_code === 'COMPENSATION_SITE_CLEARANCE')).toMatchObject({ service_name: 'Bồi thường, giải phóng mặt bằng', type: 'realtime' });
  });

  it('turns a form-encoded request into a SubmitReport from the integration, and maps the lifecycle back', async () => {
    const response = await post(form({ title: 'Chậm chi trả bồi thường', channel: 'hotline', people_concerned: '35', first_name: 'Lan', phone: '0900000000' }));
    expect(response.status).toBe(201);
    const [created] = (await response.json()) as { service_request_id: string; service_notice: string }[];
    expect(created.service_notice).toBe('Đã tiếp nhận phản ánh.');

    const events = await h.store.readAll();
    const submitted = events.find((e) => e.type === 'ReportSubmitted' && (e.data as { report: { reportId: string } }).report.reportId === created.service_request_id)!;
    expect(submitted.metadata).toMatchObject({ actorId: integrationId, actorRole: 'INTEGRATION' });
    const report = (submitted.data as { report: Record<string, unknown> }).report;
    expect(report).toMatchObject({ reporterId: integrationId, reporterRole: 'INTEGRATION', sectors: ['COMPENSATION_SITE_CLEARANCE'], localityCode: COMMUNE_A, channel: 'HOTLINE', peopleConcerned: 35 });
    expect(report.summary).toContain('toạ độ 11.94, 108.44');
    expect(JSON.stringify(submitted.data)).not.toContain('0900000000'); // the citizen's personal data is never stored
    const issueId = (submitted.data as { issueId: string }).issueId;

    expect((await status(created.service_request_id)).body[0]).toMatchObject({
      service_request_id: created.service_request_id,
      status: 'open',
      status_notes: 'Đã tiếp nhận; đang xem xét, thẩm định thông tin.',
      service_code: 'COMPENSATION_SITE_CLEARANCE',
      service_name: 'Bồi thường, giải phóng mặt bằng',
    });

    await h.issues.execute({ type: 'VerifyReport', issueId, reportId: created.service_request_id, outcome: 'CONFIRMED', method: 'Kiểm tra', evidence: 'Hồ sơ', verifierId: 'officer-1' }, OFFICER);
    await h.issues.execute({ type: 'ReferIssue', issueId, referralId: 'ref-1', agencyId: 'so-tnmt', agencyName: 'Sở Nông nghiệp và Môi trường', deadline: daysAhead(10) }, OFFICER);
    await h.settle();
    const referred = (await status(created.service_request_id)).body[0];
    expect(referred).toMatchObject({ status: 'open', agency_responsible: 'Sở Nông nghiệp và Môi trường' });
    expect(referred.status_notes).toMatch(/^Đã chuyển cơ quan có thẩm quyền giải quyết \(Sở Nông nghiệp và Môi trường\), hạn xử lý \d{2}\/\d{2}\/\d{4}\.$/);

    const AGENCY = { actorId: 'agency-user', actorRole: 'AGENCY' };
    await h.issues.execute({ type: 'AcknowledgeReferral', issueId, referralId: 'ref-1' }, AGENCY);
    await h.issues.execute({ type: 'RespondToReferral', issueId, referralId: 'ref-1', result: 'Đã chi trả' }, AGENCY);
    await h.settle();
    expect((await status(created.service_request_id)).body[0]).toMatchObject({
      status: 'open',
      status_notes: 'Cơ quan có thẩm quyền đã báo cáo kết quả giải quyết; đang tổng hợp, phản hồi.',
      agency_responsible: null,
    });
    await h.issues.execute({ type: 'CloseIssue', issueId, resolution: 'Đã chi trả đủ tiền bồi thường' }, OFFICER);
    await h.settle();
    const closed = (await status(created.service_request_id)).body[0];
    expect(closed).toMatchObject({ status: 'closed', status_notes: 'Đã giải quyết và kết thúc vụ việc.' });
    expect(JSON.stringify(closed)).not.toContain('Đã chi trả'); // internal resolutions stay internal

    // another integration cannot read it: not found, as for a request that does not exist
    expect(await status(created.service_request_id, otherKey)).toEqual({ status: 404, body: [{ code: 404, description: 'service_request_id not found' }] });
    expect((await status('no-such-request')).status).toBe(404);
  });

  it('accepts JSON, derives the commune from address_string, and is idempotent by key', async () => {
    const body = { ...form({ address_string: '12 Trần Phú, phường Xuân Hương - Đà Lạt, tỉnh Lâm Đồng' }), locality_code: '', lat: '', long: '' };
    const first = await post(body, { 'x-idempotency-key': 'pakn-2026-0001' }, true);
    expect(first.status).toBe(201);
    const before = await h.head();
    const again = await post(body, { 'x-idempotency-key': 'pakn-2026-0001' }, true);
    expect(again.status).toBe(200);
    const [created] = (await first.json()) as { service_request_id: string }[];
    expect(await again.json()).toEqual([created]);
    const report = await h.db.knex('reports').where({ report_id: created.service_request_id }).first();
    expect(report.locality_code).toBe(COMMUNE_A);
    expect(await h.head()).toBe(before);
    const viaField = await post({ ...form(), idempotency_key: 'pakn-2026-0002' });
    const replay = await post({ ...form(), idempotency_key: 'pakn-2026-0002' });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual(await viaField.json());
    const reused = await post({ ...form({ description: 'Một nội dung khác' }), idempotency_key: 'pakn-2026-0002' });
    expect(reused.status).toBe(409);
  });

  it.each([
    ['an unknown service_code', form({ service_code: 'POTHOLE' }), 400, ['service_code is not one of the codes of services.json']],
    ['a request without api_key', { service_code: 'HEALTH', description: 'x', lat: '1', long: '1', locality_code: COMMUNE_A }, 403, ['api_key is missing or not valid']],
    ['missing fields', { api_key: 'KEY', lat: '11.9' }, 400, ['service_code is required', 'description is required', 'lat and long must be given together', 'locality_code is required (address_string did not name exactly one commune of the province)']],
    ['no location', form({ lat: '', long: '' }), 400, ['a location is required: lat and long, address_string or address_id']],
    ['an address naming no commune', { ...form({ address_string: 'Không rõ địa chỉ' }), locality_code: '' }, 400, ['locality_code is required (address_string did not name exactly one commune of the province)']],
    ['a bad coordinate', form({ lat: '123' }), 400, ['lat must be a number from -90 to 90']],
    ['a bad observed_at', form({ observed_at: 'hôm qua' }), 400, ['observed_at: must be an ISO-8601 date-time with a time zone, e.g. 2026-07-01T08:00:00+07:00']],
    ['an unknown channel', form({ channel: 'FAX' }), 400, [expect.stringMatching(/^channel must be one of PHONE, /)]],
    ['a bad api_key', form({ api_key: 'dlxh_not-a-key' }), 403, ['api_key is missing or not valid']],
    ['another province', form({ locality_code: OTHER_PROVINCE_COMMUNE }), 403, [`locality ${OTHER_PROVINCE_COMMUNE} is outside your scope`]],
    ['another jurisdiction', form({ jurisdiction_id: '01' }), 404, ['jurisdiction_id not found: use your province code']],
  ])('refuses %s in the GeoReport error format, writing nothing', async (_name, body, code, descriptions) => {
    const fields = { ...body } as Record<string, string>;
    if (fields.api_key === 'KEY') fields.api_key = key;
    const before = await h.head();
    const response = await post(fields);
    expect(response.status).toBe(code);
    expect(await response.json()).toEqual(descriptions.map((description) => ({ code, description })));
    expect(await h.head()).toBe(before);
  });

  it('refuses a malformed body, other formats, unknown paths and revoked keys', async () => {
    const before = await h.head();
    const malformed = await post('{"api_key": ', {}, true);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual([{ code: 400, description: 'the request body could not be parsed' }]);
    expect(await (await fetch(`${base}/services.xml`)).json()).toEqual([{ code: 400, description: 'only the .json format is supported' }]);
    expect((await fetch(`${base}/discovery.json`)).status).toBe(404);
    const revoked = await addIntegration(h.db.knex, { name: 'Hệ thống cũ', provinceCode: '68' });
    await revokeIntegration(h.db.knex, revoked.integration.id);
    expect((await post(form({ api_key: revoked.apiKey }))).status).toBe(403);
    expect(await h.head()).toBe(before);
  });
});
