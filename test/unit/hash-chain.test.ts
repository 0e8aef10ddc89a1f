import {
  canonicalJson,
  chainAppend,
  ChainEvent,
  EMPTY_HEAD,
  eventHash,
  linksTo,
  nextDay,
  sealHash,
  SealHasher,
  verifyStreamChain,
  vietnamDay,
} from '../../eventstore/hash-chain';
import { NewEvent, RecordedEvent } from '../../eventstore/port';
import { validateAppend } from '../../eventstore/validate';
import { KurrentEventStore } from '../../eventstore/kurrent/kurrent-event-store';
import { WrongExpectedRevisionError } from '../../eventstore/errors';

/**
 * The canonical form and the hash chain (eventstore/hash-chain.ts). The fixed vectors below were computed outside
 * TypeScript (printf '%s' '<canonical>' | sha256sum): both adapters hash through chainAppend, so an event gets this
 * same hash on Postgres and on KurrentDB, and the verifier recomputes it from what either store gives back.
 */

const VECTOR = {
  streamId: 'issue-42',
  eventId: '0b8a4c3e-1111-4c1a-9d5e-000000000001',
  type: 'ReportSubmitted',
  data: { title: 'Người dân bức xúc', n: 3, nested: { ok: true, list: [1, 'hai'] } },
  metadata: { schemaVersion: 1, actorId: 'u-1' },
};
const VECTOR_CANONICAL =
  '{"data":{"n":3,"nested":{"list":[1,"hai"],"ok":true},"title":"Người dân bức xúc"},"eventId":"0b8a4c3e-1111-4c1a-9d5e-000000000001",' +
  '"metadata":{"actorId":"u-1","schemaVersion":1},"prev":null,"revision":0,"streamId":"issue-42","type":"ReportSubmitted"}';
const VECTOR_HASH = 'c681b272bb0bcbd13b709274413d75f4f61b1a8623d09a42220b4363c1dd667a';
/** Revision 1 of the same stream: type IssueClosed, data null, metadata {}, eventId …0002, prev = VECTOR_HASH. */
const VECTOR_HASH_2 = '9b4d603c254df17ddc0b04890010c47848a0d50ec6864db11b07fedc1cfa40b5';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('writes strings and numbers exactly as JSON does, and the revision (a bigint) as an integer', () => {
    expect(canonicalJson({ s: 'Đà Lạt "quoted"\n', n: 0.1 + 0.2, big: 1e21, small: 5e-7, neg: -0, r: 12n })).toBe(
      '{"big":1e+21,"n":0.30000000000000004,"neg":0,"r":12,"s":"Đà Lạt \\"quoted\\"\\n","small":5e-7}',
    );
  });

  it('treats undefined as JSON.stringify does: dropped from objects, null in arrays and at the top', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
    expect(canonicalJson(undefined)).toBe('null');
    // eslint-disable-next-line no-sparse-arrays
    expect(canonicalJson([1, , 3])).toBe('[1,null,3]');
  });

  it('gives the same text whatever the key order (Postgres jsonb reorders keys)', () => {
    expect(canonicalJson({ x: 1, y: { b: 2, a: 1 } })).toBe(canonicalJson(JSON.parse('{"y":{"a":1,"b":2},"x":1}')));
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => canonicalJson({ n: NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
});

describe('eventHash: fixed test vectors', () => {
  it('hashes the canonical form given in the design', () => {
    expect(canonicalJson({ prev: null, streamId: VECTOR.streamId, revision: 0n, eventId: VECTOR.eventId, type: VECTOR.type, data: VECTOR.data, metadata: VECTOR.metadata })).toBe(VECTOR_CANONICAL);
    expect(eventHash({ prev: null, revision: 0n, ...VECTOR })).toBe(VECTOR_HASH);
    expect(eventHash({ prev: VECTOR_HASH, streamId: 'issue-42', revision: 1n, eventId: '0b8a4c3e-1111-4c1a-9d5e-000000000002', type: 'IssueClosed', data: null, metadata: {} })).toBe(VECTOR_HASH_2);
  });

  it('leaves the chain keys out of the hashed metadata, and reads event ids in lower case', () => {
    const withChain = { ...VECTOR.metadata, hash: 'f'.repeat(64), prevHash: null };
    expect(eventHash({ prev: null, revision: 0n, ...VECTOR, metadata: withChain, eventId: VECTOR.eventId.toUpperCase() })).toBe(VECTOR_HASH);
  });

  it('is what chainAppend (both adapters) stores, and what a Postgres or KurrentDB read-back recomputes', () => {
    const events: NewEvent[] = [
      { eventId: VECTOR.eventId, type: VECTOR.type, data: VECTOR.data, metadata: VECTOR.metadata },
      { eventId: '0b8a4c3e-1111-4c1a-9d5e-000000000002', type: 'IssueClosed', data: null },
    ];
    const { rows, head } = chainAppend('issue-42', EMPTY_HEAD, events, validateAppend('issue-42', events, 'no_stream'));
    const stored = rows.map((r) => JSON.parse(r.metadata));
    expect(stored[0]).toEqual({ actorId: 'u-1', schemaVersion: 1, prevHash: null, hash: VECTOR_HASH });
    expect(stored[1]).toEqual({ prevHash: VECTOR_HASH, hash: VECTOR_HASH_2 });
    expect(head).toEqual({ revision: 1n, hash: VECTOR_HASH_2 });

    // Postgres: jsonb gives keys back in its own order (shorter keys first).
    const fromPostgres: ChainEvent = {
      streamId: 'issue-42', revision: 0n, position: 7n, eventId: VECTOR.eventId, type: VECTOR.type,
      data: JSON.parse('{"n": 3, "title": "Người dân bức xúc", "nested": {"ok": true, "list": [1, "hai"]}}'),
      metadata: JSON.parse(`{"hash": "${VECTOR_HASH}", "actorId": "u-1", "prevHash": null, "schemaVersion": 1}`),
    };
    // KurrentDB: the JSON as written, parsed back.
    const fromKurrent: ChainEvent = { ...fromPostgres, data: JSON.parse(rows[0].data), metadata: JSON.parse(rows[0].metadata) };
    expect(linksTo(fromPostgres, EMPTY_HEAD)).toBe(true);
    expect(linksTo(fromKurrent, EMPTY_HEAD)).toBe(true);
  });

  it('replaces whatever a writer passes as hash or prevHash', () => {
    const events: NewEvent[] = [{ eventId: VECTOR.eventId, type: VECTOR.type, data: VECTOR.data, metadata: { ...VECTOR.metadata, hash: 'forged', prevHash: 'forged' } }];
    const { rows } = chainAppend('issue-42', EMPTY_HEAD, events, validateAppend('issue-42', events, 'any'));
    expect(JSON.parse(rows[0].metadata)).toEqual({ actorId: 'u-1', schemaVersion: 1, prevHash: null, hash: VECTOR_HASH });
  });

  it('chains onto the head it is given', () => {
    const events: NewEvent[] = [{ eventId: '0b8a4c3e-1111-4c1a-9d5e-000000000002', type: 'IssueClosed', data: null }];
    const { rows } = chainAppend('issue-42', { revision: 0n, hash: VECTOR_HASH }, events, validateAppend('issue-42', events, 0n));
    expect(JSON.parse(rows[0].metadata)).toEqual({ prevHash: VECTOR_HASH, hash: VECTOR_HASH_2 });
  });
});

// ------------------------------------------------------------------------------------------------ verification

/** A stream of n chained events at positions 10, 20, 30… as a store would return them. */
function stream(n: number, streamId = 'issue-7'): RecordedEvent[] {
  const events: NewEvent[] = Array.from({ length: n }, (_, i) => ({
    eventId: `0b8a4c3e-2222-4c1a-9d5e-${String(i).padStart(12, '0')}`,
    type: i % 2 ? 'IssueClassified' : 'ReportAttached',
    data: { i, text: `sự kiện ${i}` },
    metadata: { actorId: `u-${i}`, occurredAt: `2026-10-0${1 + (i % 9)}T08:00:00.000Z` },
  }));
  const { rows } = chainAppend(streamId, EMPTY_HEAD, events, validateAppend(streamId, events, 'no_stream'));
  return rows.map((r, i) => ({
    streamId,
    revision: BigInt(i),
    position: BigInt((i + 1) * 10),
    eventId: r.eventId,
    type: r.type,
    data: JSON.parse(r.data),
    metadata: JSON.parse(r.metadata),
    recordedAt: new Date('2026-10-01T01:00:00Z'),
  }));
}

describe('verifyStreamChain', () => {
  it('finds nothing wrong with an untouched stream, in whatever order it is given', () => {
    const s = stream(6);
    expect(verifyStreamChain(s)).toEqual([]);
    expect(verifyStreamChain([...s].reverse())).toEqual([]);
    expect(verifyStreamChain([])).toEqual([]);
  });

  it('pinpoints edited data', () => {
    const s = stream(5);
    (s[2].data as { text: string }).text = 'đã sửa';
    expect(verifyStreamChain(s)).toEqual([expect.objectContaining({ code: 'DATA_OR_METADATA_CHANGED', position: 30n, revision: 2n })]);
  });

  it('pinpoints edited metadata, and an edited type', () => {
    const s = stream(5);
    s[3].metadata.actorId = 'someone-else';
    expect(verifyStreamChain(s)).toEqual([expect.objectContaining({ code: 'DATA_OR_METADATA_CHANGED', position: 40n })]);
    const t = stream(5);
    t[1].type = 'IssueClosed';
    expect(verifyStreamChain(t)[0]).toMatchObject({ code: 'DATA_OR_METADATA_CHANGED', position: 20n });
  });

  it('pinpoints a deleted event at the event after the gap, and a deleted first event', () => {
    const s = stream(5);
    expect(verifyStreamChain([s[0], s[1], s[3], s[4]])).toEqual([expect.objectContaining({ code: 'BROKEN_CHAIN', position: 40n, revision: 3n })]);
    expect(verifyStreamChain(s.slice(1))).toEqual([expect.objectContaining({ code: 'BROKEN_CHAIN', position: 20n, revision: 1n })]);
  });

  it('pinpoints two events whose data and type were swapped', () => {
    const s = stream(6);
    [s[1].data, s[4].data] = [s[4].data, s[1].data];
    [s[1].type, s[4].type] = [s[4].type, s[1].type];
    expect(verifyStreamChain(s)).toEqual([expect.objectContaining({ code: 'OUT_OF_ORDER', position: 20n, revision: 1n, otherPosition: 50n, otherRevision: 4n })]);
  });

  it('pinpoints two events whose revisions were swapped', () => {
    const s = stream(6);
    [s[1].revision, s[3].revision] = [s[3].revision, s[1].revision];
    expect(verifyStreamChain(s)).toEqual([expect.objectContaining({ code: 'OUT_OF_ORDER', position: 20n, otherPosition: 40n })]);
  });

  it('pinpoints two rows whose whole contents (id, type, data, metadata) were swapped', () => {
    const s = stream(6);
    const swap = (k: keyof RecordedEvent) => ([(s[2] as never as Record<string, unknown>)[k], (s[3] as never as Record<string, unknown>)[k]] = [s[3][k], s[2][k]]);
    (['eventId', 'type', 'data', 'metadata'] as const).forEach(swap);
    expect(verifyStreamChain(s)).toEqual([expect.objectContaining({ code: 'OUT_OF_ORDER', position: 30n, otherPosition: 40n })]);
  });

  it('pinpoints a rewritten event whose hash was recomputed: the next event no longer links to it', () => {
    const s = stream(5);
    s[2].data = { i: 2, text: 'viết lại' };
    s[2].metadata.hash = eventHash({ prev: s[2].metadata.prevHash as string, streamId: s[2].streamId, revision: 2n, eventId: s[2].eventId, type: s[2].type, data: s[2].data, metadata: s[2].metadata });
    expect(verifyStreamChain(s)).toEqual([expect.objectContaining({ code: 'BROKEN_CHAIN', position: 40n, revision: 3n })]);
  });

  it('reports an event without a hash', () => {
    const s = stream(3);
    delete s[1].metadata.hash;
    expect(verifyStreamChain(s)[0]).toMatchObject({ code: 'MISSING_HASH', position: 20n });
  });
});

describe('day seals', () => {
  it('hash the previous seal and the events’ hashes in position order (fixed vectors)', () => {
    expect(sealHash(null, [VECTOR_HASH, VECTOR_HASH_2])).toBe('575e6f31e261ae8389e98f30d9e77ef5defcc688a20207577f26fdd4df2b37de');
    expect(sealHash('prev', [VECTOR_HASH])).toBe('d80f88b47dffdb65c9ed24feef8e1dbedabb26f21443c981a668927d95e87c4b');
    const h = new SealHasher(null);
    h.add({ position: 5n, metadata: { hash: VECTOR_HASH } });
    h.add({ position: 9n, metadata: { hash: VECTOR_HASH_2 } });
    expect([h.count, h.firstPosition, h.lastPosition, h.digest()]).toEqual([2, 5n, 9n, '575e6f31e261ae8389e98f30d9e77ef5defcc688a20207577f26fdd4df2b37de']);
  });

  it('use the Vietnamese calendar day (UTC+7)', () => {
    expect(vietnamDay(new Date('2026-10-01T16:59:59.999Z'))).toBe('2026-10-01');
    expect(vietnamDay(new Date('2026-10-01T17:00:00.000Z'))).toBe('2026-10-02');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });
});

// ------------------------------------------------------------------------------------------------ KurrentDB adapter

/**
 * An in-memory stand-in for the KurrentDB client: just what KurrentEventStore.append uses (readStream, appendToStream
 * with a stream state). `interlope` lets "another process" write right before the adapter's next write.
 */
function fakeKurrent() {
  interface Stored { id: string; streamId: string; revision: bigint; type: string; data: unknown; metadata: Record<string, unknown>; isJson: true; position: { commit: bigint; prepare: bigint }; created: Date }
  const streams = new Map<string, Stored[]>();
  let position = 100n;
  let interloper: (() => void) | undefined;
  const write = (streamId: string, events: { id: string; type: string; data: unknown; metadata: unknown }[]) => {
    const list = streams.get(streamId) ?? [];
    streams.set(streamId, list);
    for (const e of events) {
      position += 10n;
      list.push({ id: e.id, streamId, revision: BigInt(list.length), type: e.type, data: e.data, metadata: e.metadata as Record<string, unknown>, isJson: true, position: { commit: position, prepare: position }, created: new Date() });
    }
    return list;
  };
  const client = {
    readStream: async function* (streamId: string, options: { direction: string; fromRevision: bigint | string; maxCount?: number }) {
      const list = [...(streams.get(streamId) ?? [])];
      if (options.direction === 'backwards') list.reverse();
      let n = 0;
      for (const e of list) {
        if (typeof options.fromRevision === 'bigint' && (options.direction === 'backwards' ? e.revision > options.fromRevision : e.revision < options.fromRevision)) continue;
        if (options.maxCount !== undefined && n++ >= options.maxCount) return;
        yield { event: e };
      }
    },
    appendToStream: async (streamId: string, events: { id: string; type: string; data: unknown; metadata: unknown }[], options: { streamState: bigint | string }) => {
      const run = interloper;
      interloper = undefined;
      run?.();
      const current = streams.get(streamId)?.length ?? 0;
      const actual = current === 0 ? 'no_stream' : BigInt(current - 1);
      const state = options.streamState;
      const ok = state === 'any' || (state === 'no_stream' ? actual === 'no_stream' : state === 'stream_exists' ? actual !== 'no_stream' : state === actual);
      if (!ok) throw Object.assign(new Error('wrong expected version'), { type: 'wrong-expected-version', actualState: actual === 'no_stream' ? -1n : actual });
      const list = write(streamId, events);
      const last = list[list.length - 1];
      return { success: true, nextExpectedRevision: last.revision, position: last.position };
    },
    dispose: async () => undefined,
  };
  const store = new KurrentEventStore({ connectionString: 'kurrentdb://127.0.0.1:1?tls=false', timeoutMs: 1000 });
  (store as unknown as { client: unknown }).client = client;
  const recorded = (streamId: string): RecordedEvent[] =>
    (streams.get(streamId) ?? []).map((e) => ({ eventId: e.id, streamId, revision: e.revision, position: e.position.commit, type: e.type, data: e.data, metadata: e.metadata, recordedAt: e.created }));
  return { store, recorded, interlope: (f: () => void) => (interloper = f), write };
}

describe('KurrentEventStore: the same hash chain', () => {
  it('stores exactly the hashes of the test vectors (as the Postgres adapter does), chained across appends', async () => {
    const { store, recorded } = fakeKurrent();
    await store.append('issue-42', [{ eventId: VECTOR.eventId, type: VECTOR.type, data: VECTOR.data, metadata: VECTOR.metadata }], 'no_stream');
    await store.append('issue-42', [{ eventId: '0b8a4c3e-1111-4c1a-9d5e-000000000002', type: 'IssueClosed', data: null }], 'any');
    const stored = recorded('issue-42');
    expect(stored.map((e) => e.metadata)).toEqual([
      { actorId: 'u-1', schemaVersion: 1, prevHash: null, hash: VECTOR_HASH },
      { prevHash: VECTOR_HASH, hash: VECTOR_HASH_2 },
    ]);
    expect(verifyStreamChain(stored)).toEqual([]);
    await store.close();
  });

  it("rereads and rehashes when another process wrote the stream between its read and its write ('any')", async () => {
    const { store, recorded, interlope, write } = fakeKurrent();
    const s = 'issue-43';
    await store.append(s, stream(2, s).map((e) => ({ eventId: e.eventId, type: e.type, data: e.data, metadata: { actorId: 'a' } })), 'no_stream');
    interlope(() => {
      // the other process's event, properly chained by its own adapter
      const last = recorded(s).at(-1)!;
      const e = { eventId: '0b8a4c3e-3333-4c1a-9d5e-000000000001', type: 'Other', data: { x: 1 } };
      const { rows } = chainAppend(s, { revision: last.revision, hash: last.metadata.hash as string }, [e], validateAppend(s, [e], 'any'));
      write(s, [{ id: e.eventId, type: e.type, data: e.data, metadata: JSON.parse(rows[0].metadata) }]);
    });
    const r = await store.append(s, [{ eventId: '0b8a4c3e-3333-4c1a-9d5e-000000000002', type: 'Mine', data: {} }], 'any');
    expect(r.nextExpectedRevision).toBe(3n);
    expect(verifyStreamChain(recorded(s))).toEqual([]);

    interlope(() => write(s, [{ id: '0b8a4c3e-3333-4c1a-9d5e-000000000003', type: 'Other', data: {}, metadata: {} }]));
    const err = await store.append(s, [{ eventId: '0b8a4c3e-3333-4c1a-9d5e-000000000004', type: 'Mine', data: {} }], 3n).catch((e) => e);
    expect(err).toBeInstanceOf(WrongExpectedRevisionError); // an exact revision stays a conflict
    await store.close();
  });
});
