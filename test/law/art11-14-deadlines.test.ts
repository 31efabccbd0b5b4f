/**
 * Art. 11 (issue within 15 working days of acceptance), Art. 12 (issued by the city bureau) and
 * Art. 14 para 2 (a lost or damaged permit is replaced within 15 working days of the request).
 * Moves between areas (Art. 14 para 1) are tested in regions.test.ts.
 *
 * 第十一条 县级公安机关或者受托机构应当自受理之日起十五个工作日内核发居住证。
 * 第十二条 居住证由市公安机关统一制发。
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  ISSUE_WORKING_DAYS,
  ISSUING_AUTHORITY,
  REPLACEMENT_WORKING_DAYS,
  addDays,
  d,
  fromEpochDay,
  isOverdue,
  issueDeadline,
  replacementDeadline,
  toEpochDay,
  type LocalDate,
} from '../../src/law';
import { OFFICIAL_CALENDAR as CAL } from '../../src/calendar/official';

describe('Art. 11 and 14(2): fifteen working days', () => {
  it('both periods are 15 working days', () => {
    expect(ISSUE_WORKING_DAYS).toBe(15);
    expect(REPLACEMENT_WORKING_DAYS).toBe(15);
  });
});

describe('issueDeadline (Art. 11)', () => {
  it.each([
    // accepted on,  issue by,      provisional, why
    ['2026-09-28', '2026-10-23', false, 'National Day 2026: 10-1..10-7 off, Saturday 10-10 worked'],
    [
      '2026-02-13',
      '2026-03-12',
      false,
      'Spring Festival 2026: Saturdays 2-14 and 2-28 worked, 2-15..2-23 off',
    ],
    ['2026-03-02', '2026-03-23', false, 'no holiday'],
    ['2026-12-10', '2026-12-31', true, 'December of the last known year: the next notice may move it'],
    ['2026-12-11', '2027-01-01', true, 'runs into 2027, not yet announced'],
    ['2027-06-01', '2027-06-22', true, 'wholly in an unknown year: weekends only'],
  ])('accepted %s → issue by %s (provisional %s; %s)', (acceptedOn, deadline, provisional) => {
    expect(issueDeadline(CAL, d(acceptedOn))).toEqual({ date: deadline, provisional });
  });
});

describe('replacementDeadline (Art. 14 para 2)', () => {
  it.each([
    // reported on,  replace by,    provisional, why
    ['2024-09-30', '2024-10-25', false, 'National Day 2024: 10-1..10-7 off, Saturday 10-12 worked'],
    ['2024-09-27', '2024-10-23', false, 'Sunday 9-29 and Saturday 10-12 worked'],
    ['2026-09-28', '2026-10-23', false, 'same period as the issue deadline'],
  ])('reported %s → replace by %s (provisional %s; %s)', (reportedOn, deadline, provisional) => {
    expect(replacementDeadline(CAL, d(reportedOn))).toEqual({ date: deadline, provisional });
  });
});

describe('isOverdue: an open application is overdue from the day after its deadline', () => {
  it.each([
    // deadline,     as of,         overdue
    ['2026-10-23', '2026-10-22', false],
    ['2026-10-23', '2026-10-23', false],
    ['2026-10-24', '2026-10-24', false],
    ['2026-10-23', '2026-10-24', true],
    ['2026-10-23', '2027-01-01', true],
  ])('deadline %s, on %s: overdue %s', (deadline, asOf, overdue) => {
    expect(isOverdue(d(deadline), d(asOf))).toBe(overdue);
  });
});

describe('Art. 12: the issuing authority', () => {
  it('is 洛阳市公安局, whichever office accepted the application', () => {
    expect(ISSUING_AUTHORITY).toBe('洛阳市公安局');
  });
});

const dates2016to2030 = fc
  .integer({ min: toEpochDay(d('2016-01-01')), max: toEpochDay(d('2030-12-31')) })
  .map(fromEpochDay);

function workingDaysAfter(start: LocalDate, end: LocalDate): number {
  let n = 0;
  for (let x = addDays(start, 1); x <= end; x = addDays(x, 1)) if (CAL.isWorkingDay(x)) n += 1;
  return n;
}

describe('properties (dates 2016–2030)', () => {
  it.each([
    ['issueDeadline', issueDeadline],
    ['replacementDeadline', replacementDeadline],
  ] as const)(
    'every %s is a working day strictly after its start, the 15th working day after it',
    (_name, deadline) => {
      fc.assert(
        fc.property(dates2016to2030, (start) => {
          const { date, provisional } = deadline(CAL, start);
          expect(date > start).toBe(true);
          expect(CAL.isWorkingDay(date)).toBe(true);
          expect(workingDaysAfter(start, date)).toBe(15);
          // provisional exactly when the count passed through a year with no known notice
          expect(provisional).toBe(!CAL.isKnown(date) || !CAL.isKnown(addDays(start, 1)));
        }),
      );
    },
  );

  it('a later acceptance never gives an earlier deadline', () => {
    fc.assert(
      fc.property(dates2016to2030, dates2016to2030, (a, b) => {
        if (a <= b) expect(issueDeadline(CAL, a).date <= issueDeadline(CAL, b).date).toBe(true);
      }),
    );
  });
});
