/** Reads for public security, auditors and everyone (catalogue). Personal-data reads are audited. */
import { covers, isInForceOn, maskCitizenId, REGIONS, resolveRegionCode, type Region } from '../law';
import { Audit, Decision, EntitlementEntity, Holder, type AuditRow, type EntitlementRow, type HolderRow } from '../db/entities';
import { appendAudit, verifyChain, type ChainReport } from './audit';
import { badInput, forbidden, notFound } from './errors';
import { loadBundles, permitRegionOn } from './facts';
import { asOfDate, now, numericId, today, type Scope } from './scope';
import { citizenId, currentResidence } from './workflow';
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
  // a department office (its department in its region) sees the decisions it made
  const where = s.caller.role === 'DEPARTMENT'
    ? { permitId, eligible: true, department: s.caller.department, actorRegionCode: s.caller.region.code }
    : { permitId, eligible: true };
  const rows = b.confiscation ? await s.em.find(Decision, where, { orderBy: { createdAt: 'asc' } }) : [];
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
