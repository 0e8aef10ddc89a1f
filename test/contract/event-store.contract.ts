import { randomUUID } from 'node:crypto';
import { AppendResult, EventStore, NewEvent, RecordedEvent } from '../../eventstore/port';
import { IdempotencyConflictError, InvalidAppendError, WrongExpectedRevisionError } from '../../eventstore/errors';
import { eventHash, verifyStreamChain } from '../../eventstore/hash-chain';

/**
 * The one contract every EventStore adapter must pass. Each adapter's test file calls `eventStoreContract`
 * with a fixture; the Postgres run always happens, the KurrentDB run when EVENTSTORE_URL is set.
 */
export interface ContractFixture {
  store: EventStore;
  /**
   * Optional: begin an append in a transaction that stays open (it takes its position now) and commit it later.
   * Only a store with client-visible transactions (Postgres) can stage the out-of-order commit of the gap case.
   */
  beginUncommittedAppend?(streamId: string, events: NewEvent[]): Promise<{ commit(): Promise<void> }>;
  /**
   * Whether the store can see an event id reused on ANOTHER stream. KurrentDB has no index by event id, so its
   * adapter checks the target stream only (see eventstore/kurrent). Default true.
   */
  detectsEventIdReuseAcrossStreams?: boolean;
  cleanup(): Promise<void>;
}

export const newStream = (category = 'test') => `${category}-${randomUUID()}`;
export const ev = (type = 'SomethingHappened', data: unknown = { n: 1 }, metadata: Record<string, unknown> = {}): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata,
});
const many = (n: number, prefix = 'E') => Array.from({ length: n }, (_, i) => ev('Numbered', { i, prefix }));

function collect(store: EventStore, after = 0n, batchSize?: number) {
  const seen: RecordedEvent[] = [];
  let caughtUpAt: bigint | undefined;
  const waiters: { n: number; resolve: () => void }[] = [];
  const sub = store.subscribeToAll({
    after,
    batchSize,
    onEvents: (events) => {
      seen.push(...events);
      for (const w of [...waiters]) if (seen.length >= w.n) w.resolve();
    },
    onCaughtUp: (p) => (caughtUpAt = p),
  });
  const until = (n: number, ms = 10_000) =>
    new Promise<void>((resolve, reject) => {
      if (seen.length >= n) return resolve();
      const t = setTimeout(() => reject(new Error(`subscription saw ${seen.length} events, expected ${n}`)), ms);
      waiters.push({ n, resolve: () => (clearTimeout(t), resolve()) });
    });
  return { seen, sub, until, caughtUp: () => caughtUpAt };
}

const positionsOf = (events: RecordedEvent[]) => events.map((e) => e.position);
/** An append's result without the optional `recorded` events (a replay writes nothing, so it has none). */
const withoutRecorded = ({ recorded: _recorded, ...rest }: AppendResult) => rest;
function expectStrictlyIncreasing(values: bigint[]) {
  for (let i = 1; i < values.length; i++) expect(values[i] > values[i - 1]).toBe(true);
}

export function eventStoreContract(name: string, makeFixture: () => Promise<ContractFixture>): void {
  describe(`EventStore contract: ${name}`, () => {
    let fx: ContractFixture;
    let store: EventStore;
    beforeAll(async () => {
      fx = await makeFixture();
      store = fx.store;
    });
    afterAll(async () => fx?.cleanup());

    describe('append and expected revision', () => {
      it('creates a stream at revision 0 and returns a global position', async () => {
        const s = newStream();
        const r = await store.append(s, [ev()], 'no_stream');
        expect(r.nextExpectedRevision).toBe(0n);
        expect(typeof r.position).toBe('bigint');
        expect(r.idempotentReplay).toBe(false);
        const r2 = await store.append(s, [ev(), ev()], 0n);
        expect(r2.nextExpectedRevision).toBe(2n);
        expect(r2.position > r.position).toBe(true);
      });

      it('rejects no_stream on an existing stream, with the actual revision', async () => {
        const s = newStream();
        await store.append(s, [ev(), ev()], 'no_stream');
        const err = await store.append(s, [ev()], 'no_stream').catch((e) => e);
        expect(err).toBeInstanceOf(WrongExpectedRevisionError);
        expect(err.actual).toBe(1n);
        expect(err.code).toBe('CONFLICT');
        expect(await store.readStream(s)).toHaveLength(2);
      });

      it('rejects stream_exists on a missing stream and accepts it on an existing one', async () => {
        const s = newStream();
        const err = await store.append(s, [ev()], 'stream_exists').catch((e) => e);
        expect(err).toBeInstanceOf(WrongExpectedRevisionError);
        expect(err.actual).toBe('no_stream');
        expect(await store.readStream(s)).toHaveLength(0);
        await store.append(s, [ev()], 'any');
        expect((await store.append(s, [ev()], 'stream_exists')).nextExpectedRevision).toBe(1n);
      });

      it('rejects a stale exact revision and accepts the current one', async () => {
        const s = newStream();
        await store.append(s, [ev(), ev(), ev()], 'no_stream');
        for (const stale of [0n, 1n, 3n, 10n]) {
          const err = await store.append(s, [ev()], stale).catch((e) => e);
          expect(err).toBeInstanceOf(WrongExpectedRevisionError);
          expect(err.actual).toBe(2n);
        }
        expect((await store.append(s, [ev()], 2n)).nextExpectedRevision).toBe(3n);
        expect(await store.readStream(s)).toHaveLength(4);
      });

      it('lets exactly one of several concurrent writers with the same expected revision win', async () => {
        const s = newStream();
        await store.append(s, [ev()], 'no_stream');
        const results = await Promise.allSettled(Array.from({ length: 8 }, () => store.append(s, [ev()], 0n)));
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results.filter((r) => r.status === 'rejected')) {
          expect((r as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
        }
        expect(await store.readStream(s)).toHaveLength(2);
      });

      it("serialises concurrent 'any' writers on one stream without losing an event", async () => {
        const s = newStream();
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.append(s, [ev('Numbered', { i })], 'any')));
        const revisions = results.map((r) => r.nextExpectedRevision).sort((a, b) => (a < b ? -1 : 1));
        expect(revisions).toEqual(Array.from({ length: 20 }, (_, i) => BigInt(i)));
        const stored = await store.readStream(s);
        expect(stored.map((e) => e.revision)).toEqual(revisions);
        expect(new Set(stored.map((e) => (e.data as { i: number }).i)).size).toBe(20);
      });
    });

    describe('idempotency by event id', () => {
      it('returns the first result for a retry and writes nothing new', async () => {
        const s = newStream();
        const events = [ev('A'), ev('B')];
        const first = await store.append(s, events, 'no_stream');
        const head = await store.headPosition();
        const retry = await store.append(s, events, 'no_stream');
        expect(retry).toEqual({ ...withoutRecorded(first), idempotentReplay: true });
        expect(await store.readStream(s)).toHaveLength(2);
        expect(await store.headPosition()).toBe(head);
      });

      it('still recognises a retry long after the first append, past later writes to the stream and the log', async () => {
        const s = newStream();
        const events = [ev('A')];
        const first = await store.append(s, events, 'no_stream');
        for (let i = 0; i < 30; i++) await store.append(s, [ev()], 'any');
        for (let i = 0; i < 30; i++) await store.append(newStream(), [ev()], 'no_stream');
        const retry = await store.append(s, events, 'no_stream'); // its expected revision is long stale
        expect(retry.idempotentReplay).toBe(true);
        expect(retry.position).toBe(first.position);
        expect(retry.nextExpectedRevision).toBe(0n);
        expect(await store.readStream(s)).toHaveLength(31);
      });

      it('treats concurrent identical appends as one', async () => {
        const s = newStream();
        const events = [ev('A'), ev('B'), ev('C')];
        const results = await Promise.allSettled(Array.from({ length: 5 }, () => store.append(s, events, 'any')));
        const ok = results.filter((r): r is PromiseFulfilledResult<Awaited<ReturnType<EventStore['append']>>> => r.status === 'fulfilled');
        expect(ok.length).toBeGreaterThanOrEqual(1);
        expect(new Set(ok.map((r) => r.value.position.toString())).size).toBe(1);
        expect(await store.readStream(s)).toHaveLength(3);
      });

      it('refuses an append that reuses only some stored event ids, and writes nothing', async () => {
        const s = newStream();
        const a = ev('A');
        await store.append(s, [a], 'no_stream');
        const err = await store.append(s, [a, ev('B')], 'any').catch((e) => e);
        expect(err).toBeInstanceOf(IdempotencyConflictError);
        if (fx.detectsEventIdReuseAcrossStreams !== false) {
          const other = await store.append(newStream(), [a], 'any').catch((e) => e);
          expect(other).toBeInstanceOf(IdempotencyConflictError);
        } else {
          console.info(`[contract:${name}] event-id reuse across streams is not detectable on this store; checked within the stream only`);
        }
        expect(await store.readStream(s)).toHaveLength(1);
      });
    });

    describe('bad input gets a typed error and writes nothing', () => {
      const cases: [string, () => [string, unknown, unknown]][] = [
        ['a malformed stream id', () => ['Issue 42!', [ev()], 'any']],
        ['an empty stream id', () => ['', [ev()], 'any']],
        ['an event larger than 1 MB', () => [newStream(), [ev('Big', { blob: 'x'.repeat(1024 * 1024 + 1) })], 'any']],
        ['data with a bigint', () => [newStream(), [ev('Bad', { n: 10n })], 'any']],
        ['data with a function', () => [newStream(), [ev('Bad', { f: () => 1 })], 'any']],
        ['circular data', () => {
          const c: Record<string, unknown> = {};
          c.self = c;
          return [newStream(), [ev('Bad', c)], 'any'];
        }],
        ['data with NaN', () => [newStream(), [ev('Bad', { n: NaN })], 'any']],
        ['a Date instead of plain JSON', () => [newStream(), [ev('Bad', { at: new Date() })], 'any']],
        ['an unknown expected-revision form', () => [newStream(), [ev()], 'latest']],
        ['a negative expected revision', () => [newStream(), [ev()], -1n]],
        ['a number instead of a bigint revision', () => [newStream(), [ev()], 3]],
        ['no events', () => [newStream(), [], 'any']],
        ['an event id that is not a UUID', () => [newStream(), [{ ...ev(), eventId: 'abc' }], 'any']],
        ['a repeated event id', () => {
          const e = ev();
          return [newStream(), [e, { ...e }], 'any'];
        }],
        ['a lower-case event type', () => [newStream(), [ev('something_happened')], 'any']],
      ];
      it.each(cases)('%s', async (_label, make) => {
        const before = await store.headPosition();
        const [stream, events, expected] = make();
        const err = await store.append(stream as string, events as NewEvent[], expected as never).catch((e) => e);
        expect(err).toBeInstanceOf(InvalidAppendError);
        expect(err.code).toBe('BAD_USER_INPUT');
        expect(err.message.length).toBeLessThan(300); // never echoes the input back
        expect(await store.headPosition()).toBe(before);
      });
    });

    describe('reading', () => {
      it('reads a stream forwards and backwards, from a revision, with a limit', async () => {
        const s = newStream();
        await store.append(s, many(5), 'no_stream');
        const fwd = await store.readStream(s);
        expect(fwd.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
        expect(fwd.map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4]);
        expect((await store.readStream(s, { direction: 'backwards' })).map((e) => e.revision)).toEqual([4n, 3n, 2n, 1n, 0n]);
        expect((await store.readStream(s, { fromRevision: 2n, maxCount: 2 })).map((e) => e.revision)).toEqual([2n, 3n]);
        expect((await store.readStream(s, { direction: 'backwards', fromRevision: 2n })).map((e) => e.revision)).toEqual([2n, 1n, 0n]);
        expect((await store.readStream(s, { direction: 'backwards', maxCount: 1 }))[0].revision).toBe(4n);
        expect(await store.readStream(newStream())).toEqual([]);
      });

      it('keeps ids, types, data and metadata intact, including Vietnamese text', async () => {
        const s = newStream('issue');
        const e = ev('ReportSubmitted', { title: 'Người dân bức xúc về giải phóng mặt bằng', n: 3, nested: { ok: true, list: [1, 'hai'] } }, {
          actorId: 'u-1',
          actorRole: 'COLLABORATOR',
          correlationId: 'c-1',
          causationId: 'c-0',
          schemaVersion: 1,
          occurredAt: '2026-10-01T08:00:00.000Z',
        });
        await store.append(s, [e], 'no_stream');
        const [stored] = await store.readStream(s);
        expect(stored.eventId).toBe(e.eventId);
        expect(stored.streamId).toBe(s);
        expect(stored.type).toBe('ReportSubmitted');
        expect(stored.data).toEqual(e.data);
        expect(stored.metadata).toEqual({ ...e.metadata, prevHash: null, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }); // + the hash chain
        expect(stored.recordedAt).toBeInstanceOf(Date);
      });

      it('reads all in global order, after a position, in batches that neither skip nor repeat', async () => {
        const start = await store.headPosition();
        const streams = [newStream(), newStream(), newStream()];
        for (let round = 0; round < 4; round++) for (const s of streams) await store.append(s, [ev('Numbered', { round, s })], 'any');
        const all: RecordedEvent[] = [];
        let after = start;
        for (;;) {
          const page = await store.readAll({ after, maxCount: 5 });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(5);
          all.push(...page);
          after = page[page.length - 1].position;
        }
        const mine = all.filter((e) => streams.includes(e.streamId));
        expect(mine).toHaveLength(12);
        expectStrictlyIncreasing(positionsOf(all));
        expect(mine.map((e) => (e.data as { round: number }).round)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
        expect(await store.headPosition()).toBe(all[all.length - 1].position);
      });
    });

    describe('hash chain (tamper evidence)', () => {
      const hashOf = (streamId: string, revision: bigint, prev: string | null, e: NewEvent) =>
        eventHash({ prev, streamId, revision, eventId: e.eventId, type: e.type, data: e.data, metadata: e.metadata });

      it('chains every appended event to the previous one of its stream, with the hash computed from its content', async () => {
        const s = newStream('issue');
        const written: NewEvent[] = [ev('A', { n: 1 }, { actorId: 'u-1', occurredAt: '2026-10-01T08:00:00.000Z' }), ev('B', { list: [1, 'hai'] })];
        await store.append(s, written.slice(0, 2), 'no_stream');
        written.push(ev('C'));
        await store.append(s, [written[2]], 1n);
        written.push(ev('D'), ev('E'));
        await store.append(s, written.slice(3), 'stream_exists');
        const concurrent = Array.from({ length: 5 }, (_, i) => ev('Numbered', { i }));
        await Promise.all(concurrent.map((e) => store.append(s, [e], 'any')));

        const stored = await store.readStream(s);
        expect(stored).toHaveLength(10);
        expect(verifyStreamChain(stored)).toEqual([]);
        let prev: string | null = null;
        for (const e of stored) {
          const input = [...written, ...concurrent].find((w) => w.eventId === e.eventId)!;
          expect(e.metadata.prevHash).toBe(prev);
          expect(e.metadata.hash).toBe(hashOf(s, e.revision, prev, input)); // the same function on every adapter
          prev = e.metadata.hash as string;
        }
      });

      it('returns the first result on an idempotent replay and leaves the stored hashes unchanged', async () => {
        const s = newStream();
        const events = [ev('A'), ev('B')];
        const first = await store.append(s, events, 'no_stream');
        const before = await store.readStream(s);
        await store.append(s, [ev('C')], 'any');
        expect(await store.append(s, events, 'no_stream')).toEqual({ ...withoutRecorded(first), idempotentReplay: true });
        const after = await store.readStream(s);
        expect(after.slice(0, 2).map((e) => e.metadata)).toEqual(before.map((e) => e.metadata));
        expect(verifyStreamChain(after)).toEqual([]);
      });

      it('replaces hash and prevHash a writer passes in metadata', async () => {
        const s = newStream();
        const e = ev('A', { n: 1 }, { hash: 'f'.repeat(64), prevHash: 'forged', actorId: 'u-1' });
        await store.append(s, [e], 'no_stream');
        const [stored] = await store.readStream(s);
        expect(stored.metadata).toEqual({ actorId: 'u-1', prevHash: null, hash: hashOf(s, 0n, null, e) });
      });
    });

    describe('subscribing to all', () => {
      it('catches up, then goes live, with no event missing or doubled', async () => {
        const start = await store.headPosition();
        const s = newStream();
        await store.append(s, many(25, 'before'), 'no_stream');
        const c = collect(store, start, 7);
        await c.until(25);
        const writers = Array.from({ length: 4 }, (_, w) =>
          (async () => {
            for (let i = 0; i < 10; i++) await store.append(newStream(), [ev('Numbered', { w, i })], 'no_stream');
          })(),
        );
        await Promise.all(writers);
        await c.until(65);
        await new Promise((r) => setTimeout(r, 100)); // anything extra would show up now
        await c.sub.close();
        expect(c.seen).toHaveLength(65);
        expect(new Set(c.seen.map((e) => e.eventId)).size).toBe(65);
        expectStrictlyIncreasing(positionsOf(c.seen));
        expect(c.caughtUp()).toBeDefined();
        expect(c.caughtUp()! >= c.seen[24].position).toBe(true);
      });

      it('resumes after a position without repeating', async () => {
        const start = await store.headPosition();
        const s = newStream();
        await store.append(s, many(10), 'no_stream');
        const first = collect(store, start);
        await first.until(10);
        await first.sub.close();
        const resumeAt = first.seen[4].position;
        const second = collect(store, resumeAt);
        await second.until(5);
        await store.append(s, [ev()], 9n);
        await second.until(6);
        await second.sub.close();
        expect(second.seen.map((e) => e.revision)).toEqual([5n, 6n, 7n, 8n, 9n, 10n]);
      });

      it('delivers the events of many concurrent writers exactly once, in position order', async () => {
        const start = await store.headPosition();
        const c = collect(store, start, 50);
        const total = 8 * 25;
        await Promise.all(
          Array.from({ length: 8 }, () =>
            (async () => {
              const s = newStream();
              for (let i = 0; i < 25; i++) await store.append(s, [ev('Numbered', { i })], 'any');
            })(),
          ),
        );
        await c.until(total);
        await new Promise((r) => setTimeout(r, 100));
        await c.sub.close();
        expect(c.seen).toHaveLength(total);
        expectStrictlyIncreasing(positionsOf(c.seen));
        const read = await store.readAll({ after: start, maxCount: 10_000 });
        expect(read.map((e) => e.eventId)).toEqual(c.seen.map((e) => e.eventId));
      });

      it('never skips an event whose transaction commits after a higher position was visible (the gap case)', async () => {
        if (!fx.beginUncommittedAppend) {
          // KurrentDB commits each append atomically in log order: there is no client-side open transaction to stage.
          console.info(`[contract:${name}] gap case staged only where the store exposes transactions; covered above by concurrent writers`);
          return;
        }
        const start = await store.headPosition();
        const c = collect(store, start);
        const low = newStream();
        const high = newStream();
        const pending = await fx.beginUncommittedAppend(low, [ev('Low')]); // takes the lower position, not committed
        await store.append(high, [ev('High')], 'no_stream'); // higher position, committed first
        await new Promise((r) => setTimeout(r, 300));
        expect(c.seen.filter((e) => e.streamId === high)).toHaveLength(0); // held back, not delivered past the gap
        expect((await store.readAll({ after: start })).map((e) => e.streamId)).not.toContain(high);
        await pending.commit();
        await c.until(2);
        await c.sub.close();
        expect(c.seen.map((e) => e.streamId)).toEqual([low, high]);
        expectStrictlyIncreasing(positionsOf(c.seen));
      });

      it('delivers only the requested types, in order, and reports how far it read past the others', async () => {
        const start = await store.headPosition();
        const seen: RecordedEvent[] = [];
        let through = start;
        const sub = store.subscribeToAll({
          after: start,
          batchSize: 3,
          types: ['Wanted', 'AlsoWanted'],
          onEvents: (events, to) => {
            expect(to >= through).toBe(true);
            for (const e of events) expect(e.position <= to).toBe(true);
            seen.push(...events);
            through = to;
          },
        });
        const s = newStream();
        await store.append(s, [ev('Wanted', { i: 0 }), ev('Other'), ev('Other'), ev('AlsoWanted', { i: 1 }), ev('Other')], 'no_stream');
        for (let i = 0; i < 8; i++) await store.append(newStream(), [ev('Other')], 'no_stream'); // a long run of others at the end
        await store.append(s, [ev('Wanted', { i: 2 })], 'any');
        const last = await store.append(newStream(), [ev('Other')], 'no_stream');
        for (const deadline = Date.now() + 10_000; through < last.position && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 20));
        await sub.close();
        expect(seen.map((e) => [e.type, (e.data as { i: number }).i])).toEqual([['Wanted', 0], ['AlsoWanted', 1], ['Wanted', 2]]);
        expectStrictlyIncreasing(positionsOf(seen));
        expect(through).toBe(last.position); // it read past the trailing events of other types
      });

      it('stops with onError when the handler throws, and close() waits for the handler in flight', async () => {
        const start = await store.headPosition();
        await store.append(newStream(), [ev()], 'no_stream');
        const errors: Error[] = [];
        const sub = store.subscribeToAll({
          after: start,
          onEvents: () => {
            throw new Error('boom');
          },
          onError: (e) => errors.push(e),
        });
        await sub.done;
        expect(errors.map((e) => e.message)).toEqual(['boom']);
        let finished = false;
        await store.append(newStream(), [ev()], 'no_stream');
        const slow = store.subscribeToAll({
          after: start,
          onEvents: async () => {
            await new Promise((r) => setTimeout(r, 200));
            finished = true;
          },
        });
        await new Promise((r) => setTimeout(r, 50));
        await slow.close();
        expect(finished).toBe(true);
      });
    });
  });
}
