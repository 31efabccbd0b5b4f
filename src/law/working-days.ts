/**
 * Working days (工作日) as the State Council's yearly holiday notice sets them, make-up working days
 * (调休补班) included. The schedule is injected (src/calendar adapts a maintained package); a year
 * whose notice the schedule does not know counts weekends only and marks what rests on it
 * `provisional` (SPEC "Facts": nothing throws).
 */
import { addDays, isWeekend, parts, type LocalDate } from './date';

export interface HolidaySchedule {
  /** identifies the data (package and version), for rulesVersion */
  readonly id: string;
  /** years whose notice is known */
  readonly knownYears: ReadonlySet<number>;
  /** days off that fall on a weekday or weekend (statutory holidays and bridged days) */
  readonly daysOff: ReadonlySet<string>;
  /** weekend days that are working days (调休补班) */
  readonly makeUpWorkdays: ReadonlySet<string>;
}

export interface WorkingCalendar {
  readonly id: string;
  isWorkingDay(date: LocalDate): boolean;
  /** false when the date's year has no known notice: the answer is weekends-only and provisional */
  isKnown(date: LocalDate): boolean;
}

export function calendarFromSchedule(s: HolidaySchedule): WorkingCalendar {
  return {
    id: s.id,
    // A December date also needs next year's notice: it can move days at the turn of the year
    // (the 2019 notice made 2018-12-29 a working day and 2018-12-31 a day off).
    isKnown: (date) => {
      const { y, m } = parts(date);
      return s.knownYears.has(y) && (m < 12 || s.knownYears.has(y + 1));
    },
    isWorkingDay(date) {
      if (!s.knownYears.has(parts(date).y)) return !isWeekend(date);
      if (s.makeUpWorkdays.has(date)) return true;
      if (s.daysOff.has(date)) return false;
      return !isWeekend(date);
    },
  };
}

/** Weekends only, every year unknown: every answer provisional. */
export const WEEKENDS_ONLY: WorkingCalendar = calendarFromSchedule({
  id: 'weekends-only',
  knownYears: new Set(),
  daysOff: new Set(),
  makeUpWorkdays: new Set(),
});

/** A date together with whether any day it rests on lies in a year whose notice is unknown. */
export interface DerivedDate {
  readonly date: LocalDate;
  readonly provisional: boolean;
}

/**
 * The day a period of `n` working days counted from `start` ends: the starting day is not counted
 * (Civil Code Art. 201), so the result is the n-th working day strictly after `start`.
 */
export function addWorkingDays(cal: WorkingCalendar, start: LocalDate, n: number): DerivedDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('a working-day period has at least one day');
  let date = start;
  let provisional = false;
  let counted = 0;
  while (counted < n) {
    date = addDays(date, 1);
    if (!cal.isKnown(date)) provisional = true;
    if (cal.isWorkingDay(date)) counted += 1;
  }
  return { date, provisional };
}

/**
 * Civil Code Art. 203: where the last day of a period within which someone must act is not a
 * working day, the period ends on the next working day.
 */
export function rollToWorkingDay(cal: WorkingCalendar, date: LocalDate): DerivedDate {
  let d = date;
  let provisional = !cal.isKnown(d);
  while (!cal.isWorkingDay(d)) {
    d = addDays(d, 1);
    if (!cal.isKnown(d)) provisional = true;
  }
  return { date: d, provisional };
}
