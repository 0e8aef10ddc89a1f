import type { Knex } from 'knex';
import { APPEND_LOCK_KEY, APPENDING_LOCK_KEY } from './001-events';
import { EMPTY_HEAD, eventHash, HASH_KEY, PREV_HASH_KEY, withoutChainKeys, type ChainHead } from '../eventstore/hash-chain';

/**
 * Tamper evidence on the Postgres store (design: eventstore/hash-chain.ts).
 *
 * 1. `dlxh_append(stream, expected, events, prev_revision, prev_hash)`: the append of 001-events, same gap-safety and
 *    lock protocol, plus one check. The adapter hashes the events in TypeScript against the chain head it believes
 *    current (its cache of the stream's last revision and `metadata->>'hash'`), and passes that head. Under the
 *    stream's lock the function reads the actual head (the same index lookup that used to read max(revision)) and,
 *    when it differs, refuses with DX007 and DETAIL '<actual revision> <actual hash>' (-1 for no event): the adapter
 *    rehashes against that head and calls again (bounded). The common case (the writer read or wrote the stream last)
 *    is one round trip, as before. Checks run in this order: idempotent replay (returns the first result unchanged),
 *    expected revision (DX001), chain head (DX007).
 *    prev_revision NULL skips the chain check: the 3-argument form of 001 now calls it so, and stays only for
 *    compatibility (tests, operators): events appended through it carry no hash and show up in `dlxh audit verify`.
 * 2. Events stored before this migration are hashed once here (in stream order), so the whole log is verifiable.
 * 3. `audit_seals`: the day seals (services/audit/seal.ts).
 * 4. An append-only guard: triggers reject UPDATE, DELETE and TRUNCATE on `events` (and UPDATE/DELETE on
 *    `audit_seals`) with DX008. A table owner or superuser can still disable them (ALTER TABLE … DISABLE TRIGGER):
 *    that is exactly the attack the hash chain and the seals make evident. Run the API as a role that does not own
 *    these tables to make the guard binding.
 */

export const SEAL_LOCK_KEY = '7411200205'; // serialises sealers (pg_advisory_xact_lock), apart from the append locks

/** The append function's body; `chained` adds the chain-head parameters and check (001's function is `chained: false`). */
function appendFunction(chained: boolean): string {
  const signature = chained
    ? 'dlxh_append(p_stream text, p_expected text, p_events jsonb, p_prev_revision bigint, p_prev_hash text)'
    : 'dlxh_append(p_stream text, p_expected text, p_events jsonb)';
  return `
    CREATE OR REPLACE FUNCTION ${signature}
    RETURNS TABLE (out_revision bigint, out_position bigint, out_replay boolean)
    LANGUAGE plpgsql AS $fn$
    DECLARE
      n           int := jsonb_array_length(p_events);
      v_current   bigint;
      v_last_hash text;
      v_found     int;
      v_ok        boolean;
      v_last_rev  bigint;
      v_last_pos  bigint;
    BEGIN
      IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'DX003', MESSAGE = 'dlxh_append must be the first write of its transaction';
      END IF;
      PERFORM pg_advisory_xact_lock_shared(${APPENDING_LOCK_KEY});
      -- Writers of one stream queue here until the previous one commits, so the head read below is current.
      PERFORM pg_advisory_xact_lock(hashtextextended(p_stream, 0));

      -- Idempotency by event id, at any later time: the same ids again return the first result.
      SELECT count(*), bool_and(s.ok), max(s.revision), max(s.position)
        INTO v_found, v_ok, v_last_rev, v_last_pos
        FROM (SELECT e.revision, e.position,
                     e.stream_id = p_stream AND e.type = o.x->>'type'
                       AND e.revision - o.i = min(e.revision - o.i) OVER () AS ok -- consecutive, same order
                FROM jsonb_array_elements(p_events) WITH ORDINALITY AS o(x, i)
                JOIN events e ON e.event_id = (o.x->>'eventId')::uuid) s;
      IF v_found > 0 THEN
        IF v_found = n AND v_ok THEN
          RETURN QUERY SELECT v_last_rev, v_last_pos, true;
          RETURN;
        END IF;
        RAISE EXCEPTION USING ERRCODE = 'DX002', MESSAGE = 'idempotency_conflict';
      END IF;

      SELECT e.revision, e.metadata->>'${HASH_KEY}' INTO v_current, v_last_hash
        FROM events e WHERE e.stream_id = p_stream ORDER BY e.revision DESC LIMIT 1;
      IF (p_expected = 'no_stream' AND v_current IS NOT NULL)
         OR (p_expected = 'stream_exists' AND v_current IS NULL)
         OR (p_expected NOT IN ('any', 'no_stream', 'stream_exists') AND v_current IS DISTINCT FROM p_expected::bigint) THEN
        RAISE EXCEPTION USING ERRCODE = 'DX001', MESSAGE = 'wrong_expected_revision',
          DETAIL = coalesce(v_current::text, 'no_stream');
      END IF;
      ${
        chained
          ? `-- The events were hashed against (p_prev_revision, p_prev_hash): refuse if that is not the head any more.
      IF p_prev_revision IS NOT NULL AND (coalesce(v_current, -1) <> p_prev_revision OR v_last_hash IS DISTINCT FROM p_prev_hash) THEN
        RAISE EXCEPTION USING ERRCODE = 'DX007', MESSAGE = 'chain_head_moved',
          DETAIL = coalesce(v_current, -1)::text || ' ' || coalesce(v_last_hash, '');
      END IF;`
          : ''
      }

      BEGIN
        PERFORM pg_advisory_lock(${APPEND_LOCK_KEY});
        PERFORM pg_current_xact_id(); -- the transaction id is assigned inside the lock
        INSERT INTO events (stream_id, revision, type, data, metadata, event_id)
          SELECT p_stream, coalesce(v_current, -1) + o.i, o.x->>'type', o.x->'data', o.x->'metadata', (o.x->>'eventId')::uuid
            FROM jsonb_array_elements(p_events) WITH ORDINALITY AS o(x, i) ORDER BY o.i;
        SELECT currval(pg_get_serial_sequence('events', 'position')) INTO v_last_pos;
        PERFORM pg_advisory_unlock(${APPEND_LOCK_KEY});
      EXCEPTION WHEN OTHERS THEN
        PERFORM pg_advisory_unlock(${APPEND_LOCK_KEY});
        RAISE;
      END;
      RETURN QUERY SELECT coalesce(v_current, -1) + n, v_last_pos, false;
    END
    $fn$;
    -- Plan each call afresh: a plan cached while the table was small would keep scanning it whole.
    ALTER FUNCTION ${chained ? 'dlxh_append(text, text, jsonb, bigint, text)' : 'dlxh_append(text, text, jsonb)'} SET plan_cache_mode = force_custom_plan;`;
}

const BACKFILL_BATCH = 5000;

/** Hashes every event stored before this migration, stream by stream in revision order. */
async function backfill(knex: Knex): Promise<void> {
  let after = { stream: '', revision: '-1' };
  let stream = '';
  let head: ChainHead = EMPTY_HEAD;
  for (;;) {
    const { rows } = await knex.raw<{ rows: { position: string; stream_id: string; revision: string; type: string; data: unknown; metadata: Record<string, unknown>; event_id: string }[] }>(
      `SELECT position, stream_id, revision, type, data, metadata, event_id FROM events
        WHERE (stream_id, revision) > (?, ?::bigint) ORDER BY stream_id, revision LIMIT ${BACKFILL_BATCH}`,
      [after.stream, after.revision],
    );
    if (rows.length === 0) return;
    const positions: string[] = [];
    const chains: string[] = [];
    for (const row of rows) {
      if (row.stream_id !== stream) {
        stream = row.stream_id;
        head = EMPTY_HEAD;
      }
      const revision = BigInt(row.revision);
      const hash = eventHash({ prev: head.hash, streamId: row.stream_id, revision, eventId: row.event_id, type: row.type, data: row.data, metadata: withoutChainKeys(row.metadata) });
      positions.push(row.position);
      chains.push(JSON.stringify({ [PREV_HASH_KEY]: head.hash, [HASH_KEY]: hash }));
      head = { revision, hash };
    }
    await knex.raw(
      `UPDATE events e SET metadata = (e.metadata - '${HASH_KEY}' - '${PREV_HASH_KEY}') || v.chain
         FROM unnest(?::bigint[], ?::jsonb[]) AS v(position, chain) WHERE e.position = v.position`,
      [positions, chains],
    );
    const last = rows[rows.length - 1];
    after = { stream: last.stream_id, revision: last.revision };
  }
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw(appendFunction(true));
  // The 3-argument form (001) becomes the unchecked call of the one implementation above.
  await knex.raw(`
    CREATE OR REPLACE FUNCTION dlxh_append(p_stream text, p_expected text, p_events jsonb)
    RETURNS TABLE (out_revision bigint, out_position bigint, out_replay boolean)
    LANGUAGE sql AS $fn$ SELECT * FROM dlxh_append(p_stream, p_expected, p_events, NULL::bigint, NULL::text) $fn$;
  `);

  await backfill(knex);

  await knex.raw(`
    CREATE TABLE audit_seals (
      day            date        PRIMARY KEY,  -- Vietnamese calendar day (UTC+7) of the events' recorded_at
      first_position bigint,                   -- first event of the range; NULL for a day without events
      last_position  bigint      NOT NULL,     -- the range is (previous seal's last_position, last_position]
      count          bigint      NOT NULL,
      hash           text        NOT NULL,     -- sha256hex(previous_hash || each event's metadata.hash, in position order)
      previous_hash  text,                     -- the previous day's seal hash; NULL for the first seal
      sealed_at      timestamptz NOT NULL DEFAULT now()
    );
    COMMENT ON TABLE audit_seals IS 'DLXH daily seals of the event log (tamper evidence). Append-only.';

    CREATE FUNCTION dlxh_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      RAISE EXCEPTION USING ERRCODE = 'DX008', MESSAGE = format('%s is append-only: %s is not allowed', TG_TABLE_NAME, TG_OP);
    END
    $fn$;
    CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION dlxh_append_only();
    CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION dlxh_append_only();
    CREATE TRIGGER audit_seals_append_only BEFORE UPDATE OR DELETE ON audit_seals FOR EACH ROW EXECUTE FUNCTION dlxh_append_only();
    CREATE TRIGGER audit_seals_no_truncate BEFORE TRUNCATE ON audit_seals FOR EACH STATEMENT EXECUTE FUNCTION dlxh_append_only();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TRIGGER IF EXISTS events_append_only ON events;
    DROP TRIGGER IF EXISTS events_no_truncate ON events;
    DROP TABLE IF EXISTS audit_seals;
    DROP FUNCTION IF EXISTS dlxh_append_only();
  `);
  await knex.raw(appendFunction(false)); // the 3-argument form of 001 again, standalone
  await knex.raw('DROP FUNCTION IF EXISTS dlxh_append(text, text, jsonb, bigint, text);');
}
