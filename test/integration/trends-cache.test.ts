import { randomUUID } from 'node:crypto';
import { applyBatch } from '../../projections/runner';
import { trendsProjection } from '../../projections/trends.projection';
import { readTrends, type TrendQuery } from '../../projections/trends.read';
import { TrendsCache } from '../../projections/trends.cache';
import { lifecycleReport } from '../support/lifecycles';
import { Harness, openHarness } from '../support/projection-harness';

/** The trends cache serves repeated queries with one checkpoint lookup, and never counts older than the read model. */
describe('trends cache', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
  });
  afterAll(async () => h.close());

  const report = (observedAt: string) => {
    const issueId = randomUUID();
    return h.issues.execute({ type: 'SubmitReport', issueId, ...lifecycleReport(`r-${issueId}`, 'ctv-1'), observedAt }, { actorId: 'ctv-1', actorRole: 'COLLABORATOR' });
  };
  /** Runs the trends projection over everything not yet applied. */
  const project = async () => applyBatch(h.db.knex, trendsProjection, await h.events());
  const query: TrendQuery = { provinceCode: '68', communeCodes: null, from: '2026-10-01', to: '2026-10-31', groupBy: ['PERIOD', 'SECTOR'], granularity: 'MONTH' };

  it('answers a repeated query from memory, and reads again once the projection has moved on', async () => {
    await report('2026-10-05T03:00:00.000Z');
    await report('2026-10-06T03:00:00.000Z');
    await project();
    const cache = new TrendsCache(h.db.knex);
    const statements: string[] = [];
    const count = (q: { sql: string }) => statements.push(q.sql);
    h.db.knex.on('query', count);
    try {
      const first = await cache.read(query);
      expect(first).toEqual(await readTrends(h.db.knex, query));
      expect(first.map((r) => [r.sector, r.counts.reports])).toEqual([['ENVIRONMENT', 2]]);
      statements.length = 0;
      expect(await cache.read({ ...query })).toEqual(first);
      expect(statements).toHaveLength(1); // the checkpoint lookup only
      expect(statements[0]).toContain('projection_checkpoints');

      await report('2026-10-07T03:00:00.000Z');
      expect((await cache.read(query))[0].counts.reports).toBe(2); // not projected yet: the read model still says 2
      await project();
      expect((await cache.read(query))[0].counts.reports).toBe(3); // the checkpoint moved: read again
      expect((await cache.read({ ...query, to: '2026-10-06' }))[0].counts.reports).toBe(2); // another query, another entry
    } finally {
      h.db.knex.removeListener('query', count);
    }
  });

  it('shares one read between identical concurrent misses', async () => {
    const cache = new TrendsCache(h.db.knex);
    const statements: string[] = [];
    const count = (q: { sql: string }) => statements.push(q.sql);
    h.db.knex.on('query', count);
    try {
      const results = await Promise.all(Array.from({ length: 5 }, () => cache.read({ ...query, from: '2026-09-01' })));
      for (const r of results) expect(r).toEqual(results[0]);
      expect(statements.filter((s) => s.includes('trends_province_daily'))).toHaveLength(1);
    } finally {
      h.db.knex.removeListener('query', count);
    }
  });
});
