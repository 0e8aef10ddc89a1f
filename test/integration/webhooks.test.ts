import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { COMMUNE_A, COMMUNE_B, GraphQLHarness, openGraphQLHarness, OTHER_PROVINCE_COMMUNE } from '../support/graphql-harness';
import type { CommandEnvelope } from '../../services/commands/command-service';
import { WebhookDeliveryWorker } from '../../services/integrations/webhooks/delivery-worker';
import { backoffDelay } from '../../services/integrations/webhooks/delivery-options';
import { SecretBox } from '../../services/integrations/webhooks/secret-box';
import { verifySignature } from '../../services/integrations/webhooks/signature';
import { createLogger } from '../../services/logger';

/**
 * Webhooks end to end: registration through GraphQL, the webhook-outbox projection, and the delivery worker sending to
 * real local HTTP endpoints: one that fails at random (500s and hangs past the timeout), one that refuses connections,
 * and one that accepts and never answers.
 */

const SECRET = 'receiver-shared-secret-0123456789';
const OFFICER: CommandEnvelope = { actorId: 'officer-1', actorRole: 'OFFICER' };

/** Deterministic randomness (mulberry32), so a failure can be replayed. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Received {
  eventId: string;
  streamId: string;
  revision: number;
  answered: number | 'hang';
  signed: boolean;
  body: Record<string, unknown>;
  at: number;
}

async function listenOn(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

/** A receiver that answers 500 to 40% of requests, hangs on 10%, and 200 otherwise; it records everything. */
function flakyReceiver(random: () => number) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = JSON.parse(raw.toString('utf8'));
      const signed = verifySignature(SECRET, req.headers['x-dlxh-signature'] as string, req.headers['x-dlxh-timestamp'] as string, raw);
      const roll = random();
      const answered = roll < 0.4 ? 500 : roll < 0.5 ? 'hang' : 200;
      received.push({ eventId: req.headers['x-dlxh-event-id'] as string, streamId: body.streamId, revision: Number(body.revision), answered, signed, body, at: Date.now() });
      if (answered !== 'hang') res.writeHead(answered).end();
    });
  });
  return { server, received };
}

describe('webhooks: outbox projection and signed delivery', () => {
  let h: GraphQLHarness;
  let integration: string;
  const flaky = flakyReceiver(seeded(20260701));
  const blackHole = http.createServer(() => {}); // accepts, never answers
  const workers: WebhookDeliveryWorker[] = [];
  let urls: { flaky: string; dead: string; blackHole: string };

  const startWorker = async () => {
    const worker = new WebhookDeliveryWorker({
      knex: h.db.knex,
      log: createLogger('silent'),
      secrets: new SecretBox(h.services.pseudonymSecret),
      listenUrl: h.db.url,
      options: { timeoutMs: 300, concurrency: 4, backoffBaseMs: 20, backoffMaxMs: 250, pollMs: 50 },
    });
    await worker.start();
    workers.push(worker);
    return worker;
  };

  const register = (url: string, token: string, filter: Record<string, unknown> = {}, secret = SECRET) =>
    h.gql<{ registerWebhook: { webhook: { id: string; active: boolean; filter: { provinceCode: string; types: string[] }; secretFingerprint: string } } }>(
      `mutation($input: RegisterWebhookInput!) { registerWebhook(input: $input) { webhook { id active filter { provinceCode types categories } secretFingerprint } position replayed } }`,
      { input: { url, filter, secret } },
      token,
    );

  beforeAll(async () => {
    h = await openGraphQLHarness();
    integration = await h.as('INTEGRATION', { id: 'int-pakn' });
    const dead = http.createServer();
    urls = { flaky: await listenOn(flaky.server), dead: await listenOn(dead), blackHole: await listenOn(blackHole) };
    await new Promise((resolve) => dead.close(resolve)); // nothing listens there any more: connection refused
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    for (const server of [flaky.server, blackHole]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await h.close();
  });

  it('refuses a URL outside http/https, a short secret and another province, writing nothing', async () => {
    const before = await h.head();
    for (const [url, filter, secret, code, path] of [
      ['ftp://pakn.example.vn/hook', {}, SECRET, 'BAD_USER_INPUT', ['input', 'url']],
      ['javascript:alert(1)', {}, SECRET, 'BAD_USER_INPUT', ['input', 'url']],
      ['https://pakn.example.vn/hook', {}, 'too-short', 'BAD_USER_INPUT', ['input', 'secret']],
      ['https://pakn.example.vn/hook', { types: ['NoSuchEvent'] }, SECRET, 'BAD_USER_INPUT', ['input', 'filter', 'types', 0]],
      ['https://pakn.example.vn/hook', { categories: ['collaborator'] }, SECRET, 'BAD_USER_INPUT', ['input', 'filter', 'categories', 0]],
      ['https://pakn.example.vn/hook', { provinceCode: '01' }, SECRET, 'FORBIDDEN', undefined],
    ] as const) {
      const response = await register(url, integration, filter, secret);
      expect(response.errors?.[0].extensions.code).toBe(code);
      if (path) expect(response.errors?.[0].extensions.fieldErrors?.[0].path).toEqual(path);
    }
    expect((await register('https://x.example.vn/hook', await h.as('OFFICER'))).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(await h.head()).toBe(before);
  });

  it('delivers every matching event at least once, in order per stream, signed and redacted; dead endpoints block nobody', async () => {
    const flakyHook = (await register(urls.flaky, integration)).data!.registerWebhook.webhook;
    const deadHook = (await register(urls.dead, integration, { types: ['ReportSubmitted'] })).data!.registerWebhook.webhook;
    const holeHook = (await register(urls.blackHole, integration)).data!.registerWebhook.webhook;
    expect(flakyHook).toMatchObject({ active: true, filter: { provinceCode: '68', types: [] } });
    await startWorker();

    // 12 issues × 5 events in province 68, plus events integrations must not get (another province, a collaborator).
    const started = Date.now();
    const expected = new Set<string>();
    const track = (result: { events: { eventId: string }[] }) => result.events.forEach((e) => expected.add(e.eventId));
    await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const issueId = `wh-issue-${i}`;
        track(
          await h.issues.execute(
            {
              type: 'SubmitReport',
              issueId,
              reportId: `wh-report-${i}`,
              kind: 'QUICK',
              channel: 'HOTLINE',
              localityCode: i % 2 ? COMMUNE_A : COMMUNE_B,
              sectors: ['ENVIRONMENT'],
              title: `Phản ánh ô nhiễm số ${i}`,
              summary: 'Người dân phản ánh khói bụi từ nhà máy.',
              tendency: 'NEGATIVE',
              intensity: 'HIGH',
              sensitive: false,
              observedAt: new Date(Date.now() - 3600_000).toISOString(),
              reporterId: 'ctv-secret-identity',
              reporterRole: 'COLLABORATOR',
            },
            { actorId: 'ctv-secret-identity', actorRole: 'COLLABORATOR' },
          ),
        );
        for (const severity of ['PROMINENT', 'PRESSING', 'HOTSPOT'] as const) track(await h.issues.execute({ type: 'ClassifyIssue', issueId, severity }, OFFICER));
        track(
          await h.issues.execute(
            { type: 'VerifyReport', issueId, reportId: `wh-report-${i}`, outcome: 'CONFIRMED', method: 'Kiểm tra thực địa', evidence: 'Biên bản', verifierId: 'officer-1' },
            OFFICER,
          ),
        );
      }),
    );
    await h.issues.execute(
      {
        type: 'SubmitReport',
        issueId: 'wh-hanoi',
        reportId: 'wh-hanoi-r',
        kind: 'QUICK',
        channel: 'HOTLINE',
        localityCode: OTHER_PROVINCE_COMMUNE,
        sectors: ['HEALTH'],
        title: 'Ngoài tỉnh',
        summary: 'Không thuộc tỉnh 68.',
        tendency: 'NEUTRAL',
        intensity: 'LOW',
        sensitive: false,
        observedAt: new Date(Date.now() - 3600_000).toISOString(),
        reporterId: 'someone',
        reporterRole: 'COLLABORATOR',
      },
      { actorId: 'someone', actorRole: 'COLLABORATOR' },
    );
    await h.collaborators.execute({ type: 'EnrollCollaborator', collaboratorId: 'ctv-wh', fullName: 'Nguyễn Văn A', level: 'COMMUNE', localityCode: COMMUNE_A }, OFFICER);
    await h.settle();

    // Halfway through, the worker is replaced (a restart): claims in flight are retried by the new one.
    await new Promise((r) => setTimeout(r, 400));
    await workers.shift()!.stop();
    await startWorker();

    const acknowledged = () => new Set(flaky.received.filter((r) => r.answered === 200).map((r) => r.eventId));
    for (const deadline = Date.now() + 40_000; acknowledged().size < expected.size && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 100));
    const healthySeconds = (Date.now() - started) / 1000;

    // every event arrived and was acknowledged; none lost, nothing unexpected
    expect([...acknowledged()].sort()).toEqual([...expected].sort());
    expect(new Set(flaky.received.map((r) => r.eventId))).toEqual(expected);
    // The receiver sees a request before the worker records its 200: give the last answers a moment to be recorded.
    const pendingCount = async () => Number((await h.db.knex('webhook_deliveries').where({ webhook_id: flakyHook.id }).whereNull('delivered_at').count({ n: '*' }))[0].n);
    for (const deadline = Date.now() + 10_000; (await pendingCount()) > 0 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 100));
    expect(await pendingCount()).toBe(0);

    // duplicates (a 500 or a timeout, then a retry) are recognisable by event id and carry the same body
    const byEvent = new Map<string, Received[]>();
    for (const r of flaky.received) byEvent.set(r.eventId, [...(byEvent.get(r.eventId) ?? []), r]);
    const repeated = [...byEvent.values()].filter((list) => list.length > 1);
    expect(repeated.length).toBeGreaterThan(5);
    for (const list of repeated) expect(new Set(list.map((r) => JSON.stringify(r.body))).size).toBe(1);

    // in order per stream: an event is first sent only after the previous one of its stream was acknowledged
    const streams = new Map<string, Received[]>();
    for (const r of flaky.received) streams.set(r.streamId, [...(streams.get(r.streamId) ?? []), r]);
    expect(streams.size).toBe(12);
    for (const list of streams.values()) {
      const firstSeen = [...new Map(list.map((r) => [r.eventId, r.revision])).values()];
      expect(firstSeen).toEqual([0, 1, 2, 3, 4]);
      // an acknowledged attempt can still be repeated (the worker restarted before recording it): at least once
      const acks = list.filter((r) => r.answered === 200).map((r) => r.revision);
      expect([...new Set(acks)]).toEqual([0, 1, 2, 3, 4]);
      for (const r of list.filter((x) => x.revision > 0)) {
        expect(list.some((x) => x.revision === r.revision - 1 && x.answered === 200 && x.at <= r.at)).toBe(true);
      }
    }

    // every request is signed with the webhook's secret, and redacted for integrations
    expect(flaky.received.every((r) => r.signed)).toBe(true);
    const text = JSON.stringify(flaky.received.map((r) => r.body));
    expect(['ctv-secret-identity', 'officer-1', 'someone', 'Nguyễn Văn A'].filter((id) => text.includes(id))).toEqual([]);
    const submitted = flaky.received.find((r) => r.body.type === 'ReportSubmitted')!.body as { category: string; data: { report: Record<string, unknown> } };
    expect(submitted).toMatchObject({ category: 'issue', data: { report: { title: expect.any(String) } } });
    expect(submitted.data.report.reporterId ?? null).toBeNull();

    // the dead and silent endpoints did not hold the healthy one back, and are still being retried
    expect(healthySeconds).toBeLessThan(30);
    const { rows: others } = await h.db.knex.raw<{ rows: { webhook_id: string; rows: string; attempts: string; delivered: string }[] }>(
      `SELECT webhook_id, count(*) AS rows, sum(attempts) AS attempts, count(delivered_at) AS delivered FROM webhook_deliveries WHERE webhook_id = ANY(?) GROUP BY webhook_id`,
      [[deadHook.id, holeHook.id]],
    );
    const of = (id: string) => others.find((o) => o.webhook_id === id)!;
    expect(Number(of(deadHook.id).rows)).toBe(12); // its filter: ReportSubmitted only
    expect(Number(of(holeHook.id).rows)).toBe(expected.size);
    for (const id of [deadHook.id, holeHook.id]) {
      expect(Number(of(id).delivered)).toBe(0);
      expect(Number(of(id).attempts)).toBeGreaterThan(0);
    }
  }, 60_000);

  it('serves the delivery log: the owner and officers see it, another integration does not', async () => {
    const hooks = await h.gql<{ webhooks: { id: string; url: string; pendingDeliveries: number }[] }>('{ webhooks { id url pendingDeliveries } }', {}, integration);
    const dead = hooks.data!.webhooks.find((w) => w.url === urls.dead)!;
    expect(dead.pendingDeliveries).toBe(12);
    const query = `query($id: ID!, $after: String) { deliveries(webhookId: $id, first: 5, after: $after) {
      edges { cursor node { eventId eventType status attempts lastStatusCode lastError nextAttemptAt deliveredAt } } pageInfo { hasNextPage endCursor } } }`;
    type Page = { deliveries: { edges: { node: { eventId: string; status: string; attempts: number; lastError: string | null; lastStatusCode: number | null } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const first = await h.gql<Page>(query, { id: dead.id }, integration);
    expect(first.data!.deliveries.edges).toHaveLength(5);
    const retrying = first.data!.deliveries.edges.filter((e) => e.node.status === 'RETRYING');
    expect(retrying.length).toBeGreaterThan(0);
    expect(retrying[0].node).toMatchObject({ lastStatusCode: null, lastError: 'ECONNREFUSED' });
    const second = await h.gql<Page>(query, { id: dead.id, after: first.data!.deliveries.pageInfo.endCursor }, integration);
    const ids = [...first.data!.deliveries.edges, ...second.data!.deliveries.edges].map((e) => e.node.eventId);
    expect(new Set(ids).size).toBe(10);

    expect((await h.gql<Page>(query, { id: dead.id }, await h.as('OFFICER'))).data!.deliveries.edges).toHaveLength(5);
    expect((await h.gql(query, { id: dead.id }, await h.as('INTEGRATION', { id: 'int-other' }))).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await h.gql(query, { id: dead.id }, await h.as('LEADER'))).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await h.gql(query, { id: dead.id, after: 'not-a-cursor!' }, integration)).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('stops delivering to a deactivated webhook', async () => {
    const hooks = await h.gql<{ webhooks: { id: string; url: string }[] }>('{ webhooks { id url } }', {}, integration);
    const dead = hooks.data!.webhooks.find((w) => w.url === urls.dead)!;
    const mutation = 'mutation($input: DeactivateWebhookInput!) { deactivateWebhook(input: $input) { webhook { id active deactivatedAt } } }';
    expect((await h.gql(mutation, { input: { id: dead.id } }, await h.as('INTEGRATION', { id: 'int-other' }))).errors?.[0].extensions.code).toBe('NOT_FOUND');
    const done = await h.gql<{ deactivateWebhook: { webhook: { active: boolean; deactivatedAt: string } } }>(mutation, { input: { id: dead.id, reason: 'Hệ thống ngừng hoạt động' } }, integration);
    expect(done.data!.deactivateWebhook.webhook).toMatchObject({ active: false, deactivatedAt: expect.any(String) });
    expect((await h.gql(mutation, { input: { id: dead.id } }, integration)).errors?.[0].extensions.code).toBe('ILLEGAL_STATE');
    await new Promise((r) => setTimeout(r, 400)); // an attempt claimed before the deactivation may still finish
    const attempts = async () => Number((await h.db.knex('webhook_deliveries').where({ webhook_id: dead.id }).sum({ n: 'attempts' }))[0].n);
    const before = await attempts();
    await new Promise((r) => setTimeout(r, 600));
    expect(await attempts()).toBe(before);
  });

  it('backs off exponentially with jitter, up to the maximum', () => {
    const options = { backoffBaseMs: 1000, backoffMaxMs: 60_000 };
    expect(backoffDelay(1, options, () => 0)).toBe(500);
    expect(backoffDelay(1, options, () => 1)).toBe(1000);
    expect(backoffDelay(4, options, () => 1)).toBe(8000);
    expect(backoffDelay(30, options, () => 0.5)).toBe(45_000);
    expect(backoffDelay(1000, options, () => 1)).toBe(60_000);
  });
});
