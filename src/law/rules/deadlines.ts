/**
 * Art. 11 (issue within 15 working days of acceptance), Art. 12 (issuing authority) and Art. 14
 * para 2 (replacement within 15 working days of the request).
 */
import { addDays, type LocalDate } from '../date';
import { addWorkingDays, type DerivedDate, type WorkingCalendar } from '../working-days';

/** 第十一条 县级公安机关或者受托机构应当自受理之日起十五个工作日内核发居住证。 */
export const ISSUE_WORKING_DAYS = 15;

/** 第十二条 居住证由市公安机关统一制发。 */
export const ISSUING_AUTHORITY = '洛阳市公安局';

export function issueDeadline(cal: WorkingCalendar, acceptedOn: LocalDate): DerivedDate {
  return addWorkingDays(cal, acceptedOn, ISSUE_WORKING_DAYS);
}

/** 第十四条第二款 ……原县级公安机关或者受托机构应当自受理之日起十五个工作日内核发。 */
export const REPLACEMENT_WORKING_DAYS = 15;

export function replacementDeadline(cal: WorkingCalendar, reportedOn: LocalDate): DerivedDate {
  return addWorkingDays(cal, reportedOn, REPLACEMENT_WORKING_DAYS);
}

/** An application is overdue on `asOf` when it is still open after its deadline day. */
export function isOverdue(deadline: LocalDate, asOf: LocalDate): boolean {
  return asOf > deadline;
}

/**
 * The latest acceptance day whose Art. 11 deadline is before `asOf`: an application accepted on
 * or before it and still open is overdue on `asOf`. The deadline never decreases as the
 * acceptance day moves later, so "overdue" is exactly "accepted on or before this day", a question
 * on the recorded act alone (the calendar in force answers it at the time of asking).
 */
export function latestAcceptanceOverdueOn(cal: WorkingCalendar, asOf: LocalDate): LocalDate {
  // the deadline is at least 15 days after acceptance, so start there and walk back
  let day = addDays(asOf, -(ISSUE_WORKING_DAYS + 1));
  while (!isOverdue(issueDeadline(cal, day).date, asOf)) day = addDays(day, -1);
  return day;
}
