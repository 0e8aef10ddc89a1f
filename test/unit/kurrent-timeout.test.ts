import net from 'node:net';
import { PassThrough } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { StoreTimeoutError } from '../../eventstore/errors';
import { RecordedEvent } from '../../eventstore/port';
import { KurrentEventStore } from '../../eventstore/kurrent/kurrent-event-store';
import { withTimeout } from '../../eventstore/kurrent/with-timeout';

describe('withTimeout', () => {
  it('resolves with the value when the promise settles in time', async () => {
    await expect(withTimeout(Promise.resolve(42), 100, 'op')).resolves.toBe(42);
  });

  it('rejects with the original error when the promise rejects in time', async () => {
    const original = new Error('boom');
    await expect(withTimeout(Promise.reject(original), 100, 'op')).rejects.toBe(original);
  });

  it('rejects with StoreTimeoutError when the promise does not settle in time, and calls onTimeout', async () => {
    let cancelled = false;
    const never = new Promise<never>(() => undefined);
    const started = Date.now();
    const error = await withTimeout(never, 50, 'readAll', () => {
      cancelled = true;
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreTimeoutError);
    expect((error as StoreTimeoutError).operation).toBe('readAll');
    expect((error as StoreTimeoutError).ms).toBe(50);
    expect((error as StoreTimeoutError).code).toBe('CONFLICT');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(cancelled).toBe(true);
  });

  it('swallows a rejection that arrives after the timeout', async () => {
    let rejectLate!: (e: Error) => void;
    const late = new Promise<never>((_, reject) => (rejectLate = reject));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      await expect(withTimeout(late, 20, 'op')).rejects.toBeInstanceOf(StoreTimeoutError);
      rejectLate(new Error('too late'));
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('KurrentEventStore against a server that accepts TCP and never answers', () => {
  let server: net.Server;
  const sockets = new Set<net.Socket>();
  let store: KurrentEventStore;

  beforeAll(async () => {
    server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
      // never answer
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    store = new KurrentEventStore({ connectionString: `kurrentdb://127.0.0.1:${port}?tls=false`, timeoutMs: 300 });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const expectTimeout = async (operation: string, call: () => Promise<unknown>): Promise<void> => {
    const started = Date.now();
    const error = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(StoreTimeoutError);
    expect((error as StoreTimeoutError).operation).toMatch(operation);
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2000);
  };

  it('append times out', async () => {
    await expectTimeout('append', () =>
      store.append('issue-1', [{ eventId: randomUUID(), type: 'IssueOpened', data: { title: 't' } }], 'no_stream'),
    );
  });

  it('readStream times out', async () => {
    await expectTimeout('readStream', () => store.readStream('issue-1'));
  });

  it('readAll times out', async () => {
    await expectTimeout('readAll', () => store.readAll({ after: 0n, maxCount: 10 }));
  });

  it('headPosition times out', async () => {
    await expectTimeout('headPosition', () => store.headPosition());
  });

  it('a subscription reports the timeout through onError and done', async () => {
    const errors: Error[] = [];
    const started = Date.now();
    const sub = store.subscribeToAll({ onEvents: () => undefined, onError: (e) => errors.push(e) });
    await sub.done;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(StoreTimeoutError);
    await sub.close();
  });

  it('a subscription whose first response never comes fails with StoreTimeoutError(subscribeToAll)', async () => {
    const head = jest.spyOn(store, 'headPosition').mockResolvedValue(0n);
    try {
      const errors: Error[] = [];
      const started = Date.now();
      const sub = store.subscribeToAll({ after: 0n, onEvents: () => undefined, onError: (e) => errors.push(e) });
      await sub.done;
      expect(Date.now() - started).toBeLessThan(2000);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toBeInstanceOf(StoreTimeoutError);
      expect((errors[0] as StoreTimeoutError).operation).toBe('subscribeToAll');
    } finally {
      head.mockRestore();
    }
  });

  it('closing a subscription that is still starting resolves and reports no error', async () => {
    const errors: Error[] = [];
    const sub = store.subscribeToAll({ onEvents: () => undefined, onError: (e) => errors.push(e) });
    const started = Date.now();
    await sub.close();
    await sub.done;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(errors).toEqual([]);
  });

  it('rejects invalid input before any I/O', async () => {
    const started = Date.now();
    await expect(store.append('Bad Stream', [], 'any')).rejects.toThrow(/streamId/);
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('close() resolves', async () => {
    const started = Date.now();
    await expect(store.close()).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('KurrentEventStore subscription delivery (fake client)', () => {
  const resolved = (position: bigint, streamId = 'issue-1', type = 'IssueOpened') => ({
    event: {
      streamId,
      id: randomUUID().toUpperCase(),
      isJson: true,
      revision: position,
      type,
      created: new Date(),
      data: { p: Number(position) },
      metadata: { actorId: 'u-1' },
      position: { commit: position, prepare: position },
    },
    commitPosition: position,
  });

  function fakeStore(head: bigint) {
    const stream = new PassThrough({ objectMode: true }) as PassThrough & { unsubscribe(): Promise<void> };
    stream.unsubscribe = async () => {
      stream.end();
    };
    const client = {
      subscribeToAll: () => stream,
      readAll: async function* () {
        if (head > 0n) yield resolved(head);
      },
      dispose: async () => undefined,
    };
    const store = new KurrentEventStore({ connectionString: 'kurrentdb://127.0.0.1:1?tls=false', timeoutMs: 500 });
    (store as unknown as { client: unknown }).client = client;
    return { store, stream };
  }

  it('delivers sequential batches after `after`, without system events, and signals caught-up after the catch-up events', async () => {
    const { store, stream } = fakeStore(5n);
    const log: string[] = [];
    const batches: RecordedEvent[][] = [];
    let inFlight = 0;
    let caughtUp: bigint | undefined;
    const sub = store.subscribeToAll({
      after: 1n,
      batchSize: 2,
      onEvents: async (events) => {
        expect(inFlight).toBe(0);
        inFlight++;
        batches.push(events);
        log.push(`events ${events.map((e) => e.position).join(',')}`);
        await new Promise((r) => setTimeout(r, 10));
        inFlight--;
      },
      onCaughtUp: (p) => {
        caughtUp = p;
        log.push(`caughtUp ${p}`);
      },
    });
    stream.emit('confirmation');
    stream.write(resolved(1n)); // at `after`: skipped
    stream.write(resolved(2n));
    stream.write(resolved(3n, '$stats-1', '$statsCollected')); // system: skipped
    stream.write(resolved(4n));
    stream.write(resolved(5n));
    await new Promise((r) => setTimeout(r, 5));
    stream.emit('caughtUp', {});
    stream.write(resolved(6n));
    stream.write(resolved(7n));
    await new Promise((r) => setTimeout(r, 100));
    await sub.close();
    await store.close();
    const positions = batches.flat().map((e) => e.position);
    expect(positions).toEqual([2n, 4n, 5n, 6n, 7n]);
    expect(batches.every((b) => b.length <= 2)).toBe(true);
    expect(caughtUp).toBe(5n);
    expect(log.indexOf('caughtUp 5')).toBeLessThan(log.findIndex((l) => l.includes('6')));
    const first = batches[0][0];
    expect(first.eventId).toBe(first.eventId.toLowerCase());
    expect(first.revision).toBe(2n);
    expect(first.metadata).toEqual({ actorId: 'u-1' });
    expect(first.recordedAt).toBeInstanceOf(Date);
  });

  it('signals caught-up from the head position when the server sends no caught-up message', async () => {
    const { store, stream } = fakeStore(3n);
    let caughtUp: bigint | undefined;
    const sub = store.subscribeToAll({ onEvents: () => undefined, onCaughtUp: (p) => (caughtUp = p) });
    stream.emit('confirmation');
    stream.write(resolved(2n));
    await new Promise((r) => setTimeout(r, 30));
    expect(caughtUp).toBeUndefined();
    stream.write(resolved(3n));
    await new Promise((r) => setTimeout(r, 30));
    expect(caughtUp).toBe(3n);
    await sub.close();
    await store.close();
  });

  it('stops with onError when onEvents throws, and close() waits for the handler in flight', async () => {
    const { store, stream } = fakeStore(0n);
    const errors: Error[] = [];
    const sub = store.subscribeToAll({
      onEvents: () => {
        throw new Error('boom');
      },
      onError: (e) => errors.push(e),
    });
    stream.write(resolved(1n));
    await sub.done;
    expect(errors.map((e) => e.message)).toEqual(['boom']);

    const second = fakeStore(0n);
    let finished = false;
    const slow = second.store.subscribeToAll({
      onEvents: async () => {
        await new Promise((r) => setTimeout(r, 100));
        finished = true;
      },
    });
    second.stream.write(resolved(1n));
    await new Promise((r) => setTimeout(r, 20));
    await slow.close();
    expect(finished).toBe(true);
    await store.close();
    await second.store.close();
  });
});
