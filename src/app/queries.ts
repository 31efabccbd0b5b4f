/** Reads for public security, auditors and everyone (catalogue). Personal-data reads are audited. */
import type { EntityManager } from '@mikro-orm/core';
import { covers, d, isInForceOn, isOverdue, maskCitizenId, REGIONS, resolveRegionCode, type Region } from '../law';
import { Application, Audit, Decision, EntitlementEntity, Holder, Permit, ResidenceRecord, type AuditRow, type EntitlementRow, type HolderRow } from '../db/entities';
import { appendAudit, verifyChain, type ChainReport } from './audit';
import { badInput, forbidden, notFound } from './errors';
import { loadBundles, permitRegionOn, stateOn, type PermitBundle } from './facts';
import { asOfDate, now, numericId, today, type Scope } from './scope';
import { applicationView, citizenId, currentResidence, type ApplicationView } from './workflow';
import { entitlementFromRow, type DecisionView } from './verification';

export function regions(): readonly Region[] {
  return REGIONS;
}

export async function entitlements(s: Scope, asOfInput?: string | null): Promise<EntitlementRow[]> {
  const asOf = asOfDate(s, asOfInput);
  const rows = await s.em.find(EntitlementEntity, {}, { orderBy: { local: 'asc', article: 'asc', clause: 'asc', code: 'asc' } });
  return rows.filter((r) => isInForceOn(entitlementFromRow(r), asOf));
}

async function audit(s: Scope, action: string, subject: string | null, outcome: string) {
  await s.em.transactional((em) => appendAudit(em, s.caller, [{ action, subject, outcome }], now(s)));
}

/** Full personal data: public security and delegated agencies, holders residing in their region. */
export async function permitHolder(s: Scope, citizenIdNumber: string): Promise<HolderRow | null> {
  const id = citizenId(s, citizenIdNumber, 'citizenIdNumber').value;
  const holder = await s.em.findOne(Holder, { citizenIdNumber: id });
  if (!holder) {
    await audit(s, 'READ_HOLDER', maskCitizenId(id), 'NOT_FOUND');
    return null;
  }
  const residence = await currentResidence(s.em, holder.id);
  const r = resolveRegionCode(residence.regionCode)!;
  if (!covers(s.caller.region, r)) {
    await audit(s, 'READ_HOLDER', maskCitizenId(id), 'FORBIDDEN outside region');
    throw forbidden('permitHolder: the holder resides outside your region');
  }
  await audit(s, 'READ_HOLDER', maskCitizenId(id), 'READ');
  return holder;
}

/** Article 11: accepted applications still not issued after their deadline, in the caller's region. */
export async function overdueApplications(s: Scope, asOfInput?: string | null): Promise<ApplicationView[]> {
  const asOf = asOfDate(s, asOfInput);
  const apps = await s.em.find(Application, { accepted: true, issueDeadline: { $lt: asOf }, appliedOn: { $lte: asOf } }, { orderBy: { issueDeadline: 'asc', id: 'asc' } });
  if (apps.length === 0) return [];
  const permits = await s.em.find(Permit, { applicationId: { $in: apps.map((a) => a.id) } });
  const issuedBy = new Map(permits.map((p) => [p.applicationId, p]));
  const open = apps.filter((a) => { const p = issuedBy.get(a.id); return (!p || p.issuedOn > asOf) && isOverdue(d(a.issueDeadline!), asOf); });
  const inRegion = await holdersInRegion(s.em, s.caller.region, open.map((a) => a.holderId));
  const result = open.filter((a) => inRegion.has(a.holderId)).map((a) => applicationView(a, null));
  await audit(s, 'LIST_OVERDUE_APPLICATIONS', null, `${result.length} on ${asOf}`);
  return result;
}

/** Holder ids (among those given) whose current residence is in the region. */
async function holdersInRegion(em: EntityManager, region: Region, holderIds: readonly number[]): Promise<Set<number>> {
  if (holderIds.length === 0) return new Set();
  const recs = await em.find(ResidenceRecord, { holderId: { $in: [...new Set(holderIds)] } }, { orderBy: { effectiveOn: 'asc', id: 'asc' } });
  const current = new Map<number, string>();
  for (const r of recs) current.set(r.holderId, r.regionCode);
  return new Set([...current].filter(([, code]) => covers(region, resolveRegionCode(code)!)).map(([id]) => id));
}

/** Permits in the caller's region whose endorsement window is open on some day in [from, to]. */
export async function endorsementsDue(s: Scope, fromInput: string, toInput: string): Promise<PermitBundle[]> {
  const from = asOfDate(s, fromInput, 'from');
  const to = asOfDate(s, toInput, 'to');
  if (to < from) throw badInput('to: before from', { field: 'to' });
  const permits = await s.em.find(Permit, { issuedOn: { $lte: to } });
  const bundles = await loadBundles(s.em, { permitIds: permits.map((p) => p.id) });
  const due = bundles.filter((b) => {
    const state = stateOn(s.deps.calendar, b, from);
    const w = state.endorsementWindow;
    return state.status === 'VALID' && w !== null && w.from <= to && w.to >= from && covers(s.caller.region, permitRegionOn(b, from));
  });
  await audit(s, 'LIST_ENDORSEMENTS_DUE', null, `${due.length} in ${from}..${to}`);
  return due;
}

/**
 * Article 21 para 2: the positive decisions made on a confiscated permit, for the departments to
 * review. Public security of the permit's region sees all; a department sees its own.
 */
export async function affectedDecisions(s: Scope, permitIdInput: string): Promise<DecisionView[]> {
  const permitId = numericId(permitIdInput, 'permitId');
  const [b] = await loadBundles(s.em, { permitIds: [permitId] });
  if (!b) throw notFound('Permit');
  if (s.caller.role === 'PUBLIC_SECURITY' && !covers(s.caller.region, permitRegionOn(b, today(s)))) {
    throw forbidden('affectedDecisions: the permit is registered outside your region');
  }
  if (!b.confiscation) return [];
  const where = s.caller.role === 'DEPARTMENT'
    ? { permitId, eligible: true, department: s.caller.department }
    : { permitId, eligible: true };
  const rows = await s.em.find(Decision, where, { orderBy: { createdAt: 'asc' } });
  await audit(s, 'LIST_AFFECTED_DECISIONS', `permit:${permitId}`, `${rows.length}`);
  return rows.map((r) => JSON.parse(r.body) as DecisionView);
}

export async function auditLog(s: Scope, after?: number | null, first?: number | null): Promise<AuditRow[]> {
  const limit = first ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw badInput('first: 1 to 1000', { field: 'first' });
  if (after != null && (!Number.isInteger(after) || after < 0)) throw badInput('after: a sequence number', { field: 'after' });
  return s.em.find(Audit, { sequence: { $gt: after ?? 0 } }, { orderBy: { sequence: 'asc' }, limit });
}

export async function verifyAuditChain(s: Scope): Promise<ChainReport> {
  return verifyChain(s.em);
}
