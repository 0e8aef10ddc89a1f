import type { Knex } from 'knex';
import { Client } from 'pg';
import type { Logger } from '../../logger';
import { backoffDelay, DeliveryOptions, loadDeliveryOptions } from './delivery-options';
import type { SecretBox } from './secret-box';
import { EVENT_ID_HEADER, signature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature';
import { OUTBOX_CHANNEL } from './webhook-outbox.projection';

export interface DeliveryWorkerDeps {
  knex: Knex;
  log: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  secrets: SecretBox;
  /** Where to LISTEN for new deliveries; without it the worker only polls. */
  listenUrl?: string;
  options?: Partial<DeliveryOptions>;
  /** For tests: the jitter source. */
  random?: () => number;
}

interface Target {
  webhook_id: string;
  url: string;
  secret_sealed: string;
}

interface Claimed {
  delivery_id: string;
  event_id: string;
  body: string;
  attempts: number;
}

/** Per webhook: what is in flight. A webhook never waits for another one. */
interface Lane {
  inFlight: number;
}

type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/**
 * Sends the outbox (`webhook_deliveries`), at least once and in order per stream:
 * - it claims, per webhook, only the oldest undelivered event of each stream, and only when it is due, so a stream's
 *   next event waits until the previous one is delivered; the claim (a lease in `claimed_until`) lets several
 *   processes run workers safely, and a crashed worker's claims expire and are retried;
 * - each webhook has its own lane of at most `concurrency` attempts, each bounded by `timeoutMs` (AbortSignal), so a
 *   dead or slow endpoint holds only its own lane;
 * - a failed attempt (no 2xx, a redirect, a timeout, a refused connection) is retried after an exponential backoff
 *   with jitter, up to a maximum delay, for as long as the webhook is active.
 */
export class WebhookDeliveryWorker {
  private readonly options: DeliveryOptions;
  private readonly lanes = new Map<string, Lane>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly secretCache = new Map<string, string | null>();
  private readonly stopping = new AbortController();
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private ticking = false;
  private again = false;
  private running = false;

  constructor(private readonly deps: DeliveryWorkerDeps) {
    this.options = { ...loadDeliveryOptions(), ...deps.options };
  }

  async start(): Promise<void> {
    this.running = true;
    if (this.deps.listenUrl) {
      const listener = new Client({ connectionString: this.deps.listenUrl, application_name: 'dlxh-webhooks' });
      listener.on('error', (err) => this.deps.log.warn({ err }, 'webhook outbox listener failed; polling only'));
      listener.on('notification', () => this.wake());
      await listener.connect();
      await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = listener;
    }
    this.wake();
  }

  /** Stops claiming, aborts attempts in flight (they are retried later) and waits for them to be recorded. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.stopping.abort();
    await Promise.allSettled([...this.inFlight]);
    await this.listener?.end().catch(() => {});
  }

  /** Looks for work now (new deliveries, a finished attempt), or right after the tick under way. */
  wake(): void {
    if (!this.running) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.ticking = true;
    void this.tick()
      .catch((err) => this.deps.log.error({ err }, 'webhook delivery tick failed'))
      .finally(() => {
        this.ticking = false;
        if (!this.running) return;
        if (this.again) {
          this.again = false;
          this.wake();
        } else {
          this.timer = setTimeout(() => this.wake(), this.options.pollMs);
        }
      });
  }

  private async tick(): Promise<void> {
    const { rows: targets } = await this.deps.knex.raw<{ rows: Target[] }>(
      `SELECT w.webhook_id, w.url, w.secret_sealed FROM webhooks w
        WHERE w.active AND EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.webhook_id = w.webhook_id AND d.delivered_at IS NULL AND d.next_attempt_at <= now())`,
    );
    for (const target of targets) {
      const lane = this.lanes.get(target.webhook_id) ?? { inFlight: 0 };
      this.lanes.set(target.webhook_id, lane);
      const room = this.options.concurrency - lane.inFlight;
      if (room <= 0) continue;
      const secret = this.secretOf(target);
      if (secret === null) continue;
      for (const delivery of await this.claim(target.webhook_id, room)) {
        lane.inFlight++;
        const attempt = this.attempt(target, secret, delivery).finally(() => {
          lane.inFlight--;
          this.inFlight.delete(attempt);
          this.wake();
        });
        this.inFlight.add(attempt);
      }
    }
  }

  private secretOf(target: Target): string | null {
    const key = `${target.webhook_id}:${target.secret_sealed}`;
    if (!this.secretCache.has(key)) {
      try {
        this.secretCache.set(key, this.deps.secrets.open(target.secret_sealed));
      } catch (err) {
        this.deps.log.error({ err, webhookId: target.webhook_id }, 'cannot read the webhook secret (was JWT_SECRET changed?); register the webhook again');
        this.secretCache.set(key, null);
      }
    }
    return this.secretCache.get(key)!;
  }

  /** Claims up to `limit` due deliveries that are the oldest undelivered of their stream. */
  private async claim(webhookId: string, limit: number): Promise<Claimed[]> {
    const leaseMs = this.options.timeoutMs + 30_000;
    const { rows } = await this.deps.knex.raw<{ rows: Claimed[] }>(
      `WITH heads AS (
         SELECT d.delivery_id FROM webhook_deliveries d
          WHERE d.webhook_id = ? AND d.delivered_at IS NULL AND d.next_attempt_at <= now()
            AND (d.claimed_until IS NULL OR d.claimed_until < now())
            AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p
                             WHERE p.webhook_id = d.webhook_id AND p.stream_id = d.stream_id AND p.delivered_at IS NULL AND p.position < d.position)
          ORDER BY d.position
          LIMIT ?
          FOR UPDATE SKIP LOCKED
       )
       UPDATE webhook_deliveries d SET claimed_until = now() + ?::bigint * interval '1 millisecond', attempts = d.attempts + 1
         FROM heads WHERE d.delivery_id = heads.delivery_id
       RETURNING d.delivery_id, d.event_id, d.body, d.attempts`,
      [webhookId, limit, leaseMs],
    );
    return rows;
  }

  private async attempt(target: Target, secret: string, delivery: Claimed): Promise<void> {
    const outcome = await this.send(target, secret, delivery);
    if (outcome.ok) {
      await this.deps.knex.raw(
        'UPDATE webhook_deliveries SET delivered_at = now(), last_status = ?, last_error = NULL, claimed_until = NULL WHERE delivery_id = ?',
        [outcome.status, delivery.delivery_id],
      );
      return;
    }
    const delay = backoffDelay(delivery.attempts, this.options, this.deps.random);
    await this.deps.knex.raw(
      `UPDATE webhook_deliveries SET last_status = ?, last_error = ?, next_attempt_at = now() + ?::bigint * interval '1 millisecond', claimed_until = NULL
        WHERE delivery_id = ?`,
      [outcome.status, outcome.error, delay, delivery.delivery_id],
    );
    if (delivery.attempts === 1 || delivery.attempts % 10 === 0) {
      this.deps.log.warn({ webhookId: target.webhook_id, eventId: delivery.event_id, attempts: delivery.attempts, error: outcome.error, retryInMs: delay }, 'webhook delivery failed; will retry');
    }
  }

  private async send(target: Target, secret: string, delivery: Claimed): Promise<Outcome> {
    const timestamp = Math.floor(Date.now() / 1000).toString();
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'DLXH-Webhooks/1',
          [SIGNATURE_HEADER]: signature(secret, timestamp, delivery.body),
          [TIMESTAMP_HEADER]: timestamp,
          [EVENT_ID_HEADER]: delivery.event_id,
          'x-dlxh-webhook-id': target.webhook_id,
          'x-dlxh-delivery-attempt': String(delivery.attempts),
        },
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.any([timeout, this.stopping.signal]),
      });
      await response.body?.cancel().catch(() => {});
      if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
      return { ok: false, status: response.status, error: `HTTP ${response.status}` };
    } catch (error) {
      if (timeout.aborted) return { ok: false, status: null, error: `timeout after ${this.options.timeoutMs} ms` };
      if (this.stopping.signal.aborted) return { ok: false, status: null, error: 'worker stopped' };
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      return { ok: false, status: null, error: cause?.code ?? cause?.message ?? (error as Error).message };
    }
  }
}
