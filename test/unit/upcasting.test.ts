import { randomUUID } from 'node:crypto';
import { fold } from '../../domain/decider';
import { eventUpcaster, schemaVersionOf, UPCASTERS } from '../../domain/event-catalogue';
import { issueDecider } from '../../domain/issue/decider';
import type { IssueEvent, ReportSubmitted } from '../../domain/issue/events';
import type { ReportSubmittedV1 } from '../../domain/issue/upcasters';
import { createUpcaster, UpcastError, type UpcasterDefinition } from '../../domain/upcasting';
import type { EventStore, RecordedEvent, SubscribeOptions } from '../../eventstore/port';
import { UpcastingEventStore } from '../../eventstore/upcasting-store';
import { MemoryEventStore } from '../../bench/support/memory-event-store';
import { EARLIER, initialClassification, ISSUE_ID, report } from './support/issue-fixtures';

/** The catalogue as upcasters see it: two communes of Lâm Đồng (68), and the province itself. */
const PROVINCES: Record<string, string> = { '24781': '68', '22918': '68', '68': '68' };
const deps = { provinceOf: (code: string) => PROVINCES[code] };
const upcaster = eventUpcaster(deps);

/** ReportSubmitted as v1 wrote it: no provinceCode on the report nor on the classification. */
function reportSubmittedV1(localityCode = '24781'): ReportSubmittedV1['data'] {
  const { provinceCode: _p, ...v1Report } = report({ localityCode });
  const { provinceCode: _c, ...v1Classification } = { ...initialClassification, localityCode };
  return { issueId: ISSUE_ID, report: v1Report, classification: v1Classification, status: 'RECEIVED' };
}

describe('upcasters', () => {
  it('stamps ReportSubmitted at v2 and every other type at v1', () => {
    expect(schemaVersionOf('ReportSubmitted')).toBe(2);
    expect(schemaVersionOf('ReportAttached')).toBe(1);
    expect(schemaVersionOf('CollaboratorEnrolled')).toBe(1);
    expect(schemaVersionOf('NoSuchEvent')).toBe(1);
  });

  it('reads ReportSubmitted v1 as v2: the province of the locality is filled in from the catalogue', () => {
    const v2 = upcaster.upcast('ReportSubmitted', 1, reportSubmittedV1()) as ReportSubmitted['data'];
    expect(v2.report.provinceCode).toBe('68');
    expect(v2.classification.provinceCode).toBe('68');
    expect(v2).toEqual({ ...reportSubmittedV1(), report: { ...reportSubmittedV1().report, provinceCode: '68' }, classification: { ...reportSubmittedV1().classification, provinceCode: '68' } });
  });

  it('leaves the stored data untouched (events are immutable)', () => {
    const stored = reportSubmittedV1();
    const copy = structuredClone(stored);
    upcaster.upcast('ReportSubmitted', 1, stored);
    expect(stored).toEqual(copy);
  });

  it('keeps a province a v1 writer already recorded, and takes a province-level locality as its own province', () => {
    const withProvince = { ...reportSubmittedV1(), report: { ...reportSubmittedV1().report, provinceCode: '68' } };
    expect((upcaster.upcast('ReportSubmitted', 1, withProvince) as ReportSubmitted['data']).report.provinceCode).toBe('68');
    const noCatalogue = eventUpcaster({ provinceOf: () => undefined });
    expect((noCatalogue.upcast('ReportSubmitted', 1, reportSubmittedV1('68')) as ReportSubmitted['data']).classification.provinceCode).toBe('68');
  });

  it('fails loudly, naming type, version and field, on a locality the catalogue does not know', () => {
    expect(() => upcaster.upcast('ReportSubmitted', 1, reportSubmittedV1('99999'))).toThrow(UpcastError);
    expect(() => upcaster.upcast('ReportSubmitted', 1, reportSubmittedV1('99999'))).toThrow(/ReportSubmitted v1: report\.localityCode 99999/);
    expect(() => upcaster.upcast('ReportSubmitted', 1, null)).toThrow(/data is not an object/);
  });

  it('returns data already at the current version (or newer) as it is', () => {
    const v2 = { ...reportSubmittedV1(), report: report() };
    expect(upcaster.upcast('ReportSubmitted', 2, v2)).toBe(v2);
    expect(upcaster.upcast('ReportSubmitted', 7, v2)).toBe(v2);
    const closed = { issueId: ISSUE_ID, resolution: 'Đã xử lý', closedAt: EARLIER, status: 'CLOSED' };
    expect(upcaster.upcast('IssueClosed', 1, closed)).toBe(closed);
  });

  it('chains upcasters version by version up to the latest', () => {
    const chain: UpcasterDefinition[] = [
      { type: 'Thing', fromVersion: 2, change: 'b doubled', upcast: (d) => ({ ...(d as object), b: (d as { b: number }).b * 2 }) },
      { type: 'Thing', fromVersion: 1, change: 'b added', upcast: (d) => ({ ...(d as object), b: 1 }) },
    ];
    const things = createUpcaster(chain, deps);
    expect(things.latestVersion('Thing')).toBe(3);
    expect(things.upcast('Thing', 1, { a: 1 })).toEqual({ a: 1, b: 2 });
    expect(things.upcast('Thing', 2, { a: 1, b: 5 })).toEqual({ a: 1, b: 10 });
  });

  it('refuses a registry with two upcasters for one version or a missing step', () => {
    const step = (fromVersion: number): UpcasterDefinition => ({ type: 'Thing', fromVersion, change: '', upcast: (d) => d });
    expect(() => createUpcaster([step(1), step(1)], deps)).toThrow(/two upcasters for Thing v1/);
    expect(() => createUpcaster([step(2)], deps)).toThrow(/skip v1/);
    expect(() => createUpcaster([step(0)], deps)).toThrow(/fromVersion/);
    expect(UPCASTERS.length).toBeGreaterThan(0);
  });

  it('lets the decider fold an upcast v1 event like a v2 one', () => {
    const v2 = upcaster.upcast('ReportSubmitted', 1, reportSubmittedV1()) as ReportSubmitted['data'];
    const state = fold(issueDecider, [{ type: 'ReportSubmitted', data: v2 } as IssueEvent]);
    expect(state.provinceCode).toBe('68');
    expect(state.reports[0].provinceCode).toBe('68');
  });
});

describe('UpcastingEventStore', () => {
  const v1Event = () => ({ eventId: randomUUID(), type: 'ReportSubmitted', data: reportSubmittedV1(), metadata: { schemaVersion: 1, actorId: 'ctv-17' } });

  async function storeWithV1(): Promise<{ raw: MemoryEventStore; store: UpcastingEventStore }> {
    const raw = new MemoryEventStore();
    const store = new UpcastingEventStore(raw, upcaster);
    await store.append(`issue-${ISSUE_ID}`, [v1Event()], 'no_stream');
    await store.append(`issue-${ISSUE_ID}`, [{ eventId: randomUUID(), type: 'IssueClosed', data: { issueId: ISSUE_ID, resolution: 'Xong', closedAt: EARLIER, status: 'CLOSED' }, metadata: { schemaVersion: 1 } }], 0n);
    return { raw, store };
  }

  const expectV2 = (event: RecordedEvent) => {
    expect(event.metadata).toMatchObject({ schemaVersion: 2, storedSchemaVersion: 1, actorId: 'ctv-17' });
    expect((event.data as ReportSubmitted['data']).report.provinceCode).toBe('68');
    expect((event.data as ReportSubmitted['data']).classification.provinceCode).toBe('68');
  };

  it('appends as given: the stored event stays v1', async () => {
    const { raw } = await storeWithV1();
    const [stored] = await raw.readStream(`issue-${ISSUE_ID}`);
    expect(stored.metadata.schemaVersion).toBe(1);
    expect((stored.data as ReportSubmittedV1['data']).report).not.toHaveProperty('provinceCode');
  });

  it('upcasts on readStream and readAll, and leaves current events as they are', async () => {
    const { raw, store } = await storeWithV1();
    const [submitted, closed] = await store.readStream(`issue-${ISSUE_ID}`);
    expectV2(submitted);
    expect(closed).toEqual((await raw.readStream(`issue-${ISSUE_ID}`))[1]);
    expect(closed.metadata).not.toHaveProperty('storedSchemaVersion');
    expectV2((await store.readAll())[0]);
  });

  it('treats an event stored without a schema version as v1', async () => {
    const raw = new MemoryEventStore();
    const store = new UpcastingEventStore(raw, upcaster);
    await store.append('issue-x', [{ ...v1Event(), metadata: { actorId: 'ctv-17' } }], 'no_stream');
    expectV2((await store.readStream('issue-x'))[0]);
  });

  it('upcasts what a subscription delivers', async () => {
    const { raw } = await storeWithV1();
    const stored = await raw.readAll();
    // A store whose subscription delivers the stored events in one batch.
    const delivering: EventStore = Object.assign(Object.create(raw) as EventStore, {
      subscribeToAll: (options: SubscribeOptions) => {
        const done = Promise.resolve(options.onEvents(stored, stored[stored.length - 1].position)).then(() => undefined);
        return { close: async () => {}, done };
      },
    });
    const received: RecordedEvent[] = [];
    const subscription = new UpcastingEventStore(delivering, upcaster).subscribeToAll({ onEvents: (events) => void received.push(...events) });
    await subscription.done;
    expect(received.map((e) => e.type)).toEqual(['ReportSubmitted', 'IssueClosed']);
    expectV2(received[0]);
  });

  it('exposes the undecorated store as raw, and its name', async () => {
    const { raw, store } = await storeWithV1();
    expect(store.raw).toBe(raw);
    expect(store.name).toBe('memory');
    expect(await store.headPosition()).toBe(2n);
  });
});
