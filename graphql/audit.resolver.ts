import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { NotFoundError } from '../domain/errors';
import { fold } from '../domain/decider';
import { issueDecider } from '../domain/issue/decider';
import type { IssueEvent } from '../domain/issue/events';
import { STREAM_ID_PATTERN } from '../eventstore/port';
import { issueStream } from '../services/commands/issue-commands';
import { verifyStream } from '../services/audit/verify';
import type { AuthUser } from './auth/auth-user';
import { authorize } from './auth/policy';
import type { GraphQLContext } from './context';
import { canSeeIssueRow, canSeeIssueState } from './issue-scope';
import { IssueIntegrity, toIssueIntegrity } from './audit.type';

@Resolver()
export class AuditResolver {
  @Query(() => IssueIntegrity, {
    description:
      "Tamper evidence of one issue: recomputes the hash chain of its stored events and pinpoints the first problem by position. NOT_FOUND when it does not exist or lies outside your scope. The day seals of the whole log are checked by `dlxh audit verify`.",
  })
  async verifyIssueIntegrity(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<IssueIntegrity> {
    const user = authorize(ctx.user, 'verifyIssueIntegrity');
    const streamId = issueStream(id);
    if (streamId.length > 200 || !STREAM_ID_PATTERN.test(streamId)) throw new NotFoundError(`issue ${id} not found`);
    const report = await verifyStream(ctx.services.store, streamId, ctx.services.knex);
    if (report.events === 0 || !(await canSee(ctx, user, id, streamId))) throw new NotFoundError(`issue ${id} not found`);
    return toIssueIntegrity(id, report, { day: report.sealedThrough, events: report.sealedEvents }, new Date());
  }
}

/**
 * Scope as for `issue`: from the read model, or (not projected yet) from the issue's own events. Folding a tampered
 * stream may fail; the caller then sees NOT_FOUND only if the read model does not have the issue either.
 */
async function canSee(ctx: GraphQLContext, user: AuthUser, issueId: string, streamId: string): Promise<boolean> {
  const row = await ctx.loaders.issue.load(issueId);
  if (row !== null) return canSeeIssueRow(user, row, ctx.loaders);
  try {
    const events = await ctx.services.store.readStream(streamId);
    return canSeeIssueState(user, fold(issueDecider, events.map((e) => ({ type: e.type, data: e.data }) as IssueEvent)));
  } catch {
    return false;
  }
}
