import { crashRounds, traffic } from './projector-crash';
import { openHarness, Harness } from '../support/projection-harness';

/**
 * The shortened crash test: a few SIGKILLs of a real `dlxh projector` process while it tails the log, and of a real
 * `dlxh projections rebuild`; afterwards every read model must equal a clean rebuild.
 * The full run (20 rounds): node bin/run-ts.js test/crash/projector-crash.ts 20
 */
describe('projector crash test (shortened)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
  });
  afterAll(async () => h?.close());

  it('ends with read models equal to a clean rebuild after SIGKILLs during live tailing and rebuilds', async () => {
    let n = 0;
    await traffic(h.issues, 40, () => ((n = (n * 9301 + 49297) % 233280) / 233280));
    const result = await crashRounds({ url: h.db.url, knex: h.db.knex, store: h.store, issues: h.issues }, 4);
    expect(result.equal).toBe(true);
    const { n: issues } = (await h.db.knex('issues').count({ n: '*' }).first()) as { n: string };
    expect(Number(issues)).toBeGreaterThan(40);
  }, 180_000);
});
