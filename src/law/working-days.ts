/**
 * Working days (工作日) as the State Council's yearly holiday notice sets them, make-up working days
 * (调休补班) included. The schedule is injected (src/calendar adapts a maintained package); a year
 * whose notice the schedule does not know counts weekends only and marks what rests on it
 * `provisional` (SPEC "Facts": nothing throws).
 */
import { addDays, isDateError, isWeekend, parseLocalDate, parts, type LocalDate } from './date';

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

/**
 * A State Council holiday notice (国务院办公厅关于某年部分节假日安排的通知) as the operator gives it
 * (SPEC "Holiday notices"): `offDays` every day off it lists (weekends inside a holiday period
 * included), `workDays` the make-up working days (调休上班). Any other day of the year follows the
 * weekday rule.
 */
export interface HolidayNotice {
  readonly year: number;
  /** the notice's number, e.g. 国办发明电〔2025〕7号 */
  readonly source: string;
  readonly offDays: readonly string[];
  readonly workDays: readonly string[];
}

/** Why a set of notices cannot be used: the field (a JSON path) and what is wrong with it. */
export interface NoticeProblem {
  readonly field: string;
  readonly message: string;
}

export type MergeResult = { ok: true; schedule: HolidaySchedule } | { ok: false; problem: NoticeProblem };

const problem = (field: string, message: string): MergeResult => ({ ok: false, problem: { field, message } });

/**
 * The schedule `base` extended by `notices`: each notice makes its year known. Refused (with the
 * field and the first date at fault): a date that is not a real YYYY-MM-DD, one outside its
 * notice's year, a day listed twice or in both lists, a make-up working day that is not a weekend
 * day, two notices for one year, and a notice for a year `base` already knows that does not list
 * exactly the days off and make-up working days `base` has for that year.
 */
export function mergeNotices(
  base: HolidaySchedule,
  notices: readonly HolidayNotice[],
  id: string,
): MergeResult {
  const knownYears = new Set(base.knownYears);
  const daysOff = new Set(base.daysOff);
  const makeUpWorkdays = new Set(base.makeUpWorkdays);
  const seenYears = new Map<number, number>();
  for (const [i, n] of notices.entries()) {
    const at = `notices[${i}]`;
    if (!Number.isInteger(n.year) || n.year < 1000 || n.year > 9999)
      return problem(`${at}.year`, `${String(n.year)} is not a four-digit year`);
    if (seenYears.has(n.year))
      return problem(`${at}.year`, `${n.year} has a notice already (notices[${seenYears.get(n.year)}])`);
    seenYears.set(n.year, i);
    if (typeof n.source !== 'string' || n.source.trim() === '')
      return problem(`${at}.source`, 'name the notice (e.g. 国办发明电〔2025〕7号)');
    const lists = { offDays: n.offDays, workDays: n.workDays } as const;
    const seen = new Map<string, string>();
    for (const [key, list] of Object.entries(lists)) {
      for (const [j, raw] of list.entries()) {
        const field = `${at}.${key}[${j}]`;
        const date = parseLocalDate(String(raw));
        if (typeof raw !== 'string' || isDateError(date))
          return problem(
            field,
            `${JSON.stringify(raw)?.slice(0, 40)} is not a calendar date in the form YYYY-MM-DD`,
          );
        if (parts(date).y !== n.year) return problem(field, `${date} is not in the notice's year ${n.year}`);
        const before = seen.get(date);
        if (before !== undefined) {
          return problem(
            field,
            before.startsWith(`${at}.${key}[`)
              ? `${date} is listed twice (also ${before})`
              : `${date} is both a day off and a make-up working day (also ${before})`,
          );
        }
        seen.set(date, field);
        if (key === 'workDays' && !isWeekend(date))
          return problem(
            field,
            `${date} is a weekday: a make-up working day (调休上班) is a Saturday or Sunday`,
          );
      }
    }
    if (base.knownYears.has(n.year)) {
      const disagreement = firstDisagreement(base, n);
      if (disagreement) return problem(`${at}.${disagreement.list}`, disagreement.message);
    }
    knownYears.add(n.year);
    for (const x of n.offDays) daysOff.add(x);
    for (const x of n.workDays) makeUpWorkdays.add(x);
  }
  return { ok: true, schedule: { id, knownYears, daysOff, makeUpWorkdays } };
}

/** The first date (in calendar order) on which a notice and the schedule's data for its year differ. */
function firstDisagreement(
  base: HolidaySchedule,
  n: HolidayNotice,
): { list: 'offDays' | 'workDays'; message: string } | null {
  const prefix = `${n.year}-`;
  const diffs: { date: string; list: 'offDays' | 'workDays'; message: string }[] = [];
  const compare = (
    list: 'offDays' | 'workDays',
    theirs: ReadonlySet<string>,
    ours: readonly string[],
    what: string,
  ) => {
    const mine = new Set(ours);
    for (const x of theirs) {
      if (x.startsWith(prefix) && !mine.has(x))
        diffs.push({
          date: x,
          list,
          message: `${x} is a ${what} in ${base.id} but not in the notice for ${n.year}`,
        });
    }
    for (const x of mine)
      if (!theirs.has(x))
        diffs.push({
          date: x,
          list,
          message: `${x} is in the notice for ${n.year} but not a ${what} in ${base.id}`,
        });
  };
  compare('offDays', base.daysOff, n.offDays, 'day off');
  compare('workDays', base.makeUpWorkdays, n.workDays, 'make-up working day');
  diffs.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return diffs[0] ?? null;
}
