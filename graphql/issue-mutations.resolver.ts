import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { ForbiddenError, NotFoundError } from '../domain/errors';
import type { IssueState } from '../domain/issue/state';
import { findReferral } from '../domain/issue/state';
import { type FieldPath, requireId } from '../domain/validation';
import type { Role } from '../domain/vocabulary';
import type { CommandResult } from '../services/commands/command-service';
import type { IssueCommandInput } from '../services/commands/issue-commands';
import type { AuthUser } from './auth/auth-user';
import { authorize } from './auth/policy';
import type { GraphQLContext } from './context';
import { AcknowledgeReferralInput } from './acknowledge-referral.input';
import { AttachReportInput } from './attach-report.input';
import { ClassifyIssueInput } from './classify-issue.input';
import { CloseIssueInput } from './close-issue.input';
import { DeclineReferralInput } from './decline-referral.input';
import { DeliverFeedbackInput } from './deliver-feedback.input';
import { EscalateIssueInput } from './escalate-issue.input';
import { IssueGuidanceInput } from './issue-guidance.input';
import { IssuePayload, ReferIssuePayload, type ReportSuggestionSource, SubmitReportPayload } from './issue-payload.type';
import { visibleIssue } from './issue.resolver';
import { canSeeIssueState, requireLocalityInScope } from './issue-scope';
import { forgetIssue } from './loaders';
import { MergeIssuesInput } from './merge-issues.input';
import { ReferIssueInput } from './refer-issue.input';
import { ReopenIssueInput } from './reopen-issue.input';
import { ReportInput } from './report.input';
import { RespondToReferralInput } from './respond-to-referral.input';
import { IdempotencyKeyArg, newId, runCommand } from './run-command';
import { SubmitReportInput } from './submit-report.input';
import { VerifyReportInput } from './verify-report.input';

/**
 * One mutation per issue command. Each: checks the role (policy table), then the scope (the issue must be one the user
 * can see, else NOT_FOUND; a locality named in the input must be in scope, else FORBIDDEN; an agency acts only on its
 * own referrals), then runs the command with the caller's envelope, waits (bounded) for the read models to reach the
 * write, and answers with the issue as the read model shows it. Every check comes before the command: a rejected
 * mutation writes nothing.
 */

type ReportFields = Extract<IssueCommandInput, { type: 'AttachReport' }>['report'];

/** Who the report is from: officers may report for someone else; everyone else reports as themself. */
function reporterOf(user: AuthUser, input: ReportInput): { reporterId: string; reporterRole: Role | null } {
  if (user.role === 'OFFICER') {
    const reporterId = input.reporterId ?? user.id;
    return { reporterId, reporterRole: input.reporterRole ?? (reporterId === user.id ? 'OFFICER' : null) };
  }
  if ((input.reporterId != null && input.reporterId !== user.id) || (input.reporterRole != null && input.reporterRole !== user.role)) {
    throw new ForbiddenError('only officers may report on behalf of someone else');
  }
  return { reporterId: user.id, reporterRole: user.role };
}

function reportFields(user: AuthUser, input: ReportInput, reportId: string): ReportFields {
  return {
    reportId,
    kind: input.kind,
    channel: input.channel,
    localityCode: input.localityCode,
    sectors: input.sectors,
    title: input.title,
    summary: input.summary,
    peopleConcerned: input.peopleConcerned ?? null,
    tendency: input.tendency,
    intensity: input.intensity,
    sources: (input.sources ?? []).map((source) => ({ url: source.url ?? null, outlet: source.outlet ?? null })),
    sensitive: input.sensitive,
    observedAt: input.observedAt.toISOString(),
    ...reporterOf(user, input),
  };
}

/** The issue's current state, if the user can see it: NOT_FOUND otherwise, exactly as for a missing issue. */
async function issueInScope(ctx: GraphQLContext, user: AuthUser, issueId: string, path: FieldPath = ['input', 'issueId']): Promise<IssueState> {
  requireId(issueId, path);
  const state = await ctx.services.issues.load(issueId);
  if (state.eventCount === 0 || !canSeeIssueState(user, state)) throw new NotFoundError(`issue ${issueId} not found`);
  return state;
}

/** An agency acts only on referrals addressed to it; another agency's referral is NOT_FOUND, as it cannot see it. */
async function ownReferral(ctx: GraphQLContext, user: AuthUser, issueId: string, referralId: string): Promise<void> {
  const state = await issueInScope(ctx, user, issueId);
  const referral = findReferral(state, referralId);
  if (referral === undefined || referral.agencyId !== user.agencyId) throw new NotFoundError(`referral ${referralId} not found on issue ${issueId}`);
}

/** Read-your-writes: waits for the read models to reach the write, then reads the issue afresh. */
async function issuePayload(ctx: GraphQLContext, user: AuthUser, issueId: string, result: CommandResult<IssueState>): Promise<IssuePayload> {
  const readModelCurrent = await ctx.services.waitForProjections(result.position);
  forgetIssue(ctx.loaders, issueId);
  return { issueId, issue: await visibleIssue(ctx, user, issueId), position: result.position.toString(), replayed: result.replayed, readModelCurrent };
}

/** What the payload's duplicate and sector suggestions are computed from (lazily, only when a client selects them). */
function suggestionSource(report: ReportFields, result: CommandResult<IssueState>, issueId: string): ReportSuggestionSource {
  return { title: report.title, summary: report.summary, sectors: report.sectors, provinceCode: result.state.provinceCode, issueId };
}

function execute(ctx: GraphQLContext, user: AuthUser, idempotencyKey: string | null | undefined, command: IssueCommandInput): Promise<CommandResult<IssueState>> {
  return runCommand(ctx, user, idempotencyKey, (envelope) => ctx.services.issues.execute(command, envelope));
}

@Resolver()
export class IssueMutationsResolver {
  @Mutation(() => SubmitReportPayload, { description: 'Báo cáo: a new report, which opens a new issue. Collaborators and integrations report as themselves.' })
  async submitReport(
    @Arg('input', () => SubmitReportInput) input: SubmitReportInput,
    @Ctx() ctx: GraphQLContext,
    @IdempotencyKeyArg() idempotencyKey?: string | null,
  ): Promise<SubmitReportPayload> {
    const user = authorize(ctx.user, 'submitReport');
    requireLocalityInScope(ctx.services.catalogue, user, input.localityCode);
    const issueId = input.issueId ?? newId(user, idempotencyKey, 'issue');
    const report = reportFields(user, input, input.reportId ?? newId(user, idempotencyKey, `report:${issueId}`));
    const result = await execute(ctx, user, idempotencyKey, { type: 'SubmitReport', issueId, ...report });
    return { ...(await issuePayload(ctx, user, issueId, result)), reportId: report.reportId, suggestionSource: suggestionSource(report, result, issueId) };
  }

  @Mutation(() => SubmitReportPayload, { description: 'A further report on an existing issue' })
  async attachReport(
    @Arg('input', () => AttachReportInput) input: AttachReportInput,
    @Ctx() ctx: GraphQLContext,
    @IdempotencyKeyArg() idempotencyKey?: string | null,
  ): Promise<SubmitReportPayload> {
    const user = authorize(ctx.user, 'attachReport');
    await issueInScope(ctx, user, input.issueId);
    requireLocalityInScope(ctx.services.catalogue, user, input.report.localityCode);
    const report = reportFields(user, input.report, input.report.reportId ?? newId(user, idempotencyKey, `report:${input.issueId}`));
    const result = await execute(ctx, user, idempotencyKey, { type: 'AttachReport', issueId: input.issueId, report });
    return { ...(await issuePayload(ctx, user, input.issueId, result)), reportId: report.reportId, suggestionSource: suggestionSource(report, result, input.issueId) };
  }

  @Mutation(() => IssuePayload, { description: 'Phân loại: change sectors, locality or severity' })
  async classifyIssue(
    @Arg('input', () => ClassifyIssueInput) input: ClassifyIssueInput,
    @Ctx() ctx: GraphQLContext,
    @IdempotencyKeyArg() idempotencyKey?: string | null,
  ): Promise<IssuePayload> {
    const user = authorize(ctx.user, 'classifyIssue');
    await issueInScope(ctx, user, input.issueId);
    requireLocalityInScope(ctx.services.catalogue, user, input.localityCode);
    const result = await execute(ctx, user, idempotencyKey, {
      type: 'ClassifyIssue',
      issueId: input.issueId,
      sectors: input.sectors ?? undefined,
      localityCode: input.localityCode ?? undefined,
      severity: input.severity ?? undefined,
    });
    return issuePayload(ctx, user, input.issueId, result);
  }

  @Mutation(() => IssuePayload, { description: 'Thẩm định, kiểm chứng: record the outcome of verifying a report' })
  async verifyReport(
    @Arg('input', () => VerifyReportInput) input: VerifyReportInput,
    @Ctx() ctx: GraphQLContext,
    @IdempotencyKeyArg() idempotencyKey?: string | null,
  ): Promise<IssuePayload> {
    const user = authorize(ctx.user, 'verifyReport');
    await issueInScope(ctx, user, input.issueId);
    const { issueId, reportId, outcome, method, evidence } = input;
    const result = await execute(ctx, user, idempotencyKey, { type: 'VerifyReport', issueId, reportId, outcome, method, evidence, verifierId: user.id });
    return issuePayload(ctx, user, issueId, result);
  }

  @Mutation(() => ReferIssuePayload, { description: 'Chuyển cơ quan có thẩm quyền: needs a confirmed or partly confirmed verification' })
  async referIssue(
    @Arg('input', () => ReferIssueInput) input: ReferIssueInput,
    @Ctx() ctx: GraphQLContext,
    @IdempotencyKeyArg() idempotencyKey?: string | null,
  ): Promise<ReferIssuePayload> {
    const user = authorize(ctx.user, 'referIssue');
    await issueInScope(ctx, user, input.issueId);
    const referralId = input.referralId ?? newId(user, idempotencyKey, `referral:${input.issueId}`);
    const result = await execute(ctx, user, idempotencyKey, {
      type: 'ReferIssue',
      issueId: input.issueId,
      referralId,
      agencyId: input.agencyId,
      agencyName: input.agencyName ?? null,
      deadline: input.deadline.toISOString(),
      note: input.note ?? null,
    });
    return { ...(await issuePayload(ctx, user, input.issueId, result)), referralId };
  }

  @Mutation(() => IssuePayload, { description: 'Tiếp nhận: the agency takes on a referral addressed to it' })
  async acknowledgeReferral(
    @Arg('input', () => AcknowledgeReferralInput) input: AcknowledgeReferralInput,
    @Ctx() ctx: GraphQLContext,
    @IdempotencyKeyArg() idempotencyKey?: string | null,
  ): Promise<IssuePayload> {
    const user = authorize(ctx.user, 'acknowledgeReferral');
    await ownReferral(ctx, user, input.issueId, input.referralId);
    const result = await execute(ctx, user, idempotencyKey, { type: 'AcknowledgeReferral', issueId: input.issueId, referralId: input.referralId });
    return issuePayload(ctx, user, input.issueId, result);
  }

  @Mutation(() => IssuePayload, { description: 'Từ chối: the matter is outside the agency’s authority' })
  async declineReferral(
    @Arg('input', () => DeclineReferralInput) input: DeclineReferralInput,
    @Ctx() ctx: GraphQLContext,
    @IdempotencyKeyArg() idempotencyKey?: string | null,
  ): Promise<IssuePayload> {
    const user = authorize(ctx.user, 'declineReferral');
    await ownReferral(ctx, user, input.issueId, input.referralId);
    const result = await execute(ctx, user, idempotencyKey, {
      type: 'DeclineReferral',
      issueId: input.issueId,
      referralId: input.referralId,
      reason: input.reason,
      suggestedAgencyId: input.suggestedAgencyId ?? null,
    });
    return issuePayload(ctx, user, input.issueId, result);
  }

  @Mutation(() => IssuePayload, { description: 'Báo cáo kết quả giải quyết: the agency’s answer, after acknowledging' })
  async respondToReferral(
    @Arg('input', () => RespondToReferralInput) input: RespondToReferralInput,
    @Ctx() ctx: GraphQLContext,
    @IdempotencyKeyArg() idempotencyKey?: string | null,
  ): Promise<IssuePayload> {
    const user = authorize(ctx.user, 'respondToReferral');
    await ownReferral(ctx, user, input.issueId, input.referralId);
    const result = await execute(ctx, user, idempotencyKey, {
      type: 'RespondToReferral',
      issueId: input.issueId,
      referralId: input.referralId,
      result: input.result,
      resolved: input.resolved ?? undefined,
    });
    return issuePayload(ctx, user, input.issueId, result);
  }

  @Mutation(() => IssuePayload, { description: 'Phản hồi: feed the result back to the reporters' })
  async deliverFeedback(
    @Arg('input', () => DeliverFeedbackInput) input: DeliverFeedbackInput,
    @Ctx() ctx: GraphQLContext,
    @IdempotencyKeyArg() idempotencyKey?: string | null,
  ): Promise<IssuePayload> {
    const user = authorize(ctx.user, 'deliverFeedback');
    await issueInScope(ctx, user, input.issueId);
    const result = await execute(ctx, user, idempotencyKey, {
      type: 'DeliverFeedback',
      issueId: input.issueId,
      feedbackId: input.feedbackId ?? newId(user, idempotencyKey, `feedback:${input.issueId}`),
      reportId: input.reportId ?? null,
      content: input.content,
      channel: input.channel ?? null,
    });
    return issuePayload(ctx, user, input.issueId, result);
  }

  @Mutation(() => IssuePayload, { description: 'Định hướng thông tin: orientation, or a rebuttal of false information' })
  async issueGuidance(
    @Arg('input', () => IssueGuidanceInput) input: IssueGuidanceInput,
    @Ctx() ctx: GraphQLContext,
    @IdempotencyKeyArg() idempotencyKey?: string | null,
  ): Promise<IssuePayload> {
    const user = authorize(ctx.user, 'issueGuidance');
    await issueInScope(ctx, user, input.issueId);
    const result = await execute(ctx, user, idempotencyKey, {
      type: 'IssueGuidance',
      issueId: input.issueId,
      guidanceId: input.guidanceId ?? newId(user, idempotencyKey, `guidance:${input.issueId}`),
      kind: input.kind,
      content: input.content,
    });
    return issuePayload(ctx, user, input.issueId, result);
  }

  @Mutation(() => IssuePayload, { description: 'A quick report to leadership (severity at least PRESSING), or marking a hot spot' })
  async escalateIssue(
    @Arg('input', () => EscalateIssueInput) input: EscalateIssueInput,
    @Ctx() ctx: GraphQLContext,
    @IdempotencyKeyArg() idempotencyKey?: string | null,
  ): Promise<IssuePayload> {
    const user = authorize(ctx.user, 'escalateIssue');
    await issueInScope(ctx, user, input.issueId);
    const result = await execute(ctx, user, idempotencyKey, { type: 'EscalateIssue', issueId: input.issueId, level: input.level, reason: input.reason });
    return issuePayload(ctx, user, input.issueId, result);
  }

  @Mutation(() => IssuePayload, { description: 'Gộp: merge a duplicate into another issue; answers with the issue that stays' })
  async mergeIssues(
    @Arg('input', () => MergeIssuesInput) input: MergeIssuesInput,
    @Ctx() ctx: GraphQLContext,
    @IdempotencyKeyArg() idempotencyKey?: string | null,
  ): Promise<IssuePayload> {
    const user = authorize(ctx.user, 'mergeIssues');
    await issueInScope(ctx, user, input.issueId);
    await issueInScope(ctx, user, input.intoIssueId, ['input', 'intoIssueId']);
    const result = await execute(ctx, user, idempotencyKey, { type: 'MergeIssues', issueId: input.issueId, intoIssueId: input.intoIssueId, reason: input.reason ?? null });
    forgetIssue(ctx.loaders, input.issueId);
    return issuePayload(ctx, user, input.intoIssueId, result);
  }

  @Mutation(() => IssuePayload, { description: 'Kết thúc: close with a resolution; no referral may be open' })
  async closeIssue(
    @Arg('input', () => CloseIssueInput) input: CloseIssueInput,
    @Ctx() ctx: GraphQLContext,
    @IdempotencyKeyArg() idempotencyKey?: string | null,
  ): Promise<IssuePayload> {
    const user = authorize(ctx.user, 'closeIssue');
    await issueInScope(ctx, user, input.issueId);
    const result = await execute(ctx, user, idempotencyKey, { type: 'CloseIssue', issueId: input.issueId, resolution: input.resolution });
    return issuePayload(ctx, user, input.issueId, result);
  }

  @Mutation(() => IssuePayload, { description: 'Reopen a closed issue' })
  async reopenIssue(
    @Arg('input', () => ReopenIssueInput) input: ReopenIssueInput,
    @Ctx() ctx: GraphQLContext,
    @IdempotencyKeyArg() idempotencyKey?: string | null,
  ): Promise<IssuePayload> {
    const user = authorize(ctx.user, 'reopenIssue');
    await issueInScope(ctx, user, input.issueId);
    const result = await execute(ctx, user, idempotencyKey, { type: 'ReopenIssue', issueId: input.issueId, reason: input.reason });
    return issuePayload(ctx, user, input.issueId, result);
  }
}
