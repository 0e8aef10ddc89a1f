import { randomUUID } from 'node:crypto';
import { ProjectionRunner } from '../../projections/runner';
import { rebuild } from '../../projections/rebuild';
import type { Projection } from '../../projections/projection';
import { readCheckpoints } from '../../projections/checkpoints';
import { issuesProjection } from '../../projections/issues.projection';
import { openHarness, Harness } from '../support/projection-harness';

const officer = { actorId: 'officer-1', actorRole: 'OFFICER' };
const submit = (h: Harness, title = 'Người dân phản ánh ô nhiễm nguồn nước') => {
  const issueId = randomUUID();
  return h.issues
    .execute(
      {
        type: 'SubmitReport',
        issueId,
        reportId: `r-${issueId}`,
        kind: 'QUICK',
        channel: 'PHONE',
        localityCode: '24781',
        sectors: ['ENVIRONMENT'],
        title,
        summary: 'Nước sinh hoạt có mùi lạ.',
        tendency: 'NEGATIVE',
        intensity: 'MEDIUM',
        sensitive: false,
        observedAt: '2026-10-01T01:00:00.000Z',
        reporterId: 'ctv-1',
        reporterRole: 'COLLABORATOR',
      },
      { actorId: 'ctv-1', actorRole: 'COLLABORATOR', now: '2026-10-01T02:00:00.000Z' },
    )
    .then((r) => ({ ...r, issueId }));
};

/** A projection that throws on one chosen stream, counting what it saw. */
function fragile(name: string, poisonStream: () => string | undefined): Projection & { seen: string[] } {
  const seen: string[] = [];
  return {
    name,
    tables: [],
    seen,
    async apply(events) {
      for (const e of events) {
        if (e.streamId === poisonStream()) throw new Error('cannot handle this one');
        seen.push(e.streamId);
      }
    },
  };
}

describe('projection runner', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
  });
  afterEach(async () => h.close());

  it('catches up from its checkpoint, then tails the log live; waitFor gives read-your-writes', async () => {
    await submit(h);
    await submit(h);
    const runner = new ProjectionRunner({ store: h.store, knex: h.db.knex, projections: [issuesProjection] });
    await runner.start();
    try {
      const third = await submit(h);
      expect(await runner.waitFor(third.position, 5000)).toBe(true);
      expect(await h.db.knex('issues').count({ n: '*' }).first()).toEqual({ n: '3' });
      const row = await h.db.knex('issues').where({ issue_id: third.issueId }).first();
      expect(row.status).toBe('RECEIVED');
      const [cp] = await readCheckpoints(h.db.knex);
      expect(cp).toMatchObject({ name: 'issues', position: third.position, status: 'running' });
    } finally {
      await runner.stop();
    }
    // A new runner resumes from the checkpoint: nothing applied twice.
    await submit(h);
    const again = new ProjectionRunner({ store: h.store, knex: h.db.knex, projections: [issuesProjection] });
    await again.start();
    try {
      expect(await again.waitFor(await h.store.headPosition(), 5000)).toBe(true);
      expect(await h.db.knex('issues').count({ n: '*' }).first()).toEqual({ n: '4' });
    } finally {
      await again.stop();
    }
  });

  it('reads only the event types a projection declares, yet moves its checkpoint past the others', async () => {
    const seen: string[] = [];
    const picky: Projection = { name: 'picky', tables: [], eventTypes: ['ReportSubmitted'], apply: async (events) => void seen.push(...events.map((e) => e.type)) };
    const first = await submit(h);
    const other = (n: number) => h.store.append(`other-${randomUUID()}`, Array.from({ length: n }, () => ({ eventId: randomUUID(), type: 'SomethingElse', data: {} })), 'no_stream');
    await other(5);
    const runner = new ProjectionRunner({ store: h.store, knex: h.db.knex, projections: [picky], batchSize: 2 });
    await runner.start();
    try {
      const tail = await other(3); // nothing after it for this projection: only `through` can move the checkpoint here
      expect(await runner.waitFor(tail.position, 5000)).toBe(true);
      const second = await submit(h);
      const last = await other(1);
      expect(await runner.waitFor(last.position, 5000)).toBe(true);
      expect(seen).toEqual(['ReportSubmitted', 'ReportSubmitted']);
      const cp = (await readCheckpoints(h.db.knex)).find((c) => c.name === 'picky');
      expect(cp?.position).toBe(last.position);
      expect(second.position > first.position).toBe(true);
    } finally {
      await runner.stop();
    }
  });

  it('stops on a poison event, naming its position, stream and type, and keeps what came before', async () => {
    const first = await submit(h);
    const bad = await submit(h);
    await submit(h);
    const p = fragile('fragile-stop', () => bad.streamId);
    const runner = new ProjectionRunner({ store: h.store, knex: h.db.knex, projections: [p] });
    await runner.start();
    try {
      await new Promise((r) => setTimeout(r, 500));
      const failure = runner.failure('fragile-stop');
      expect(failure?.message).toContain(`position ${bad.position}`);
      expect(failure?.message).toContain(`stream ${bad.streamId}`);
      expect(failure?.message).toContain('type ReportSubmitted');
      expect(new Set(p.seen)).toEqual(new Set([first.streamId])); // nothing past the poison event was handed over
      const cp = (await readCheckpoints(h.db.knex)).find((c) => c.name === 'fragile-stop');
      expect(cp).toMatchObject({ position: first.position, status: 'stopped' });
      expect(cp?.lastError).toContain(bad.streamId);
      expect(await runner.waitFor(bad.position, 200)).toBe(false);
    } finally {
      await runner.stop();
    }
  });

  it('parks a poison event when configured to, and goes on', async () => {
    await submit(h);
    const bad = await submit(h);
    const after = await submit(h);
    const p = fragile('fragile-park', () => bad.streamId);
    const runner = new ProjectionRunner({ store: h.store, knex: h.db.knex, projections: [p], poison: 'park' });
    await runner.start();
    try {
      expect(await runner.waitFor(after.position, 5000)).toBe(true);
      expect(new Set(p.seen).size).toBe(2);
      expect(p.seen).not.toContain(bad.streamId);
      const parked = await h.db.knex('projection_parked_events').select();
      expect(parked).toHaveLength(1);
      expect(parked[0]).toMatchObject({ projection: 'fragile-park', position: bad.position.toString(), stream_id: bad.streamId, type: 'ReportSubmitted' });
      expect(parked[0].error).toContain('cannot handle this one');
    } finally {
      await runner.stop();
    }
  });

  it('rebuild swaps shadow tables in atomically: readers never see an empty or partial table', async () => {
    for (let i = 0; i < 60; i++) await submit(h, `Phản ánh số ${i}`);
    const runner = new ProjectionRunner({ store: h.store, knex: h.db.knex, projections: [issuesProjection] });
    await runner.start();
    expect(await runner.waitFor(await h.store.headPosition(), 5000)).toBe(true);
    const counts: number[] = [];
    let reading = true;
    const reader = (async () => {
      while (reading) {
        const { n } = (await h.db.knex('issues').count({ n: '*' }).first()) as { n: string };
        counts.push(Number(n));
      }
    })();
    try {
      const result = await rebuild({ store: h.store, knex: h.db.knex, projections: [issuesProjection], batchSize: 7 });
      expect(result.events).toBe(60);
      await submit(h, 'Sau khi dựng lại'); // the live runner goes on after the swap
      expect(await runner.waitFor(await h.store.headPosition(), 5000)).toBe(true);
    } finally {
      reading = false;
      await reader;
      await runner.stop();
    }
    expect(counts.length).toBeGreaterThan(3);
    expect(counts.every((n) => n === 60 || n === 61)).toBe(true);
    expect(await h.db.knex('issues').count({ n: '*' }).first()).toEqual({ n: '61' });
    const leftovers = await h.db.knex.raw(`SELECT tablename FROM pg_tables WHERE tablename LIKE '%\\_\\_rebuild' OR tablename LIKE '%\\_\\_old'`);
    expect(leftovers.rows).toEqual([]);
  });
});
