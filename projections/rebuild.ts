import type { Knex } from 'knex';
import type { EventStore, RecordedEvent } from '../eventstore/port';
import { Projection, ProjectionContext } from './projection';
import { lockCheckpoint, saveCheckpoint } from './checkpoints';
import { relaxDurability } from './runner';

export const SHADOW_SUFFIX = '__rebuild';
const shadowOf = (table: string) => `${table}${SHADOW_SUFFIX}`;
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface RebuildProgress {
  events: number;
  position: bigint;
  head: bigint;
}

export interface RebuildOptions {
  store: EventStore;
  knex: Knex;
  projections: readonly Projection[];
  batchSize?: number;
  onProgress?: (progress: RebuildProgress) => void;
}

export interface RebuildResult {
  events: number;
  position: bigint;
  seconds: number;
  /** Seconds spent folding and writing, per projection (they run side by side, so these overlap). */
  secondsByProjection: Record<string, number>;
}

function shadowContext(trx: Knex.Transaction): ProjectionContext {
  return { trx, table: shadowOf };
}

async function applyOne(trx: Knex.Transaction, p: Projection, events: RecordedEvent[], timings: Record<string, number>): Promise<void> {
  const relevant = p.eventTypes ? events.filter((e) => p.eventTypes!.includes(e.type)) : events;
  const started = process.hrtime.bigint();
  if (relevant.length) await p.apply(relevant, shadowContext(trx));
  timings[p.name] = (timings[p.name] ?? 0) + Number(process.hrtime.bigint() - started) / 1e9;
}

interface ShadowLayout {
  table: string;
  /** CREATE INDEX statements for the shadow's secondary indexes, run after loading. */
  createIndexes: string[];
  /** Renames that give the shadow's primary key and indexes the live names, run after the swap. */
  renames: string[];
}

/**
 * Creates `<table>__rebuild` with the live table's columns, defaults, checks and primary key (upserts need it), and
 * returns how to add its other indexes later and how to rename them once it is swapped in.
 */
async function createShadow(knex: Knex, table: string): Promise<ShadowLayout> {
  const shadow = shadowOf(table);
  const { rows: pk } = await knex.raw<{ rows: { name: string; def: string }[] }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = ?::regclass AND contype = 'p'`,
    [table],
  );
  const { rows: indexes } = await knex.raw<{ rows: { name: string; def: string }[] }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename = ?
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.conrelid = ?::regclass)`,
    [table, table],
  );
  await knex.raw(
    `DROP TABLE IF EXISTS ${ident(shadow)};
     CREATE TABLE ${ident(shadow)} (LIKE ${ident(table)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS);
     ${pk.map((p) => `ALTER TABLE ${ident(shadow)} ADD CONSTRAINT ${ident(`${p.name}${SHADOW_SUFFIX}`)} ${p.def};`).join('\n')}`,
  );
  const createIndexes = indexes.map((index) => {
    const match = /^(CREATE (?:UNIQUE )?INDEX )(\S+)( ON )(?:ONLY )?(\S+)( .*)$/s.exec(index.def);
    if (!match) throw new Error(`cannot rebuild index ${index.name}: unexpected definition`);
    const schema = match[4].includes('.') ? `${match[4].split('.')[0]}.` : '';
    return `DROP INDEX IF EXISTS ${ident(`${index.name}${SHADOW_SUFFIX}`)}; ${match[1]}${ident(`${index.name}${SHADOW_SUFFIX}`)}${match[3]}${schema}${ident(shadow)}${match[5]}`;
  });
  const renames = [
    ...pk.map((p) => `ALTER TABLE ${ident(table)} RENAME CONSTRAINT ${ident(`${p.name}${SHADOW_SUFFIX}`)} TO ${ident(p.name)}`),
    ...indexes.map((index) => `ALTER INDEX ${ident(`${index.name}${SHADOW_SUFFIX}`)} RENAME TO ${ident(index.name)}`),
  ];
  return { table, createIndexes, renames };
}

/**
 * Rebuilds projections from the start of the log into shadow tables (`<table>__rebuild`), reading the log once for
 * all of them, then swaps every shadow in with its live table and sets the checkpoints in ONE transaction. Readers
 * see the old tables until the swap and the complete new ones after it: never an empty or partial table.
 * A rebuild that dies half-way leaves only shadow tables behind; the next rebuild drops them.
 */
export async function rebuild(options: RebuildOptions): Promise<RebuildResult> {
  const { store, knex, projections } = options;
  const batchSize = options.batchSize ?? 5000;
  const started = process.hrtime.bigint();
  const tables = projections.flatMap((p) => p.tables);

  const layouts: ShadowLayout[] = [];
  for (const table of tables) layouts.push(await createShadow(knex, table));

  const timings: Record<string, number> = {};
  const head = await store.headPosition();
  let position = 0n;
  let count = 0;
  // Read the next batch while the current one is written.
  let next = store.readAll({ after: position, maxCount: batchSize });
  for (;;) {
    const events = await next;
    if (events.length === 0) break;
    position = events[events.length - 1].position;
    next = store.readAll({ after: position, maxCount: batchSize });
    next.catch(() => {});
    // Projections own disjoint shadow tables, so each batch is written by all of them at once, one transaction each.
    await Promise.all(
      projections.map((p) =>
        knex.transaction(async (trx) => {
          await relaxDurability(trx);
          await applyOne(trx, p, events, timings);
        }),
      ),
    );
    count += events.length;
    options.onProgress?.({ events: count, position, head });
  }

  // Secondary indexes are built once over the loaded tables: far cheaper than maintaining them row by row.
  for (const layout of layouts) for (const sql of layout.createIndexes) await knex.raw(sql);

  // The swap: checkpoints locked, so no live runner commits in between; catch up what arrived meanwhile, then rename.
  await knex.transaction(async (trx) => {
    for (const p of projections) await lockCheckpoint(trx, p.name);
    for (;;) {
      const events = await store.readAll({ after: position, maxCount: batchSize });
      if (events.length === 0) break;
      for (const p of projections) await applyOne(trx, p, events, timings);
      position = events[events.length - 1].position;
      count += events.length;
    }
    for (const layout of layouts) {
      await trx.raw(
        `ALTER TABLE ${ident(layout.table)} RENAME TO ${ident(`${layout.table}__old`)};
         ALTER TABLE ${ident(shadowOf(layout.table))} RENAME TO ${ident(layout.table)};
         DROP TABLE ${ident(`${layout.table}__old`)};`,
      );
      for (const sql of layout.renames) await trx.raw(sql);
    }
    for (const p of projections) await saveCheckpoint(trx, p.name, position);
  });
  options.onProgress?.({ events: count, position, head: position });
  return { events: count, position, seconds: Number(process.hrtime.bigint() - started) / 1e9, secondsByProjection: timings };
}
