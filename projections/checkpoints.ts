import type { Knex } from 'knex';

export interface CheckpointRow {
  name: string;
  position: bigint;
  status: 'running' | 'stopped';
  lastError: string | null;
  updatedAt: Date;
}

/** Locks the projection's checkpoint row for the rest of the transaction (creating it at 0) and returns its position. */
export async function lockCheckpoint(trx: Knex.Transaction, name: string): Promise<bigint> {
  await trx.raw('INSERT INTO projection_checkpoints (name) VALUES (?) ON CONFLICT (name) DO NOTHING', [name]);
  const { rows } = await trx.raw<{ rows: { position: string }[] }>('SELECT position FROM projection_checkpoints WHERE name = ? FOR UPDATE', [name]);
  return BigInt(rows[0].position);
}

export async function saveCheckpoint(trx: Knex.Transaction, name: string, position: bigint): Promise<void> {
  await trx.raw(`UPDATE projection_checkpoints SET position = ?, status = 'running', last_error = NULL, updated_at = now() WHERE name = ?`, [
    position.toString(),
    name,
  ]);
}

export async function markStopped(knex: Knex, name: string, error: string): Promise<void> {
  await knex.raw(
    `INSERT INTO projection_checkpoints (name, status, last_error) VALUES (?, 'stopped', ?)
     ON CONFLICT (name) DO UPDATE SET status = 'stopped', last_error = excluded.last_error, updated_at = now()`,
    [name, error],
  );
}

export async function readCheckpoints(knex: Knex): Promise<CheckpointRow[]> {
  const { rows } = await knex.raw<{ rows: { name: string; position: string; status: 'running' | 'stopped'; last_error: string | null; updated_at: Date }[] }>(
    'SELECT name, position, status, last_error, updated_at FROM projection_checkpoints ORDER BY name',
  );
  return rows.map((r) => ({ name: r.name, position: BigInt(r.position), status: r.status, lastError: r.last_error, updatedAt: r.updated_at }));
}

export async function readCheckpoint(knex: Knex, name: string): Promise<bigint> {
  const { rows } = await knex.raw<{ rows: { position: string }[] }>('SELECT position FROM projection_checkpoints WHERE name = ?', [name]);
  return rows.length ? BigInt(rows[0].position) : 0n;
}
