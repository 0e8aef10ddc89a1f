import type { Knex } from 'knex';
import { APPENDING_LOCK_KEY } from './001-events';

/**
 * Fixes a race in 001's `dlxh_read_horizon()` that let a reader skip an event (found by the contract test
 * "delivers the events of many concurrent writers exactly once", and by a stress run: 9 rounds in 20 lost one).
 *
 * 001 checked each in-progress transaction of the snapshot with `pg_xact_status(x) <> 'in progress'
 * OR x IN (appenders now in pg_locks)`. The pg_locks subquery ran lazily, after the status of the first
 * transaction had been read. An append that committed between the two reads was neither "finished" (status read
 * before its commit) nor "appending" (lock list read after it) and so did not hold the horizon back: rows above its
 * position were returned while its own rows, committed after the reader's snapshot, were invisible. Gap.
 *
 * The order that is safe reads the lock list FIRST and the statuses AFTER. An appender that is in the snapshot
 * got its transaction id under the appending lock, so at the moment the lock list is read it either still holds the
 * lock (counted as appending) or has already finished (and its status, read later, is no longer "in progress").
 * PL/pgSQL runs the two statements in that order; being STABLE, both use the calling statement's snapshot.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE OR REPLACE FUNCTION dlxh_read_horizon() RETURNS xid8 LANGUAGE plpgsql STABLE AS $fn$
    DECLARE
      v_appending xid[];
    BEGIN
      -- 1. Appends in flight now (read before any status below).
      SELECT coalesce(array_agg(t.transactionid), '{}') INTO v_appending
        FROM pg_locks a
        JOIN pg_locks t ON t.virtualtransaction = a.virtualtransaction AND t.locktype = 'transactionid' AND t.mode = 'ExclusiveLock'
       WHERE a.locktype = 'advisory' AND a.granted AND a.classid = 0 AND a.objid = ${APPENDING_LOCK_KEY}::bigint::oid AND a.objsubid = 1
         AND a.database = (SELECT oid FROM pg_database WHERE datname = current_database());
      -- 2. Of the transactions in progress at the snapshot: those appending, and those finished since (they may have appended).
      RETURN (SELECT min(x)
                FROM pg_snapshot_xip(pg_current_snapshot()) AS x
               WHERE xid(x) = ANY (v_appending) OR pg_xact_status(x) <> 'in progress');
    END
    $fn$;
  `);
}

/** Restores 001's definition (with its race). */
export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP FUNCTION dlxh_read_horizon();
    CREATE FUNCTION dlxh_read_horizon() RETURNS xid8 LANGUAGE sql STABLE AS $fn$
      WITH appending AS (
        SELECT t.transactionid
          FROM pg_locks a
          JOIN pg_locks t ON t.virtualtransaction = a.virtualtransaction AND t.locktype = 'transactionid' AND t.mode = 'ExclusiveLock'
         WHERE a.locktype = 'advisory' AND a.granted AND a.classid = 0 AND a.objid = ${APPENDING_LOCK_KEY}::bigint::oid AND a.objsubid = 1
           AND a.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      )
      SELECT min(x)
        FROM pg_snapshot_xip(pg_current_snapshot()) AS x
       WHERE pg_xact_status(x) <> 'in progress'
          OR xid(x) IN (SELECT transactionid FROM appending)
    $fn$;
  `);
}
