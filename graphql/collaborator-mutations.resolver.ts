import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { CollaboratorState } from '../domain/collaborator/decider';
import { collaboratorDecider } from '../domain/collaborator/decider';
import type { CollaboratorEvent } from '../domain/collaborator/events';
import { fold } from '../domain/decider';
import { NotFoundError } from '../domain/errors';
import { requireId } from '../domain/validation';
import type { CommandResult } from '../services/commands/command-service';
import { type CollaboratorCommandInput, collaboratorStream } from '../services/commands/collaborator-commands';
import { type AuthUser, inScope } from './auth/auth-user';
import { authorize } from './auth/policy';
import { CollaboratorPayload } from './collaborator-payload.type';
import type { GraphQLContext } from './context';
import { DeactivateCollaboratorInput } from './deactivate-collaborator.input';
import { EnrollCollaboratorInput } from './enroll-collaborator.input';
import { requireLocalityInScope } from './issue-scope';
import { IdempotencyKeyArg, newId, runCommand } from './run-command';
import { UpdateCollaboratorInput } from './update-collaborator.input';

/**
 * The collaborator register (cộng tác viên). An officer manages the collaborators whose locality is in their scope:
 * one outside it is NOT_FOUND, and a new locality outside it is FORBIDDEN. Checks come before the command.
 */

async function collaboratorInScope(ctx: GraphQLContext, user: AuthUser, collaboratorId: string): Promise<void> {
  requireId(collaboratorId, ['input', 'collaboratorId']);
  const events = await ctx.services.store.readStream(collaboratorStream(collaboratorId));
  const state = fold(collaboratorDecider, events.map((e) => ({ type: e.type, data: e.data }) as CollaboratorEvent));
  const profile = state.profile;
  const commune = profile && profile.localityCode.length === 5 ? profile.localityCode : null;
  if (profile === null || !inScope(user, profile.provinceCode, commune)) throw new NotFoundError(`collaborator ${collaboratorId} not found`);
}

async function collaboratorPayload(ctx: GraphQLContext, collaboratorId: string, result: CommandResult<CollaboratorState>): Promise<CollaboratorPayload> {
  return {
    collaboratorId,
    active: result.state.active,
    position: result.position.toString(),
    replayed: result.replayed,
    readModelCurrent: await ctx.services.waitForProjections(result.position),
  };
}

function execute(ctx: GraphQLContext, user: AuthUser, idempotencyKey: string | null | undefined, command: CollaboratorCommandInput) {
  return runCommand(ctx, user, idempotencyKey, (envelope) => ctx.services.collaborators.execute(command, envelope));
}

@Resolver()
export class CollaboratorMutationsResolver {
  @Mutation(() => CollaboratorPayload, { description: 'Registers a collaborator (cộng tác viên dư luận xã hội) in your scope' })
  async enrollCollaborator(
    @Arg('input', () => EnrollCollaboratorInput) input: EnrollCollaboratorInput,
    @Ctx() ctx: GraphQLContext,
    @IdempotencyKeyArg() idempotencyKey?: string | null,
  ): Promise<CollaboratorPayload> {
    const user = authorize(ctx.user, 'enrollCollaborator');
    requireLocalityInScope(ctx.services.catalogue, user, input.localityCode);
    const collaboratorId = input.collaboratorId ?? newId(user, idempotencyKey, 'collaborator');
    const result = await execute(ctx, user, idempotencyKey, {
      type: 'EnrollCollaborator',
      collaboratorId,
      fullName: input.fullName,
      level: input.level,
      localityCode: input.localityCode,
      unit: input.unit ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
    });
    return collaboratorPayload(ctx, collaboratorId, result);
  }

  @Mutation(() => CollaboratorPayload, { description: 'Changes a collaborator’s profile' })
  async updateCollaborator(
    @Arg('input', () => UpdateCollaboratorInput) input: UpdateCollaboratorInput,
    @Ctx() ctx: GraphQLContext,
    @IdempotencyKeyArg() idempotencyKey?: string | null,
  ): Promise<CollaboratorPayload> {
    const user = authorize(ctx.user, 'updateCollaborator');
    await collaboratorInScope(ctx, user, input.collaboratorId);
    requireLocalityInScope(ctx.services.catalogue, user, input.localityCode);
    const result = await execute(ctx, user, idempotencyKey, {
      type: 'UpdateCollaborator',
      collaboratorId: input.collaboratorId,
      fullName: input.fullName ?? undefined,
      level: input.level ?? undefined,
      localityCode: input.localityCode ?? undefined,
      // null clears these three; absent leaves them as they are
      unit: input.unit,
      phone: input.phone,
      email: input.email,
    });
    return collaboratorPayload(ctx, input.collaboratorId, result);
  }

  @Mutation(() => CollaboratorPayload, { description: 'Ends a collaborator’s service; their reports stay' })
  async deactivateCollaborator(
    @Arg('input', () => DeactivateCollaboratorInput) input: DeactivateCollaboratorInput,
    @Ctx() ctx: GraphQLContext,
    @IdempotencyKeyArg() idempotencyKey?: string | null,
  ): Promise<CollaboratorPayload> {
    const user = authorize(ctx.user, 'deactivateCollaborator');
    await collaboratorInScope(ctx, user, input.collaboratorId);
    const result = await execute(ctx, user, idempotencyKey, { type: 'DeactivateCollaborator', collaboratorId: input.collaboratorId, reason: input.reason });
    return collaboratorPayload(ctx, input.collaboratorId, result);
  }
}
