/**
 * Typed domain errors. Each has a stable `code` that the API maps to GraphQL `extensions.code`.
 * Messages name the offending field and rule; they never echo a whole input back.
 */
export type DomainErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'ILLEGAL_STATE' | 'UNAUTHENTICATED';

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldProblem {
  /** Path of the offending field, e.g. ['content', 'title']. */
  path: (string | number)[];
  message: string;
}

/** The input is malformed or breaks a field rule. */
export class ValidationError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
  readonly problems: FieldProblem[];
  constructor(message: string, problems: FieldProblem[] = []) {
    super(message);
    this.problems = problems;
  }
  static field<T extends ValidationError>(
    this: new (message: string, problems: FieldProblem[]) => T,
    path: (string | number)[] | string,
    message: string,
  ): T {
    const p = typeof path === 'string' ? path.split('.') : path;
    return new this(`${p.join('.')}: ${message}`, [{ path: p, message }]);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;
}

/** A concurrent writer got there first, or an idempotency key was reused for different content. */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT' as const;
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN' as const;
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED' as const;
}

/** The command is well-formed but the aggregate's current state does not allow it (a lifecycle rule). */
export class IllegalStateError extends DomainError {
  readonly code = 'ILLEGAL_STATE' as const;
  /** A short machine-readable name of the rule that was broken, e.g. 'REFER_REQUIRES_CONFIRMED_VERIFICATION'. */
  readonly rule: string;
  constructor(rule: string, message: string) {
    super(message);
    this.rule = rule;
  }
}
