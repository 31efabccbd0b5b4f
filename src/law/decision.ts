/**
 * A decision is data: whether it holds, and each condition checked with the article it rests on
 * (Art. 23: every decision and refusal can be taken to administrative review). A Reason cannot be
 * built without a Citation.
 */
import type { Citation } from './articles';

export interface Reason<Code extends string = string> {
  readonly code: Code;
  readonly passed: boolean;
  readonly citation: Citation;
  readonly messageZh: string;
  readonly messageEn: string;
}

export interface Decision<Code extends string = string> {
  /** true only when every listed reason passed */
  readonly eligible: boolean;
  readonly reasons: readonly Reason<Code>[];
}

export function reason<Code extends string>(
  code: Code,
  passed: boolean,
  citation: Citation,
  messageZh: string,
  messageEn: string,
): Reason<Code> {
  return { code, passed, citation, messageZh, messageEn };
}

export function decide<Code extends string>(reasons: readonly Reason<Code>[]): Decision<Code> {
  return { eligible: reasons.length > 0 && reasons.every((r) => r.passed), reasons };
}

/**
 * A refusal of an act by the rules (not a caller's error): it becomes a RULE_VIOLATION GraphQL
 * error at the edge, with `reason` and `citation`.
 */
export interface RuleViolation {
  readonly kind: 'RULE_VIOLATION';
  readonly reason: string;
  readonly citation: Citation;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}

export function violation(
  reason: string,
  citation: Citation,
  messageZh: string,
  messageEn: string,
  details?: Record<string, string | number | boolean | null>,
): RuleViolation {
  return details
    ? { kind: 'RULE_VIOLATION', reason, citation, messageZh, messageEn, details }
    : { kind: 'RULE_VIOLATION', reason, citation, messageZh, messageEn };
}

export type Result<T, E = RuleViolation> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });
