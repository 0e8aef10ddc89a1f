import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { NotFoundError, UnauthenticatedError } from '../domain/errors';
import type { AuthUser } from './auth/auth-user';
import { allows, authorize } from './auth/policy';
import type { GraphQLContext } from './context';
import { IssueFilter, IssueOrder } from './issue-filter.input';
import { canSeeIssueRow } from './issue-scope';
import { searchIssues } from './issue-search';
import { Issue, IssueConnection, toIssue } from './issue.type';
import { pageSize } from './pagination';
import { Referral, toReferral } from './referral.type';
import { Report, toReport } from './report.type';
import { reporterCount, visibleReports } from './reporter-identity';

/** The signed-in user behind a nested field; its parent was authorized, so a user is always there. */
function viewer(ctx: GraphQLContext): AuthUser {
  if (!ctx.user) throw new UnauthenticatedError('sign in with a bearer token to use this API');
  return ctx.user;
}

/**
 * An issue from the read model as `user` may see it: null when it does not exist, lies outside the user's scope, or
 * the user's role may not read issues at all (e.g. INTEGRATION in a mutation's payload).
 */
export async function visibleIssue(ctx: GraphQLContext, user: AuthUser, issueId: string): Promise<Issue | null> {
  if (!allows(user.role, 'issue')) return null;
  const row = await ctx.loaders.issue.load(issueId);
  if (row === null || !(await canSeeIssueRow(user, row, ctx.loaders))) return null;
  return toIssue(row, ctx.services.catalogue, new Date());
}

@Resolver(() => Issue)
export class IssueResolver {
  @Query(() => Issue, { description: 'One issue. NOT_FOUND when it does not exist or lies outside your scope (existence is not revealed).' })
  async issue(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Issue> {
    const user = authorize(ctx.user, 'issue');
    const issue = await visibleIssue(ctx, user, id);
    if (issue === null) throw new NotFoundError(`issue ${id} not found`);
    return issue;
  }

  @Query(() => IssueConnection, {
    description: `Issues in your scope, newest report first unless orderBy says otherwise; Relay cursor pagination (first: default 20, at most 100)`,
  })
  async issues(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => IssueFilter, { nullable: true }) filter?: IssueFilter | null,
    @Arg('orderBy', () => IssueOrder, { nullable: true }) orderBy?: IssueOrder | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page' }) after?: string | null,
  ): Promise<IssueConnection> {
    const user = authorize(ctx.user, 'issues');
    const now = new Date();
    const page = await searchIssues(ctx.services.knex, ctx.services.catalogue, user, { filter, orderBy, first: pageSize(first), after }, now);
    return {
      edges: page.rows.map(({ row, cursor }) => ({ cursor, node: toIssue(row, ctx.services.catalogue, now) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.rows.at(-1)?.cursor ?? null },
      countAll: page.countAll,
    };
  }

  @FieldResolver(() => [Report], { description: 'Báo cáo: a collaborator sees only their own; the reporter is shown as your role allows' })
  async reports(@Root() issue: Issue, @Ctx() ctx: GraphQLContext): Promise<Report[]> {
    const user = viewer(ctx);
    const rows = visibleReports(user, await ctx.loaders.reportsByIssue.load(issue.id));
    return rows.map((row) => toReport(row, ctx.services.catalogue, { user, pseudonymSecret: ctx.services.pseudonymSecret }));
  }

  @FieldResolver(() => Int, { nullable: true, description: 'How many different people reported: for officers, leaders and auditors; null otherwise' })
  async reporterCount(@Root() issue: Issue, @Ctx() ctx: GraphQLContext): Promise<number | null> {
    return reporterCount(viewer(ctx), await ctx.loaders.reportsByIssue.load(issue.id));
  }

  @FieldResolver(() => [Referral], { description: 'Referrals to agencies, oldest first; an agency sees only its own' })
  async referrals(@Root() issue: Issue, @Ctx() ctx: GraphQLContext): Promise<Referral[]> {
    const user = viewer(ctx);
    const rows = await ctx.loaders.referralsByIssue.load(issue.id);
    const now = new Date();
    return rows.filter((row) => user.role !== 'AGENCY' || row.agency_id === user.agencyId).map((row) => toReferral(row, now));
  }
}

@Resolver(() => IssueConnection)
export class IssueConnectionResolver {
  @FieldResolver(() => Int, { description: 'Every issue matching the filter in your scope (counted only when asked for)' })
  totalCount(@Root() connection: IssueConnection): Promise<number> {
    return connection.countAll();
  }
}
