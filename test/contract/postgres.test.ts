import { Client } from 'pg';
import { eventStoreContract } from './event-store.contract';
import { createTestDatabase } from '../support/test-database';
import { eventsJson } from '../../eventstore/postgres/postgres-event-store';
import { validateAppend } from '../../eventstore/validate';

eventStoreContract(`postgres (${process.env.DLXH_TEST_EMBEDDED ? 'embedded' : 'DATABASE_URL'})`, async () => {
  const db = await createTestDatabase();
  const store = db.eventStore();
  return {
    store,
    beginUncommittedAppend: async (streamId, events) => {
      const client = new Client({ connectionString: db.url });
      await client.connect();
      await client.query('BEGIN');
      await client.query('SELECT * FROM dlxh_append($1, $2, $3::jsonb)', [streamId, 'any', eventsJson(validateAppend(streamId, events, 'any'))]);
      return {
        commit: async () => {
          await client.query('COMMIT');
          await client.query(`SELECT pg_notify('dlxh_events', 'test')`);
          await client.end();
        },
      };
    },
    cleanup: () => db.drop(),
  };
});

describe('postgres store: read horizon', () => {
  it('is not held back by an unrelated open transaction, in this database or another', async () => {
    const db = await createTestDatabase();
    const other = await createTestDatabase();
    const store = db.eventStore();
    const idle = [new Client({ connectionString: db.url }), new Client({ connectionString: other.url })];
    try {
      for (const c of idle) {
        await c.connect();
        await c.query('BEGIN');
        await c.query('CREATE TEMP TABLE t (x int); INSERT INTO t VALUES (1)'); // holds a transaction id
        await c.query('SELECT pg_current_xact_id()');
      }
      const r = await store.append('test-horizon', [{ eventId: '0b8a4c3e-1111-4c1a-9d5e-000000000001', type: 'Visible', data: {} }], 'no_stream');
      const started = Date.now();
      expect(await store.headPosition()).toBe(r.position);
      expect((await store.readAll()).map((e) => e.type)).toEqual(['Visible']);
      expect(Date.now() - started).toBeLessThan(1000); // no waiting on the unrelated transactions
    } finally {
      for (const c of idle) await c.end().catch(() => {});
      await store.close();
      await db.drop();
      await other.drop();
    }
  });

  it('refuses an append inside a transaction that has already written (its id would break position order)', async () => {
    const db = await createTestDatabase();
    const c = new Client({ connectionString: db.url });
    await c.connect();
    try {
      await c.query('BEGIN');
      await c.query('SELECT pg_current_xact_id()');
      await expect(c.query(`SELECT * FROM dlxh_append('test-x', 'any', '[{"eventId":"0b8a4c3e-1111-4c1a-9d5e-000000000002","type":"T","data":{},"metadata":{}}]')`)).rejects.toMatchObject({ code: 'DX003' });
    } finally {
      await c.end();
      await db.drop();
    }
  });
});
