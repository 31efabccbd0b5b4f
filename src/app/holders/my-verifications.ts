/**
 * `myVerifications`: every eligibility decision about the holder's ID number, newest first, read
 * from the decisions already recorded (no new copy of personal data), those where the name did not
 * match included. It shows which role, department and region asked, never who (the caller's sub).
 */
import { maskCitizenId, resolveRegionCode, type Region } from '../../law';
import { decisionPosition, decisionsAboutHolder } from '../../db/decisions';
import { holderIdByCitizenIdNumber } from '../../db/holders';
import { requireHolder } from '../caller';
import { badInput } from '../errors';
import { stringIdPage } from '../paging';
import { audited, type Scope } from '../scope';

export interface VerificationRecordView {
  decisionId: string;
  at: string;
  role: string;
  department: string | null;
  callerRegion: Region;
  entitlementCode: string;
  asOf: string;
  eligible: boolean;
  byShareCode: boolean;
}

export async function myVerifications(
  s: Scope,
  first?: number | null,
  after?: string | null,
): Promise<VerificationRecordView[]> {
  const caller = requireHolder(s.caller);
  const page = stringIdPage(first, after);
  const holderId = await holderIdByCitizenIdNumber(s.em, caller.citizenIdNumber);
  let cursor: { createdAt: string; decisionId: string } | null = null;
  if (page.after !== null) {
    const at = holderId === null ? null : await decisionPosition(s.em, holderId, page.after);
    if (at === null)
      throw badInput(`after: "${page.after.slice(0, 20)}" is not an id from a previous page`, {
        field: 'after',
      });
    cursor = { createdAt: at, decisionId: page.after };
  }
  const rows =
    holderId === null ? [] : await decisionsAboutHolder(s.em, holderId, { first: page.first, after: cursor });
  await audited(s, [
    {
      action: 'READ_OWN_VERIFICATIONS',
      subject: maskCitizenId(caller.citizenIdNumber),
      outcome: `${rows.length}`,
    },
  ]);
  return rows.map((r) => ({
    decisionId: r.decisionId,
    at: r.createdAt,
    role: r.role,
    // an office of public security or a delegated agency asks as PUBLIC_SECURITY (as share codes bind it)
    department:
      r.department ??
      (r.role === 'PUBLIC_SECURITY' || r.role === 'DELEGATED_AGENCY' ? 'PUBLIC_SECURITY' : null),
    callerRegion: resolveRegionCode(r.actorRegionCode)!,
    entitlementCode: r.entitlementCode,
    asOf: r.asOf,
    eligible: r.eligible,
    byShareCode: r.byShareCode,
  }));
}
