/**
 * Art. 11 and 14(2) count working days (工作日): the State Council's yearly holiday notice, make-up
 * working days (调休补班) included. A year whose notice is unknown counts weekends only and what is
 * derived from it is provisional; nothing throws (SPEC "Facts").
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  WEEKENDS_ONLY,
  addDays,
  addWorkingDays,
  calendarFromSchedule,
  d,
  fromEpochDay,
  rollToWorkingDay,
  toEpochDay,
} from '../../src/law';
import { OFFICIAL_CALENDAR as CAL } from '../../src/calendar/official';

describe('OFFICIAL_CALENDAR: the State Council notices', () => {
  it.each([
    // date,         working, why
    ['2026-02-14', true, 'Saturday, make-up working day before Spring Festival'],
    ['2026-02-28', true, 'Saturday, make-up working day after Spring Festival'],
    ['2026-10-08', true, 'Thursday after the National Day holiday'],
    ['2026-10-10', true, 'Saturday, make-up working day after National Day'],
    ['2026-09-20', true, 'Sunday, make-up working day before National Day'],
    ['2024-02-04', true, 'Sunday, make-up working day before Spring Festival 2024'],
    ['2026-09-28', true, 'an ordinary Monday'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-02', false, 'National Day holiday'],
    ['2026-10-03', false, 'National Day holiday'],
    ['2026-10-04', false, 'National Day holiday'],
    ['2026-10-05', false, 'National Day holiday'],
    ['2026-10-06', false, 'National Day holiday'],
    ['2026-10-07', false, 'National Day holiday'],
    ['2026-09-25', false, 'Mid-Autumn Festival (a Friday)'],
    ['2026-02-23', false, 'Spring Festival holiday, a Monday'],
    ['2026-03-07', false, 'an ordinary Saturday'],
    ['2026-03-08', false, 'an ordinary Sunday'],
    ['2016-02-15', true, 'the law comes into force on a Monday'],
  ])('%s working: %s (%s)', (date, working) => {
    expect(CAL.isWorkingDay(d(date))).toBe(working);
    expect(CAL.isKnown(d(date))).toBe(true);
  });

  it.each([
    // year, known
    [2004, true],
    [2016, true],
    [2026, true],
    [2003, false],
    [2027, false],
    [2030, false],
  ])('year %i known: %s', (year, known) => {
    expect(CAL.isKnown(d(`${year}-06-15`))).toBe(known);
  });
});

describe('an unknown year counts weekends only and never throws', () => {
  it.each([
    // date,         working, why
    [
      '2027-01-01',
      true,
      'a Friday; New Year in 2027 is not yet announced, so it counts (provisionally) as working',
    ],
    ['2027-01-02', false, 'Saturday'],
    ['2027-01-03', false, 'Sunday'],
    ['2030-10-01', true, 'a Tuesday; the 2030 notice is unknown'],
    ['2030-10-05', false, 'Saturday'],
  ])('%s working: %s (%s)', (date, working) => {
    expect(() => CAL.isWorkingDay(d(date))).not.toThrow();
    expect(CAL.isWorkingDay(d(date))).toBe(working);
    expect(CAL.isKnown(d(date))).toBe(false);
  });

  it('WEEKENDS_ONLY knows no year', () => {
    expect(WEEKENDS_ONLY.isKnown(d('2026-10-01'))).toBe(false);
    expect(WEEKENDS_ONLY.isWorkingDay(d('2026-10-01'))).toBe(true);
    expect(WEEKENDS_ONLY.isWorkingDay(d('2026-02-14'))).toBe(false);
  });
});

describe('addWorkingDays: the n-th working day strictly after the start (the start is not counted)', () => {
  it.each([
    // start,        n,   end,           provisional, why
    [
      '2026-09-28',
      15,
      '2026-10-23',
      false,
      'across National Day 2026: 9-29, 9-30, then 10-8 on, with Saturday 10-10 worked',
    ],
    ['2026-09-30', 1, '2026-10-08', false, 'the next working day after the holiday'],
    ['2026-02-13', 1, '2026-02-14', false, 'a make-up Saturday counts'],
    ['2026-03-06', 1, '2026-03-09', false, 'Friday to Monday'],
    ['2026-03-09', 1, '2026-03-10', false, 'start not counted'],
    ['2026-03-07', 1, '2026-03-09', false, 'from a Saturday'],
    ['2026-12-30', 1, '2026-12-31', true, 'December needs the 2027 notice too'],
    ['2026-12-30', 3, '2027-01-04', true, 'walks into 2027, whose notice is unknown'],
    ['2030-06-07', 1, '2030-06-10', true, 'wholly in an unknown year'],
  ])('%s + %i working days = %s, provisional %s (%s)', (start, n, end, provisional) => {
    expect(addWorkingDays(CAL, d(start), n)).toEqual({ date: end, provisional });
  });

  it.each([0, -1, 1.5])('refuses a period of %j working days', (n) => {
    expect(() => addWorkingDays(CAL, d('2026-03-02'), n)).toThrow(
      new RangeError('a working-day period has at least one day'),
    );
  });
});

describe('rollToWorkingDay: a last day that is not a working day moves to the next working day (Civil Code Art. 203)', () => {
  it.each([
    // date,         rolled to,     provisional, why
    ['2026-10-01', '2026-10-08', false, 'National Day'],
    ['2026-03-07', '2026-03-09', false, 'Saturday'],
    ['2026-02-14', '2026-02-14', false, 'make-up Saturday is a working day'],
    ['2026-02-17', '2026-02-24', false, 'Spring Festival'],
    ['2026-03-09', '2026-03-09', false, 'already a working day'],
    ['2027-01-02', '2027-01-04', true, 'unknown year'],
    ['2027-03-02', '2027-03-02', true, 'unknown year, even when not moved'],
  ])('%s → %s, provisional %s (%s)', (date, rolled, provisional) => {
    expect(rollToWorkingDay(CAL, d(date))).toEqual({ date: rolled, provisional });
  });
});

describe('calendarFromSchedule: a make-up working day beats a listed day off', () => {
  const cal = calendarFromSchedule({
    id: 'test',
    knownYears: new Set([2026]),
    daysOff: new Set(['2026-03-04', '2026-03-07']),
    makeUpWorkdays: new Set(['2026-03-07', '2026-03-08']),
  });
  it.each([
    // date,         working
    ['2026-03-04', false],
    ['2026-03-07', true],
    ['2026-03-08', true],
    ['2026-03-05', true],
    ['2026-03-14', false],
  ])('%s working: %s', (date, working) => {
    expect(cal.isWorkingDay(d(date))).toBe(working);
  });
});

describe('a schedule that knows only 2025: what rests on a day whose notice is unknown is provisional', () => {
  // December 2025 needs the 2026 notice too; 2026 is not known here.
  const cal = calendarFromSchedule({
    id: 'knows-2025',
    knownYears: new Set([2025]),
    daysOff: new Set(['2025-10-01', '2026-01-01']),
    makeUpWorkdays: new Set(['2025-09-28', '2026-01-04']),
  });

  it.each([
    // date,         working, known, why
    ['2025-10-01', false, true, 'a listed day off in the known year'],
    ['2025-09-28', true, true, 'a listed make-up Sunday in the known year'],
    ['2026-01-01', true, false, 'listed as off, but 2026 is not a known year: weekdays work'],
    ['2026-01-04', false, false, 'listed as a make-up day, but 2026 is not known: a Sunday rests'],
    ['2025-11-30', false, true, 'a Sunday in November of the known year'],
    ['2025-12-01', true, false, 'December of the last known year'],
  ])('%s working: %s, known: %s (%s)', (date, working, known) => {
    expect([cal.isWorkingDay(d(date)), cal.isKnown(d(date))]).toEqual([working, known]);
  });

  it.each([
    // date,         rolled to,     provisional, why
    [
      '2025-11-29',
      '2025-12-01',
      true,
      'a known Saturday rolls into December, which the 2026 notice could still move',
    ],
    ['2025-11-28', '2025-11-28', false, 'a known Friday stays'],
    ['2025-09-27', '2025-09-28', false, 'a known Saturday rolls to the make-up Sunday'],
  ])('rollToWorkingDay(%s) → %s, provisional %s (%s)', (date, rolled, provisional) => {
    expect(rollToWorkingDay(cal, d(date))).toEqual({ date: rolled, provisional });
  });
});

const dates2004to2032 = fc
  .integer({ min: toEpochDay(d('2004-01-01')), max: toEpochDay(d('2032-12-31')) })
  .map(fromEpochDay);

describe('properties', () => {
  it('every addWorkingDays result is a working day strictly after its start, with exactly n working days counted', () => {
    fc.assert(
      fc.property(dates2004to2032, fc.integer({ min: 1, max: 40 }), (start, n) => {
        const { date, provisional } = addWorkingDays(CAL, start, n);
        expect(date > start).toBe(true);
        expect(CAL.isWorkingDay(date)).toBe(true);
        let count = 0;
        let anyUnknown = false;
        for (let x = addDays(start, 1); x <= date; x = addDays(x, 1)) {
          if (CAL.isWorkingDay(x)) count += 1;
          if (!CAL.isKnown(x)) anyUnknown = true;
        }
        expect(count).toBe(n);
        expect(provisional).toBe(anyUnknown);
      }),
    );
  });

  it('rollToWorkingDay returns a working day on or after its input, with no working day between', () => {
    fc.assert(
      fc.property(dates2004to2032, (date) => {
        const { date: rolled } = rollToWorkingDay(CAL, date);
        expect(rolled >= date).toBe(true);
        expect(CAL.isWorkingDay(rolled)).toBe(true);
        for (let x = date; x < rolled; x = addDays(x, 1)) expect(CAL.isWorkingDay(x)).toBe(false);
      }),
    );
  });
});
