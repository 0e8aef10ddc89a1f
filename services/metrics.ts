import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Knex } from 'knex';

/** What a connection pool reports about itself: a pg Pool has exactly these. */
export interface PoolUsage {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** At most this many distinct GraphQL operation names become label values; later ones are counted as 'other'. */
const MAX_OPERATION_NAMES = 100;

/** Prometheus metrics of one process, served at /metrics. */
export class Metrics {
  readonly registry = new Registry();
  private readonly pools = new Map<string, () => PoolUsage>();
  private readonly operationNames = new Set<string>();
  readonly projectionPosition = new Gauge({ name: 'dlxh_projection_position', help: 'Checkpoint position of each projection', labelNames: ['projection'], registers: [this.registry] });
  readonly projectionLag = new Gauge({
    name: 'dlxh_projection_lag_events',
    help: 'Global positions between the head of the log and each projection checkpoint',
    labelNames: ['projection'],
    registers: [this.registry],
  });
  readonly projectedEvents = new Counter({ name: 'dlxh_projected_events_total', help: 'Events folded into read models', labelNames: ['projection'], registers: [this.registry] });
  readonly appendLatency = new Histogram({
    name: 'dlxh_append_duration_seconds',
    help: 'Latency of event-store appends made by the command service',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly httpLatency = new Histogram({
    name: 'dlxh_http_request_duration_seconds',
    help: 'Latency of HTTP requests, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly graphqlLatency = new Histogram({
    name: 'dlxh_graphql_operation_duration_seconds',
    help: 'Latency of GraphQL operations over HTTP, by operation name, type (query, mutation) and outcome',
    labelNames: ['operation', 'type', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly dbPool = new Gauge({
    name: 'dlxh_db_pool_connections',
    help: 'Database connections of each pool: total, idle, and callers waiting for one',
    labelNames: ['pool', 'state'],
    registers: [this.registry],
    collect: () => {
      for (const [pool, usage] of this.pools) {
        const u = usage();
        this.dbPool.set({ pool, state: 'total' }, u.totalCount);
        this.dbPool.set({ pool, state: 'idle' }, u.idleCount);
        this.dbPool.set({ pool, state: 'waiting' }, u.waitingCount);
      }
    },
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'dlxh_' });
  }

  /** Reports a connection pool's usage at every scrape. */
  watchPool(name: string, usage: () => PoolUsage): void {
    this.pools.set(name, usage);
  }

  /** The label for an operation name: bounded, so clients choosing names cannot grow the series without limit. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'other';
    this.operationNames.add(name);
    return name;
  }
}

/** The usage of a knex (tarn) pool, shaped like a pg Pool's. */
export function knexPoolUsage(knex: Knex): PoolUsage {
  const pool = knex.client.pool as { numUsed(): number; numFree(): number; numPendingAcquires(): number } | undefined;
  if (!pool) return { totalCount: 0, idleCount: 0, waitingCount: 0 };
  return { totalCount: pool.numUsed() + pool.numFree(), idleCount: pool.numFree(), waitingCount: pool.numPendingAcquires() };
}
