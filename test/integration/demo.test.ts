import { ISSUE_EVENT_TYPES } from '../../domain/issue/events';
import { loadConfig } from '../../services/config';
import { loadLocalityCatalogue } from '../../services/localities';
import { CommandService } from '../../services/commands/command-service';
import { IssueCommands } from '../../services/commands/issue-commands';
import { CollaboratorCommands } from '../../services/commands/collaborator-commands';
import { DemoDeps, DemoOptions, DemoSummary, generateDemo } from '../../services/demo/generator';
import type { EventStore, RecordedEvent } from '../../eventstore/port';
import type { ReportAttached, ReportSubmitted } from '../../domain/issue/events';
import { createTestDatabase, TestDatabase } from '../support/test-database';

jest.setTimeout(300_000);

const catalogue = loadLocalityCatalogue(loadConfig());
const options: DemoOptions = { provinceCode: '68', seed: 7, months: 2, until: '2026-10-31', reports: 300, concurrency: 8 };

/** The services `openRuntime` builds, on a test database. */
function servicesOn(store: EventStore): DemoDeps {
  const commands = new CommandService(store);
  return { catalogue, issues: new IssueCommands(commands, catalogue), collaborators: new CollaboratorCommands(commands, catalogue) };
}

async function readAll(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const batch = await store.readAll({ after: events.at(-1)?.position ?? 0n, maxCount: 5000 });
    if (batch.length === 0) return events;
    events.push(...batch);
  }
}

/** Per stream, the sequence of (revision, type, eventId): what must not depend on concurrency. */
function streams(events: RecordedEvent[]): Map<string, string[]> {
  const byStream = new Map<string, string[]>();
  for (const e of events) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), `${e.revision}:${e.type}:${e.eventId}`]);
  return byStream;
}

describe('dlxh demo', () => {
  let db: TestDatabase;
  let store: EventStore;
  let summary: DemoSummary;
  let events: RecordedEvent[];

  beforeAll(async () => {
    db = await createTestDatabase();
    store = db.eventStore();
    summary = await generateDemo(servicesOn(store), options);
    events = await readAll(store);
  });
  afterAll(async () => db?.drop());

  it('writes the requested number of reports: submitted, attached by officers, and moved by merges', () => {
    const submitted = events.filter((e) => e.type === 'ReportSubmitted');
    const attached = events.filter((e) => e.type === 'ReportAttached') as unknown as ReportAttached[];
    const attachedDirectly = attached.filter((e) => e.data.mergedFromIssueId === null);
    expect(summary.reports).toBe(options.reports);
    expect(submitted.length + attachedDirectly.length).toBe(options.reports);
    expect(attachedDirectly.length / options.reports).toBeGreaterThan(0.15);
    expect(attachedDirectly.length / options.reports).toBeLessThan(0.25);
    expect(attached.length - attachedDirectly.length).toBe(events.filter((e) => e.type === 'IssueMerged').length);
    expect(summary.eventsByType.ReportSubmitted).toBe(submitted.length);
    expect(summary.eventsByType.ReportAttached).toBe(attached.length);
  });

  it('covers every event type of the issue lifecycle, and enrols collaborators', () => {
    const types = new Set(events.map((e) => e.type));
    // Every type the issue decider can produce (so a new lifecycle step must show up in the demo too).
    for (const type of ['CollaboratorEnrolled', ...ISSUE_EVENT_TYPES]) {
      expect([type, types.has(type)]).toEqual([type, true]);
    }
    expect(events.filter((e) => e.type === 'CollaboratorEnrolled')).toHaveLength(summary.collaborators);
    expect(summary.collaborators).toBe(2 * catalogue.communesOf('68').length + 30);
  });

  it('places every report in Lâm Đồng, within the simulated period, after what was observed', () => {
    const lamDong = new Set(['68', ...catalogue.communesOf('68').map((c) => c.code)]);
    const reports = events
      .filter((e) => e.type === 'ReportSubmitted' || e.type === 'ReportAttached')
      .map((e) => (e as unknown as ReportSubmitted | ReportAttached).data.report);
    for (const report of reports) {
      expect(lamDong.has(report.localityCode)).toBe(true);
      expect(report.provinceCode).toBe('68');
      expect(Date.parse(report.observedAt)).toBeLessThanOrEqual(Date.parse(report.submittedAt));
      expect(Date.parse(report.submittedAt)).toBeGreaterThanOrEqual(Date.parse(summary.from));
      expect(Date.parse(report.submittedAt)).toBeLessThanOrEqual(Date.parse(summary.until));
    }
    expect(new Set(reports.map((r) => r.localityCode)).size).toBeGreaterThan(50);
  });

  it('leaves open and overdue referrals at the end of the period', () => {
    expect(summary.openIssues).toBeGreaterThan(0);
    expect(summary.openReferrals).toBeGreaterThan(0);
    expect(summary.overdueReferrals).toBeGreaterThan(0);
  });

  it('appends nothing when run again with the same options', async () => {
    const head = await store.headPosition();
    const again = await generateDemo(servicesOn(store), { ...options, concurrency: 3 });
    expect(await store.headPosition()).toBe(head);
    expect(again.eventsByType).toEqual({});
    expect(again.replayedCommands).toBe(again.commands);
  });

  it('writes the same events per stream at another concurrency', async () => {
    const other = await createTestDatabase();
    try {
      const otherStore = other.eventStore();
      await generateDemo(servicesOn(otherStore), { ...options, concurrency: 1 });
      expect(streams(await readAll(otherStore))).toEqual(streams(events));
    } finally {
      await other.drop();
    }
  });
});
