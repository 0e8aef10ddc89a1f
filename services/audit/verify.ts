import type { Knex } from 'knex';
import type { EventStore } from '../../eventstore/port';
import { ChainHead, EMPTY_HEAD, headOf, IntegrityProblem, linksTo, nextDay, SealHasher, verifyStreamChain } from '../../eventstore/hash-chain';
import { latestSeal, loadSeals, SealRow, storedEvents } from './seals';

/**
 * Verification of the tamper evidence, shared by `dlxh audit verify` and the verifyIssueIntegrity query.
 * The pure rules are in eventstore/hash-chain.ts; this reads the store (as stored, never upcast) and the seals.
 */

export interface StreamIntegrity {
  streamId: string;
  events: number;
  intact: boolean;
  lastPosition: bigint | null;
  lastRevision: bigint | null;
  lastHash: string | null;
  /** Sorted by position; the first is where the trouble starts. */
  problems: IntegrityProblem[];
  /** The last sealed day of the whole log, and how many of this stream's events lie in sealed ranges (with knex). */
  sealedThrough: string | null;
  sealedEvents: number;
}

/** Verifies one stream's chain. With `knex`, also says how much of it the day seals cover (they are checked by verifyLog). */
export async function verifyStream(store: EventStore, streamId: string, knex?: Knex): Promise<StreamIntegrity> {
  const events = await storedEvents(store).readStream(streamId);
  const problems = verifyStreamChain(events);
  const last = events[events.length - 1];
  const seal = knex ? await latestSeal(knex) : undefined;
  return {
    streamId,
    events: events.length,
    intact: problems.length === 0,
    lastPosition: last?.position ?? null,
    lastRevision: last?.revision ?? null,
    lastHash: last ? headOf(last).hash : null,
    problems,
    sealedThrough: seal?.day ?? null,
    sealedEvents: seal ? events.filter((e) => e.position <= seal.lastPosition).length : 0,
  };
}

export interface LogIntegrity {
  events: number;
  streams: number;
  seals: number;
  /** The last sealed day and the end of its range. */
  sealedThrough: string | null;
  sealedThroughPosition: bigint | null;
  headPosition: bigint;
  intact: boolean;
  /** At most `maxProblems`: events' problems by position, then seals' by range; the first is the most precise. */
  problems: IntegrityProblem[];
}

export interface VerifyLogOptions {
  store: EventStore;
  /** The database holding audit_seals; without it the seals are not checked. */
  knex?: Knex;
  batchSize?: number;
  maxProblems?: number;
  onProgress?: (events: number, position: bigint) => void;
}

const MAX_STREAMS_IN_DETAIL = 1000;

/**
 * Verifies the whole log in one pass in position order: each stream's chain (any stream with a doubt is then
 * re-read and verified in full, to classify and pinpoint its problems) and each day seal (recomputed over its range).
 * Memory: one chain head per stream.
 */
export async function verifyLog(options: VerifyLogOptions): Promise<LogIntegrity> {
  const store = storedEvents(options.store);
  const batchSize = options.batchSize ?? 1000;
  const maxProblems = options.maxProblems ?? 100;
  const seals = options.knex ? await loadSeals(options.knex) : [];
  const problems: IntegrityProblem[] = [];
  const heads = new Map<string, ChainHead>();
  const doubtful = new Set<string>();
  const sealCheck = new SealChecker(seals, problems);

  let events = 0;
  let cursor = 0n;
  for (;;) {
    const batch = await store.readAll({ after: cursor, maxCount: batchSize });
    for (const e of batch) {
      const head = heads.get(e.streamId) ?? EMPTY_HEAD;
      if (!linksTo(e, head)) doubtful.add(e.streamId);
      heads.set(e.streamId, headOf(e));
      sealCheck.add(e);
    }
    events += batch.length;
    if (batch.length > 0) {
      cursor = batch[batch.length - 1].position;
      options.onProgress?.(events, cursor);
    }
    if (batch.length < batchSize) break;
  }
  sealCheck.finish();

  let detailed = 0;
  for (const streamId of doubtful) {
    if (detailed++ >= MAX_STREAMS_IN_DETAIL) break;
    problems.push(...verifyStreamChain(await store.readStream(streamId)));
  }
  // Events pinpointed one by one first (by position), then seals (by range): the first problem is the most precise.
  const rank = (p: IntegrityProblem) => (p.code === 'SEAL_MISMATCH' ? 1 : 0);
  problems.sort((a, b) => rank(a) - rank(b) || (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  const lastSeal = seals[seals.length - 1];
  return {
    events,
    streams: heads.size,
    seals: seals.length,
    sealedThrough: lastSeal?.day ?? null,
    sealedThroughPosition: lastSeal?.lastPosition ?? null,
    headPosition: cursor,
    intact: problems.length === 0,
    problems: problems.slice(0, maxProblems),
  };
}

/** Recomputes each seal over its range, fed the log in position order. */
class SealChecker {
  private index = 0;
  private hasher: SealHasher | undefined;

  constructor(
    private readonly seals: readonly SealRow[],
    private readonly problems: IntegrityProblem[],
  ) {
    this.hasher = seals.length > 0 ? new SealHasher(seals[0].previousHash) : undefined;
  }

  add(e: { position: bigint; metadata: Record<string, unknown> }): void {
    while (this.index < this.seals.length && e.position > this.seals[this.index].lastPosition) this.close();
    if (this.index < this.seals.length) this.hasher!.add(e);
  }

  finish(): void {
    while (this.index < this.seals.length) this.close();
  }

  private close(): void {
    const seal = this.seals[this.index];
    const previous = this.index > 0 ? this.seals[this.index - 1] : undefined;
    const start = (previous?.lastPosition ?? 0n) + 1n;
    const h = this.hasher!;
    const hash = h.digest();
    const where = { position: h.firstPosition ?? seal.firstPosition ?? start, day: seal.day, lastPosition: seal.lastPosition };
    const range = `positions ${start}..${seal.lastPosition}`;
    if (previous !== undefined && (seal.previousHash !== previous.hash || seal.day !== nextDay(previous.day))) {
      this.problems.push({ code: 'SEAL_MISMATCH', ...where, message: `the seal of ${seal.day} does not follow the seal of ${previous.day}: a seal was removed or rewritten` });
    } else if (previous === undefined && seal.previousHash !== null) {
      this.problems.push({ code: 'SEAL_MISMATCH', ...where, message: `the first seal (${seal.day}) names a previous seal that does not exist: earlier seals were removed` });
    } else if (BigInt(h.count) !== seal.count) {
      this.problems.push({ code: 'SEAL_MISMATCH', ...where, message: `the seal of ${seal.day} counts ${seal.count} events in ${range}, the log now holds ${h.count} there: events were removed or inserted` });
    } else if (hash !== seal.hash || h.firstPosition !== seal.firstPosition) {
      this.problems.push({ code: 'SEAL_MISMATCH', ...where, message: `the seal of ${seal.day} (${range}) no longer matches the events' hashes: an event of that range was changed, replaced or reordered` });
    }
    this.index++;
    this.hasher = this.index < this.seals.length ? new SealHasher(this.seals[this.index].previousHash) : undefined;
  }
}
