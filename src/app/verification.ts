/**
 * Articles 18–19 (I-6, I-7): verifyEligibility and permitStatus. The batch path loads every fact
 * in a constant number of statements and writes decisions and audit entries in bulk.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import {
  cite, decideEligibility, maskCitizenId, normalizeName, resolveRegionCode, rulesVersion,
  type Department, type Entitlement, type LocalDate, type PermitState, type Reason, type Region,
} from '../law';
import { Decision, type DecisionRow, type EntitlementRow } from '../db/entities';
import { appendAudit } from './audit';
import { badInput, forbidden, notFound } from './errors';
import { loadBundles, permitRegionOn, permitThatCounts, stateOn, type PermitBundle } from './facts';
import { asOfDate, now, type Scope } from './scope';
import { citizenId } from './workflow';

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
const ph = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export function entitlementFromRow(r: EntitlementRow): Entitlement {
  const key = `${r.article}.1.${r.clause}` as Parameters<typeof cite>[0];
  return {
    code: r.code, kind: r.kind as Entitlement['kind'], citation: cite(key), nameZh: r.nameZh, nameEn: r.nameEn,
    department: r.department as Entitlement['department'], regionCode: r.regionCode, effectiveFrom: r.effectiveFrom as LocalDate,
    effectiveUntil: r.effectiveUntil as LocalDate | null, local: r.local,
  };
}

function rowToEntitlement(r: Record<string, unknown>): EntitlementRow {
  return {
    code: String(r.code), kind: String(r.kind), article: Number(r.article), clause: Number(r.clause), nameZh: String(r.name_zh),
    nameEn: String(r.name_en), department: String(r.department), regionCode: String(r.region_code), effectiveFrom: String(r.effective_from),
    effectiveUntil: r.effective_until == null ? null : String(r.effective_until), local: r.local === true || r.local === 1, actor: '', createdAt: '',
  };
}

export function summary(s: Scope, b: PermitBundle, citizenIdNumber: string, asOf: LocalDate): PermitSummaryView {
  const state = stateOn(s.deps.calendar, b, asOf);
  return {
    maskedCitizenIdNumber: maskCitizenId(citizenIdNumber),
    status: state.status,
    issuedOn: b.permit.issuedOn as LocalDate,
    validThrough: state.validThrough,
    endorsementWindow: state.endorsementWindow ? { from: state.endorsementWindow.from, to: state.endorsementWindow.to, provisional: state.endorsementWindow.provisional } : null,
    region: permitRegionOn(b, asOf),
  };
}

interface Parsed { id: string; nameKey: string; code: string; asOf: LocalDate; child: string | null }

/** Shield has already checked role and, for a DEPARTMENT, that every code is in its scope. */
export async function verifyBatch(s: Scope, queries: readonly EligibilityQueryInput[]): Promise<DecisionView[]> {
  if (queries.length > MAX_BATCH) throw badInput(`queries: at most ${MAX_BATCH} at once (got ${queries.length})`, { field: 'queries' });
  if (queries.length === 0) return [];
  const parsed: Parsed[] = queries.map((q, i) => {
    const at = `queries[${i}]`;
    const id = citizenId(s, q.citizenIdNumber, `${at}.citizenIdNumber`).value;
    if (q.holderName.length > 256 || normalizeName(q.holderName) === '') throw badInput(`${at}.holderName: empty or too long`, { field: `${at}.holderName` });
    const child = q.dependentCitizenIdNumber == null || q.dependentCitizenIdNumber === '' ? null : citizenId(s, q.dependentCitizenIdNumber, `${at}.dependentCitizenIdNumber`).value;
    if (s.caller.role === 'DEPARTMENT' && !s.caller.scope.has(q.entitlement)) throw forbidden(`${at}.entitlement: ${q.entitlement.slice(0, 64)} is not in your scope`);
    return { id, nameKey: normalizeName(q.holderName), code: q.entitlement, asOf: asOfDate(s, q.asOf, `${at}.asOf`), child };
  });
  const em = s.em as SqlEm;
  const codes = [...new Set(parsed.map((p) => p.code))];
  const ids = [...new Set(parsed.map((p) => p.id))];
  // 1: the entitlements asked about
  const ents = new Map((await em.execute(`select * from entitlement where code in (${ph(codes.length)})`, codes)).map((r) => {
    const row = rowToEntitlement(r);
    return [row.code, row] as const;
  }));
  const unknown = codes.find((c) => !ents.has(c));
  if (unknown !== undefined) throw notFound(`Entitlement ${unknown.slice(0, 64)}`);
  // 2: holders with their dependents (the children a school may name under 18(7))
  const holders = new Map<string, { id: number; nameKey: string }>();
  const children = new Map<string, string>();
  for (const r of await em.execute(
    `select h.id, h.citizen_id_number, h.name_key, d.citizen_id_number as child_id, d.birth_date as child_birth
       from holder h left join dependent d on d.holder_id = h.id where h.citizen_id_number in (${ph(ids.length)})`,
    ids,
  )) {
    holders.set(String(r.citizen_id_number), { id: Number(r.id), nameKey: String(r.name_key) });
    if (r.child_id != null) children.set(`${r.id}:${r.child_id}`, String(r.child_birth));
  }
  const holderIds = [...holders.values()].map((h) => h.id);
  // 3–4: permits (+ confiscations), then endorsements, moves and replacements
  const bundles = await loadBundles(em, { holderIds });
  const byHolder = new Map<number, PermitBundle[]>();
  for (const b of bundles) byHolder.set(b.permit.holderId, [...(byHolder.get(b.permit.holderId) ?? []), b]);
  const version = rulesVersion(s.deps.calendar);
  const at = now(s).toISOString();
  const decisions: DecisionView[] = parsed.map((p) => {
    const ent = entitlementFromRow(ents.get(p.code)!);
    const holder = holders.get(p.id);
    // I-7: a wrong name and an unknown ID number give the same answer
    const matched = holder && holder.nameKey === p.nameKey ? holder : null;
    const bundle = matched ? permitThatCounts(byHolder.get(matched.id) ?? [], p.asOf) : null;
    const permit = bundle ? { state: stateOn(s.deps.calendar, bundle, p.asOf), region: permitRegionOn(bundle, p.asOf) } : null;
    const birth = matched && p.child ? children.get(`${matched.id}:${p.child}`) ?? null : null;
    const decision = decideEligibility({
      asOf: p.asOf, entitlement: ent, askerRegion: s.caller.region, permit,
      entitlementRegion: resolveRegionCode(ent.regionCode)!,
      dependent: { asked: p.child !== null, birthDate: birth as LocalDate | null },
    });
    // the summary only when PERMIT_FOUND was checked (not before the law was in force)
    const checked = decision.reasons.some((r) => r.code === 'PERMIT_FOUND');
    return {
      decisionId: randomUUID(), eligible: decision.eligible, entitlementCode: ent.code, asOf: p.asOf,
      permit: bundle && checked ? summary(s, bundle, p.id, p.asOf) : null, reasons: [...decision.reasons], rulesVersion: version,
      at, department: s.caller.department, maskedCitizenIdNumber: maskCitizenId(p.id),
    };
  });
  const permitOf = (dv: DecisionView, i: number) => {
    const h = holders.get(parsed[i]!.id);
    return dv.permit && h ? permitThatCounts(byHolder.get(h.id) ?? [], dv.asOf)?.permit.id ?? null : null;
  };
  const rows: DecisionRow[] = decisions.map((dv, i) => ({
    decisionId: dv.decisionId, entitlementCode: dv.entitlementCode, asOf: dv.asOf, permitId: permitOf(dv, i), eligible: dv.eligible,
    body: JSON.stringify(dv), actor: s.caller.sub, role: s.caller.role, department: s.caller.department,
    actorRegionCode: s.caller.region.code, createdAt: at,
  }));
  // then one transaction: decisions and audit entries in bulk (begin, [lock], head, 2 inserts, commit)
  await s.em.transactional(async (tem) => {
    await tem.insertMany(Decision, rows);
    await appendAudit(tem, s.caller, decisions.map((dv) => ({
      action: 'VERIFY_ELIGIBILITY',
      subject: `decision:${dv.decisionId}`,
      outcome: `${dv.entitlementCode} ${dv.asOf} ${dv.eligible ? 'ELIGIBLE' : `NOT_ELIGIBLE ${dv.reasons.filter((r) => !r.passed).map((r) => r.code).join(',')}`}`,
    })), now(s));
  });
  s.deps.observer?.auditAppended(decisions.length);
  for (const dv of decisions) s.deps.observer?.decided(dv.entitlementCode, dv.eligible);
  return decisions;
}

/** The same question without an entitlement: the masked summary, or null when nothing matches (I-7). */
export async function permitStatus(s: Scope, citizenIdNumber: string, holderName: string, asOfInput?: string | null): Promise<PermitSummaryView | null> {
  const id = citizenId(s, citizenIdNumber, 'citizenIdNumber').value;
  if (holderName.length > 256 || normalizeName(holderName) === '') throw badInput('holderName: empty or too long', { field: 'holderName' });
  const asOf = asOfDate(s, asOfInput);
  const em = s.em as SqlEm;
  const [h] = await em.execute('select id, name_key from holder where citizen_id_number = ?', [id]);
  const matched = h && String(h.name_key) === normalizeName(holderName) ? Number(h.id) : null;
  const bundle = matched ? permitThatCounts(await loadBundles(em, { holderIds: [matched] }), asOf) : null;
  const result = bundle ? summary(s, bundle, id, asOf) : null;
  await s.em.transactional(async (tem) => {
    await appendAudit(tem, s.caller, [{ action: 'PERMIT_STATUS', subject: maskCitizenId(id), outcome: result ? `${result.status} ${asOf}` : `NO_MATCH ${asOf}` }], now(s));
  });
  s.deps.observer?.auditAppended(1);
  return result;
}

