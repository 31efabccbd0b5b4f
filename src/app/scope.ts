/**
 * A request's scope: its own EntityManager fork, the verified caller, the clock and the calendar.
 * Use cases receive it; nothing here is shared between callers.
 */
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import {
  isDateError,
  parseLocalDate,
  todayInShanghai,
  resolveRegionCode,
  covers,
  type Clock,
  type LocalDate,
  type Region,
  type WorkingCalendar,
} from '../law';
import { appendAudit, type AuditEvent } from './audit';
import { officeRegion, type Caller } from './caller';
import type { Observer } from './observer';
import type { DecisionWriter } from '../db/decision-writer';
import type { ShareCodeAttempts } from './share-codes/attempts';
import { AppError, badInput, conflict, forbidden } from './errors';

export interface Deps {
  readonly calendar: WorkingCalendar;
  readonly clock: Clock;
  /** operations' counters (src/ops/metrics.ts); absent: nothing is counted */
  readonly observer?: Observer;
  /** the process's group-commit writer for verifications (src/db/decision-writer); absent: own transaction */
  readonly decisions?: DecisionWriter;
  /** share codes: the key their hashes are made with, and the counter of a caller's invalid codes */
  readonly shareCodes: { readonly key: Uint8Array; readonly attempts: ShareCodeAttempts };
}

export interface Scope {
  readonly em: EntityManager;
  readonly caller: Caller;
  readonly deps: Deps;
  /** the request's logger (progress of long checks); absent outside a request */
  readonly log?: { info(obj: object, msg: string): void };
}

export function today(s: Scope): LocalDate {
  return todayInShanghai(s.deps.clock);
}

export function now(s: Scope): Date {
  return new Date(s.deps.clock());
}

/** A date an act takes: defaults to today, refused after today (contract header). */
export function actDate(s: Scope, input: string | null | undefined, field: string): LocalDate {
  const t = today(s);
  if (input == null) return t;
  const parsed = parseLocalDate(input);
  if (isDateError(parsed)) throw badInput(`${field}: ${parsed.messageEn}`, { field });
  if (parsed > t)
    throw badInput(`${field}: ${parsed} is after today (${t}) in China Standard Time`, { field });
  return parsed;
}

/** A date a question is asked about: defaults to today; any real date. */
export function asOfDate(s: Scope, input: string | null | undefined, field = 'asOf'): LocalDate {
  if (input == null) return today(s);
  const parsed = parseLocalDate(input);
  if (isDateError(parsed)) throw badInput(`${field}: ${parsed.messageEn}`, { field });
  return parsed;
}

export function numericId(input: string, what: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(input))
    throw badInput(`${what}: "${input.slice(0, 20)}" is not an id`, { field: what });
  const n = Number(input);
  if (n > 2_147_483_647) throw badInput(`${what}: "${input.slice(0, 20)}" is not an id`, { field: what });
  return n;
}

export function region(code: string, field: string): Region {
  const r = resolveRegionCode(code);
  if (!r)
    throw badInput(`${field}: "${code.slice(0, 12)}" is not a Luoyang region code (GB/T 2260)`, { field });
  return r;
}

/** SPEC: public security and delegated agencies act only for residences in their region (I-5). */
export function requireRegion(s: Scope, target: Region, what: string): void {
  const own = officeRegion(s.caller);
  if (!covers(own, target)) {
    throw forbidden(`${what}: ${target.nameEn} (${target.code}) is outside your region (${own.code})`);
  }
}

/** Audit entries of a read or an attempt, in a transaction of their own. */
export async function audited(s: Scope, events: readonly AuditEvent[]): Promise<void> {
  await s.em.fork().transactional((em) => appendAudit(em, s.caller, events, now(s)));
  s.deps.observer?.auditAppended(events.length);
}

/** What an act is, for the audit entry of its refusal. */
export interface Act {
  readonly action: string;
  readonly subject: string | null;
}

/**
 * One transaction per mutation: an error writes nothing of the act. A refusal by the rules is
 * itself a decision (Art. 23) that an auditor must be able to see (Art. 22(1): refusing an
 * application the rules pass is misconduct), so it is audited on its own, after the rollback,
 * with its decision id. Unique-constraint races become CONFLICT.
 */
export async function inTransaction<T>(
  s: Scope,
  act: Act,
  work: (em: EntityManager) => Promise<{ result: T; audit: AuditEvent[] }>,
): Promise<T> {
  try {
    const done = await s.em.transactional(async (em) => {
      const { result, audit } = await work(em);
      await appendAudit(em, s.caller, audit, now(s));
      return { result, entries: audit.length };
    });
    s.deps.observer?.auditAppended(done.entries);
    return done.result;
  } catch (e) {
    if (e instanceof AppError && e.code === 'RULE_VIOLATION') {
      const outcome = `REFUSED ${String(e.extra.reason)} decision ${String(e.extra.decisionId)}`;
      await s.em
        .fork()
        .transactional((em) =>
          appendAudit(em, s.caller, [{ action: act.action, subject: act.subject, outcome }], now(s)),
        );
      s.deps.observer?.auditAppended(1);
      s.deps.observer?.refused(String(e.extra.reason));
      throw e;
    }
    if (e instanceof AppError) throw e;
    if (e instanceof UniqueConstraintViolationException)
      throw conflict('A concurrent or earlier act already recorded this (a unique rule of the register)');
    throw e;
  }
}
