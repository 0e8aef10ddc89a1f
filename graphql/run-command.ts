import { createHash, randomUUID } from 'node:crypto';
import { Arg } from 'type-graphql';
import { ValidationError } from '../domain/errors';
import type { CommandEnvelope } from '../services/commands/command-service';
import type { AuthUser } from './auth/auth-user';
import type { GraphQLContext } from './context';

/** Running a command for a GraphQL caller: its envelope, ids it leaves to the server, and error paths in GraphQL terms. */

/** Arguments of a mutation that are not inside `input`: their field errors keep their own path. */
const TOP_LEVEL_ARGUMENTS = new Set<string | number>(['idempotencyKey']);

/** The domain names fields relative to the command; the client sent them inside the mutation's `input`. */
function underInput(error: ValidationError): ValidationError {
  const problems = error.problems.map((problem) => ({
    ...problem,
    path: TOP_LEVEL_ARGUMENTS.has(problem.path[0]) ? problem.path : ['input', ...problem.path],
  }));
  const message = problems.length === 1 ? `${problems[0].path.join('.')}: ${problems[0].message}` : error.message;
  return new ValidationError(message, problems);
}

/**
 * Runs `execute` with the caller's envelope (actor, role, idempotency key; the request id as correlation id) and
 * reports field errors at their path in the mutation's arguments.
 */
export async function runCommand<T>(
  ctx: GraphQLContext,
  user: AuthUser,
  idempotencyKey: string | null | undefined,
  execute: (envelope: CommandEnvelope) => Promise<T>,
): Promise<T> {
  const envelope: CommandEnvelope = { actorId: user.id, actorRole: user.role, correlationId: ctx.requestId };
  if (idempotencyKey !== null && idempotencyKey !== undefined) envelope.idempotencyKey = idempotencyKey;
  try {
    return await execute(envelope);
  } catch (error) {
    throw error instanceof ValidationError ? underInput(error) : error;
  }
}

/**
 * An id the server chooses for something a command creates (an issue, a report, a referral…). With an idempotency
 * key it is derived from the caller, the key and the purpose, so a resubmission names the same stream and the event
 * store recognises the retry; without one it is random.
 */
export function newId(user: AuthUser, idempotencyKey: string | null | undefined, purpose: string): string {
  if (idempotencyKey === null || idempotencyKey === undefined) return randomUUID();
  const bytes = createHash('sha256').update(`dlxh:id:${user.id}:${idempotencyKey}:${purpose}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80; // UUID version 8 (custom), RFC 9562
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The optional `idempotencyKey` argument every mutation takes. */
export const IdempotencyKeyArg = () =>
  Arg('idempotencyKey', () => String, {
    nullable: true,
    description: 'Same key, same command: the first result comes back and nothing new is written; the key with a different command is CONFLICT',
  });
