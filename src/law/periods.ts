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
