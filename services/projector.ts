import type { Knex } from 'knex';
import type { EventStore } from '../eventstore/port';
import { ProjectionRunner, PoisonPolicy } from '../projections/runner';
import { PROJECTIONS } from '../projections';
import { readCheckpoints } from '../projections/checkpoints';
import { ProjectionLease } from '../projections/lease';

/** How often a standby projector tries to take over a projection: the failover time is about this long. */
export const LEASE_RETRY_MS = 1000;
import type { Logger } from './logger';
import type { Metrics } from './metrics';

export interface ProjectionStatus {
  name: string;
  position: bigint;
  head: bigint;
  lag: bigint;
  status: string;
  lastError: string | null;
}

/** Position and lag of every projection, from the checkpoints table (works from any process). */
export async function projectionStatus(knex: Knex, store: EventStore): Promise<ProjectionStatus[]> {
  const [head, rows] = await Promise.all([store.headPosition(), readCheckpoints(knex)]);
  return PROJECTIONS.map((p) => {
    const row = rows.find((r) => r.name === p.name);
    const position = row?.position ?? 0n;
    return { name: p.name, position, head, lag: head > position ? head - position : 0n, status: row?.status ?? 'not started', lastError: row?.lastError ?? null };
  });
}

/** The projection runner of a process (in-process with the API, or the projector), with its metrics wired in. */
export function createProjector(deps: { store: EventStore; knex: Knex; log: Logger; metrics?: Metrics; poison?: PoisonPolicy; leaseUrl?: string }): ProjectionRunner {
  return new ProjectionRunner({
    lease: deps.leaseUrl ? new ProjectionLease(deps.leaseUrl, LEASE_RETRY_MS) : undefined,
    store: deps.store,
    knex: deps.knex,
    projections: PROJECTIONS,
    poison: deps.poison,
    log: deps.log,
    onCommitted: (name, position, count) => {
      deps.metrics?.projectionPosition.set({ projection: name }, Number(position));
      deps.metrics?.projectedEvents.inc({ projection: name }, count);
    },
  });
}
