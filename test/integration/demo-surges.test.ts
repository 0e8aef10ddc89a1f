import type { ReportAttached, ReportSubmitted } from '../../domain/issue/events';
import type { EventStore, RecordedEvent } from '../../eventstore/port';
import { CollaboratorCommands } from '../../services/commands/collaborator-commands';
import { CommandService } from '../../services/commands/command-service';
import { IssueCommands } from '../../services/commands/issue-commands';
import { loadConfig } from '../../services/config';
import { DemoOptions, DemoSummary, generateDemo, planSurges } from '../../services/demo/generator';
import { loadLocalityCatalogue } from '../../services/localities';
import { createTestDatabase, TestDatabase } from '../support/test-database';

jest.setTimeout(300_000);

/** `dlxh demo --surges N`: planted surges for the early-warning bench, on top of an unchanged province. */

const catalogue = loadLocalityCatalogue(loadConfig());
const base: DemoOptions = { provinceCode: '68', seed: 11, months: 3, until: '2026-10-31', reports: 300, concurrency: 8 };
const vnDay = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);

async function run(options: DemoOptions): Promise<{ db: TestDatabase; summary: DemoSummary; events: RecordedEvent[] }> {
  const db = await createTestDatabase();
  const store: EventStore = db.eventStore();
  const commands = new CommandService(store);
  const summary = await generateDemo({ catalogue, issues: new IssueCommands(commands, catalogue), collaborators: new CollaboratorCommands(commands, catalogue) }, options);
  const events: RecordedEvent[] = [];
  for (;;) {
    const batch = await store.readAll({ after: events.at(-1)?.position ?? 0n, maxCount: 5000 });
    if (batch.length === 0) break;
    events.push(...batch);
  }
  return { db, summary, events };
}

const perStream = (events: RecordedEvent[]) => {
  const byStream = new Map<string, string[]>();
  for (const e of events) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), `${e.revision}:${e.type}:${e.eventId}`]);
  return byStream;
};

describe('demo surges', () => {
  it('plans nothing by default, and the same surges for the same options (deterministic from the seed)', () => {
    expect(planSurges(catalogue, base)).toEqual([]);
    expect(planSurges(catalogue, { ...base, surges: 0 })).toEqual([]);
    const plan = planSurges(catalogue, { ...base, surges: 5 });
    expect(plan).toHaveLength(5);
    expect(planSurges(catalogue, { ...base, surges: 5, concurrency: 1 })).toEqual(plan);
    expect(planSurges(catalogue, { ...base, seed: 12, surges: 5 })).not.toEqual(plan);
    // Surge n is the same whatever the count: a bench can plant more without moving the first ones.
    expect(planSurges(catalogue, { ...base, surges: 3 })).toEqual(plan.slice(0, 3));
    expect(new Set(plan.map((s) => `${s.communeCode}|${s.sector}`)).size).toBe(5);
    for (const s of plan) {
      expect(catalogue.provinceOf(s.communeCode)?.code).toBe('68');
      expect((Date.parse(s.to) - Date.parse(s.from)) / 86_400_000).toBe(6);
      expect(s.from >= '2026-08-01' && s.to <= '2026-10-31').toBe(true);
      expect(s.reports).toBeGreaterThanOrEqual(7);
      expect(s.reports).toBeLessThanOrEqual(14);
      expect(s.negative).toBeLessThanOrEqual(s.reports);
      expect(s.issueIds.length).toBeGreaterThanOrEqual(1);
    }
    expect(() => planSurges(catalogue, { ...base, surges: -1 })).toThrow(/surges/);
  });

  describe('generated', () => {
    let plain: Awaited<ReturnType<typeof run>>;
    let planted: Awaited<ReturnType<typeof run>>;
    beforeAll(async () => {
      plain = await run(base);
      planted = await run({ ...base, surges: 4 });
    });
    afterAll(async () => {
      await plain?.db.drop();
      await planted?.db.drop();
    });

    it('plants each surge: its reports in its commune, sector and week, mostly negative, as the summary says', () => {
      const { summary, events } = planted;
      expect(summary.surges).toEqual(planSurges(catalogue, { ...base, surges: 4 }));
      expect(plain.summary.surges).toEqual([]);
      const reports = events
        .filter((e) => e.type === 'ReportSubmitted' || (e.type === 'ReportAttached' && (e as unknown as ReportAttached).data.mergedFromIssueId === null))
        .map((e) => (e as unknown as ReportSubmitted | ReportAttached).data);
      for (const surge of summary.surges) {
        const own = reports.filter((d) => surge.issueIds.includes(d.issueId)).map((d) => d.report);
        expect(own).toHaveLength(surge.reports);
        for (const r of own) {
          expect(r).toMatchObject({ localityCode: surge.communeCode, provinceCode: '68', sectors: [surge.sector] });
          expect(vnDay(r.observedAt) >= surge.from && vnDay(r.observedAt) <= surge.to).toBe(true);
        }
        expect(own.filter((r) => r.tendency === 'NEGATIVE')).toHaveLength(surge.negative);
      }
      const total = summary.surges.reduce((n, s) => n + s.reports, 0);
      expect(summary.surges.reduce((n, s) => n + s.negative, 0) / total).toBeGreaterThan(0.6);
      expect(summary.reports).toBe(base.reports + total);
      expect(reports).toHaveLength(summary.reports);
    });

    it('leaves the rest of the province exactly as without surges', () => {
      const surgeStreams = new Set(planted.summary.surges.flatMap((s) => s.issueIds.map((id) => `issue-${id}`)));
      const withSurges = perStream(planted.events);
      const without = perStream(plain.events);
      expect([...withSurges.keys()].filter((id) => !surgeStreams.has(id)).sort()).toEqual([...without.keys()].sort());
      for (const [stream, events] of without) expect(withSurges.get(stream)).toEqual(events);
      expect(surgeStreams.size).toBeGreaterThanOrEqual(4);
    });
  });
});
