import http from 'node:http';
import express from 'express';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { getIntrospectionQuery } from 'graphql';
import { mountGraphQL, MountedGraphQL } from '../../graphql/server';
import type { ApiServices } from '../../graphql/context';
import { mintToken, TokenConfig } from '../../graphql/auth/tokens';
import { DEFAULT_LIMITS, GraphQLLimits, loadGraphQLLimits } from '../../graphql/limits';
import { loadLocalityCatalogue } from '../../services/localities';
import { loadConfig } from '../../services/config';
import { createLogger } from '../../services/logger';
import { ValidationError } from '../../domain/errors';
import { Harness, openHarness } from '../support/projection-harness';

/** Request limits (depth, aliases, cost, batch, page size, tokens) over HTTP and WebSocket; production and development modes. */

const TOKENS: TokenConfig = { secret: 'limits-test-secret-of-at-least-32-characters', issuer: 'dlxh', audience: 'dlxh-api' };

interface Api {
  base: string;
  url: string;
  ws: string;
  close(): Promise<void>;
}

interface Body {
  data?: any;
  errors?: { message: string; extensions: { code: string } }[];
}

describe('GraphQL limits and the IDE', () => {
  let h: Harness;
  let services: ApiServices;
  const apis: Api[] = [];
  let dev: Api;
  let prod: Api;
  let batching: Api;
  let officer: string;

  async function start(production: boolean, limits?: GraphQLLimits): Promise<Api> {
    const app = express();
    const server = http.createServer(app);
    const mounted: MountedGraphQL = await mountGraphQL(app, server, services, { production, tokens: TOKENS, limits });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const api = {
      base,
      url: `${base}/graphql`,
      ws: `${base.replace('http', 'ws')}/graphql`,
      close: async () => {
        await mounted.stop();
        await new Promise((resolve) => server.close(resolve));
      },
    };
    apis.push(api);
    return api;
  }

  beforeAll(async () => {
    h = await openHarness();
    services = {
      knex: h.db.knex,
      store: h.store,
      issues: h.issues,
      collaborators: h.collaborators,
      catalogue: loadLocalityCatalogue(loadConfig()),
      log: createLogger('silent'),
      pseudonymSecret: 'limits-test-pseudonym-key',
      waitForProjections: async () => true,
    };
    dev = await start(false);
    prod = await start(true);
    batching = await start(false, { ...DEFAULT_LIMITS, maxBatchSize: 3 });
    officer = await mintToken(TOKENS, { id: 'officer-1', role: 'OFFICER', provinceCode: '68', communeCodes: null, agencyId: null });
  }, 60_000);

  afterAll(async () => {
    for (const api of apis) await api.close();
    await h?.close();
  });

  async function post(api: Api, body: unknown): Promise<{ status: number; body: any; text: string }> {
    const res = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${officer}` }, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text), text };
  }
  const gql = (api: Api, query: string, variables: Record<string, unknown> = {}) => post(api, { query, variables });

  /** Runs one operation over graphql-ws and returns its result (or the errors the server sent). */
  async function overWebSocket(api: Api, query: string, variables: Record<string, unknown> = {}): Promise<Body> {
    const client = createClient({ url: api.ws, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${officer}` }, retryAttempts: 0, lazy: true });
    try {
      return await new Promise<Body>((resolve, reject) => {
        let result: Body | undefined;
        client.subscribe(
          { query, variables },
          {
            next: (value) => (result = value as Body),
            error: (error) => (Array.isArray(error) ? resolve({ errors: error as Body['errors'] }) : reject(error)),
            complete: () => resolve(result ?? {}),
          },
        );
      });
    } finally {
      await client.dispose();
    }
  }

  /** A query `depth` fields deep, through single objects only (so the cost stays small). */
  const nested = (depth: number) => {
    let selection = 'code';
    for (let i = 2; i < depth; i++) selection = `province { ${selection} }`;
    return `{ localities(first: 1) { ${selection} } }`;
  };
  const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `secretAlias${i}: sectors { code }`).join(' ')} }`;
  /** Three rosters of `first` collaborators, each with a year of monthly activity. */
  const rosters = (first: number) =>
    `{ ${['a', 'b', 'c'].map((alias) => `${alias}: collaborators(first: ${first}) { edges { node { fullName activity { month reports timelyReports timelyRate verifiedReports confirmedReports confirmedShare } } } }`).join(' ')} }`;
  const costly = rosters(100);

  describe('over HTTP', () => {
    it('a query deeper than GRAPHQL_MAX_DEPTH is rejected before it runs, without echoing the query', async () => {
      expect((await gql(dev, nested(DEFAULT_LIMITS.maxDepth))).body.errors).toBeUndefined();
      const r = await gql(dev, nested(DEFAULT_LIMITS.maxDepth + 1));
      expect(r.status).toBe(400);
      expect(r.body.errors).toEqual([{ message: expect.stringMatching(/^query too deep: Query depth limit of 10 exceeded, found 11\./), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]);
      expect(r.text).not.toContain('province {');
    });

    it('more aliases than GRAPHQL_MAX_ALIASES are rejected', async () => {
      expect((await gql(dev, aliases(DEFAULT_LIMITS.maxAliases))).body.errors).toBeUndefined();
      const r = await gql(dev, aliases(DEFAULT_LIMITS.maxAliases + 1));
      expect(r.status).toBe(400);
      expect(r.body.errors[0]).toEqual({ message: expect.stringMatching(/^too many aliases/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
      expect(r.text).not.toContain('secretAlias');
    });

    it('a query costlier than GRAPHQL_MAX_COST is rejected; the same shape with a smaller page runs', async () => {
      const r = await gql(dev, costly);
      expect(r.status).toBe(400);
      expect(r.body.errors).toEqual([{ message: expect.stringMatching(/^query too costly: estimated cost \d+ exceeds the limit of 10000$/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }]);
      expect((await gql(dev, rosters(20))).body.errors).toBeUndefined();
    });

    it('first above GRAPHQL_MAX_PAGE_SIZE is BAD_USER_INPUT, as a literal or a variable, on any field', async () => {
      for (const [query, variables] of [
        ['{ localities(first: 101) { code } }', {}],
        ['query($n: Int) { overdueReferrals(first: $n) { referralId } }', { n: 500 }],
        ['query($n: Int) { collaborators(first: $n) { totalCount } }', { n: 101 }],
      ] as const) {
        const r = await gql(dev, query, variables);
        expect(r.status).toBe(400);
        expect(r.body.errors).toEqual([{ message: expect.stringMatching(/first must be at most 100/), extensions: { code: 'BAD_USER_INPUT' } }]);
      }
      expect((await gql(dev, '{ localities(first: 100) { code } }')).body.errors).toBeUndefined();
      expect((await gql(dev, '{ localities(first: 0) { code } }')).body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('a document of more than GRAPHQL_MAX_TOKENS tokens is not parsed', async () => {
      const r = await gql(dev, `{ ${Array.from({ length: DEFAULT_LIMITS.maxTokens }, () => '__typename').join(' ')} }`);
      expect(r.status).toBe(400);
      expect(r.body.errors[0]).toMatchObject({ message: expect.stringMatching(/3000 tokens/), extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    });

    it('batching is off by default; with GRAPHQL_MAX_BATCH=3 a batch of 3 runs and a batch of 4 is rejected', async () => {
      const op = { query: '{ sectors { code } }' };
      const off = await post(dev, [op, op]);
      expect(off.status).toBe(400);
      const three = await post(batching, [op, op, op]);
      expect(three.status).toBe(200);
      expect(three.body).toHaveLength(3);
      expect(three.body.every((result: Body) => result.data?.sectors.length > 0)).toBe(true);
      const four = await post(batching, [op, op, op, op]);
      expect(four.status).toBe(400);
      expect(four.body.errors).toEqual([{ message: 'too many operations in one batch: at most 3', extensions: { code: 'BAD_USER_INPUT' } }]);
    });

    it('introspection (as GraphiQL sends it) passes the limits in development', async () => {
      const r = await gql(dev, getIntrospectionQuery());
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.__schema.queryType.name).toBe('Query');
    });
  });

  describe('over WebSocket', () => {
    it('the same limits apply', async () => {
      expect((await overWebSocket(dev, '{ sectors { code } }')).data.sectors.length).toBeGreaterThan(0);
      const deep = await overWebSocket(dev, nested(DEFAULT_LIMITS.maxDepth + 1));
      expect(deep.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^query too deep/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
      expect((await overWebSocket(dev, aliases(DEFAULT_LIMITS.maxAliases + 1))).errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect((await overWebSocket(dev, costly)).errors?.[0].message).toMatch(/^query too costly/);
      expect((await overWebSocket(dev, 'query($n: Int) { localities(first: $n) { code } }', { n: 101 })).errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect((await overWebSocket(dev, '{ sectors { code ')).errors?.[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    });
  });

  describe('production', () => {
    it('introspection is rejected over HTTP and WebSocket', async () => {
      const r = await gql(prod, getIntrospectionQuery());
      expect(r.status).toBe(400);
      expect(r.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(r.body.errors[0].message).toMatch(/introspection/i);
      const ws = await overWebSocket(prod, '{ __schema { types { name } } }');
      expect(ws.errors?.[0].message).toMatch(/introspection/i);
      expect((await gql(prod, '{ sectors { code } }')).body.errors).toBeUndefined();
    });

    it('there is no IDE: /graphiql and its assets are 404, and a browser GET /graphql is not redirected', async () => {
      expect((await fetch(`${prod.base}/graphiql`)).status).toBe(404);
      expect((await fetch(`${prod.base}/graphiql/assets/graphiql.min.js`)).status).toBe(404);
      const res = await fetch(prod.url, { headers: { accept: 'text/html' }, redirect: 'manual' });
      expect(res.status).toBe(400);
    });
  });

  describe('development IDE (self-hosted GraphiQL)', () => {
    it('GET /graphiql serves a page whose scripts and styles all come from this server, and they load', async () => {
      const res = await fetch(`${dev.base}/graphiql`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      const html = await res.text();
      expect(html).not.toMatch(/https?:\/\//);
      const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((u) => !u.startsWith('data:'));
      expect(urls).toEqual(['/graphiql/assets/graphiql.min.css', '/graphiql/assets/react.production.min.js', '/graphiql/assets/react-dom.production.min.js', '/graphiql/assets/graphiql.min.js', '/graphiql/app.js']);
      for (const url of urls) {
        const asset = await fetch(`${dev.base}${url}`);
        expect([url, asset.status]).toEqual([url, 200]);
        expect(asset.headers.get('content-type')).toMatch(url.endsWith('.css') ? /^text\/css/ : /javascript/);
        const body = await asset.text();
        expect(body.length).toBeGreaterThan(url.endsWith('app.js') ? 100 : 10_000);
        if (url.endsWith('.css')) expect(body).not.toMatch(/url\(\s*["']?https?:/); // fonts are inlined, none fetched from elsewhere
      }
      expect((await fetch(`${dev.base}/graphiql/assets/package.json`)).status).toBe(404);
      expect((await fetch(`${dev.base}/graphiql/assets/constructor`)).status).toBe(404);
    });

    it('the page’s script connects to this server’s /graphql over HTTP and WebSocket', async () => {
      const app = await (await fetch(`${dev.base}/graphiql/app.js`)).text();
      expect(app).toContain("new URL('/graphql', window.location.href)");
      expect(app).toContain('subscriptionUrl');
      expect(app).not.toMatch(/https?:\/\//);
    });

    it('a browser opening /graphql is sent to the IDE; GET operations without a CSRF header stay rejected', async () => {
      const browser = await fetch(dev.url, { headers: { accept: 'text/html,application/xhtml+xml' }, redirect: 'manual' });
      expect(browser.status).toBe(302);
      expect(browser.headers.get('location')).toBe('/graphiql');
      const get = await fetch(`${dev.url}?query=${encodeURIComponent('{ sectors { code } }')}`, { headers: { authorization: `Bearer ${officer}` } });
      expect(get.status).toBe(400);
    });
  });

  describe('configuration', () => {
    it('reads GRAPHQL_* variables, with documented defaults, and refuses bad values', () => {
      expect(loadGraphQLLimits({})).toEqual(DEFAULT_LIMITS);
      expect(DEFAULT_LIMITS).toEqual({ maxDepth: 10, maxCost: 10000, maxAliases: 15, maxDirectives: 20, maxTokens: 3000, maxBatchSize: 1, maxPageSize: 100, listCostFactor: 10 });
      expect(loadGraphQLLimits({ GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_BATCH: '5', GRAPHQL_MAX_PAGE_SIZE: '50' })).toMatchObject({ maxDepth: 6, maxBatchSize: 5, maxPageSize: 50 });
      expect(() => loadGraphQLLimits({ GRAPHQL_MAX_COST: 'lots' })).toThrow(ValidationError);
      expect(() => loadGraphQLLimits({ GRAPHQL_MAX_ALIASES: '0' })).toThrow(/GRAPHQL_MAX_ALIASES/);
    });
  });
});
