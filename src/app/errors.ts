/**
 * Errors that cross the edge. src/law returns typed results; the use cases turn refusals into
 * AppErrors; the GraphQL layer turns AppErrors into errors with the contract's codes.
 */
import { randomUUID } from 'node:crypto';
import type { Citation, RuleViolation } from '../law';

export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RULE_VIOLATION'
  | 'SERVICE_UNAVAILABLE'
  | 'RATE_LIMITED';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const forbidden = (why: string) => new AppError('FORBIDDEN', why);
export const badInput = (why: string, extra: Record<string, unknown> = {}) =>
  new AppError('BAD_USER_INPUT', why, extra);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const conflict = (why: string) => new AppError('CONFLICT', why);

/** Too many attempts: HTTP 429 (graphql-js copies `extensions` of the thrown error, Apollo reads `http`). */
export class RateLimitedError extends AppError {
  readonly extensions = { code: 'RATE_LIMITED', http: { status: 429 } };
  constructor(why: string) {
    super('RATE_LIMITED', why);
  }
}

/** Art. 23: a refusal carries a decision id and the article it rests on, for administrative review. */
export function ruleViolation(v: RuleViolation): AppError {
  return new AppError('RULE_VIOLATION', `${v.messageEn} (${v.messageZh})`, {
    decisionId: randomUUID(),
    reason: v.reason,
    citation: citationJson(v.citation),
    ...(v.details ? { details: v.details } : {}),
  });
}

export function citationJson(c: Citation) {
  return { article: c.article, paragraph: c.paragraph, clause: c.clause, textZh: c.textZh };
}
