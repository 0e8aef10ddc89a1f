import type { Knex } from 'knex';
import { APPEND_LOCK_KEY, APPENDING_LOCK_KEY } from './001-events';

/**
 * Event-log import and migration support.
 *
 * `dlxh_import(first_line, events)` writes one batch of an exported log (services/events/import.ts) with the
 * events' own positions, ids, revisions and recorded times, following the append protocol of 001-events so live
 * readers stay gap-safe while an import runs:
 * - it must be the first write of its transaction and holds the shared APPENDING lock for the whole transaction;
 * - it takes the per-stream locks dlxh_append takes (in one global order, so two imports cannot deadlock);
 * - it assigns its transaction id, inserts at explicit positions and moves the position sequence past them, all
 *   inside the global APPEND lock, so transaction-id order still equals position order. A new event must lie after
 *   every position already drawn: an import only ever extends the log at its head.
 * Every check runs before anything is written, and the batch is one transaction: it is written whole or not at all.
 * Events whose id is already stored with the same content are skipped (importing a file twice writes nothing);
 * the same id with other content, or another event at the same stream revision, is a conflict (DX004).
 * Errors carry the 1-based line number of the offending event in DETAIL.
 *
 * `migration_checkpoints` holds how far `dlxh events migrate` has copied the log into each target store.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    -- One event of an import batch; line is its 1-based line number in the file.
    CREATE TYPE dlxh_import_event AS (
      line bigint, "position" bigint, event_id uuid, stream_id text, revision bigint, type text, data jsonb, metadata jsonb, recorded_at timestamptz
    );

    -- p_events: a JSON array of exported events (keys as in the export file); element i is line p_first_line + i - 1.
    CREATE FUNCTION dlxh_import(p_first_line bigint, p_events jsonb)
    RETURNS TABLE (out_inserted int, out_existing int, out_last_position bigint)
    LANGUAGE plpgsql AS $fn$
    DECLARE
      v_seq     text := pg_get_serial_sequence('events', 'position');
      v_rows    dlxh_import_event[];
      v_new     dlxh_import_event[];
      v_floor   bigint;
      v_line    bigint;
      v_code    text;
      v_problem text;
      v_last    bigint;
    BEGIN
      IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'DX003', MESSAGE = 'dlxh_import must be the first write of its transaction';
      END IF;
      v_rows := ARRAY(
        SELECT ROW(p_first_line + x.n - 1, x."position", x."eventId", x."streamId", x.revision, x.type, x.data, x.metadata, x."recordedAt")::dlxh_import_event
          FROM ROWS FROM (jsonb_to_recordset(p_events)
                 AS ("position" bigint, "eventId" uuid, "streamId" text, revision bigint, type text, data jsonb, metadata jsonb, "recordedAt" timestamptz))
               WITH ORDINALITY AS x("position", "eventId", "streamId", revision, type, data, metadata, "recordedAt", n)
         ORDER BY x.n);
      PERFORM pg_advisory_xact_lock_shared(${APPENDING_LOCK_KEY});
      PERFORM pg_advisory_xact_lock(s.k)
         FROM (SELECT DISTINCT hashtextextended(r.stream_id, 0) AS k FROM unnest(v_rows) r ORDER BY 1) s;

      -- Everything that would make the batch wrong, earliest line first; nothing has been written yet.
      SELECT p.line, p.code, p.problem INTO v_line, v_code, v_problem FROM (
        SELECT i.line,
               CASE WHEN i.copies = 1 AND (e.event_id IS NOT NULL OR o.event_id IS NOT NULL) THEN 'DX004' ELSE 'DX006' END AS code,
               CASE
                 WHEN i.copies > 1 THEN format('event id %s appears more than once in the batch', i.event_id)
                 WHEN e.event_id IS NOT NULL AND NOT (e."position" = i."position" AND e.stream_id = i.stream_id AND e.revision = i.revision
                        AND e.type = i.type AND e.data = i.data AND e.metadata = i.metadata
                        AND date_trunc('milliseconds', e.recorded_at) = i.recorded_at)
                   THEN format('event id %s is already stored with different content (at position %s, %s revision %s)', i.event_id, e."position", e.stream_id, e.revision)
                 WHEN e.event_id IS NULL AND o.event_id IS NOT NULL
                   THEN format('%s revision %s already holds another event (%s)', i.stream_id, i.revision, o.event_id)
                 WHEN i.previous >= i.revision
                   THEN format('%s revision %s comes after revision %s of the stream', i.stream_id, i.revision, i.previous)
                 WHEN e.event_id IS NULL AND i.revision > 0 AND i.previous IS DISTINCT FROM i.revision - 1
                      AND NOT EXISTS (SELECT 1 FROM events b WHERE b.stream_id = i.stream_id AND b.revision = i.revision - 1)
                   THEN format('%s revision %s does not follow revision %s of the stream, which is neither stored nor earlier in the file', i.stream_id, i.revision, i.revision - 1)
               END AS problem
          FROM (SELECT r.*,
                       lag(r.revision) OVER (PARTITION BY r.stream_id ORDER BY r.line) AS previous, -- in this batch
                       count(*) OVER (PARTITION BY r.event_id) AS copies
                  FROM unnest(v_rows) r) i
          -- Index lookups per event (LIMIT keeps the planner from hashing the whole table: it cannot size the batch).
          LEFT JOIN LATERAL (SELECT * FROM events x WHERE x.event_id = i.event_id LIMIT 1) e ON true
          LEFT JOIN LATERAL (SELECT x.event_id FROM events x WHERE x.stream_id = i.stream_id AND x.revision = i.revision AND x.event_id <> i.event_id LIMIT 1) o ON true
      ) p WHERE p.problem IS NOT NULL ORDER BY p.line LIMIT 1;
      IF v_line IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = v_code, MESSAGE = v_problem, DETAIL = v_line::text;
      END IF;
      -- What is left are events not stored yet (the others are stored identically).
      v_new := ARRAY(SELECT r FROM unnest(v_rows) r WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = r.event_id) ORDER BY r.line);
      IF cardinality(v_new) > 0 THEN
        BEGIN
          PERFORM pg_advisory_lock(${APPEND_LOCK_KEY});
          -- The next position any appender would draw: every new event must come after it.
          EXECUTE format('SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM %s', v_seq) INTO v_floor;
          SELECT greatest(v_floor, coalesce(max(e."position"), 0) + 1) INTO v_floor FROM events e;
          SELECT min(r.line) INTO v_line FROM unnest(v_new) r WHERE r."position" < v_floor;
          IF v_line IS NOT NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'DX005', DETAIL = v_line::text,
              MESSAGE = format('position is not after the head of the log (the next free position is %s): an import only extends the log at its head', v_floor);
          END IF;
          PERFORM pg_current_xact_id(); -- the transaction id is assigned inside the lock
          INSERT INTO events ("position", stream_id, revision, type, data, metadata, event_id, recorded_at)
            SELECT r."position", r.stream_id, r.revision, r.type, r.data, r.metadata, r.event_id, r.recorded_at FROM unnest(v_new) r ORDER BY r.line;
          PERFORM setval(v_seq, (SELECT max(r."position") FROM unnest(v_new) r), true);
          PERFORM pg_advisory_unlock(${APPEND_LOCK_KEY});
        EXCEPTION WHEN OTHERS THEN
          PERFORM pg_advisory_unlock(${APPEND_LOCK_KEY});
          RAISE;
        END;
      END IF;
      SELECT max(r."position") INTO v_last FROM unnest(v_rows) r;
      RETURN QUERY SELECT cardinality(v_new), cardinality(v_rows) - cardinality(v_new), v_last;
    END
    $fn$;

    CREATE TABLE migration_checkpoints (
      target     text        PRIMARY KEY, -- the target store's address, without credentials
      "position" bigint      NOT NULL,    -- every source event up to here is in the target
      events     bigint      NOT NULL,    -- events copied (or found already there) so far
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE IF EXISTS migration_checkpoints;
    DROP FUNCTION IF EXISTS dlxh_import(bigint, jsonb);
    DROP TYPE IF EXISTS dlxh_import_event;
  `);
}
