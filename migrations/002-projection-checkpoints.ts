import type { Knex } from 'knex';

/** Checkpoints of the projections, and events parked by a projection configured to park poison events. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE projection_checkpoints (
      name        text PRIMARY KEY,
      position    bigint      NOT NULL DEFAULT 0,
      status      text        NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'stopped')),
      last_error  text,
      updated_at  timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE projection_parked_events (
      projection  text        NOT NULL,
      position    bigint      NOT NULL,
      stream_id   text        NOT NULL,
      type        text        NOT NULL,
      event_id    uuid        NOT NULL,
      error       text        NOT NULL,
      parked_at   timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (projection, position)
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS projection_parked_events; DROP TABLE IF EXISTS projection_checkpoints;');
}
