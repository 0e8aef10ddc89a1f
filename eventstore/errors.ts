import { ConflictError, DomainError, ValidationError } from '../domain/errors';

/** The stream's revision is not the one the writer expected. */
export class WrongExpectedRevisionError extends ConflictError {
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${expected}, actual ${actual === 'no_stream' ? 'no stream' : actual.toString()}`);
  }
}

/** Some of the event ids of an append were already stored, but not as this same append. */
export class IdempotencyConflictError extends ConflictError {
  constructor(readonly streamId: string, readonly eventId: string) {
    super(`event id ${eventId} was already appended with different content or to another place than stream ${streamId}`);
  }
}

/** The store did not answer within the adapter's own deadline. */
export class StoreTimeoutError extends DomainError {
  readonly code = 'CONFLICT' as const; // a retryable, transient failure; the API maps it to 503-like CONFLICT
  constructor(readonly operation: string, readonly ms: number) {
    super(`event store did not answer ${operation} within ${ms} ms`);
  }
}

export class InvalidAppendError extends ValidationError {}
