import { randomUUID } from 'node:crypto';
import { ConflictError, IllegalStateError, NotFoundError, ValidationError } from '../../domain/errors';
import { openHarness, Harness } from '../support/projection-harness';
import { issueStream } from '../../services/commands/issue-commands';

const ctv = { actorId: 'ctv-9', actorRole: 'COLLABORATOR', now: '2026-10-02T03:00:00.000Z' };
const officer = { actorId: 'officer-1', actorRole: 'OFFICER', now: '2026-10-03T03:00:00.000Z' };
const submitCommand = (issueId: string, extra: object = {}) => ({
  type: 'SubmitReport' as const,
  issueId,
  reportId: `r-${issueId}`,
  kind: 'PERIODIC' as const,
  channel: 'MEETING' as const,
  localityCode: '24781',
  sectors: ['EDUCATION' as const],
  title: 'Phụ huynh phản ánh thiếu giáo viên',
  summary: 'Trường tiểu học thiếu 3 giáo viên đầu năm học.',
  tendency: 'NEGATIVE' as const,
  intensity: 'MEDIUM' as const,
  sensitive: false,
  observedAt: '2026-10-01T03:00:00.000Z',
  reporterId: 'ctv-9',
  reporterRole: 'COLLABORATOR' as const,
  ...extra,
});

describe('command service (real Postgres)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
  });
  afterAll(async () => h.close());

  it('records actor, correlation, causation, schema version, time and idempotency key in metadata', async () => {
    const id = randomUUID();
    const result = await h.issues.execute(submitCommand(id), { ...ctv, idempotencyKey: 'phone-123', correlationId: 'corr-1', causationId: 'cause-1' });
    expect(result.events).toHaveLength(1);
    const [event] = await h.store.readStream(issueStream(id));
    expect(event.metadata).toMatchObject({
      actorId: 'ctv-9',
      actorRole: 'COLLABORATOR',
      correlationId: 'corr-1',
      causationId: 'cause-1',
      schemaVersion: 1,
      occurredAt: ctv.now,
      idempotencyKey: 'phone-123',
      commandType: 'SubmitReport',
    });
    expect((event.data as { report: { provinceCode: string } }).report.provinceCode).toBe('68');
  });

  it('returns the first result for a retried idempotency key, even after later commands, and writes nothing new', async () => {
    const id = randomUUID();
    const first = await h.issues.execute(submitCommand(id), { ...ctv, idempotencyKey: `k-${id}` });
    await h.issues.execute({ type: 'ClassifyIssue', issueId: id, severity: 'PROMINENT' }, officer);
    const head = await h.store.headPosition();
    const retry = await h.issues.execute(submitCommand(id), { ...ctv, idempotencyKey: `k-${id}` });
    expect(retry.replayed).toBe(true);
    expect(retry.position).toBe(first.position);
    expect(retry.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
    expect(await h.store.headPosition()).toBe(head);
    expect(await h.store.readStream(issueStream(id))).toHaveLength(2);
  });

  it('refuses an idempotency key reused for a different command', async () => {
    const id = randomUUID();
    await h.issues.execute(submitCommand(id), { ...ctv, idempotencyKey: `k2-${id}` });
    await expect(h.issues.execute(submitCommand(id, { title: 'Nội dung khác' }), { ...ctv, idempotencyKey: `k2-${id}` })).rejects.toBeInstanceOf(ConflictError);
  });

  it('decides again after a concurrent write, a bounded number of times', async () => {
    const id = randomUUID();
    await h.issues.execute(submitCommand(id), ctv);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        h.issues.execute({ type: 'IssueGuidance', issueId: id, guidanceId: `g-${i}`, kind: 'ORIENTATION', content: `Định hướng ${i}` }, officer).then(
          () => 'ok',
          (e) => e,
        ),
      ),
    );
    const ok = results.filter((r) => r === 'ok').length;
    expect(ok).toBeGreaterThanOrEqual(4); // 3 retries absorb most collisions; any failure is a clean CONFLICT
    for (const r of results.filter((x) => x !== 'ok')) expect(r).toBeInstanceOf(ConflictError);
    expect(await h.store.readStream(issueStream(id))).toHaveLength(1 + ok);
  });

  it.each([
    ['an unknown commune', { localityCode: '99999' }, ValidationError],
    ['a province that does not own the commune', { localityCode: '24781', provinceCode: '01' }, ValidationError],
    ['an empty title', { title: '   ' }, ValidationError],
    ['an unknown sector', { sectors: ['WEATHER'] }, ValidationError],
  ])('rejects %s with a typed error and writes nothing', async (_label, extra, errorClass) => {
    const head = await h.store.headPosition();
    const id = randomUUID();
    await expect(h.issues.execute(submitCommand(id, extra) as never, ctv)).rejects.toBeInstanceOf(errorClass);
    expect(await h.store.headPosition()).toBe(head);
  });

  it('rejects a command that breaks a lifecycle rule and writes nothing', async () => {
    const id = randomUUID();
    await h.issues.execute(submitCommand(id), ctv);
    const head = await h.store.headPosition();
    const err = await h.issues
      .execute({ type: 'ReferIssue', issueId: id, referralId: 'ref-x', agencyId: 'so-gd', deadline: '2026-10-20T00:00:00.000Z' }, officer)
      .catch((e) => e);
    expect(err).toBeInstanceOf(IllegalStateError);
    expect(err.rule).toBe('REFER_REQUIRES_CONFIRMED_VERIFICATION');
    await expect(h.issues.execute({ type: 'CloseIssue', issueId: randomUUID(), resolution: 'x' }, officer)).rejects.toBeInstanceOf(NotFoundError);
    expect(await h.store.headPosition()).toBe(head);
  });

  it('merges: the source is marked merged and its reports attached to the target; a repeated merge adds nothing', async () => {
    const source = randomUUID();
    const target = randomUUID();
    await h.issues.execute(submitCommand(source), ctv);
    await h.issues.execute(submitCommand(target), ctv);
    await h.issues.execute({ type: 'MergeIssues', issueId: source, intoIssueId: target, reason: 'Trùng' }, officer);
    const targetEvents = await h.store.readStream(issueStream(target));
    expect(targetEvents.map((e) => e.type)).toEqual(['ReportSubmitted', 'ReportAttached']);
    expect(targetEvents[1].data).toMatchObject({ mergedFromIssueId: source, report: { reportId: `r-${source}` } });
    const again = await h.issues.execute({ type: 'MergeIssues', issueId: source, intoIssueId: target }, officer);
    expect(again.replayed).toBe(true);
    expect(await h.store.readStream(issueStream(target))).toHaveLength(2);
    await expect(h.issues.execute({ type: 'MergeIssues', issueId: target, intoIssueId: randomUUID() }, officer)).rejects.toBeInstanceOf(NotFoundError);
  });
});
