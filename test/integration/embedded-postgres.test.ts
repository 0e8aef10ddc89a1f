import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../services/db/embedded-postgres';

/** The embedded default: persistence across restarts, stale-server recovery after SIGKILL, sharing with a live owner. */
describe('embedded Postgres', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlxh-embedded-'));
  const port = 54390 + Number(process.env.JEST_WORKER_ID ?? 0);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  const query = async (url: string, sql: string) => {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query(sql)).rows;
    } finally {
      await c.end();
    }
  };

  it('keeps data across a clean restart', async () => {
    const first = await startEmbeddedPostgres({ dataDir, port });
    expect(first.owned).toBe(true);
    await query(first.url, `CREATE TABLE kept (v text); INSERT INTO kept VALUES ('giữ lại')`);
    await first.stop();
    const second = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'giữ lại' }]);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it('finds and stops a stale server whose owner was killed with SIGKILL, then starts afresh with the data intact', async () => {
    // A child process starts the server, writes, and is killed without any chance to stop it.
    const script = `
      require('@swc-node/register');
      const { startEmbeddedPostgres } = require(${JSON.stringify(path.resolve(__dirname, '../../services/db/embedded-postgres.ts'))});
      startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port} }).then(() => { process.stdout.write('up\\n'); setInterval(() => {}, 1000); });
    `;
    const child = spawn(process.execPath, ['-e', script], { cwd: path.resolve(__dirname, '../..'), stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d) => d.toString().includes('up') && resolve());
      child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    const owner = JSON.parse(fs.readFileSync(path.join(dataDir, 'pg-owner.json'), 'utf8'));
    expect(owner.pid).toBe(child.pid);
    await query(`postgres://postgres@127.0.0.1:${port}/dlxh`, `INSERT INTO kept VALUES ('sau khi bị giết')`);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const restarted = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(restarted.owned).toBe(true);
      expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'pg-owner.json'), 'utf8')).pid).toBe(process.pid);
      expect((await query(restarted.url, 'SELECT v FROM kept ORDER BY v')).map((r) => r.v)).toEqual(['giữ lại', 'sau khi bị giết']);
      // While this process owns it, another start shares the running server instead of stopping it.
      const guest = await startEmbeddedPostgres({ dataDir, port });
      expect(guest.owned).toBe(false);
      await guest.stop(); // a guest never stops the owner's server
      expect(await query(restarted.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    } finally {
      await restarted.stop();
    }
  }, 90_000);
});
