import { ValidationError } from '../../../domain/errors';

/**
 * How the delivery worker sends webhooks. Each value comes from an environment variable (default in brackets):
 * - WEBHOOK_TIMEOUT_MS [10000]: one attempt, connection to last header byte;
 * - WEBHOOK_CONCURRENCY [4]: attempts in flight per webhook (each stream has at most one);
 * - WEBHOOK_BACKOFF_BASE_MS [1000] and WEBHOOK_BACKOFF_MAX_MS [3600000]: the delay after the n-th failed attempt is
 *   drawn uniformly from [d/2, d] with d = min(max, base × 2^(n-1)) ("equal jitter");
 * - WEBHOOK_POLL_MS [1000]: how often due retries are looked for (new deliveries wake the worker at once).
 * A delivery is retried until it succeeds or its webhook is deactivated: nothing is dropped.
 */
export interface DeliveryOptions {
  timeoutMs: number;
  concurrency: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  pollMs: number;
}

export const DEFAULT_DELIVERY_OPTIONS: Readonly<DeliveryOptions> = { timeoutMs: 10_000, concurrency: 4, backoffBaseMs: 1000, backoffMaxMs: 3_600_000, pollMs: 1000 };

const ENV: Record<keyof DeliveryOptions, string> = {
  timeoutMs: 'WEBHOOK_TIMEOUT_MS',
  concurrency: 'WEBHOOK_CONCURRENCY',
  backoffBaseMs: 'WEBHOOK_BACKOFF_BASE_MS',
  backoffMaxMs: 'WEBHOOK_BACKOFF_MAX_MS',
  pollMs: 'WEBHOOK_POLL_MS',
};

export function loadDeliveryOptions(env: NodeJS.ProcessEnv = process.env): DeliveryOptions {
  const options = { ...DEFAULT_DELIVERY_OPTIONS };
  for (const key of Object.keys(ENV) as (keyof DeliveryOptions)[]) {
    const raw = env[ENV[key]];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 86_400_000) throw ValidationError.field(ENV[key], 'must be an integer from 1 to 86400000');
    options[key] = n;
  }
  return options;
}

/** Milliseconds to wait after the `attempts`-th failed attempt (1 for the first failure). */
export function backoffDelay(attempts: number, options: Pick<DeliveryOptions, 'backoffBaseMs' | 'backoffMaxMs'>, random: () => number = Math.random): number {
  const ceiling = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 40));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
