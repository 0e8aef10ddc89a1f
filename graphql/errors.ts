import type { GraphQLFormattedError } from 'graphql';
import { DomainError, IllegalStateError, ValidationError } from '../domain/errors';
import { StoreTimeoutError } from '../eventstore/errors';

/** The codes clients can rely on in `extensions.code`. */
export const CLIENT_CODES = ['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'ILLEGAL_STATE'] as const;

/** graphql-js quotes the offending value in coercion errors; we never echo input back. */
function withoutEchoedValues(message: string): string {
  return message
    .replace(/got invalid value .*?(;|$)/s, 'got an invalid value$1')
    .replace(/(Expected value of type "[^"]+", found ).*?(;|$)/s, '$1an invalid value$2')
    .replace(/Value ".*?" does not exist in (".*?" enum)/s, 'The value does not exist in $1')
    .replace(/(cannot represent a non[- ][\w ]+ value): .*$/s, '$1');
}

/**
 * Maps errors to the API's contract: domain errors carry their code (with field paths for BAD_USER_INPUT and the
 * broken rule for ILLEGAL_STATE); GraphQL's own validation errors keep theirs, without echoed values; anything
 * else is INTERNAL_SERVER_ERROR with a generic message (the detail goes to the log, never to the client).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, log?: (err: unknown) => void): GraphQLFormattedError {
  const original = (error as { originalError?: unknown })?.originalError ?? error;
  if (original instanceof DomainError) {
    const extensions: Record<string, unknown> = { code: original instanceof StoreTimeoutError ? 'CONFLICT' : original.code };
    if (original instanceof ValidationError) extensions.fieldErrors = original.problems.map((p) => ({ path: p.path, message: p.message }));
    if (original instanceof IllegalStateError) extensions.rule = original.rule;
    return { message: original.message, locations: formatted.locations, path: formatted.path, extensions };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
    return { ...formatted, message: withoutEchoedValues(formatted.message), extensions: { code } };
  }
  log?.(original);
  return { message: 'internal error; it has been logged', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
