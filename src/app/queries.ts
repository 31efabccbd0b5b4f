/** Reads for public security, auditors and everyone (catalogue). Personal-data reads are audited. */
import { covers, isInForceOn, maskCitizenId, REGIONS, resolveRegionCode, type Region } from '../law';
import { Holder, type EntitlementRow, type HolderRow } from '../db/entities';
import { allEntitlements } from '../db/entitlements';
import { appendAudit } from './audit';
import { forbidden } from './errors';
import { officeRegion } from './caller';
import { asOfDate, now, type Scope } from './scope';
import { citizenId, currentResidence } from './workflow';
import { entitlementFromRow } from './verification';

export function regions(): readonly Region[] {
  return REGIONS;
}

export async function entitlements(s: Scope, asOfInput?: string | null): Promise<EntitlementRow[]> {
  const asOf = asOfDate(s, asOfInput);
  const rows = await allEntitlements(s.em);
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
