/**
 * Articles 18–19 (I-6, I-7): verifyEligibility and permitStatus. The batch path loads every fact
 * in a constant number of statements and writes decisions and audit entries in bulk.
 */
import type { EntityManager } from '@mikro-orm/core';
import {
  cite,
  decideEligibility,
  maskCitizenId,
  normalizeName,
  resolveRegionCode,
  rulesVersion,
  type Department,
  type Entitlement,
  type LocalDate,
  type PermitState,
  type Reason,
  type Region,
} from '../law';
import type { DecisionRow, EntitlementRow } from '../db/entities';
import { DecisionWriteFailed, writeDecisions, type DecisionWrite } from '../db/decision-writer';
import { checkFactRows } from '../db/check-facts';
import { connection } from '../db/sql';
import { storeDecisionBody } from '../db/reasons';
import type { AuditEvent } from './audit';
import { auditActor, officeRegion } from './caller';
import { AppError, badInput, forbidden, notFound } from './errors';
import {
  bundlesFrom,
  loadBundles,
  permitRegionOn,
  permitThatCounts,
  stateOn,
  type PermitBundle,
} from './facts';
import { asOfDate, now, type Scope } from './scope';
import { citizenId } from './workflow';
import { newDecisionId } from './decision-id';

export const MAX_BATCH = 1000;

export interface PermitSummaryView {
  maskedCitizenIdNumber: string;
  status: PermitState['status'];
  issuedOn: LocalDate;
  validThrough: LocalDate | null;
  endorsementWindow: { from: LocalDate; to: LocalDate; provisional: boolean } | null;
  region: Region;
}

export interface DecisionView {
  decisionId: string;
  eligible: boolean;
  entitlementCode: string;
  asOf: LocalDate;
  permit: PermitSummaryView | null;
  reasons: Reason[];
  rulesVersion: string;
  /** when it was decided (ISO 8601) */
  at: string;
  /** the asking department; null for public security and delegated agencies */
  department: Department | null;
  /** the ID number asked about, masked (also when no permit was found); null only on old rows without a permit */
  maskedCitizenIdNumber: string | null;
}

/**
 * A stored decision (its row in eligibility_decision) as it was answered: the one mapping every
 * stored-decision list uses, so they carry the same receipt as the answer did. Rows written before
 * the decision time, department and masked ID number were kept in the body fall back to the row's
 * columns and the permit summary.
 */
export interface EligibilityQueryInput {
  citizenIdNumber: string;
  holderName: string;
  entitlement: string;
  asOf?: string | null;
  dependentCitizenIdNumber?: string | null;
}

type SqlEm = EntityManager & { execute(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]> };

export function entitlementFromRow(r: EntitlementRow): Entitlement {
  const key = `${r.article}.1.${r.clause}` as Parameters<typeof cite>[0];
  return {
    code: r.code,
    kind: r.kind as Entitlement['kind'],
    citation: cite(key),
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    department: r.department as Entitlement['department'],
    regionCode: r.regionCode,
    effectiveFrom: r.effectiveFrom as LocalDate,
    effectiveUntil: r.effectiveUntil as LocalDate | null,
    local: r.local,
  };
}

export function summary(
  s: Scope,
  b: PermitBundle,
  citizenIdNumber: string,
  asOf: LocalDate,
): PermitSummaryView {
  return summaryOf(b, stateOn(s.deps.calendar, b, asOf), permitRegionOn(b, asOf), citizenIdNumber);
}

/** The masked summary from the state and region already derived for the day asked about. */
function summaryOf(
  b: PermitBundle,
  state: PermitState,
  region: Region,
  citizenIdNumber: string,
): PermitSummaryView {
  return {
    maskedCitizenIdNumber: maskCitizenId(citizenIdNumber),
    status: state.status,
    issuedOn: b.permit.issuedOn as LocalDate,
    validThrough: state.validThrough,
    endorsementWindow: state.endorsementWindow
      ? {
          from: state.endorsementWindow.from,
          to: state.endorsementWindow.to,
          provisional: state.endorsementWindow.provisional,
        }
      : null,
    region,
  };
}

/**
 * One question, checked. `nameKey` null: the holder consented by share code, so the code stands
 * in for the name (SPEC 亮证) and no name is asked.
 */
export interface ParsedQuery {
  id: string;
  nameKey: string | null;
  code: string;
  asOf: LocalDate;
  child: string | null;
  decisionId: string;
}

/** The facts every question of a batch needs, loaded in a constant number of statements. */
export interface BatchFacts {
  readonly ents: ReadonlyMap<string, EntitlementRow>;
  readonly holders: ReadonlyMap<string, { id: number; nameKey: string }>;
  readonly children: ReadonlyMap<string, string>;
  readonly byHolder: ReadonlyMap<number, PermitBundle[]>;
}

/** The decisions as answered, and as recorded. */
export interface Decided {
  readonly decisions: DecisionView[];
  readonly rows: DecisionRow[];
}

/** Checks one query's arguments (the scope of a DEPARTMENT included); the name is optional for a share-code check. */
export function parseQuery(
  s: Scope,
  q: {
    citizenIdNumber: string;
    holderName: string | null;
    entitlement: string;
    asOf?: string | null;
    dependentCitizenIdNumber?: string | null;
  },
  at: string,
): ParsedQuery {
  const pre = at === '' ? '' : `${at}.`;
  const id = citizenId(s, q.citizenIdNumber, `${pre}citizenIdNumber`).value;
  if (q.holderName !== null && (q.holderName.length > 256 || normalizeName(q.holderName) === ''))
    throw badInput(`${pre}holderName: empty or too long`, { field: `${pre}holderName` });
  const child =
    q.dependentCitizenIdNumber == null || q.dependentCitizenIdNumber === ''
      ? null
      : citizenId(s, q.dependentCitizenIdNumber, `${pre}dependentCitizenIdNumber`).value;
  if (s.caller.role === 'DEPARTMENT' && !s.caller.scope.has(q.entitlement))
    throw forbidden(`${pre}entitlement: ${q.entitlement.slice(0, 64)} is not in your scope`);
  if (
    s.caller.role !== 'DEPARTMENT' &&
    s.caller.role !== 'PUBLIC_SECURITY' &&
    s.caller.role !== 'DELEGATED_AGENCY'
  )
    throw forbidden(`${s.caller.role} may not verify eligibility`);
  return {
    id,
    nameKey: q.holderName === null ? null : normalizeName(q.holderName),
    code: q.entitlement,
    asOf: asOfDate(s, q.asOf, `${pre}asOf`),
    child,
    decisionId: newDecisionId(),
  };
}

/**
 * The facts, on one connection: the entitlements asked about, the holders with their dependents,
 * their permits and acts (src/db/check-facts.ts: four statements on SQLite, one on PostgreSQL).
 */
export async function loadBatchFacts(em: EntityManager, parsed: readonly ParsedQuery[]): Promise<BatchFacts> {
  const codes = [...new Set(parsed.map((p) => p.code))];
  const ids = [...new Set(parsed.map((p) => p.id))];
  const rows = await connection(em, (sql) => checkFactRows(sql, codes, ids));
  // the entitlements asked about (the end in force: the latest end act's, Art. 18(12)/19(6))
  const ents = new Map(rows.entitlements.map((row) => [row.code, row] as const));
  const unknown = codes.find((c) => !ents.has(c));
  if (unknown !== undefined) throw notFound(`Entitlement ${unknown.slice(0, 64)}`);
  // holders with their dependents (the children a school may name under 18(7))
  const holders = new Map<string, { id: number; nameKey: string }>();
  const children = new Map<string, string>();
  for (const h of rows.holders) {
    holders.set(h.citizenIdNumber, { id: h.id, nameKey: h.nameKey });
    if (h.child) children.set(`${h.id}:${h.child.citizenIdNumber}`, h.child.birthDate);
  }
  // permits (+ confiscations), with their endorsements, moves and replacements
  const byHolder = new Map<number, PermitBundle[]>();
  for (const b of bundlesFrom(rows.permits, rows.acts)) {
    const list = byHolder.get(b.permit.holderId);
    if (list) list.push(b);
    else byHolder.set(b.permit.holderId, [b]);
  }
  return { ents, holders, children, byHolder };
}

/** Articles 18–19 for each query (src/law decides), the region the caller acts for as the asker's. */
export function decideBatch(
  s: Scope,
  parsed: readonly ParsedQuery[],
  facts: BatchFacts,
  opts: { byShareCode?: boolean } = {},
): Decided {
  const askerRegion = officeRegion(s.caller);
  const version = rulesVersion(s.deps.calendar);
  const at = now(s).toISOString();
  const entitlements = new Map<string, Entitlement>();
  const entitlementOf = (code: string) => {
    let ent = entitlements.get(code);
    if (!ent) {
      ent = entitlementFromRow(facts.ents.get(code)!);
      entitlements.set(code, ent);
    }
    return ent;
  };
  const decisions: DecisionView[] = [];
  const rows: DecisionRow[] = [];
  for (const p of parsed) {
    const ent = entitlementOf(p.code);
    const holder = facts.holders.get(p.id);
    // I-7: a wrong name and an unknown ID number give the same answer; by share code the holder consented
    const matched = holder && (p.nameKey === null || holder.nameKey === p.nameKey) ? holder : null;
    const bundle = matched ? permitThatCounts(facts.byHolder.get(matched.id) ?? [], p.asOf) : null;
    const permit = bundle
      ? { state: stateOn(s.deps.calendar, bundle, p.asOf), region: permitRegionOn(bundle, p.asOf) }
      : null;
    const birth = matched && p.child ? (facts.children.get(`${matched.id}:${p.child}`) ?? null) : null;
    const decision = decideEligibility({
      asOf: p.asOf,
      entitlement: ent,
      askerRegion,
      permit,
      entitlementRegion: resolveRegionCode(ent.regionCode)!,
      dependent: { asked: p.child !== null, birthDate: birth as LocalDate | null },
    });
    // the summary only when PERMIT_FOUND was checked (not before the law was in force)
    const checked = bundle !== null && decision.reasons.some((r) => r.code === 'PERMIT_FOUND');
    const dv: DecisionView = {
      decisionId: p.decisionId,
      eligible: decision.eligible,
      entitlementCode: ent.code,
      asOf: p.asOf,
      permit: checked && permit ? summaryOf(bundle, permit.state, permit.region, p.id) : null,
      reasons: [...decision.reasons],
      rulesVersion: version,
      at,
      department: s.caller.department,
      maskedCitizenIdNumber: maskCitizenId(p.id),
    };
    decisions.push(dv);
    rows.push({
      decisionId: dv.decisionId,
      entitlementCode: dv.entitlementCode,
      asOf: dv.asOf,
      permitId: dv.permit && bundle ? bundle.permit.id : null,
      eligible: dv.eligible,
      body: storeDecisionBody(dv),
      actor: s.caller.sub,
      role: s.caller.role,
      department: s.caller.department,
      actorRegionCode: askerRegion.code,
      createdAt: at,
      // whose ID number was asked, whenever it belongs to a holder (the name may not have matched)
      holderId: holder?.id ?? null,
      byShareCode: opts.byShareCode === true,
    });
  }
  return { decisions, rows };
}

/** The audit entry of a decision (no name, no ID number: the decision id names it). */
export function decisionAuditEvent(dv: DecisionView, consent?: string): AuditEvent {
  return {
    action: 'VERIFY_ELIGIBILITY',
    subject: `decision:${dv.decisionId}`,
    outcome: `${dv.entitlementCode} ${dv.asOf} ${
      dv.eligible
        ? 'ELIGIBLE'
        : `NOT_ELIGIBLE ${dv.reasons
            .filter((r) => !r.passed)
            .map((r) => r.code)
            .join(',')}`
    }${consent ? ` ${consent}` : ''}`,
  };
}

/** The rows of decisions as one write: the decisions and their audit entries (then the extra ones). */
export function decisionWrite(
  s: Scope,
  d: Decided,
  extra: readonly AuditEvent[] = [],
  consent?: string,
): DecisionWrite {
  const actor = auditActor(s.caller);
  const at = now(s);
  return {
    decisions: d.rows,
    audit: [...d.decisions.map((dv) => decisionAuditEvent(dv, consent)), ...extra].map((ev) => ({
      ...ev,
      actor,
      role: s.caller.role,
      at,
    })),
  };
}

/**
 * Inside the caller's transaction: the decisions and their audit entries, in bulk (2 inserts, [lock],
 * head). For a write that must be atomic with the caller's own statements (a share code's claim);
 * plain verifications go through commitDecisions.
 */
export async function recordDecisions(
  tem: EntityManager,
  s: Scope,
  d: Decided,
  extra: readonly AuditEvent[] = [],
  consent?: string,
): Promise<void> {
  await writeDecisions(tem, [decisionWrite(s, d, extra, consent)]);
}

/**
 * Commits a write and returns only after it is committed: through the process's group-commit writer
 * when there is one (the server: concurrent verifications share one transaction), else in a
 * transaction of its own. A failed group is a refusal to answer (SERVICE_UNAVAILABLE), never a
 * silent success.
 */
export async function commitDecisions(s: Scope, write: DecisionWrite): Promise<void> {
  const writer = s.deps.decisions;
  if (!writer) {
    await s.em.transactional((tem) => writeDecisions(tem, [write]));
    return;
  }
  try {
    await writer.write(write);
  } catch (e) {
    if (e instanceof DecisionWriteFailed)
      throw new AppError('SERVICE_UNAVAILABLE', 'The register is temporarily unavailable; try again');
    throw e;
  }
}

/** After the commit of recordDecisions: the decisions and their audit entries, counted (metrics). */
export function observeDecisions(s: Scope, d: Decided, extraAuditEntries = 0): void {
  s.deps.observer?.auditAppended(d.decisions.length + extraAuditEntries);
  for (const dv of d.decisions) s.deps.observer?.decided(dv.entitlementCode, dv.eligible);
}

/** Shield has already checked role and, for a DEPARTMENT, that every code is in its scope. */
export async function verifyBatch(
  s: Scope,
  queries: readonly EligibilityQueryInput[],
): Promise<DecisionView[]> {
  if (queries.length > MAX_BATCH)
    throw badInput(`queries: at most ${MAX_BATCH} at once (got ${queries.length})`, { field: 'queries' });
  if (queries.length === 0) return [];
  const parsed = queries.map((q, i) => parseQuery(s, q, `queries[${i}]`));
  const facts = await loadBatchFacts(s.em, parsed);
  const decided = decideBatch(s, parsed, facts);
  // then committed with the verifications waiting now: one transaction for the group, decisions and
  // audit entries in bulk (begin, [lock], head, 2 inserts, commit); counted only once committed
  await commitDecisions(s, decisionWrite(s, decided));
  observeDecisions(s, decided);
  return decided.decisions;
}

/** The same question without an entitlement: the masked summary, or null when nothing matches (I-7). */
export async function permitStatus(
  s: Scope,
  citizenIdNumber: string,
  holderName: string,
  asOfInput?: string | null,
): Promise<PermitSummaryView | null> {
  const id = citizenId(s, citizenIdNumber, 'citizenIdNumber').value;
  if (holderName.length > 256 || normalizeName(holderName) === '')
    throw badInput('holderName: empty or too long', { field: 'holderName' });
  const asOf = asOfDate(s, asOfInput);
  const em = s.em as SqlEm;
  const [h] = await em.execute('select id, name_key from holder where citizen_id_number = ?', [id]);
  const matched = h && String(h.name_key) === normalizeName(holderName) ? Number(h.id) : null;
  const bundle = matched ? permitThatCounts(await loadBundles(em, { holderIds: [matched] }), asOf) : null;
  const result = bundle ? summary(s, bundle, id, asOf) : null;
  await commitDecisions(s, {
    decisions: [],
    audit: [
      {
        actor: auditActor(s.caller),
        role: s.caller.role,
        at: now(s),
        action: 'PERMIT_STATUS',
        subject: maskCitizenId(id),
        outcome: result ? `${result.status} ${asOf}` : `NO_MATCH ${asOf}`,
      },
    ],
  });
  s.deps.observer?.auditAppended(1);
  return result;
}
