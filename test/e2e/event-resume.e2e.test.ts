import 'reflect-metadata';
import type { Client } from 'graphql-ws';
import { GraphQLHarness, openGraphQLHarness, reportInput, SUBMIT_REPORT } from '../support/graphql-harness';
import { collect, ready, wsClient } from './support/api-process';

/**
 * Integrations resume the `eventAppended` subscription from a cursor: after a disconnect they receive every event
 * since the last one they saw (read from the log), then live ones — no gap, no duplicate.
 */
const EVENT_APPENDED = `subscription($after: String, $filter: EventAppendedFilter) {
  eventAppended(after: $after, filter: $filter) { position cursor eventId type data }
}`;
type Item = { position: string; cursor: string; eventId: string; type: string; data: Record<string, unknown> };

describe('eventAppended resumes from a cursor', () => {
  let h: GraphQLHarness;
  const clients: Client[] = [];
  beforeAll(async () => {
    h = await openGraphQLHarness();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await h.close();
  });

  const submit = async (title: string) => {
    const res = await h.gql(SUBMIT_REPORT, { input: reportInput({ title }) }, await h.as('OFFICER'));
    expect(res.errors).toBeUndefined();
  };

  it('delivers the events missed while disconnected, then live ones, with no gap and no duplicate', async () => {
    const ws = h.url.replace(/^http/, 'ws');
    const token = await h.as('INTEGRATION');
    const first = wsClient(ws, token);
    clients.push(first);
    const before = collect<Item>(first, EVENT_APPENDED, { filter: { types: ['ReportSubmitted'] } });
    await ready(first);
    await submit('Phản ánh 1');
    await submit('Phản ánh 2');
    const seen = await before.until((items) => items.length === 2);
    before.unsubscribe();
    await first.dispose();

    // Disconnected: three more reports.
    await submit('Phản ánh 3');
    await submit('Phản ánh 4');
    await submit('Phản ánh 5');

    const second = wsClient(ws, token);
    clients.push(second);
    const after = collect<Item>(second, EVENT_APPENDED, { after: seen[1].cursor, filter: { types: ['ReportSubmitted'] } });
    await after.until((items) => items.length === 3);
    await ready(second);
    await submit('Phản ánh 6'); // live again
    const resumed = await after.until((items) => items.length === 4);
    const titles = [...seen, ...resumed].map((i) => (i.data.report as { title: string }).title);
    expect(titles).toEqual(['Phản ánh 1', 'Phản ánh 2', 'Phản ánh 3', 'Phản ánh 4', 'Phản ánh 5', 'Phản ánh 6']);
    const positions = [...seen, ...resumed].map((i) => BigInt(i.position));
    for (let i = 1; i < positions.length; i++) expect(positions[i] > positions[i - 1]).toBe(true);
    expect(new Set([...seen, ...resumed].map((i) => i.eventId)).size).toBe(6);
    // Redacted for integrations: no reporter id.
    expect(JSON.stringify(resumed)).not.toContain(h.user("OFFICER").id);
    after.unsubscribe();
  });

  it('refuses a malformed cursor with BAD_USER_INPUT', async () => {
    const client = wsClient(h.url.replace(/^http/, 'ws'), await h.as('INTEGRATION'));
    clients.push(client);
    const bad = collect<Item>(client, EVENT_APPENDED, { after: 'not-a-cursor' });
    await bad.ended();
    expect(bad.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
