import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { EVENT_TYPES, eventUpcaster, findSchema, PUBLISHED_SCHEMAS, schemaVersionOf } from '../../domain/event-catalogue';
import { JSON_SCHEMA_DIALECT, type JsonSchema } from '../../domain/json-schema';
import type { RecordedEvent } from '../../eventstore/port';
import { UpcastingEventStore } from '../../eventstore/upcasting-store';
import { createApp, listen } from '../../services/api/http-server';
import { CommandService } from '../../services/commands/command-service';
import { CollaboratorCommands } from '../../services/commands/collaborator-commands';
import { IssueCommands } from '../../services/commands/issue-commands';
import { loadConfig } from '../../services/config';
import { loadLocalityCatalogue } from '../../services/localities';
import { createLogger } from '../../services/logger';
import { Metrics } from '../../services/metrics';
import { MemoryEventStore } from '../../bench/support/memory-event-store';
import { SurveyCommands } from '../../services/commands/survey-commands';
import { runCollaboratorLifecycle, runIssueLifecycle, runSurveyLifecycle } from '../support/lifecycles';
import { validate } from '../support/json-schema-validator';

/**
 * The published event contract: /schemas serves a JSON Schema per event type and version, and real events, produced
 * by the deciders through the command services, validate against the schema of their type and version.
 */

const catalogue = loadLocalityCatalogue(loadConfig());

/** Every event full issue, survey and collaborator lifecycles write, as stored (current versions). */
async function realEvents(): Promise<RecordedEvent[]> {
  const memory = new MemoryEventStore();
  const commands = new CommandService(memory, { schemaVersion: schemaVersionOf });
  await runIssueLifecycle(new IssueCommands(commands, catalogue), { issueId: randomUUID(), duplicateId: randomUUID(), reporterA: 'ctv-a', reporterB: 'ctv-b' });
  await runCollaboratorLifecycle(new CollaboratorCommands(commands, catalogue), `ctv-${randomUUID()}`);
  await runSurveyLifecycle(new SurveyCommands(commands, catalogue, { schemaVersion: schemaVersionOf }), randomUUID());
  return memory.log;
}

describe('GET /schemas', () => {
  let server: http.Server;
  let close: () => Promise<void>;
  let base: string;

  beforeAll(async () => {
    const app = createApp({ ready: async () => [] }, createLogger('silent'), new Metrics());
    server = http.createServer(app);
    const listening = await listen(server, 0, '127.0.0.1');
    close = listening.close;
    base = `http://127.0.0.1:${listening.port}`;
  });
  afterAll(async () => close());

  const get = async (path: string) => {
    const response = await fetch(`${base}${path}`);
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: (await response.json()) as Record<string, unknown> };
  };

  it('lists every event type and version with its URL, and marks the current versions', async () => {
    const { status, body } = await get('/schemas');
    expect(status).toBe(200);
    expect(body.dialect).toBe(JSON_SCHEMA_DIALECT);
    const entries = body.schemas as { type: string; version: number; category: string; current: boolean; upcastedBy: string | null; url: string }[];
    expect(new Set(entries.map((e) => e.type))).toEqual(new Set(EVENT_TYPES));
    for (const type of EVENT_TYPES) {
      const versions = entries.filter((e) => e.type === type).map((e) => e.version);
      expect(versions).toEqual(Array.from({ length: schemaVersionOf(type) }, (_, i) => i + 1));
    }
    expect(entries.filter((e) => e.type === 'ReportSubmitted')).toEqual([
      { type: 'ReportSubmitted', version: 1, category: 'issue', current: false, upcastedBy: expect.stringContaining('provinceCode'), url: '/schemas/ReportSubmitted/1' },
      { type: 'ReportSubmitted', version: 2, category: 'issue', current: true, upcastedBy: null, url: '/schemas/ReportSubmitted/2' },
    ]);
    expect(entries.find((e) => e.type === 'CollaboratorEnrolled')).toMatchObject({ category: 'collaborator', current: true, url: '/schemas/CollaboratorEnrolled/1' });
  });

  it('serves each schema at its URL as a draft 2020-12 schema with a stable $id', async () => {
    const { body } = await get('/schemas');
    for (const entry of body.schemas as { type: string; version: number; url: string }[]) {
      const { status, type, body: schema } = await get(entry.url);
      expect(status).toBe(200);
      expect(type).toMatch(/^application\/schema\+json/);
      expect(schema).toMatchObject({ $schema: JSON_SCHEMA_DIALECT, $id: `urn:dlxh:event:${entry.type}:v${entry.version}`, type: 'object', additionalProperties: false });
      expect(schema).toEqual(findSchema(entry.type, entry.version)!.schema);
    }
  });

  it('serves the versions of one type', async () => {
    const { status, body } = await get('/schemas/ReportSubmitted');
    expect(status).toBe(200);
    expect((body.versions as { version: number }[]).map((v) => v.version)).toEqual([1, 2]);
  });

  it('answers an unknown type or version with 404 and a malformed version with 400', async () => {
    expect(await get('/schemas/NoSuchEvent')).toMatchObject({ status: 404, body: { error: 'NOT_FOUND' } });
    expect(await get('/schemas/NoSuchEvent/1')).toMatchObject({ status: 404, body: { error: 'NOT_FOUND' } });
    expect(await get('/schemas/ReportSubmitted/3')).toMatchObject({ status: 404, body: { error: 'NOT_FOUND' } });
    expect(await get('/schemas/ReportSubmitted/two')).toMatchObject({ status: 400, body: { error: 'BAD_USER_INPUT' } });
    expect(await get('/schemas/ReportSubmitted/0')).toMatchObject({ status: 400 });
  });
});

describe('real events validate against their published schema', () => {
  let events: RecordedEvent[];
  beforeAll(async () => {
    events = await realEvents();
  });

  const schemaOf = (type: string, version: number): JsonSchema => {
    const found = findSchema(type, version);
    if (!found) throw new Error(`no schema for ${type} v${version}`);
    return found.schema;
  };

  it('covers every event type', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(EVENT_TYPES));
  });

  it('stamps each event with the current version of its type', () => {
    for (const event of events) expect(event.metadata.schemaVersion).toBe(schemaVersionOf(event.type));
  });

  it('every event’s data is valid against the schema of its type and version', () => {
    const invalid = events
      .map((event) => ({ type: event.type, problems: validate(schemaOf(event.type, event.metadata.schemaVersion as number), event.data) }))
      .filter((result) => result.problems.length > 0);
    expect(invalid).toEqual([]);
  });

  it('catches data that breaks the contract (the validator is not vacuous)', () => {
    const submitted = events.find((e) => e.type === 'ReportSubmitted')!.data as { report: Record<string, unknown> };
    const schema = schemaOf('ReportSubmitted', 2);
    expect(validate(schema, { ...submitted, extra: 1 })).toEqual(['/: has unexpected property extra']);
    expect(validate(schema, { ...submitted, report: { ...submitted.report, tendency: 'ANGRY' } })[0]).toMatch(/^\/report\/tendency: must be one of/);
    expect(validate(schema, { ...submitted, report: { ...submitted.report, observedAt: 'yesterday' } })).toEqual(['/report/observedAt: is not a date-time']);
    const { provinceCode: _omitted, ...withoutProvince } = submitted.report;
    expect(validate(schema, { ...submitted, report: withoutProvince })).toEqual(['/report: misses required provinceCode']);
  });

  it('a stored v1 ReportSubmitted is valid against v1, and is valid against v2 once upcast', async () => {
    const current = events.find((e) => e.type === 'ReportSubmitted')!;
    const data = current.data as { report: Record<string, unknown>; classification: Record<string, unknown> };
    const { provinceCode: _r, ...v1Report } = data.report;
    const { provinceCode: _c, ...v1Classification } = data.classification;
    const v1 = { ...data, report: v1Report, classification: v1Classification };
    expect(validate(schemaOf('ReportSubmitted', 1), v1)).toEqual([]);
    expect(validate(schemaOf('ReportSubmitted', 2), v1)).not.toEqual([]);

    const raw = new MemoryEventStore();
    await raw.append(current.streamId, [{ eventId: randomUUID(), type: 'ReportSubmitted', data: v1, metadata: { ...current.metadata, schemaVersion: 1 } }], 'no_stream');
    const upcasting = new UpcastingEventStore(raw, eventUpcaster({ provinceOf: (code) => catalogue.provinceOf(code)?.code }));
    const [read] = await upcasting.readStream(current.streamId);
    expect(read.metadata.schemaVersion).toBe(2);
    expect(validate(schemaOf('ReportSubmitted', 2), read.data)).toEqual([]);
    expect(read.data).toEqual(current.data);
  });

  it('publishes no schema for a version that no writer or upcaster knows', () => {
    for (const s of PUBLISHED_SCHEMAS) expect(s.version).toBeLessThanOrEqual(schemaVersionOf(s.type));
  });
});
