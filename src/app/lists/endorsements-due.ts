/**
 * Article 13 (I-3): permits in the caller's region whose endorsement window is open on some day in
 * [from, to] — the first window not closed on `from` that still needs endorsing, on a permit valid
 * on `from` and registered in the region on `from` — a page at a time, in anniversary order (issue
 * month-day from `from`'s on, then id).
 *
 * Windows are found through their anniversaries A_k = I + k years, which need no calendar: the
 * calendar in force turns [from, to] into a range of anniversaries, hence of issue month-days
 * (indexed); each candidate is then checked exactly with the law, and pages are filled by reading
 * on until `first` permits are due or the register ends.
 */
import {
  anniversariesOfWindowsOpenIn,
  codesCoveredBy,
  covers,
  issueMonthDaysWithAnniversaryIn,
  type LocalDate,
  type Region,
  type WorkingCalendar,
} from '../../law';
import { permitPosition, permitsByIssueMonthDay } from '../../db/lists';
import { appendAudit } from '../audit';
import { badInput } from '../errors';
import { loadBundles, permitRegionOn, stateOn, type PermitBundle } from '../facts';
import { idPage } from '../paging';
import { asOfDate, now, type Scope } from '../scope';
import { officeRegion } from '../caller';

/** The definition, exactly: checked on each candidate the index found. */
export function isEndorsementDue(
  cal: WorkingCalendar,
  b: PermitBundle,
  from: LocalDate,
  to: LocalDate,
  region: Region,
): boolean {
  const state = stateOn(cal, b, from);
  const w = state.endorsementWindow;
  return (
    state.status === 'VALID' &&
    w !== null &&
    w.from <= to &&
    w.to >= from &&
    covers(region, permitRegionOn(b, from))
  );
}

/** Candidates read at a time: a page's worth, at least this many. */
const MIN_BATCH = 100;

export async function endorsementsDue(
  s: Scope,
  input: { from: string; to: string; first?: number | null; after?: string | null },
): Promise<PermitBundle[]> {
  const from = asOfDate(s, input.from, 'from');
  const to = asOfDate(s, input.to, 'to');
  if (to < from) throw badInput('to: before from', { field: 'to' });
  const page = idPage(input.first, input.after);
  const cal = s.deps.calendar;
  const anniversaries = anniversariesOfWindowsOpenIn(cal, from, to);
  // in anniversary order from `from` on: the month-days up to the year's end, then from January
  const ranges = issueMonthDaysWithAnniversaryIn(anniversaries.from, anniversaries.to);
  const regionCodes = codesCoveredBy(officeRegion(s.caller));
  let start = 0;
  let cursor: { monthDay: string; id: number } | null = null;
  if (page.after !== null) {
    cursor = await permitPosition(s.em, page.after);
    start =
      cursor === null ? -1 : ranges.findIndex((r) => r.from <= cursor!.monthDay && cursor!.monthDay <= r.to);
    if (start < 0)
      throw badInput(`after: ${page.after} is not an id from a previous page of this list`, {
        field: 'after',
      });
  }
  const batch = Math.max(page.first, MIN_BATCH);
  const due: PermitBundle[] = [];
  for (let i = start; i < ranges.length && due.length < page.first; i += 1) {
    let after = i === start ? cursor : null;
    while (due.length < page.first) {
      const rows = await permitsByIssueMonthDay(s.em, {
        issuedBy: from,
        monthDays: ranges[i],
        regionOn: from,
        regionCodes,
        after,
        limit: batch,
      });
      const byId = new Map(
        (await loadBundles(s.em, { permitIds: rows.map((r) => r.id) })).map((b) => [b.permit.id, b]),
      );
      for (const r of rows) {
        const b = byId.get(r.id)!;
        if (isEndorsementDue(cal, b, from, to, officeRegion(s.caller))) due.push(b);
        if (due.length === page.first) break;
      }
      if (rows.length < batch) break;
      after = rows[rows.length - 1]!;
    }
  }
  await s.em.transactional((em) =>
    appendAudit(
      em,
      s.caller,
      [{ action: 'LIST_ENDORSEMENTS_DUE', subject: null, outcome: `${due.length} in ${from}..${to}` }],
      now(s),
    ),
  );
  return due;
}
