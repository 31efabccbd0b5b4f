/**
 * SPEC "Holiday notices": the operator's notices extend the package's schedules. Each date a real
 * YYYY-MM-DD in its notice's year, no day in both lists, a make-up working day on a weekend, one
 * notice a year, and a notice for a year the package knows agrees with the package — else the
 * first field or date at fault is named. A notice makes its year known; rulesVersion names them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addWorkingDays,
  calendarFromSchedule,
  d,
  isWeekend,
  mergeNotices,
  rulesVersion,
  type HolidayNotice,
} from '../../src/law';
import { OFFICIAL_CALENDAR, PACKAGE_SCHEDULE } from '../../src/calendar/official';
import { calendarWithNotices, noticesFromJson } from '../../src/calendar/notices';

const REAL_2026: HolidayNotice = (
  JSON.parse(readFileSync(join(__dirname, '../fixtures/holiday-notice-2026.json'), 'utf8')) as {
    notices: HolidayNotice[];
  }
).notices[0];
/** Made up for the tests (no State Council notice): 2030-10-01..07 off, Sun 09-29 and Sat 10-12 worked. */
const MADE_UP_2030: HolidayNotice = {
  year: 2030,
  source: 'test-2030',
  offDays: ['2030-10-01', '2030-10-02', '2030-10-03', '2030-10-04', '2030-10-05', '2030-10-06', '2030-10-07'],
  workDays: ['2030-09-29', '2030-10-12'],
};

const merge = (notices: HolidayNotice[]) => mergeNotices(PACKAGE_SCHEDULE, notices, 'test');

describe('the real 2026 notice (国办发明电〔2025〕7号) agrees with the package', () => {
  it("lists exactly the package's 2026 days off and make-up working days", () => {
    const r = merge([REAL_2026]);
    expect(r.ok).toBe(true);
    const pkgOff = [...PACKAGE_SCHEDULE.daysOff].filter((x) => x.startsWith('2026-')).sort();
    const pkgWork = [...PACKAGE_SCHEDULE.makeUpWorkdays].filter((x) => x.startsWith('2026-')).sort();
    expect([...REAL_2026.offDays].sort()).toEqual(pkgOff);
    expect([...REAL_2026.workDays].sort()).toEqual(pkgWork);
  });

  it('changes no answer of the calendar, only its id', () => {
    const cal = calendarWithNotices([REAL_2026]);
    for (let day = d('2025-12-01'); day <= '2027-01-31'; day = addDays(day, 1)) {
      expect(cal.isWorkingDay(day)).toBe(OFFICIAL_CALENDAR.isWorkingDay(day));
    }
    expect(cal.id).toMatch(/^chinese-days@[0-9.]+:2004-2026\+notices-2026-[0-9a-f]{16}$/);
    expect(rulesVersion(cal)).not.toBe(rulesVersion(OFFICIAL_CALENDAR));
  });
});

describe('a notice for a year the package does not know makes it known', () => {
  it('2030 follows the notice, and dates derived from it are final', () => {
    expect(OFFICIAL_CALENDAR.isKnown(d('2030-09-20'))).toBe(false);
    const cal = calendarWithNotices([MADE_UP_2030]);
    expect(cal.isKnown(d('2030-09-20'))).toBe(true);
    expect(cal.isKnown(d('2030-12-01'))).toBe(false); // December waits for next year's notice
    expect(cal.isWorkingDay(d('2030-10-01'))).toBe(false);
    expect(cal.isWorkingDay(d('2030-09-29'))).toBe(true);
    expect(cal.isWorkingDay(d('2030-10-08'))).toBe(true);
    expect(cal.isWorkingDay(d('2030-10-13'))).toBe(false);
    expect(addWorkingDays(OFFICIAL_CALENDAR, d('2030-09-20'), 15)).toEqual({
      date: '2030-10-11',
      provisional: true,
    });
    expect(addWorkingDays(cal, d('2030-09-20'), 15)).toEqual({ date: '2030-10-16', provisional: false });
    // the package's years are as before
    expect(cal.isWorkingDay(d('2026-10-07'))).toBe(false);
    expect(cal.isWorkingDay(d('2026-10-10'))).toBe(true);
  });

  it('the id is a digest of the notices: the same notices in any order give the same id, any change another', () => {
    const a = calendarWithNotices([MADE_UP_2030, REAL_2026]).id;
    const b = calendarWithNotices([
      { ...REAL_2026, offDays: [...REAL_2026.offDays].reverse() },
      MADE_UP_2030,
    ]).id;
    expect(a).toBe(b);
    expect(calendarWithNotices([{ ...MADE_UP_2030, source: 'another' }]).id).not.toBe(
      calendarWithNotices([MADE_UP_2030]).id,
    );
    expect(calendarWithNotices([]).id).toBe(OFFICIAL_CALENDAR.id);
  });

  it('property: with a notice, a day of its year is a working day iff listed as one, or a weekday not listed off', () => {
    const cal = calendarFromSchedule((merge([MADE_UP_2030]) as { ok: true; schedule: any }).schedule);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 }), (n) => {
        const date = addDays(d('2030-01-01'), n);
        const expected =
          MADE_UP_2030.workDays.includes(date) || (!isWeekend(date) && !MADE_UP_2030.offDays.includes(date));
        expect(cal.isWorkingDay(date)).toBe(expected);
      }),
    );
  });
});

describe('notices that cannot be used: the field and the first date at fault', () => {
  const n30 = MADE_UP_2030;
  it.each<[string, HolidayNotice[], string, RegExp]>([
    // case,                                  notices,                                                         field,                  message
    [
      'not a calendar date',
      [{ ...n30, offDays: ['2030-02-30'] }],
      'notices[0].offDays[0]',
      /"2030-02-30" is not a calendar date/,
    ],
    [
      'not YYYY-MM-DD',
      [{ ...n30, workDays: ['2030/09/29'] }],
      'notices[0].workDays[0]',
      /not a calendar date/,
    ],
    [
      "outside its notice's year",
      [{ ...n30, offDays: [...n30.offDays, '2031-01-01'] }],
      'notices[0].offDays[7]',
      /2031-01-01 is not in the notice's year 2030/,
    ],
    [
      'in both lists',
      [{ ...n30, workDays: ['2030-09-29', '2030-10-05'] }],
      'notices[0].workDays[1]',
      /2030-10-05 is both a day off and a make-up working day/,
    ],
    [
      'listed twice',
      [{ ...n30, offDays: ['2030-10-01', '2030-10-01'] }],
      'notices[0].offDays[1]',
      /listed twice/,
    ],
    [
      'a make-up working day on a weekday',
      [{ ...n30, workDays: ['2030-10-08'] }],
      'notices[0].workDays[0]',
      /2030-10-08 is a weekday/,
    ],
    [
      'two notices for one year',
      [n30, { ...n30, source: 'again' }],
      'notices[1].year',
      /2030 has a notice already/,
    ],
    ['a year that is not a year', [{ ...n30, year: 30 }], 'notices[0].year', /not a four-digit year/],
    ['no source', [{ ...n30, source: '  ' }], 'notices[0].source', /name the notice/],
    // disagreement with the package (2026: 国庆 10-01..07, make-up days 09-20 and 10-10)
    [
      '2026 missing a day off (10-07)',
      [{ ...REAL_2026, offDays: REAL_2026.offDays.filter((x) => x !== '2026-10-07') }],
      'notices[0].offDays',
      /2026-10-07 is a day off in chinese-days@[0-9.]+:2004-2026 but not in the notice for 2026/,
    ],
    [
      '2026 with an extra day off (10-08)',
      [{ ...REAL_2026, offDays: [...REAL_2026.offDays, '2026-10-08'] }],
      'notices[0].offDays',
      /2026-10-08 is in the notice for 2026 but not a day off in chinese-days/,
    ],
    [
      '2026 missing a make-up day (10-10)',
      [{ ...REAL_2026, workDays: REAL_2026.workDays.filter((x) => x !== '2026-10-10') }],
      'notices[0].workDays',
      /2026-10-10 is a make-up working day in chinese-days.* but not in the notice/,
    ],
    [
      '2026: the first differing date is named',
      [
        {
          ...REAL_2026,
          offDays: [...REAL_2026.offDays.filter((x) => x !== '2026-05-05'), '2026-10-08'],
          workDays: REAL_2026.workDays.filter((x) => x !== '2026-01-04'),
        },
      ],
      'notices[0].workDays',
      /^2026-01-04 /,
    ],
  ])('%s', (_case, notices, field, message) => {
    const r = merge(notices);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem.field).toBe(field);
    expect(r.problem.message).toMatch(message);
    expect(() => calendarWithNotices(notices)).toThrow(`HOLIDAY_NOTICES_FILE: ${field}: `);
  });
});

describe("the file's shape (src/calendar/notices.ts)", () => {
  it.each<[string, unknown, RegExp]>([
    ['not an object', [], /\(file\): expected an object/],
    ['an unknown top field', { notices: [], extra: 1 }, /extra: unknown field/],
    ['no notices array', { notices: {} }, /notices: expected an array/],
    ['a notice not an object', { notices: ['2030'] }, /notices\[0\]: expected an object/],
    [
      'a misspelt field',
      { notices: [{ year: 2030, source: 's', offdays: [], workDays: [] }] },
      /notices\[0\]\.offdays: unknown field/,
    ],
    [
      'year a string',
      { notices: [{ year: '2030', source: 's', offDays: [], workDays: [] }] },
      /notices\[0\]\.year: expected a year/,
    ],
    [
      'source missing',
      { notices: [{ year: 2030, offDays: [], workDays: [] }] },
      /notices\[0\]\.source: expected/,
    ],
    [
      'offDays missing',
      { notices: [{ year: 2030, source: 's', workDays: [] }] },
      /notices\[0\]\.offDays: expected an array/,
    ],
    [
      'a date not a string',
      { notices: [{ year: 2030, source: 's', offDays: ['2030-10-01', 20301002], workDays: [] }] },
      /notices\[0\]\.offDays\[1\]: expected a date/,
    ],
  ])('%s', (_case, json, message) => {
    expect(() => noticesFromJson(json)).toThrow(message);
  });
});
