import type { Knex } from 'knex';

/**
 * Integrations (other provincial systems) and webhooks.
 * - `integrations`: one row per system that pushes reports in (Open311); its API key is stored only as a SHA-256
 *   hash (keys are 256-bit random, so a plain hash is enough). Credentials, not domain data: not event-sourced.
 * - `webhooks`, `webhook_issue_index`: read models of the `webhook-outbox` projection (the `webhook-<id>` streams,
 *   and each issue's province for events that carry only the issue id). Disposable, rebuilt from the log.
 * - `webhook_deliveries`: the outbox and delivery log. The projection inserts one row per (webhook, matching event) in
 *   the transaction of its checkpoint; the delivery worker updates the attempt columns. NOT a disposable read model
 *   (the worker's progress is not in the log), so a rebuild never swaps it: inserts are ON CONFLICT DO NOTHING.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE integrations (
      integration_id  text PRIMARY KEY,
      name            text        NOT NULL,
      province_code   text        NOT NULL,
      api_key_hash    text        NOT NULL UNIQUE,   -- hex SHA-256 of the whole key
      key_prefix      text        NOT NULL,          -- first characters of the key, to recognise it in logs and lists
      default_channel text        NOT NULL DEFAULT 'HOTLINE',
      created_at      timestamptz NOT NULL DEFAULT now(),
      revoked_at      timestamptz
    );

    CREATE TABLE webhooks (
      webhook_id      text PRIMARY KEY,
      owner_id        text        NOT NULL,
      province_code   text        NOT NULL,
      url             text        NOT NULL,
      event_types     text[]      NOT NULL,          -- empty: every type the integration may receive
      categories      text[]      NOT NULL,          -- stream categories (the part of a stream id before '-'); empty: all
      secret_sealed   text        NOT NULL,          -- AES-256-GCM, see services/integrations/webhooks/secret-box.ts
      secret_fingerprint text        NOT NULL,
      active          boolean     NOT NULL,
      registered_at   timestamptz NOT NULL,
      deactivated_at  timestamptz,
      last_position   bigint      NOT NULL
    );
    CREATE INDEX webhooks_province ON webhooks (province_code, registered_at);
    CREATE INDEX webhooks_owner ON webhooks (owner_id, registered_at);

    CREATE TABLE webhook_issue_index (
      issue_id        text PRIMARY KEY,
      province_code   text NOT NULL
    );

    CREATE TABLE webhook_deliveries (
      delivery_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      webhook_id      text        NOT NULL,
      event_id        uuid        NOT NULL,
      position        bigint      NOT NULL,
      stream_id       text        NOT NULL,
      event_type      text        NOT NULL,
      body            text        NOT NULL,          -- the exact bytes sent (and signed) at every attempt
      attempts        integer     NOT NULL DEFAULT 0,
      last_status     integer,                       -- HTTP status of the last attempt; null when it got no answer
      last_error      text,
      next_attempt_at timestamptz NOT NULL,
      claimed_until   timestamptz,                   -- a worker is sending it until then
      delivered_at    timestamptz,
      created_at      timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT webhook_deliveries_once UNIQUE (webhook_id, event_id)
    );
    -- the head of each stream still to deliver, per webhook (in order per stream)
    CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (webhook_id, stream_id, position) WHERE delivered_at IS NULL;
    CREATE INDEX webhook_deliveries_due ON webhook_deliveries (webhook_id, next_attempt_at) WHERE delivered_at IS NULL;
    CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, delivery_id DESC);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS webhook_deliveries, webhook_issue_index, webhooks, integrations');
}
