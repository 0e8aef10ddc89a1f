import { createHash } from 'node:crypto';
import type { EventMetadata, NewEvent, RecordedEvent } from './port';
import type { SerializedEvent } from './validate';

/**
 * Tamper evidence: every event carries a SHA-256 hash chained to the previous event of its stream.
 *
 *   metadata.prevHash = the stored metadata.hash of the previous event of the stream (null for revision 0)
 *   metadata.hash     = sha256hex(canonicalJson({ prev: prevHash, streamId, revision, eventId, type, data,
 *                                                  metadata: metadata without `hash` and `prevHash` }))
 *
 * Both adapters compute it here, in TypeScript, at append time (so KurrentDB and Postgres store the same hash for the
 * same event), and the verifier recomputes it from what was read back. `hash` and `prevHash` are reserved metadata
 * keys: whatever a writer passes under them is replaced.
 *
 * `canonicalJson` is the one serialisation the hash is taken over: keys sorted (by UTF-16 code units, as
 * Array.prototype.sort does), no whitespace, strings and numbers exactly as JSON.stringify writes them, bigints as
 * integers (the revision), `undefined` treated as JSON.stringify does (dropped from objects, null in arrays). It is
 * RFC 8785 (JCS) for the values an event can hold. Postgres jsonb reorders keys and rewrites number spellings
 * (1e21 → 1000000000000000000000), but JSON.parse gives back the same JS values, so the hash survives the round trip.
 */

/** Metadata keys this feature adds to every event. */
export const HASH_KEY = 'hash';
export const PREV_HASH_KEY = 'prevHash';
export const CHAIN_KEYS: readonly string[] = [HASH_KEY, PREV_HASH_KEY];

const HEX64 = /^[0-9a-f]{64}$/;

export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: numbers must be finite');
      return JSON.stringify(value); // also turns -0 into 0, like JSON.stringify does
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'null';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          out += value[i] === undefined ? 'null' : canonicalJson(value[i]);
        }
        return `${out}]`;
      }
      // Plain loops: this runs once per appended event and must stay cheap (bench/append).
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      for (let i = 0; i < keys.length; i++) {
        const v = record[keys[i]];
        if (v === undefined) continue;
        if (out.length > 1) out += ',';
        out += `${JSON.stringify(keys[i])}:${canonicalJson(v)}`;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not JSON`);
  }
}

export const sha256hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** What the hash of one event covers. */
export interface HashInput {
  prev: string | null;
  streamId: string;
  revision: bigint;
  eventId: string;
  type: string;
  data: unknown;
  /** The event's metadata; `hash` and `prevHash` are left out whether present or not. */
  metadata: EventMetadata | undefined;
}

/** The metadata without the chain keys (the same object when it has none). */
export function withoutChainKeys(metadata: EventMetadata | undefined): EventMetadata {
  const m = metadata ?? {};
  if (!Object.hasOwn(m, HASH_KEY) && !Object.hasOwn(m, PREV_HASH_KEY)) return m;
  const { [HASH_KEY]: _h, [PREV_HASH_KEY]: _p, ...rest } = m;
  return rest;
}

export function eventHash(input: HashInput): string {
  return sha256hex(
    canonicalJson({
      prev: input.prev,
      streamId: input.streamId,
      revision: input.revision,
      eventId: input.eventId.toLowerCase(),
      type: input.type,
      data: input.data ?? null,
      metadata: withoutChainKeys(input.metadata),
    }),
  );
}

/** The last event of a stream as the chain sees it: revision -1n and hash null for a stream with no events. */
export interface ChainHead {
  revision: bigint;
  hash: string | null;
}

export const EMPTY_HEAD: ChainHead = Object.freeze({ revision: -1n, hash: null });

/** The chain head a stored event leaves behind (its hash is null when it carries none, e.g. a legacy event). */
export function headOf(event: Pick<RecordedEvent, 'revision' | 'metadata'>): ChainHead {
  const h = event.metadata?.[HASH_KEY];
  return { revision: event.revision, hash: typeof h === 'string' ? h : null };
}

/**
 * Chains an append: each event's serialised metadata gets `prevHash` and `hash`, as if the stream's last event were
 * `head`. `events` and `rows` are the same events, as given and as validateAppend serialised them.
 * Cost: one canonical serialisation and one SHA-256 per event; the metadata string is extended, not re-serialised.
 */
export function chainAppend(
  streamId: string,
  head: ChainHead,
  events: readonly NewEvent[],
  rows: readonly SerializedEvent[],
): { rows: SerializedEvent[]; head: ChainHead; metadata: EventMetadata[] } {
  let prev = head.hash;
  let revision = head.revision;
  const chainedMetadata: EventMetadata[] = [];
  const out = rows.map((row, i) => {
    revision += 1n;
    const metadata = withoutChainKeys(events[i].metadata);
    const hash = eventHash({ prev, streamId, revision, eventId: row.eventId, type: row.type, data: events[i].data, metadata });
    const base = metadata === (events[i].metadata ?? {}) ? row.metadata : JSON.stringify(metadata);
    const keys = `"${PREV_HASH_KEY}":${prev === null ? 'null' : `"${prev}"`},"${HASH_KEY}":"${hash}"`;
    chainedMetadata.push({ ...metadata, [PREV_HASH_KEY]: prev, [HASH_KEY]: hash });
    prev = hash;
    return { ...row, metadata: base === '{}' ? `{${keys}}` : `${base.slice(0, -1)},${keys}}` };
  });
  return { rows: out, head: { revision, hash: prev }, metadata: chainedMetadata };
}

// ------------------------------------------------------------------------------------------------ verification

export type IntegrityProblemCode =
  /** The event's content (data, type, id, metadata) no longer gives its stored hash. */
  | 'DATA_OR_METADATA_CHANGED'
  /** The link to the previous event is broken: its stored prevHash is not the previous event's hash, or revisions are missing (a deleted event). */
  | 'BROKEN_CHAIN'
  /** Two events were swapped or moved: their positions no longer follow their revisions, or each one's content verifies at the other's place. */
  | 'OUT_OF_ORDER'
  /** The event carries no hash at all (appended around the chain, or the key was removed). */
  | 'MISSING_HASH'
  /** A day seal no longer matches the events of its position range. */
  | 'SEAL_MISMATCH';

export interface IntegrityProblem {
  code: IntegrityProblemCode;
  /** Where: the global position of the (first) affected event; for a seal, the first position of its range. */
  position: bigint;
  streamId?: string;
  revision?: bigint;
  /** The other event of a swap. */
  otherPosition?: bigint;
  otherRevision?: bigint;
  /** For SEAL_MISMATCH: the sealed day and its position range (inclusive). */
  day?: string;
  lastPosition?: bigint;
  message: string;
}

export type ChainEvent = Pick<RecordedEvent, 'streamId' | 'revision' | 'position' | 'eventId' | 'type' | 'data' | 'metadata'>;

const storedHash = (e: ChainEvent): string | undefined => {
  const h = e.metadata?.[HASH_KEY];
  return typeof h === 'string' ? h : undefined;
};
const storedPrev = (e: ChainEvent): string | null => {
  const p = e.metadata?.[PREV_HASH_KEY];
  return typeof p === 'string' ? p : null;
};

/** The hash `e` should carry, given the prevHash it carries (or `prev`). */
export function recomputeHash(e: ChainEvent, prev: string | null = storedPrev(e)): string {
  return eventHash({ prev, streamId: e.streamId, revision: e.revision, eventId: e.eventId, type: e.type, data: e.data, metadata: e.metadata });
}

/** Whether one stored event verifies on its own, and links to `head` (the previous event of its stream). */
export function linksTo(e: ChainEvent, head: ChainHead): boolean {
  const hash = storedHash(e);
  return hash !== undefined && HEX64.test(hash) && e.revision === head.revision + 1n && storedPrev(e) === head.hash && recomputeHash(e) === hash;
}

const cmpBig = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
const MAX_PROBLEMS = 100;

/**
 * Verifies one stream's chain from all of its stored events (in any order). Returns every problem found (at most
 * 100), sorted by position: the first one is where the trouble starts. Pure: no I/O.
 */
export function verifyStreamChain(input: readonly ChainEvent[]): IntegrityProblem[] {
  const byRevision = [...input].sort((a, b) => cmpBig(a.revision, b.revision));
  const byPosition = [...input].sort((a, b) => cmpBig(a.position, b.position));
  const problems: IntegrityProblem[] = [];
  const explained = new Set<ChainEvent>();
  const at = (e: ChainEvent) => ({ position: e.position, streamId: e.streamId, revision: e.revision });

  // 1. Positions must follow revisions. An event whose rank by position differs from its rank by revision was moved
  //    (e.g. two rows' revisions or positions swapped): pair it with the event that holds its place.
  for (let i = 0; i < byPosition.length; i++) {
    const here = byPosition[i];
    const belongs = byRevision[i];
    if (here === belongs || explained.has(here)) continue;
    explained.add(here).add(belongs);
    const [first, other] = cmpBig(here.position, belongs.position) <= 0 ? [here, belongs] : [belongs, here];
    problems.push({
      code: 'OUT_OF_ORDER',
      ...at(first),
      otherPosition: other.position,
      otherRevision: other.revision,
      message: `revisions ${first.revision} (position ${first.position}) and ${other.revision} (position ${other.position}) are out of order: their positions do not follow their revisions`,
    });
  }

  // 2. The chain, in revision order.
  let head: ChainHead = EMPTY_HEAD;
  let previous: ChainEvent | undefined;
  for (const e of byRevision) {
    const hash = storedHash(e);
    const skip = explained.has(e) || (previous !== undefined && explained.has(previous));
    if (e.revision !== head.revision + 1n) {
      const missing = e.revision - head.revision - 1n;
      problems.push({
        code: 'BROKEN_CHAIN',
        ...at(e),
        message:
          missing > 0n
            ? `revision${missing > 1n ? `s ${head.revision + 1n}..${e.revision - 1n} are` : ` ${head.revision + 1n} is`} missing before this event (deleted?)`
            : `revision ${e.revision} is stored more than once`,
      });
    } else if (hash === undefined || !HEX64.test(hash)) {
      if (!skip) problems.push({ code: 'MISSING_HASH', ...at(e), message: 'the event carries no valid hash in its metadata' });
    } else if (!skip) {
      const linked = storedPrev(e) === head.hash;
      const intact = recomputeHash(e) === hash;
      if (!linked || !intact) {
        const swap = findSwap(e, hash, byRevision);
        if (swap) {
          explained.add(e).add(swap);
          problems.push({
            code: 'OUT_OF_ORDER',
            ...at(e.position < swap.position ? e : swap),
            otherPosition: e.position < swap.position ? swap.position : e.position,
            otherRevision: e.position < swap.position ? swap.revision : e.revision,
            message: `the contents of revisions ${e.revision} (position ${e.position}) and ${swap.revision} (position ${swap.position}) were swapped: each verifies at the other's place`,
          });
        } else if (!intact) {
          problems.push({ code: 'DATA_OR_METADATA_CHANGED', ...at(e), message: 'the event no longer matches its hash: its data, type, id or metadata were changed' });
        } else {
          problems.push({
            code: 'BROKEN_CHAIN',
            ...at(e),
            message: `the event's prevHash is not the hash of revision ${head.revision}${head.revision >= 0n ? '' : ' (it should be null)'}: the previous event was rewritten or replaced`,
          });
        }
      }
    }
    head = { revision: e.revision, hash: hash ?? null };
    previous = e;
    if (problems.length >= MAX_PROBLEMS) break;
  }
  return problems.sort((a, b) => cmpBig(a.position, b.position) || (a.code === 'OUT_OF_ORDER' ? -1 : b.code === 'OUT_OF_ORDER' ? 1 : 0));
}

/**
 * The event `e` traded places with, if any: the one whose type and data make `e` verify again (a swap of data/type),
 * or whose revision does (a swap of whole contents between two rows that kept their positions and revisions).
 */
function findSwap(e: ChainEvent, hash: string, stream: readonly ChainEvent[]): ChainEvent | undefined {
  const prev = storedPrev(e);
  for (const k of stream) {
    if (k === e) continue;
    if (recomputeHash({ ...e, type: k.type, data: k.data }, prev) === hash) return k;
    if (recomputeHash({ ...e, revision: k.revision }, prev) === hash) return k;
  }
  return undefined;
}

// ------------------------------------------------------------------------------------------------ day seals

/** A Vietnamese calendar day (UTC+7 all year, no time-zone data needed), as YYYY-MM-DD. */
export const vietnamDay = (at: Date): string => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
export const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const NO_HASH = '0'.repeat(64);

/**
 * The hash of a day seal: sha256hex(previousHash + each event's metadata.hash, in position order), where previousHash is
 * the previous day's seal hash ('' for the first seal) and an event without a hash counts as 64 zeros. Incremental.
 */
export class SealHasher {
  private readonly sha = createHash('sha256');
  count = 0;
  firstPosition: bigint | null = null;
  lastPosition: bigint | null = null;

  constructor(readonly previousHash: string | null) {
    this.sha.update(previousHash ?? '', 'utf8');
  }

  add(event: Pick<RecordedEvent, 'position' | 'metadata'>): void {
    const h = event.metadata?.[HASH_KEY];
    this.sha.update(typeof h === 'string' ? h : NO_HASH, 'utf8');
    this.count++;
    this.firstPosition ??= event.position;
    this.lastPosition = event.position;
  }

  digest(): string {
    return this.sha.digest('hex');
  }
}

export function sealHash(previousHash: string | null, eventHashes: readonly (string | undefined)[]): string {
  const h = new SealHasher(previousHash);
  eventHashes.forEach((hash, i) => h.add({ position: BigInt(i), metadata: hash === undefined ? {} : { hash } }));
  return h.digest();
}
