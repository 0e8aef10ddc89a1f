import { randomUUID } from 'node:crypto';
import { PROJECTIONS } from '../../projections';
import { hotspotsProjection } from '../../projections/hotspots.projection';
import { readHotspots, readRaisedHotspots } from '../../projections/hotspots.read';
import { applyBatch } from '../../projections/runner';
import { rebuild } from '../../projections/rebuild';
import type { RecordedEvent } from '../../eventstore/port';
import type { Intensity, Sector, Tendency } from '../../domain/vocabulary';
import { applyInBatches, dumpProjection, expectIdempotentBatches, Harness, openHarness, STORE_KINDS } from '../support/projection-harness';
import { generateDemo } from '../../services/demo/generator';
import { loadLocalityCatalogue } from '../../services/localities';
import { loadConfig } from '../../services/config';

/**
 * The hotspots projection on a story told through the real command service: a province with history, a quiet commune
 * × sector that surges (one issue drawing reports, a duplicate later merged into it), stays hot, cools, and surges
 * again, next to province-level reports that are never assessed. Then: idempotency and replay equality.
 */

const COMMUNE_A = '24781'; // Xuân Hương - Đà Lạt
const COMMUNE_B = '22918';
const officer = { actorId: 'officer-1', actorRole: 'OFFICER' };
/** 2026, Vietnam time (UTC+7). */
const at = (month: number, day: number, hour = 9) => new Date(Date.UTC(2026, month - 1, day, hour - 7)).toISOString();

interface Story {
  x: string;
  y: string;
  /** The issue of the second surge, and of the other commune's. */
  z: string;
  w: string;
}

async function story(h: Harness): Promise<Story> {
  const ctv = `ctv-${randomUUID()}`;
  const asCtv = (now: string) => ({ actorId: ctv, actorRole: 'COLLABORATOR', now });
  const report = (observedAt: string, extra: { localityCode?: string; sectors?: Sector[]; tendency?: Tendency; intensity?: Intensity; title?: string } = {}) => ({
    reportId: randomUUID(),
    kind: 'QUICK' as const,
    channel: 'ZALO_GROUP' as const,
    localityCode: COMMUNE_A,
    sectors: ['ENVIRONMENT' as Sector],
    title: 'Người dân bức xúc vì mùi hôi từ bãi rác',
    summary: 'Nhiều hộ dân phản ánh mùi hôi, nước rỉ rác tràn ra đường.',
    tendency: 'NEGATIVE' as Tendency,
    intensity: 'HIGH' as Intensity,
    sensitive: false,
    observedAt,
    reporterId: ctv,
    reporterRole: 'COLLABORATOR' as const,
    ...extra,
  });
  const submit = async (issueId: string, observedAt: string, extra: Parameters<typeof report>[1] = {}) =>
    h.issues.execute({ type: 'SubmitReport', issueId, ...report(observedAt, extra) }, asCtv(observedAt));
  const attach = async (issueId: string, observedAt: string, extra: Parameters<typeof report>[1] = {}) =>
    h.issues.execute({ type: 'AttachReport', issueId, report: report(observedAt, extra) }, { ...officer, now: observedAt });

  // History: the province's first report, months before; two quiet reports in the cell.
  await submit(randomUUID(), at(8, 1), { localityCode: COMMUNE_B, sectors: ['HEALTH'] });
  await submit(randomUUID(), at(9, 5), { intensity: 'MEDIUM' });
  await submit(randomUUID(), at(9, 19), { intensity: 'MEDIUM' });
  // The first surge: issue X draws reports, a duplicate Y is reported separately (later merged into X).
  const x = randomUUID();
  const y = randomUUID();
  await submit(x, at(10, 10));
  await attach(x, at(10, 11));
  await attach(x, at(10, 11, 15));
  await attach(x, at(10, 12));
  await submit(y, at(10, 12, 14), { title: 'Bãi rác gây ô nhiễm, dân đề nghị di dời' }); // the fifth: hot
  await attach(x, at(10, 13)); // still hot: the same episode
  await h.issues.execute({ type: 'MergeIssues', issueId: y, intoIssueId: x, reason: 'Trùng nội dung' }, { ...officer, now: at(10, 15) });
  // Province-level reports are not assessed, however many.
  for (let i = 0; i < 6; i++) await submit(randomUUID(), at(10, 14, 8 + i), { localityCode: '68', sectors: ['HEALTH'] });
  // A second surge in the same cell after the first episode ended, and one in another commune at the same time.
  const z = randomUUID();
  await submit(z, at(11, 5));
  for (let i = 0; i < 8; i++) await attach(z, at(11, 5, 10 + i)); // hot at the seventh (a higher baseline now)
  const w = randomUUID();
  await submit(w, at(11, 4), { localityCode: COMMUNE_B, sectors: ['SECURITY_ORDER'], title: 'Tụ tập đông người trước trụ sở xã' });
  for (let i = 0; i < 5; i++) await attach(w, at(11, 5, 10 + i), { localityCode: COMMUNE_B, sectors: ['SECURITY_ORDER'] });
  return { x, y, z, w };
}

describe.each(STORE_KINDS)('hotspots projection on the %s store', (kind) => {
  let h: Harness;
  let ids: Story;
  let events: RecordedEvent[];
  beforeAll(async () => {
    h = await openHarness(kind);
    ids = await story(h);
    events = await h.events();
    for (const p of PROJECTIONS) await applyInBatches(h.db.knex, p, events);
  });
  afterAll(async () => h?.close());

  const warnings = () => h.db.knex('hotspot_warnings').orderBy(['locality_code', 'raised_at']);
  const positionOf = (issueId: string, type: string) => events.find((e) => e.streamId === `issue-${issueId}` && e.type === type)!.position;

  describe('given the story, then', () => {
    it('a warning is raised when the cell crosses the threshold, by the report that made it cross, and not again while it stays hot', async () => {
      const [other, first, second] = await warnings(); // commune B's, then A's two
      expect(first).toMatchObject({ locality_code: COMMUNE_A, province_code: '68', sector: 'ENVIRONMENT', last_hot_day: '2026-10-13' });
      expect(first.raised_at.toISOString()).toBe(at(10, 12, 14));
      expect(BigInt(first.raised_position)).toBe(positionOf(ids.y, 'ReportSubmitted'));
      expect(first.active_until.toISOString()).toBe(at(10, 20, 0)); // a window after the last hot day
      expect(first.raised_assessment).toMatchObject({ day: '2026-10-12', windowStart: '2026-10-06', recentCount: 5, weightedCount: 5, baselineCount: 2, expected: 0.5 });
      expect(first.raised_assessment.score).toBeGreaterThanOrEqual(3.5);
      expect(first.latest_assessment).toMatchObject({ day: '2026-10-13', recentCount: 6, weightedCount: 6 });
      expect(first.peak_score).toBeGreaterThan(first.raised_assessment.score);
      // The second surge of the same cell (after the first ended) is a new warning; the other commune has its own.
      expect(second).toMatchObject({ locality_code: COMMUNE_A, sector: 'ENVIRONMENT', raised_day: '2026-11-05' });
      expect(second.raised_assessment).toMatchObject({ recentCount: 7 });
      expect(second.latest_assessment).toMatchObject({ recentCount: 9 });
      expect(second.raised_assessment.baselineCount).toBe(8); // the first surge is now part of the baseline
      expect(second.raised_assessment.expected).toBeGreaterThan(0.5);
      expect(other).toMatchObject({ locality_code: COMMUNE_B, sector: 'SECURITY_ORDER', raised_day: '2026-11-05' });
      expect(other.raised_assessment).toMatchObject({ recentCount: 5, baselineCount: 0, expected: 0.5 });
      expect(await warnings()).toHaveLength(3);
    });

    it('counts each report once: a report moved by a merge is not counted again; province-level reports are not assessed', async () => {
      const day = await h.db.knex('hotspot_daily').where({ locality_code: COMMUNE_A, sector: 'ENVIRONMENT', day: '2026-10-12' }).first();
      expect(day).toMatchObject({ province_code: '68', reports: 2, points: 200 });
      expect(await h.db.knex('hotspot_daily').where({ locality_code: '68' })).toEqual([]);
      expect(await h.db.knex('hotspot_provinces').where({ province_code: '68' }).first()).toEqual({ province_code: '68', first_day: '2026-08-01', latest_day: '2026-11-05' });
    });

    it('readHotspots: the warnings active at an instant, strongest first, with their reasons and the issues behind them', async () => {
      expect(await readHotspots(h.db.knex, { provinceCode: '68', asOf: new Date(at(10, 12, 13)) })).toEqual([]); // before it was raised
      const [october] = await readHotspots(h.db.knex, { provinceCode: '68', asOf: new Date(at(10, 14)) });
      expect(october).toMatchObject({
        localityCode: COMMUNE_A,
        provinceCode: '68',
        sector: 'ENVIRONMENT',
        recentCount: 6,
        weightedCount: 6,
        baseline: 0.5,
        baselineCount: 2,
        baselineDays: 56,
        windowStart: new Date(at(10, 7, 0)),
        windowEnd: new Date(at(10, 14, 0)),
        raisedAt: new Date(at(10, 12, 14)),
        activeUntil: new Date(at(10, 20, 0)),
      });
      expect(october.score).toBeGreaterThanOrEqual(3.5);
      // The merged duplicate's report now counts on X: one issue with all six reports of the window.
      expect(october.topIssues).toEqual([{ issueId: ids.x, title: 'Người dân bức xúc vì mùi hôi từ bãi rác', summary: expect.any(String), reports: 6, provinceCode: '68', communeCode: COMMUNE_A }]);
      // As of the day it was raised, the reasons are those that raised it.
      expect((await readHotspots(h.db.knex, { provinceCode: '68', asOf: new Date(at(10, 12, 20)) }))[0]).toMatchObject({ recentCount: 5 });
      expect(await readHotspots(h.db.knex, { provinceCode: '68', asOf: new Date(at(10, 20, 0)) })).toEqual([]); // the episode has ended
      // What a month raised, active or not at its end (the monthly synthesis): October's warning, seen from 20 October.
      const raised = await readHotspots(h.db.knex, { provinceCode: '68', asOf: new Date(at(10, 20, 0)), raisedSince: new Date(at(10, 1, 0)) });
      expect(raised.map((w) => [w.localityCode, w.sector])).toEqual([[october.localityCode, october.sector]]);
      expect(await readHotspots(h.db.knex, { provinceCode: '68', asOf: new Date(at(10, 20, 0)), raisedSince: new Date(at(10, 13, 0)) })).toEqual([]);
      expect(await readHotspots(h.db.knex, { provinceCode: '01', asOf: new Date(at(10, 14)) })).toEqual([]);

      const november = await readHotspots(h.db.knex, { provinceCode: '68', asOf: new Date(at(11, 7)) });
      expect(november.map((w) => [w.localityCode, w.sector])).toEqual([[COMMUNE_A, 'ENVIRONMENT'], [COMMUNE_B, 'SECURITY_ORDER']]);
      expect(november[0].score).toBeGreaterThan(november[1].score);
      expect(november[0].topIssues.map((i) => [i.issueId, i.reports])).toEqual([[ids.z, 9]]);
      expect(november[1].topIssues.map((i) => [i.issueId, i.reports])).toEqual([[ids.w, 6]]);
      expect(await readHotspots(h.db.knex, { provinceCode: '68', asOf: new Date(at(11, 7)), limit: 1 })).toHaveLength(1);
      expect(await readHotspots(h.db.knex, { provinceCode: '68', asOf: new Date(at(11, 7)), communeCodes: [COMMUNE_B] })).toMatchObject([{ localityCode: COMMUNE_B }]);
    });

    it('readRaisedHotspots: the warnings raised by the events of a span of the log, in the order raised', async () => {
      const all = await readRaisedHotspots(h.db.knex, { after: 0n, upTo: events[events.length - 1].position });
      expect(all.map((w) => w.raisedPosition)).toEqual([...all.map((w) => w.raisedPosition)].sort((a, b) => (a < b ? -1 : 1)));
      expect(all).toHaveLength(3);
      const raisedByY = positionOf(ids.y, 'ReportSubmitted');
      expect(await readRaisedHotspots(h.db.knex, { after: raisedByY - 1n, upTo: raisedByY })).toMatchObject([{ localityCode: COMMUNE_A, recentCount: 5 }]);
      expect(await readRaisedHotspots(h.db.knex, { after: raisedByY, upTo: raisedByY + 3n })).toEqual([]);
    });
  });

  it('is idempotent: each batch applied twice leaves the tables unchanged', () => expectIdempotentBatches(kind, hotspotsProjection, story));

  it('gives identical tables incrementally, in one batch, and by a full rebuild', async () => {
    const incremental = await dumpProjection(h.db.knex, hotspotsProjection);
    expect(incremental.hotspot_warnings).toHaveLength(3);
    await rebuild({ store: h.store, knex: h.db.knex, projections: [hotspotsProjection], batchSize: 4 });
    expect(await dumpProjection(h.db.knex, hotspotsProjection)).toEqual(incremental);

    const fresh = await openHarness(kind);
    try {
      await story(fresh);
      await applyBatch(fresh.db.knex, hotspotsProjection, await fresh.events());
      const oneBatch = await dumpProjection(fresh.db.knex, hotspotsProjection);
      // Ids and positions differ between the two stories; the shape of the tables must not.
      const shape = (dump: Record<string, unknown[]>) =>
        Object.fromEntries(
          Object.entries(dump).map(([table, rows]) => [table, rows.map((r) => JSON.stringify(r, (k, v) => (k === 'raised_position' ? undefined : v))).sort()]),
        );
      expect(shape(oneBatch)).toEqual(shape(incremental));
    } finally {
      await fresh.close();
    }
  });

  it('on a demo province with planted surges (reports arriving out of observed order), any batching gives the same tables', async () => {
    const fresh = await openHarness(kind);
    try {
      const catalogue = loadLocalityCatalogue(loadConfig());
      const summary = await generateDemo(
        { catalogue, issues: fresh.issues, collaborators: fresh.collaborators },
        { provinceCode: '68', seed: 5, months: 4, until: '2026-10-31', reports: 1500, concurrency: 8, surges: 4 },
      );
      const all = await fresh.events();
      await applyInBatches(fresh.db.knex, hotspotsProjection, all, [1, 7, 50, 3]);
      const incremental = await dumpProjection(fresh.db.knex, hotspotsProjection);
      await rebuild({ store: fresh.store, knex: fresh.db.knex, projections: [hotspotsProjection], batchSize: 5000 });
      expect(await dumpProjection(fresh.db.knex, hotspotsProjection)).toEqual(incremental);
      // The planted surges are there to be found.
      const raised = incremental.hotspot_warnings as { locality_code: string; sector: string }[];
      expect(summary.surges.filter((s) => raised.some((w) => w.locality_code === s.communeCode && w.sector === s.sector)).length).toBeGreaterThanOrEqual(3);
    } finally {
      await fresh.close();
    }
  }, 120_000);
});
