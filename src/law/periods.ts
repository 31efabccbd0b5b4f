/**
 * Periods as the Civil Code counts them (民法典 Art. 201–203), applied to Art. 2's six months and
 * Art. 13's endorsement years. Years and months are always counted from the origin (I-3).
 */
import { addDays, addMonths, addYears, type LocalDate } from './date';
import { rollToWorkingDay, type WorkingCalendar } from './working-days';

/**
 * I-2: with residence registration on day R the six months end on R + 6 months (Art. 202) and the
 * applicant qualifies from the next day. A duration of residence never rolls to a working day.
 * R = 2026-03-15 → 2026-09-16; R = 2026-08-31 → 2027-03-01.
 */
export const RESIDENCE_MONTHS = 6;

export function eligibleToApplyOn(registeredOn: LocalDate): LocalDate {
  return addDays(addMonths(registeredOn, RESIDENCE_MONTHS), 1);
}

/** I-3: A_k = I + k years, from I each time (I = 2024-02-29: A_1 = 2025-02-28, A_4 = 2028-02-29). */
export function anniversary(issuedOn: LocalDate, k: number): LocalDate {
  return addYears(issuedOn, k);
}

export interface EndorsementWindow {
  /** the endorsement year this window closes (k = 1, 2, ...) */
  readonly year: number;
  readonly from: LocalDate;
  /** the last day to endorse; the permit is valid through it */
  readonly to: LocalDate;
  readonly provisional: boolean;
}

/**
 * Art. 13 "自居住证签发之日起每满一年前一个月内": the window for year k runs from the day after
 * A_k minus one month to A_k; where A_k is not a working day, it runs on to the next working day.
 */
export function endorsementWindow(cal: WorkingCalendar, issuedOn: LocalDate, k: number): EndorsementWindow {
  const a = anniversary(issuedOn, k);
  const end = rollToWorkingDay(cal, a);
  return { year: k, from: addDays(addMonths(a, -1), 1), to: end.date, provisional: end.provisional };
}

/**
 * The endorsement windows open on some day in [from, to], as a condition on anniversaries: year
 * k's window (I-3) reaches `from` iff roll(A_k) >= from, i.e. A_k >= the first day of the run of
 * non-working days that ends the day before `from` (exact: the roll only crosses non-working
 * days); it opens by `to` only if A_k minus one month is before `to`, so A_k <= to + 31 days (a
 * necessary bound; the caller checks each window exactly). Calendar-free from here on: A_k is
 * I + k years.
 */
export function anniversariesOfWindowsOpenIn(
  cal: WorkingCalendar,
  from: LocalDate,
  to: LocalDate,
): { from: LocalDate; to: LocalDate } {
  let lo = from;
  // a run of days off is bounded (each notice lists finitely many); a year is a safe cap
  for (let i = 0; i < 366 && !cal.isWorkingDay(addDays(lo, -1)); i += 1) lo = addDays(lo, -1);
  return { from: lo, to: addDays(to, 31) };
}

/** An inclusive range of month-days, `MM-DD` (they compare in calendar order as strings). */
export interface MonthDayRange {
  readonly from: string;
  readonly to: string;
}

export const monthDay = (date: LocalDate): string => date.slice(5);

/**
 * The issue month-days I for which some anniversary A_k = I + k years falls in [lo, hi]: the
 * month-days the range crosses (split at the turn of the year), every one if it spans a year.
 * I-3: an issue date of 02-29 has its anniversaries on 02-28 in common years, so 02-29 is included
 * wherever 02-28 is.
 */
export function issueMonthDaysWithAnniversaryIn(lo: LocalDate, hi: LocalDate): MonthDayRange[] {
  if (hi < lo) return [];
  if (addYears(lo, 1) <= hi) return [{ from: '01-01', to: '12-31' }];
  const a = monthDay(lo);
  const b = monthDay(hi);
  const ranges =
    a <= b && lo.slice(0, 4) === hi.slice(0, 4)
      ? [{ from: a, to: b }]
      : [
          { from: a, to: '12-31' },
          { from: '01-01', to: b },
        ];
  return ranges.map((r) => (r.from <= '02-28' && r.to === '02-28' ? { from: r.from, to: '02-29' } : r));
}
