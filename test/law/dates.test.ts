/**
 * SPEC "Facts": dates are calendar dates in Asia/Shanghai, YYYY-MM-DD; "today" is today in
 * Shanghai, never the server's UTC date. Civil Code Art. 202: a period of months ends on the
 * corresponding day, or the month's last day where it has none.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  addYears,
  d,
  daysBetween,
  fromEpochDay,
  daysInMonth,
  isDateError,
  isLeapYear,
  isValidYmd,
  isoWeekday,
  maxDate,
  minDate,
  parseLocalDate,
  toEpochDay,
  todayInShanghai,
  ymd,
} from '../../src/law';

describe('parseLocalDate', () => {
  it.each([
    // input
    ['2024-02-29'],
    ['2026-02-28'],
    ['2016-02-15'],
    ['2000-02-29'],
    ['2026-12-31'],
    ['0001-01-01'],
    ['9999-12-31'],
  ])('accepts %j', (input) => {
    expect(parseLocalDate(input)).toBe(input);
  });

  it.each([
    // input,            why
    ['2026-02-30', 'February has no 30th'],
    ['2023-02-29', '2023 is not a leap year'],
    ['1900-02-29', '1900 is not a leap year'],
    ['2026-2-3', 'month and day need two digits'],
    ['2026/02/03', 'slashes'],
    ['', 'empty'],
    ['2026-13-01', 'no month 13'],
    ['2026-00-10', 'no month 0'],
    ['2026-04-31', 'April has 30 days'],
    ['2026-01-00', 'no day 0'],
    [' 2026-02-03', 'leading space'],
    ['2026-02-03T00:00', 'a time'],
    ['20260203', 'no separators'],
    ['0000-01-01', 'no year 0'],
  ])('refuses %j (%s)', (input) => {
    const r = parseLocalDate(input);
    expect(isDateError(r)).toBe(true);
    if (isDateError(r)) {
      expect(r.kind).toBe('INVALID_DATE');
      expect(r.input).toBe(input);
      expect(r.messageEn).not.toBe('');
      expect(r.messageZh).not.toBe('');
    }
  });

  it('never echoes more than the first 40 characters of what it refuses', () => {
    const input = `2026-02-30${'9'.repeat(30)}SECRET`;
    const r = parseLocalDate(input);
    expect(isDateError(r) && [r.messageEn, r.messageZh]).toEqual([
      `"${input.slice(0, 40)}" is not a calendar date in the form YYYY-MM-DD`,
      `“${input.slice(0, 40)}”不是 YYYY-MM-DD 格式的有效日期`,
    ]);
  });

  it('d() throws on a malformed literal', () => {
    expect(() => d('2026-02-30')).toThrow(RangeError);
  });
});

describe('leap years (Gregorian): every fourth year, but not centuries, except every fourth century', () => {
  it.each([
    // year, leap,  February, why
    [2024, true, 29, 'divisible by 4'],
    [2026, false, 28, 'not divisible by 4'],
    [1900, false, 28, 'a century not divisible by 400'],
    [2100, false, 28, 'a century not divisible by 400'],
    [2000, true, 29, 'divisible by 400'],
    [1600, true, 29, 'divisible by 400'],
  ])('%i leap: %s, February has %i days (%s)', (year, leap, february) => {
    expect(isLeapYear(year)).toBe(leap);
    expect(daysInMonth(year, 2)).toBe(february);
  });

  it('2000-02-29 exists, and a year after it is 2001-02-28; 2100-02-29 does not exist', () => {
    expect(addDays(d('2000-02-28'), 1)).toBe('2000-02-29');
    expect(addYears(d('2000-02-29'), 1)).toBe('2001-02-28');
    expect(addDays(d('2100-02-28'), 1)).toBe('2100-03-01');
    expect(isDateError(parseLocalDate('2100-02-29'))).toBe(true);
  });
});

describe('isValidYmd and ymd: whole numbers, years 1 to 9999, a real day of the month', () => {
  it.each([
    // y,     m,    d,    valid, why
    [2026, 2, 28, true, ''],
    [2026, 2, 29, false, 'not a leap year'],
    [2026, 4, 31, false, 'April has 30 days'],
    [1, 1, 1, true, 'the first day of year 1'],
    [0, 12, 31, false, 'no year 0'],
    [9999, 12, 31, true, 'the last day of year 9999'],
    [10000, 1, 1, false, 'five-digit years are not dates'],
    [2026, 0, 1, false, 'no month 0'],
    [2026, 13, 1, false, 'no month 13'],
    [2026, 1, 0, false, 'no day 0'],
    [2026.5, 1, 1, false, 'a fractional year'],
    [2026, 1.5, 1, false, 'a fractional month'],
    [2026, 1, 1.5, false, 'a fractional day'],
    [NaN, 1, 1, false, 'not a number'],
  ])('%d-%d-%d valid: %s %s', (y, m, dd, valid) => {
    expect(isValidYmd(y, m, dd)).toBe(valid);
    if (valid) expect(ymd(y, m, dd)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    else expect(() => ymd(y, m, dd)).toThrow(new RangeError(`not a calendar date: ${y}-${m}-${dd}`));
  });
});

describe('minDate and maxDate: the earlier and the later of two days', () => {
  it.each([
    // a,            b,             earlier,       later
    ['2025-03-03', '2025-09-09', '2025-03-03', '2025-09-09'],
    ['2025-09-09', '2025-03-03', '2025-03-03', '2025-09-09'],
    ['2026-01-01', '2026-01-01', '2026-01-01', '2026-01-01'],
    ['2025-12-31', '2026-01-01', '2025-12-31', '2026-01-01'],
  ])('%s and %s: earlier %s, later %s', (a, b, earlier, later) => {
    expect(minDate(d(a), d(b))).toBe(earlier);
    expect(maxDate(d(a), d(b))).toBe(later);
  });
});

describe("addMonths and addYears: the corresponding day, or the month's last day (Civil Code Art. 202)", () => {
  it.each([
    // from,         months, to
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-05-31', 1, '2026-06-30'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-03-15', 6, '2026-09-15'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2026-10-31', 0, '2026-10-31'],
  ])('%s + %i months = %s', (from, months, to) => {
    expect(addMonths(d(from), months)).toBe(to);
  });

  it.each([
    // from,         years, to
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2025-10-01', 1, '2026-10-01'],
  ])('%s + %i years = %s', (from, years, to) => {
    expect(addYears(d(from), years)).toBe(to);
  });

  it('chaining month by month is not the same as counting from the origin (why the code never chains)', () => {
    expect(addMonths(addMonths(d('2026-01-31'), 1), 1)).toBe('2026-03-28');
    expect(addMonths(d('2026-01-31'), 2)).toBe('2026-03-31');
  });
});

describe('day arithmetic', () => {
  it.each([
    // date,         epoch day (as Date.parse gives it), ISO weekday (0 = Mon)
    ['1970-01-01', 0, 3],
    ['2016-02-15', 16846, 0],
    ['2026-10-01', 20727, 3],
    ['2026-11-28', 20785, 5],
  ])('%s is epoch day %i, weekday %i', (date, epochDay, weekday) => {
    expect(toEpochDay(d(date))).toBe(epochDay);
    expect(fromEpochDay(epochDay)).toBe(date);
    expect(isoWeekday(d(date))).toBe(weekday);
  });

  it.each([
    // from,         days, to
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('%s + %i days = %s', (from, n, to) => {
    expect(addDays(d(from), n)).toBe(to);
    expect(daysBetween(d(from), d(to))).toBe(n);
  });
});

const MIN_DAY = toEpochDay(d('0001-01-01'));
const MAX_DAY = toEpochDay(d('9999-12-31'));
const anyDate = fc.integer({ min: MIN_DAY, max: MAX_DAY }).map(fromEpochDay);

describe('properties', () => {
  it('epoch day round trip: fromEpochDay(toEpochDay(x)) = x and back', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_DAY, max: MAX_DAY }), (n) => {
        const date = fromEpochDay(n);
        expect(parseLocalDate(date)).toBe(date);
        expect(toEpochDay(date)).toBe(n);
      }),
    );
  });

  it('the day after is the next epoch day, and string order is calendar order', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        expect(a < b).toBe(toEpochDay(a) < toEpochDay(b));
        if (a < d('9999-12-31')) expect(toEpochDay(addDays(a, 1))).toBe(toEpochDay(a) + 1);
      }),
    );
  });

  it('ymd agrees with the parser on every real date', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const [y, m, dd] = date.split('-').map(Number) as [number, number, number];
        expect(ymd(y, m, dd)).toBe(date);
      }),
    );
  });

  it('addMonths lands on the same day of month, or the last day of a shorter month', () => {
    const dates = fc
      .integer({ min: toEpochDay(d('1900-01-01')), max: toEpochDay(d('2100-12-31')) })
      .map(fromEpochDay);
    fc.assert(
      fc.property(dates, fc.integer({ min: -120, max: 120 }), (date, months) => {
        const r = addMonths(date, months);
        const day = +date.slice(8, 10);
        const rDay = +r.slice(8, 10);
        const monthsApart = (+r.slice(0, 4) - +date.slice(0, 4)) * 12 + (+r.slice(5, 7) - +date.slice(5, 7));
        expect(monthsApart).toBe(months);
        if (rDay !== day) {
          expect(rDay).toBeLessThan(day);
          expect(+addDays(r, 1).slice(8, 10)).toBe(1); // r is the month's last day
        }
      }),
    );
  });
});

describe('todayInShanghai: an injected clock, read in China Standard Time (UTC+8)', () => {
  it.each([
    // instant (UTC),              today in Shanghai
    ['2026-11-28T16:30:00Z', '2026-11-29'],
    ['2026-11-28T15:59:59Z', '2026-11-28'],
    ['2026-11-28T16:00:00Z', '2026-11-29'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
    ['2026-11-28T00:00:00Z', '2026-11-28'],
    ['2016-02-14T16:00:00Z', '2016-02-15'],
    ['1969-12-31T16:00:00Z', '1970-01-01'],
    ['1969-12-31T15:59:59.999Z', '1969-12-31'],
  ])('at %s it is %s', (instant, today) => {
    const clock = () => Date.parse(instant);
    expect(todayInShanghai(clock)).toBe(today);
  });
});
