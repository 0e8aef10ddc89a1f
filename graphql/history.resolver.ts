import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { NotFoundError, ValidationError } from '../domain/errors';
import { issueDecider } from '../domain/issue/decider';
import type { IssueEvent } from '../domain/issue/events';
import type { IssueState } from '../domain/issue/state';
import type { RecordedEvent } from '../eventstore/port';
import { issueStream } from '../services/commands/issue-commands';
import type { AuthUser } from './auth/auth-user';
import { authorize } from './auth/policy';
import type { GraphQLContext } from './context';
import { redactEvent } from './event-redaction';
import { IssueHistoryEntry, IssueSnapshot, toIssueSnapshot } from './history.type';
import { canSeeIssueState } from './issue-scope';
import { reporterIdentity, type ReporterViewer } from './reporter-identity';

/**
 * Replaying an issue for auditors. The states come from folding the issue's own stream with `issueDecider.evolve`, the
 * function commands decide on, so there is no second copy of the lifecycle rules. Events are read through the
 * upcasting store, so every event has its current schema version.
 *
 * Scope is the issue's current locality, as for `issue`: what you may see now, you may replay from the start.
 * An issue you may not see is NOT_FOUND, so existence is never revealed.
 */

const evolve = (state: IssueState, event: RecordedEvent): IssueState => issueDecider.evolve(state, { type: event.type, data: event.data } as IssueEvent);

/** The issue's events, in stream order, when `user` may see the issue; NOT_FOUND otherwise. */
async function visibleStream(ctx: GraphQLContext, user: AuthUser, issueId: string): Promise<RecordedEvent[]> {
  const events = await ctx.services.store.readStream(issueStream(issueId));
  const current = events.reduce(evolve, issueDecider.initialState);
  if (issueDecider.isInitial(current) || !canSeeIssueState(user, current)) throw new NotFoundError(`issue ${issueId} not found`);
  return events;
}

const metadataText = (event: RecordedEvent, key: string): string | null => (typeof event.metadata[key] === 'string' ? (event.metadata[key] as string) : null);

function occurredAt(event: RecordedEvent): Date | null {
  const text = metadataText(event, 'occurredAt');
  const at = text === null ? null : new Date(text);
  return at !== null && !Number.isNaN(at.getTime()) ? at : null;
}

function toEntry(event: RecordedEvent, state: IssueState, ctx: GraphQLContext, viewer: ReporterViewer): IssueHistoryEntry {
  const { data, metadata } = redactEvent(viewer, event);
  const actorId = metadataText(event, 'actorId');
  const stored = event.metadata.storedSchemaVersion;
  return {
    position: event.position.toString(),
    revision: event.revision.toString(),
    eventId: event.eventId,
    type: event.type,
    schemaVersion: typeof event.metadata.schemaVersion === 'number' ? event.metadata.schemaVersion : 1,
    storedSchemaVersion: typeof stored === 'number' ? stored : null,
    occurredAt: occurredAt(event),
    recordedAt: event.recordedAt,
    actor: actorId === null ? null : reporterIdentity(viewer, { reporter_id: actorId, reporter_role: metadataText(event, 'actorRole') }),
    commandType: metadataText(event, 'commandType'),
    correlationId: metadataText(event, 'correlationId'),
    causationId: metadataText(event, 'causationId'),
    metadata,
    data,
    state: toIssueSnapshot(state, event, ctx.services.catalogue, viewer),
  };
}

@Resolver()
export class HistoryResolver {
  @Query(() => [IssueHistoryEntry], {
    // One stream read and an in-memory fold, with no per-entry resolver work: the selection is priced once, not as a
    // list of `listCostFactor` items (a full selection would otherwise exceed the cost cap for any issue).
    complexity: ({ childComplexity }) => 1 + childComplexity,
    description:
      'Lịch sử vụ việc: every event of the issue in order, each with its metadata (the actor shown as your role allows: id for officers, a stable pseudonym for auditors) and the issue’s state right after it, replayed with the domain’s own rules. NOT_FOUND when the issue does not exist or lies outside your scope.',
  })
  async issueHistory(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<IssueHistoryEntry[]> {
    const user = authorize(ctx.user, 'issueHistory');
    const events = await visibleStream(ctx, user, id);
    const viewer = { user, pseudonymSecret: ctx.services.pseudonymSecret };
    let state = issueDecider.initialState;
    return events.map((event) => {
      state = evolve(state, event);
      return toEntry(event, state, ctx, viewer);
    });
  }

  @Query(() => IssueSnapshot, {
    description:
      'The issue as the record stood at `at`: its events recorded (recordedAt) at or before `at`, folded with the domain’s own rules. An event is counted from when the system knew it, not from the time its command claimed (occurredAt), so a backdated import never rewrites the past. NOT_FOUND when the issue did not exist yet at `at`, does not exist, or lies outside your scope (judged on its current locality); BAD_USER_INPUT when `at` is in the future.',
  })
  async issueAsOf(
    @Arg('id', () => ID) id: string,
    @Arg('at', () => DateTimeResolver, { description: 'A past instant, e.g. 2026-03-31T23:59:59+07:00' }) at: Date,
    @Ctx() ctx: GraphQLContext,
  ): Promise<IssueSnapshot> {
    const user = authorize(ctx.user, 'issueAsOf');
    if (at.getTime() > Date.now()) throw ValidationError.field(['at'], 'must not be in the future');
    const events = await visibleStream(ctx, user, id);
    // The stream's prefix recorded by `at`: a state the issue really had, even if two appends' clocks interleave.
    const cut = events.findIndex((event) => event.recordedAt.getTime() > at.getTime());
    const known = cut < 0 ? events : events.slice(0, cut);
    if (known.length === 0) throw new NotFoundError(`issue ${id} did not exist yet at ${at.toISOString()}`);
    const last = known[known.length - 1];
    return toIssueSnapshot(known.reduce(evolve, issueDecider.initialState), last, ctx.services.catalogue, { user, pseudonymSecret: ctx.services.pseudonymSecret });
  }
}
