import type { Knex } from 'knex';
import type { ProjectionRunner } from '../projections/runner';
import { PROJECTIONS } from '../projections';
import { readCheckpoints } from '../projections/checkpoints';

/**
 * Read-your-writes: waits until every read model has reached a position, at most `timeoutMs`.
 * With the projections in this process it listens to the runner; otherwise it watches the checkpoints table.
 */
export function readYourWrites(knex: Knex, runner: ProjectionRunner | undefined, timeoutMs: number): (position: bigint) => Promise<boolean> {
  if (runner) return (position) => runner.waitFor(position, timeoutMs);
  return async (position) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const rows = await readCheckpoints(knex);
      if (PROJECTIONS.every((p) => (rows.find((r) => r.name === p.name)?.position ?? 0n) >= position)) return true;
      if (Date.now() >= until) return false;
      await new Promise((r) => setTimeout(r, 20));
    }
  };
}
