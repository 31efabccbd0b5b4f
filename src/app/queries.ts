/** Reads for public security, auditors and everyone (catalogue). Personal-data reads are audited. */
import type { EntityManager } from '@mikro-orm/core';
import { covers, d, isInForceOn, isOverdue, maskCitizenId, REGIONS, resolveRegionCode, type Region } from '../law';
import { EntitlementEntity, Holder, Permit, ResidenceRecord, type ApplicationRow, type EntitlementRow, type HolderRow } from '../db/entities';
import { appendAudit } from './audit';
import { badInput, forbidden } from './errors';
import { officeRegion } from './caller';
import { loadBundles, permitRegionOn, stateOn, type PermitBundle } from './facts';
import { asOfDate, now, type Scope } from './scope';
import { applicationView, citizenId, currentResidence, type ApplicationView } from './workflow';
import { entitlementFromRow } from './verification';

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
  s.deps.observer?.auditAppended(1);
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
  if (!covers(officeRegion(s.caller), r)) {
    await audit(s, 'READ_HOLDER', maskCitizenId(id), 'FORBIDDEN outside region');
    throw forbidden('permitHolder: the holder resides outside your region');
  }
  await audit(s, 'READ_HOLDER', maskCitizenId(id), 'READ');
  return holder;
}

/** Article 11: accepted applications still not issued after their deadline, in the caller's region. */
export async function overdueApplications(s: Scope, asOfInput?: string | null): Promise<ApplicationView[]> {
  const asOf = asOfDate(s, asOfInput);
  // accepted (an open slot) and not issued by asOf, in one statement
  const rows = await (s.em as SqlEm).execute(
    `select a.* from permit_application a left join permit p on p.application_id = a.id and p.issued_on <= ?
      where a.open_slot is not null and a.issue_deadline < ? and a.applied_on <= ? and p.id is null
      order by a.issue_deadline, a.id`,
    [asOf, asOf, asOf],
  );
  const open = rows.map(applicationRow).filter((a) => isOverdue(d(a.issueDeadline!), asOf));
  const inRegion = await holdersInRegion(s.em, officeRegion(s.caller), open.map((a) => a.holderId));
  const result = open.filter((a) => inRegion.has(a.holderId)).map((a) => applicationView(a, null));
  await audit(s, 'LIST_OVERDUE_APPLICATIONS', null, `${result.length} on ${asOf}`);
  return result;
}

type SqlEm = EntityManager & { execute(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]> };

function applicationRow(r: Record<string, unknown>): ApplicationRow {
  return {
    id: Number(r.id), holderId: Number(r.holder_id), appliedOn: String(r.applied_on), accepted: r.accepted === true || r.accepted === 1,
    issueDeadline: r.issue_deadline == null ? null : String(r.issue_deadline), deadlineProvisional: r.deadline_provisional === true || r.deadline_provisional === 1,
    reasons: String(r.reasons), openSlot: r.open_slot == null ? null : String(r.open_slot), officeRegionCode: String(r.office_region_code),
    actor: String(r.actor), createdAt: String(r.created_at),
  };
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
  const own = officeRegion(s.caller);
  const due = bundles.filter((b) => {
    const state = stateOn(s.deps.calendar, b, from);
    const w = state.endorsementWindow;
    return state.status === 'VALID' && w !== null && w.from <= to && w.to >= from && covers(own, permitRegionOn(b, from));
  });
  await audit(s, 'LIST_ENDORSEMENTS_DUE', null, `${due.length} in ${from}..${to}`);
  return due;
}
