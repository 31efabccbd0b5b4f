/**
 * The calendar-free questions the paged lists ask the register (SPEC "Lists that grow with the
 * city"; Art. 11, Art. 13 and I-3), checked against the rules they stand for:
 * - overdue on asOf ⇔ accepted on or before latestAcceptanceOverdueOn(asOf);
 * - a window open on some day in [from, to] ⇒ its anniversary is in anniversariesOfWindowsOpenIn
 *   and the issue month-day in issueMonthDaysWithAnniversaryIn (a necessary condition: the list
 *   then checks each candidate exactly).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  anniversariesOfWindowsOpenIn,
  anniversary,
  d,
  endorsementWindow,
  fromEpochDay,
  isOverdue,
  issueDeadline,
  issueMonthDaysWithAnniversaryIn,
  latestAcceptanceOverdueOn,
  monthDay,
  rollToWorkingDay,
  toEpochDay,
  WEEKENDS_ONLY,
  type LocalDate,
} from '../../src/law';
import { OFFICIAL_CALENDAR } from '../../src/calendar/official';
import { calendarWithNotices } from '../../src/calendar/notices';

const date = (min: string, max: string) =>
  fc.integer({ min: toEpochDay(d(min)), max: toEpochDay(d(max)) }).map(fromEpochDay);
const WITH_2030 = calendarWithNotices([
  {
    year: 2030,
    source: 'test',
    offDays: [
      '2030-10-01',
      '2030-10-02',
      '2030-10-03',
      '2030-10-04',
      '2030-10-05',
      '2030-10-06',
      '2030-10-07',
    ],
    workDays: ['2030-09-29'],
  },
]);
const CALENDARS = [
  ['the package', OFFICIAL_CALENDAR],
  ['weekends only', WEEKENDS_ONLY],
  ['the package and a 2030 notice', WITH_2030],
] as const;

describe("worked examples (the package's 2026 schedule)", () => {
  it.each([
    // asOf,        latest overdue acceptance, why
    [
      '2026-10-13',
      '2026-09-15',
      'accepted Tue 09-15: due Mon 10-12 (Sun 09-20 and Sat 10-10 worked; 09-25..27, 10-01..07 off)',
    ],
    ['2026-10-14', '2026-09-16', 'accepted 09-16 is due Tue 10-13, 09-17 on 10-14'],
  ])('on %s: accepted by %s (%s)', (asOf, latest, _why) => {
    expect(latestAcceptanceOverdueOn(OFFICIAL_CALENDAR, d(asOf))).toBe(latest);
  });

  it('a window reaching `from` over a holiday: the anniversary may lie before it (2026-10-01 rolls to 10-08)', () => {
    expect(anniversariesOfWindowsOpenIn(OFFICIAL_CALENDAR, d('2026-10-08'), d('2026-10-08')).from).toBe(
      '2026-10-01',
    );
    expect(endorsementWindow(OFFICIAL_CALENDAR, d('2025-10-01'), 1).to).toBe('2026-10-08');
  });

  it.each([
    // lo,          hi,           ranges
    ['2027-02-10', '2027-03-05', [{ from: '02-10', to: '03-05' }]],
    ['2027-02-10', '2027-02-28', [{ from: '02-10', to: '02-29' }]], // 02-29 issues fall on 02-28 in common years
    [
      '2027-12-20',
      '2028-01-15',
      [
        { from: '12-20', to: '12-31' },
        { from: '01-01', to: '01-15' },
      ],
    ],
    [
      '2027-03-01',
      '2028-02-28',
      [
        { from: '03-01', to: '12-31' },
        { from: '01-01', to: '02-29' },
      ],
    ],
    ['2027-03-01', '2028-03-01', [{ from: '01-01', to: '12-31' }]],
    ['2027-03-02', '2027-03-01', []],
  ])('%s..%s → %j', (lo, hi, ranges) => {
    expect(issueMonthDaysWithAnniversaryIn(d(lo), d(hi))).toEqual(ranges);
  });
});

describe.each(CALENDARS)('Art. 11 overdue as a bound on the acceptance day (%s)', (_name, cal) => {
  it('property: overdue on asOf exactly when accepted on or before the bound', () => {
    fc.assert(
      fc.property(date('2016-02-15', '2031-12-31'), fc.integer({ min: 0, max: 90 }), (asOf, back) => {
        const acceptedOn = addDays(asOf, -back);
        const bound = latestAcceptanceOverdueOn(cal, asOf);
        expect(isOverdue(issueDeadline(cal, acceptedOn).date, asOf)).toBe(acceptedOn <= bound);
      }),
      { numRuns: 2000 },
    );
  });
});

const inRanges = (md: string, ranges: { from: string; to: string }[]) =>
  ranges.some((r) => r.from <= md && md <= r.to);

describe.each(CALENDARS)(
  'I-3 windows open in [from, to] by anniversary and issue month-day (%s)',
  (_name, cal) => {
    it('property: every window open on some day in [from, to] has its anniversary and issue month-day in the bounds', () => {
      fc.assert(
        fc.property(
          date('2016-02-15', '2029-12-31'),
          date('2017-01-01', '2031-06-30'),
          fc.integer({ min: 0, max: 500 }),
          (issuedOn: LocalDate, from: LocalDate, span) => {
            const to = addDays(from, span);
            const bounds = anniversariesOfWindowsOpenIn(cal, from, to);
            const ranges = issueMonthDaysWithAnniversaryIn(bounds.from, bounds.to);
            for (let k = 1; k <= 20; k += 1) {
              const w = endorsementWindow(cal, issuedOn, k);
              if (w.from > to || w.to < from) continue; // not open in [from, to]
              const a = anniversary(issuedOn, k);
              expect(
                a >= bounds.from && a <= bounds.to,
                `A_${k} = ${a} outside ${bounds.from}..${bounds.to}`,
              ).toBe(true);
              expect(
                inRanges(monthDay(issuedOn), ranges),
                `${issuedOn} (A_${k} = ${a}) outside ${JSON.stringify(ranges)}`,
              ).toBe(true);
            }
          },
        ),
        { numRuns: 3000 },
      );
    });

    it('property: the lower bound is exact — the window of an anniversary the day before it closes before `from`', () => {
      fc.assert(
        fc.property(date('2017-01-01', '2031-06-30'), (from) => {
          const lo = anniversariesOfWindowsOpenIn(cal, from, from).from;
          expect(rollToWorkingDay(cal, addDays(lo, -1)).date < from).toBe(true);
          expect(rollToWorkingDay(cal, lo).date >= from).toBe(true);
        }),
        { numRuns: 1000 },
      );
    });
  },
);
