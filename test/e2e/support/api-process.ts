import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import WebSocket from 'ws';
import { Client, createClient } from 'graphql-ws';
import type { GqlError, GqlResponse } from '../../support/graphql-harness';
import { TEST_TOKENS } from '../../support/graphql-harness';

/**
 * End-to-end plumbing: the real `dlxh start` as a child process over a test database, GraphQL over HTTP, and
 * graphql-ws clients that collect what a subscription receives.
 */

const ROOT = path.resolve(__dirname, '..', '..', '..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ApiProcess {
  /** http://…/graphql */
  url: string;
  /** ws://…/graphql */
  ws: string;
  /** SIGTERM, and wait for the process to exit. */
  stop(): Promise<void>;
}

/** Starts `dlxh start` on a free port against `databaseUrl`, signing tokens with TEST_TOKENS; resolves once /ready answers 200. */
export async function startApi(databaseUrl: string, env: Record<string, string> = {}): Promise<ApiProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, 'bin', 'dlxh.js'), 'start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      JWT_SECRET: TEST_TOKENS.secret,
      JWT_ISSUER: TEST_TOKENS.issuer,
      JWT_AUDIENCE: TEST_TOKENS.audience,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; ; ) {
    if (child.exitCode !== null) throw new Error(`dlxh start exited with code ${child.exitCode}`);
    const ready = await fetch(`${base}/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('dlxh start did not become ready within 60 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `${base}/graphql`,
    ws: `ws://127.0.0.1:${port}/graphql`,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** POSTs one operation; the response with its raw text (to search it for what must not be there). */
export async function gql<T = Record<string, unknown>>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GqlResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  const body = JSON.parse(text) as { data?: T; errors?: GqlError[] };
  return { status: response.status, data: body.data ?? undefined, errors: body.errors, text };
}

/** A graphql-ws client signed in with `token` (none: anonymous); never retries. */
export function wsClient(ws: string, token?: string): Client {
  return createClient({ url: ws, webSocketImpl: WebSocket, connectionParams: token ? { authorization: `Bearer ${token}` } : {}, retryAttempts: 0, lazy: false });
}

/**
 * Resolves once the server has taken every subscription sent before on this client: it answers operations of one
 * connection in order, and registering a subscription involves no I/O, so a query answered later proves it.
 */
export async function ready(client: Client): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    client.subscribe({ query: '{ __typename }' }, { next: () => {}, error: reject, complete: resolve });
  });
}

/** What one subscription has received so far. */
export interface Collected<T> {
  /** The data of each item, in order. */
  items: T[];
  /** Each `next` payload exactly as received, serialized. */
  texts: string[];
  /** Errors of the subscription (sent as an error, or in a payload). */
  errors: GqlError[];
  completed: boolean;
  /** Resolves once `predicate` holds for the items (default: 10 s). */
  until(predicate: (items: T[]) => boolean, timeoutMs?: number): Promise<T[]>;
  /** Resolves once the subscription ended with an error or completed. */
  ended(timeoutMs?: number): Promise<void>;
  unsubscribe(): void;
}

/** Subscribes and collects `data[field]` of every payload. */
export function collect<T = Record<string, unknown>>(client: Client, query: string, variables: Record<string, unknown> = {}): Collected<T> {
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => l());
  const collected: Collected<T> = {
    items: [],
    texts: [],
    errors: [],
    completed: false,
    until: (predicate, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(collected.items)) return false;
          listeners.delete(listener);
          clearTimeout(timer);
          resolve(collected.items);
          return true;
        };
        const listener = () => void check();
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(new Error(`subscription did not get there in ${timeoutMs} ms; received ${JSON.stringify(collected.items)}, errors ${JSON.stringify(collected.errors)}`));
        }, timeoutMs);
        if (!check()) listeners.add(listener);
      }),
    ended: (timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const listener = () => {
          if (!collected.completed && collected.errors.length === 0) return;
          listeners.delete(listener);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => reject(new Error(`subscription did not end in ${timeoutMs} ms`)), timeoutMs);
        listeners.add(listener);
        listener();
      }),
    unsubscribe: () => unsubscribe(),
  };
  const unsubscribe = client.subscribe<Record<string, T>>(
    { query, variables },
    {
      next: (value) => {
        collected.texts.push(JSON.stringify(value));
        if (value.errors) collected.errors.push(...(value.errors as unknown as GqlError[]));
        if (value.data) collected.items.push(Object.values(value.data)[0]);
        changed();
      },
      error: (error) => {
        collected.errors.push(...(Array.isArray(error) ? (error as GqlError[]) : [{ message: String((error as Error)?.message ?? error), extensions: { code: 'CLOSED' } }]));
        changed();
      },
      complete: () => {
        collected.completed = true;
        changed();
      },
    },
  );
  return collected;
}

/** Whether a WebSocket connection is refused: resolves with the close code. */
export function connectionCloseCode(ws: string, token: string): Promise<number> {
  return new Promise((resolve) => {
    const client = createClient({
      url: ws,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => {}, // the refusal is what is being observed
      on: { closed: (event) => resolve((event as { code: number }).code) },
    });
    client.on('connected', () => void client.dispose());
  });
}
