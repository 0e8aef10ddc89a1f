import { types } from 'pg';
import type { ProjectionContext } from '../projection';

// Calendar dates (trend days, activity months) stay 'YYYY-MM-DD' strings: no time zone can shift them.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/**
 * Set-based writes for projections: a batch loads the rows it touches in one query, folds its events in memory,
 * and writes every changed row back in one statement. Rows use the tables' own (snake_case) column names.
 */
export type Row = Record<string, unknown>;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Loads rows whose `keyColumn` is one of `keys`, keyed by that column's text value. */
export async function loadRows<T extends Row>(ctx: ProjectionContext, table: string, keyColumn: string, keys: Iterable<string>): Promise<Map<string, T>> {
  const list = [...new Set(keys)];
  const found = new Map<string, T>();
  if (list.length === 0) return found;
  const { rows } = await ctx.trx.raw<{ rows: T[] }>(
    `SELECT * FROM ${ident(ctx.table(table))} WHERE ${ident(keyColumn)} = ANY(?::text[])`,
    [list],
  );
  for (const row of rows) found.set(String(row[keyColumn]), row);
  return found;
}

/** Inserts or replaces whole rows (every column given), from one JSON document through jsonb_populate_recordset. */
export async function upsertRows(ctx: ProjectionContext, table: string, keyColumns: readonly string[], rows: Iterable<Row>): Promise<void> {
  const list = [...rows];
  if (list.length === 0) return;
  const columns = Object.keys(list[0]);
  const physical = ident(ctx.table(table));
  const updates = columns.filter((c) => !keyColumns.includes(c)).map((c) => `${ident(c)} = excluded.${ident(c)}`);
  await ctx.trx.raw(
    `INSERT INTO ${physical} (${columns.map(ident).join(', ')})
     SELECT ${columns.map(ident).join(', ')} FROM jsonb_populate_recordset(NULL::${physical}, ?::jsonb)
     ON CONFLICT (${keyColumns.map(ident).join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`,
    [JSON.stringify(list)],
  );
}

/**
 * Adds counters: each row holds its key, its counter deltas and any descriptive columns (set when the row is
 * created). Existing rows get the deltas added.
 */
export async function addCounts(ctx: ProjectionContext, table: string, keyColumns: readonly string[], counterColumns: readonly string[], rows: Iterable<Row>): Promise<void> {
  const list = [...rows];
  if (list.length === 0) return;
  const physical = ident(ctx.table(table));
  const columns = Object.keys(list[0]);
  await ctx.trx.raw(
    `INSERT INTO ${physical} AS t (${columns.map(ident).join(', ')})
     SELECT ${columns.map(ident).join(', ')} FROM jsonb_populate_recordset(NULL::${physical}, ?::jsonb)
     ON CONFLICT (${keyColumns.map(ident).join(', ')}) DO UPDATE SET ${counterColumns.map((c) => `${ident(c)} = t.${ident(c)} + excluded.${ident(c)}`).join(', ')}`,
    [JSON.stringify(list)],
  );
}

export async function deleteRows(ctx: ProjectionContext, table: string, keyColumn: string, keys: Iterable<string>): Promise<void> {
  const list = [...new Set(keys)];
  if (list.length === 0) return;
  await ctx.trx.raw(`DELETE FROM ${ident(ctx.table(table))} WHERE ${ident(keyColumn)} = ANY(?::text[])`, [list]);
}
