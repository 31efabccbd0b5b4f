/**
 * Article 13 (I-3): permits in the caller's region whose endorsement window is open on some day in
 * [from, to] — the first window not closed on `from` that still needs endorsing, on a permit valid
 * on `from` and registered in the region on `from` — a page at a time, in id order.
 *
 * Windows are found through their anniversaries A_k = I + k years, which need no calendar: the
 * calendar in force turns [from, to] into a range of anniversaries, hence of issue month-days
 * (indexed); each candidate is then checked exactly with the law, and pages are filled by reading
 * on until `first` permits are due or the register ends.
 */
import { anniversariesOfWindowsOpenIn, codesCoveredBy, covers, issueMonthDaysWithAnniversaryIn, type LocalDate, type Region, type WorkingCalendar } from '../../law';
import { permitIdsByIssueMonthDay } from '../../db/lists';
import { appendAudit } from '../audit';
import { badInput } from '../errors';
import { loadBundles, permitRegionOn, stateOn, type PermitBundle } from '../facts';
import { idPage } from '../paging';
import { asOfDate, now, type Scope } from '../scope';

/** The definition, exactly: checked on each candidate the index found. */
export function isEndorsementDue(cal: WorkingCalendar, b: PermitBundle, from: LocalDate, to: LocalDate, region: Region): boolean {
  const state = stateOn(cal, b, from);
  const w = state.endorsementWindow;
  return state.status === 'VALID' && w !== null && w.from <= to && w.to >= from && covers(region, permitRegionOn(b, from));
}

/** Candidates read at a time: a page's worth, at least this many. */
const MIN_BATCH = 100;

export async function endorsementsDue(s: Scope, input: { from: string; to: string; first?: number | null; after?: string | null }): Promise<PermitBundle[]> {
  const from = asOfDate(s, input.from, 'from');
  const to = asOfDate(s, input.to, 'to');
  if (to < from) throw badInput('to: before from', { field: 'to' });
  const page = idPage(input.first, input.after);
  const cal = s.deps.calendar;
  const anniversaries = anniversariesOfWindowsOpenIn(cal, from, to);
  const monthDays = issueMonthDaysWithAnniversaryIn(anniversaries.from, anniversaries.to);
  const regionCodes = codesCoveredBy(s.caller.region);
  const batch = Math.max(page.first, MIN_BATCH);
  const due: PermitBundle[] = [];
  let cursor = page.after ?? 0;
  while (due.length < page.first) {
    const ids = await permitIdsByIssueMonthDay(s.em, { issuedBy: from, monthDays, regionOn: from, regionCodes, afterId: cursor, limit: batch });
    const byId = new Map((await loadBundles(s.em, { permitIds: ids })).map((b) => [b.permit.id, b]));
    for (const id of ids) {
      const b = byId.get(id)!;
      if (isEndorsementDue(cal, b, from, to, s.caller.region)) due.push(b);
      if (due.length === page.first) break;
    }
    if (ids.length < batch) break;
    cursor = ids[ids.length - 1]!;
  }
  await s.em.transactional((em) => appendAudit(em, s.caller, [{ action: 'LIST_ENDORSEMENTS_DUE', subject: null, outcome: `${due.length} in ${from}..${to}` }], now(s)));
  return due;
}
