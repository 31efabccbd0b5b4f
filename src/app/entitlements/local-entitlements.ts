/**
 * Articles 18(12), 19(6): a city or county government's own items — the list of those of its region
 * whatever their dates (`entitlements(asOf)` shows only those in force), and ending one as a new
 * act (src/law/rules/local-entitlements.ts decides; the end act is audited and cited).
 */
import {
  codesCoveredBy,
  covers,
  decideEndOfLocalEntitlement,
  parseLocalDate,
  isDateError,
  resolveRegionCode,
} from '../../law';
import { entitlementsByCode, localEntitlementsPage, recordEntitlementEnd } from '../../db/entitlements';
import type { EntitlementRow } from '../../db/entities';
import { officeRegion } from '../caller';
import { badInput, forbidden, notFound, ruleViolation } from '../errors';
import { stringIdPage } from '../paging';
import { inTransaction, today, type Scope } from '../scope';
import { entitlementFromRow } from '../verification';

/** ADMIN: the local items in its region (a county's, or every one for the city), in code order, paged. */
export async function localEntitlements(
  s: Scope,
  first?: number | null,
  after?: string | null,
): Promise<EntitlementRow[]> {
  const page = stringIdPage(first, after);
  return localEntitlementsPage(s.em, {
    regionCodes: codesCoveredBy(officeRegion(s.caller)),
    after: page.after,
    limit: page.first,
  });
}

/**
 * ADMIN: ends a local item of its region (its own, or one inside it, as for defining one): the item
 * is in force through `effectiveUntil` and not after; decisions about later days no longer offer it.
 */
export async function endLocalEntitlement(
  s: Scope,
  input: { code: string; effectiveUntil: string },
): Promise<EntitlementRow> {
  if (input.code.length > 64) throw badInput('code: at most 64 characters', { field: 'code' });
  const until = parseLocalDate(input.effectiveUntil);
  if (isDateError(until)) throw badInput(`effectiveUntil: ${until.messageEn}`, { field: 'effectiveUntil' });
  const code = input.code;
  return inTransaction(s, { action: 'END_LOCAL_ENTITLEMENT', subject: code.slice(0, 64) }, async (em) => {
    const [row] = await entitlementsByCode(em, [code]);
    if (!row) throw notFound(`Entitlement ${code.slice(0, 64)}`);
    const own = officeRegion(s.caller);
    const itemRegion = resolveRegionCode(row.regionCode)!;
    if (!covers(own, itemRegion))
      throw forbidden(`endLocalEntitlement: ${itemRegion.code} is outside your region (${own.code})`);
    const decision = decideEndOfLocalEntitlement(entitlementFromRow(row), until, today(s));
    if (!decision.ok) throw ruleViolation(decision.error);
    await recordEntitlementEnd(em, {
      code,
      effectiveUntil: decision.value.effectiveUntil,
      actor: s.caller.sub,
      createdAt: new Date(s.deps.clock()).toISOString(),
    });
    const [ended] = await entitlementsByCode(em, [code]);
    return {
      result: ended,
      audit: [
        {
          action: 'END_LOCAL_ENTITLEMENT',
          subject: code,
          outcome: `in force through ${decision.value.effectiveUntil} (was ${row.effectiveUntil ?? 'open-ended'})`,
        },
      ],
    };
  });
}
