import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { ForbiddenError, ValidationError } from '../domain/errors';
import type { ResponseInput } from '../domain/survey/commands';
import type { SurveyState } from '../domain/survey/state';
import { requireId } from '../domain/validation';
import type { CommandResult } from '../services/commands/command-service';
import { recordCounts, type SurveyCommandInput } from '../services/commands/survey-commands';
import type { AuthUser } from './auth/auth-user';
import { authorize } from './auth/policy';
import type { GraphQLContext } from './context';
import { IdempotencyKeyArg, newId, runCommand } from './run-command';
import { requireSurveyVisible, requireTargetsInScope, surveyCommands } from './survey-access';
import { CloseSurveyInput, OpenSurveyInput, RecordSurveyResponseInput, RecordSurveyResponsesInput, SurveyResponseInput } from './survey.input';
import { RecordSurveyResponsesPayload, SurveyPayload } from './survey.type';

/**
 * Survey mutations. Each checks the role (policy table), then the scope — the survey must be one the user can see
 * (NOT_FOUND otherwise), targets and respondents' communes must be in the user's scope (FORBIDDEN otherwise) — and
 * only then runs the command: a rejected mutation writes nothing.
 */

/** Responses per recordSurveyResponses call: one append, and within the API's 1 MB request body. */
export const MAX_RESPONSES_PER_CALL = 2_000;

function execute(ctx: GraphQLContext, user: AuthUser, idempotencyKey: string | null | undefined, command: SurveyCommandInput) {
  return runCommand(ctx, user, idempotencyKey, (envelope) => surveyCommands(ctx.services).execute(command, envelope));
}

async function surveyState(ctx: GraphQLContext, user: AuthUser, surveyId: string): Promise<SurveyState> {
  requireId(surveyId, ['input', 'surveyId']);
  const state = await surveyCommands(ctx.services).load(surveyId);
  requireSurveyVisible(user, surveyId, state);
  return state;
}

async function surveyPayload(ctx: GraphQLContext, surveyId: string, result: CommandResult<SurveyState>): Promise<SurveyPayload> {
  return {
    surveyId,
    status: result.state.status ?? 'OPEN',
    responseCount: result.state.responses.size,
    position: result.position.toString(),
    replayed: result.replayed,
    readModelCurrent: await ctx.services.waitForProjections(result.position),
  };
}

function responseCommand(input: SurveyResponseInput): ResponseInput {
  return {
    responseId: input.responseId,
    localityCode: input.localityCode,
    demographics: input.demographics ? { ...input.demographics } : null,
    answers: input.answers.map((answer) => ({ ...answer })),
  };
}

async function record(ctx: GraphQLContext, user: AuthUser, idempotencyKey: string | null | undefined, surveyId: string, responses: SurveyResponseInput[]): Promise<RecordSurveyResponsesPayload> {
  await surveyState(ctx, user, surveyId);
  if (user.communeCodes !== null) {
    const outside = responses.find((response) => !user.communeCodes!.includes(response.localityCode));
    if (outside) throw new ForbiddenError(`locality ${outside.localityCode} is outside your scope`);
  }
  const result = await execute(ctx, user, idempotencyKey, { type: 'RecordResponses', surveyId, responses: responses.map(responseCommand) });
  const counts = recordCounts(responses.length, result);
  return {
    surveyId,
    ...counts,
    position: counts.position.toString(),
    replayed: result.replayed,
    readModelCurrent: await ctx.services.waitForProjections(result.position),
  };
}

@Resolver()
export class SurveyMutationsResolver {
  @Mutation(() => SurveyPayload, { description: 'Mở một cuộc khảo sát dư luận xã hội in your scope' })
  async openSurvey(
    @Arg('input', () => OpenSurveyInput) input: OpenSurveyInput,
    @Ctx() ctx: GraphQLContext,
    @IdempotencyKeyArg() idempotencyKey?: string | null,
  ): Promise<SurveyPayload> {
    const user = authorize(ctx.user, 'openSurvey');
    requireTargetsInScope(user, ctx.services.catalogue, input.targetLocalityCodes);
    const surveyId = input.surveyId ?? newId(user, idempotencyKey, 'survey');
    const result = await execute(ctx, user, idempotencyKey, {
      type: 'OpenSurvey',
      surveyId,
      title: input.title,
      description: input.description ?? null,
      targetLocalityCodes: input.targetLocalityCodes,
      questions: input.questions.map((q) => ({ ...q, options: q.options?.map((o) => ({ ...o })) ?? null })),
      opensAt: input.opensAt ?? null,
      closesAt: input.closesAt ?? null,
    });
    return surveyPayload(ctx, surveyId, result);
  }

  @Mutation(() => RecordSurveyResponsesPayload, {
    description: `Ghi nhận phiếu trả lời: up to ${MAX_RESPONSES_PER_CALL} per call, written in one append (all or nothing). Responses recorded before with the same content are skipped.`,
  })
  async recordSurveyResponses(
    @Arg('input', () => RecordSurveyResponsesInput) input: RecordSurveyResponsesInput,
    @Ctx() ctx: GraphQLContext,
    @IdempotencyKeyArg() idempotencyKey?: string | null,
  ): Promise<RecordSurveyResponsesPayload> {
    const user = authorize(ctx.user, 'recordSurveyResponses');
    if (input.responses.length > MAX_RESPONSES_PER_CALL) {
      throw ValidationError.field(['input', 'responses'], `must list at most ${MAX_RESPONSES_PER_CALL} responses; import larger sets with \`dlxh survey import\``);
    }
    return record(ctx, user, idempotencyKey, input.surveyId, input.responses);
  }

  @Mutation(() => RecordSurveyResponsesPayload, { description: 'Ghi nhận một phiếu trả lời (e.g. a collaborator interviewing in their commune)' })
  async recordSurveyResponse(
    @Arg('input', () => RecordSurveyResponseInput) input: RecordSurveyResponseInput,
    @Ctx() ctx: GraphQLContext,
    @IdempotencyKeyArg() idempotencyKey?: string | null,
  ): Promise<RecordSurveyResponsesPayload> {
    const user = authorize(ctx.user, 'recordSurveyResponse');
    try {
      return await record(ctx, user, idempotencyKey, input.surveyId, [input.response]);
    } catch (error) {
      // One response: its fields are under input.response, not input.responses.0.
      if (!(error instanceof ValidationError)) throw error;
      const problems = error.problems.map((p) => ({ ...p, path: p.path[1] === 'responses' ? ['input', 'response', ...p.path.slice(3)] : p.path }));
      throw new ValidationError(problems.length === 1 ? `${problems[0].path.join('.')}: ${problems[0].message}` : error.message, problems);
    }
  }

  @Mutation(() => SurveyPayload, { description: 'Kết thúc khảo sát: no further responses' })
  async closeSurvey(
    @Arg('input', () => CloseSurveyInput) input: CloseSurveyInput,
    @Ctx() ctx: GraphQLContext,
    @IdempotencyKeyArg() idempotencyKey?: string | null,
  ): Promise<SurveyPayload> {
    const user = authorize(ctx.user, 'closeSurvey');
    const state = await surveyState(ctx, user, input.surveyId);
    requireTargetsInScope(user, ctx.services.catalogue, state.targetLocalityCodes);
    const result = await execute(ctx, user, idempotencyKey, { type: 'CloseSurvey', surveyId: input.surveyId, reason: input.reason ?? null });
    return surveyPayload(ctx, input.surveyId, result);
  }
}
