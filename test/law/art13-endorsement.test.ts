/**
 * Art. 13: annual endorsement and automatic lapse, read with I-3 (endorsement periods) and I-4
 * (lapse is final); confiscation under Art. 21 para 2 ends validity from its day.
 *
 * 第十三条 居住证实行签注制度，每年签注一次。持证人应当自居住证签发之日起每满一年前一个月内
 * 向原县级公安机关或者受托机构申办居住证签注。签注有效期满未再申办签注手续的，居住证自动失效。
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  anniversary,
  d,
  decideEndorsement,
  endorsementWindow,
  fromEpochDay,
  permitStateOn,
  toEpochDay,
  type LocalDate,
  type PermitFacts,
} from '../../src/law';
import { OFFICIAL_CALENDAR as CAL } from '../../src/calendar/official';

describe('I-3: year k ends on A_k = I + k years, counted from I each time', () => {
  it.each([
    // issued (I),   k, A_k
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 2, '2026-02-28'],
    ['2024-02-29', 3, '2027-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2024-02-29', 8, '2032-02-29'],
    ['2025-10-01', 1, '2026-10-01'],
    ['2024-03-01', 1, '2025-03-01'],
  ])('I = %s: A_%i = %s', (issuedOn, k, a) => {
    expect(anniversary(d(issuedOn), k)).toBe(a);
  });
});

describe('I-3: the window for year k runs from the day after A_k minus one month to A_k, or to the next working day after a non-working A_k', () => {
  it.each([
    // issued (I),   k, from,          to,            provisional, why
    ['2024-02-29', 1, '2025-01-29', '2025-02-28', false, 'A_1 = 2025-02-28, a Friday'],
    [
      '2024-02-29',
      2,
      '2026-01-29',
      '2026-02-28',
      false,
      'A_2 = 2026-02-28, a Saturday but a make-up working day: not moved',
    ],
    [
      '2024-02-29',
      4,
      '2028-01-30',
      '2028-02-29',
      true,
      'A_4 = 2028-02-29, a Tuesday in a year not yet announced',
    ],
    [
      '2025-10-01',
      1,
      '2026-09-02',
      '2026-10-08',
      false,
      'A_1 = National Day 2026: runs on to Thursday 10-08',
    ],
    [
      '2025-02-17',
      1,
      '2026-01-18',
      '2026-02-24',
      false,
      'A_1 = 2026-02-17, Spring Festival (2-15..2-23 off)',
    ],
    ['2025-03-07', 1, '2026-02-08', '2026-03-09', false, 'A_1 = 2026-03-07, a Saturday'],
    ['2025-03-31', 1, '2026-03-01', '2026-03-31', false, 'A_1 - 1 month = 2026-02-28 (no 31st): from 03-01'],
    ['2024-03-01', 1, '2025-02-02', '2025-03-03', false, 'A_1 = 2025-03-01, a Saturday'],
    ['2024-03-01', 2, '2026-02-02', '2026-03-02', false, 'A_2 = 2026-03-01, a Sunday'],
    ['2024-03-01', 3, '2027-02-02', '2027-03-01', true, 'A_3 = 2027-03-01, a Monday in an unknown year'],
    ['2026-03-02', 1, '2027-02-03', '2027-03-02', true, 'issued in 2026, A_1 in 2027'],
  ])('I = %s, year %i: %s to %s (provisional %s; %s)', (issuedOn, k, from, to, provisional) => {
    expect(endorsementWindow(CAL, d(issuedOn), k)).toEqual({ year: k, from, to, provisional });
  });
});

// A permit issued on Friday 2024-03-01. Windows: year 1 2025-02-02..2025-03-03 (A_1 a Saturday),
// year 2 2026-02-02..2026-03-02 (A_2 a Sunday), year 3 2027-02-02..2027-03-01 (provisional).
const P: PermitFacts = { issuedOn: d('2024-03-01'), endorsements: [], confiscatedOn: null };
const W1 = { year: 1, from: '2025-02-02', to: '2025-03-03', provisional: false };
const W2 = { year: 2, from: '2026-02-02', to: '2026-03-02', provisional: false };
const W3 = { year: 3, from: '2027-02-02', to: '2027-03-01', provisional: true };

const facts = (endorsements: string[], confiscatedOn: string | null = null): PermitFacts => ({
  ...P,
  endorsements: endorsements.map(d),
  confiscatedOn: confiscatedOn === null ? null : d(confiscatedOn),
});

describe('permitStateOn: status, validThrough and window on a day (permit issued 2024-03-01)', () => {
  it.each([
    // endorsed on,                  confiscated,   as of,         status,            valid through, window, endorsed years
    [[], null, '2024-02-29', 'NOT_YET_ISSUED', null, W1, 0],
    [[], null, '2024-03-01', 'VALID', '2025-03-03', W1, 0],
    [[], null, '2024-12-31', 'VALID', '2025-03-03', W1, 0],
    [[], null, '2025-03-01', 'VALID', '2025-03-03', W1, 0],
    [[], null, '2025-03-03', 'VALID', '2025-03-03', W1, 0],
    [[], null, '2025-03-04', 'LAPSED', '2025-03-03', null, 0],
    [[], null, '2026-02-10', 'LAPSED', '2025-03-03', null, 0],
    [['2025-02-20'], null, '2025-02-19', 'VALID', '2025-03-03', W1, 0],
    [['2025-02-20'], null, '2025-02-20', 'VALID', '2026-03-02', W2, 1],
    [['2025-02-20'], null, '2025-03-04', 'VALID', '2026-03-02', W2, 1],
    [['2025-02-20'], null, '2026-03-02', 'VALID', '2026-03-02', W2, 1],
    [['2025-02-20'], null, '2026-03-03', 'LAPSED', '2026-03-02', null, 1],
    [['2025-03-03'], null, '2025-03-04', 'VALID', '2026-03-02', W2, 1],
    [['2025-02-20', '2026-03-02'], null, '2026-03-03', 'VALID', '2027-03-01', W3, 2],
    [['2026-03-02', '2025-02-20'], null, '2026-03-03', 'VALID', '2027-03-01', W3, 2],
    [['2026-02-10'], null, '2026-02-10', 'LAPSED', '2025-03-03', null, 0],
    [['2025-02-20'], '2025-09-10', '2025-09-09', 'VALID', '2026-03-02', W2, 1],
    [['2025-02-20'], '2025-09-10', '2025-09-10', 'CONFISCATED', '2025-09-09', null, 1],
    [['2025-02-20'], '2025-09-10', '2026-06-01', 'CONFISCATED', '2025-09-09', null, 1],
    [[], '2024-03-01', '2024-03-01', 'CONFISCATED', null, null, 0],
    [[], '2024-03-01', '2025-06-01', 'CONFISCATED', null, null, 0],
    [[], '2024-03-02', '2024-03-01', 'VALID', '2025-03-03', W1, 0],
    [[], '2024-03-02', '2024-03-02', 'CONFISCATED', '2024-03-01', null, 0],
    [[], '2025-03-04', '2025-03-04', 'CONFISCATED', '2025-03-03', null, 0],
    [[], '2025-06-01', '2025-06-01', 'CONFISCATED', '2025-03-03', null, 0],
  ] as [string[], string | null, string, string, string | null, object | null, number][])(
    'endorsed %j, confiscated %s, on %s: %s through %s',
    (endorsed, confiscated, asOf, status, validThrough, window, endorsedYears) => {
      const s = permitStateOn(CAL, facts(endorsed, confiscated), d(asOf));
      expect({
        status: s.status,
        validThrough: s.validThrough,
        endorsementWindow: s.endorsementWindow,
        endorsedYears: s.endorsedYears,
      }).toEqual({ status, validThrough, endorsementWindow: window, endorsedYears });
    },
  );

  it.each([
    // endorsed on,     confiscated,   as of,         status,           provisional, why
    [[], null, '2024-02-29', 'NOT_YET_ISSUED', false, 'before issue nothing rests on the calendar'],
    [[], null, '2024-06-01', 'VALID', false, 'valid through 2025-03-03, a known year'],
    [
      ['2025-02-20', '2026-02-10'],
      null,
      '2026-06-01',
      'VALID',
      true,
      'valid through 2027-03-01, not yet announced',
    ],
    [
      ['2025-02-20', '2026-02-10'],
      '2026-06-01',
      '2026-06-01',
      'CONFISCATED',
      false,
      'valid through 2026-05-31, the day before confiscation: no calendar in it',
    ],
    [
      ['2025-02-20', '2026-02-10'],
      '2027-03-02',
      '2027-03-02',
      'CONFISCATED',
      true,
      'valid through 2027-03-01, the unannounced end of the window, also the day before confiscation',
    ],
    [
      ['2025-02-20', '2026-02-10'],
      '2027-06-01',
      '2027-06-01',
      'CONFISCATED',
      true,
      'lapsed after 2027-03-01 (unannounced), confiscated later',
    ],
    [[], '2024-06-01', '2024-06-01', 'CONFISCATED', false, 'cut short inside a known year'],
    [[], '2024-03-01', '2024-03-01', 'CONFISCATED', false, 'confiscated on the day of issue: never valid'],
  ] as [string[], string | null, string, string, boolean, string][])(
    'endorsed %j, confiscated %s, on %s: %s, provisional %s (%s)',
    (endorsed, confiscated, asOf, status, provisional) => {
      const s = permitStateOn(CAL, facts(endorsed, confiscated), d(asOf));
      expect([s.status, s.validThroughProvisional]).toEqual([status, provisional]);
    },
  );

  it('validThrough in an unknown year is provisional', () => {
    expect(permitStateOn(CAL, facts(['2025-02-20', '2026-02-10']), d('2026-06-01'))).toMatchObject({
      validThrough: '2027-03-01',
      validThroughProvisional: true,
    });
    expect(permitStateOn(CAL, P, d('2024-06-01')).validThroughProvisional).toBe(false);
  });
});

describe('decideEndorsement (permit issued 2024-03-01)', () => {
  it.each([
    // endorsed before,  confiscated,   endorsing on,  year, extends validity through, provisional
    [[], null, '2025-02-02', 1, '2026-03-02', false],
    [[], null, '2025-03-01', 1, '2026-03-02', false],
    [[], null, '2025-03-03', 1, '2026-03-02', false],
    [['2025-02-20'], null, '2026-02-02', 2, '2027-03-01', true],
    [['2025-02-20'], null, '2026-03-02', 2, '2027-03-01', true],
  ] as [string[], string | null, string, number, string, boolean][])(
    'endorsed %j, confiscated %s: endorsing on %s is accepted for year %i, valid through %s (provisional %s)',
    (before, confiscated, on, year, through, provisional) => {
      expect(decideEndorsement(CAL, facts(before, confiscated), d(on))).toEqual({
        ok: true,
        value: { endorsedOn: on, year, extendsValidityThrough: through, provisional },
      });
    },
  );

  it.each([
    // endorsed before,  confiscated,   endorsing on,  refused with,                   article, details
    [[], null, '2024-02-01', 'PERMIT_NOT_YET_ISSUED', 13, undefined],
    [
      [],
      null,
      '2024-06-01',
      'ENDORSEMENT_WINDOW_NOT_OPEN',
      13,
      { windowFrom: '2025-02-02', windowTo: '2025-03-03', provisional: false },
    ],
    [
      [],
      null,
      '2025-02-01',
      'ENDORSEMENT_WINDOW_NOT_OPEN',
      13,
      { windowFrom: '2025-02-02', windowTo: '2025-03-03', provisional: false },
    ],
    [
      ['2025-02-20'],
      null,
      '2025-02-25',
      'ENDORSEMENT_WINDOW_NOT_OPEN',
      13,
      { windowFrom: '2026-02-02', windowTo: '2026-03-02', provisional: false },
    ],
    [
      ['2025-02-20'],
      null,
      '2025-03-03',
      'ENDORSEMENT_WINDOW_NOT_OPEN',
      13,
      { windowFrom: '2026-02-02', windowTo: '2026-03-02', provisional: false },
    ],
    [[], null, '2025-03-04', 'PERMIT_LAPSED', 13, { validThrough: '2025-03-03' }],
    [[], null, '2026-02-10', 'PERMIT_LAPSED', 13, { validThrough: '2025-03-03' }],
    [['2025-02-20'], null, '2026-03-03', 'PERMIT_LAPSED', 13, { validThrough: '2026-03-02' }],
    [['2025-02-20'], '2025-09-10', '2026-02-10', 'PERMIT_CONFISCATED', 21, undefined],
    [[], '2025-02-10', '2025-02-20', 'PERMIT_CONFISCATED', 21, undefined],
  ] as [string[], string | null, string, string, number, object | undefined][])(
    'endorsed %j, confiscated %s: endorsing on %s is refused with %s (Art. %i)',
    (before, confiscated, on, reason, article, details) => {
      const r = decideEndorsement(CAL, facts(before, confiscated), d(on));
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.reason).toBe(reason);
        expect(r.error.citation.article).toBe(article);
        expect(r.error.details).toEqual(details);
        expect(r.error.messageZh).not.toBe('');
        expect(r.error.messageEn).not.toBe('');
      }
    },
  );

  it('the early refusal names the window in its messages', () => {
    const r = decideEndorsement(CAL, P, d('2024-06-01'));
    expect(!r.ok && r.error.messageEn).toContain('2025-02-02');
    expect(!r.ok && r.error.messageZh).toContain('2025-03-03');
  });

  it('a second endorsement in the same window is refused (签注每年一次)', () => {
    const first = decideEndorsement(CAL, P, d('2025-02-10'));
    expect(first.ok).toBe(true);
    const second = decideEndorsement(CAL, facts(['2025-02-10']), d('2025-02-11'));
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error.reason).toBe('ENDORSEMENT_WINDOW_NOT_OPEN');
  });

  it('I-4: a lapsed permit can never be endorsed again, whatever the day', () => {
    for (const on of ['2025-03-04', '2026-02-02', '2026-03-02', '2027-02-15', '2030-01-01']) {
      const r = decideEndorsement(CAL, P, d(on));
      expect(!r.ok && r.error.reason).toBe('PERMIT_LAPSED');
    }
  });
});

// ------------------------------------------------------------------------------------------------
// Properties

const issueDates = fc
  .integer({ min: toEpochDay(d('2016-02-15')), max: toEpochDay(d('2030-12-31')) })
  .map(fromEpochDay);

/** A day inside window k, picked by a fraction of its length. */
function dayIn(issuedOn: LocalDate, k: number, fraction: number): LocalDate {
  const w = endorsementWindow(CAL, issuedOn, k);
  const len = toEpochDay(w.to) - toEpochDay(w.from);
  return addDays(w.from, Math.min(len, Math.floor(fraction * (len + 1))));
}

const factsArb = issueDates.chain((issuedOn) =>
  fc.record({
    issuedOn: fc.constant(issuedOn),
    // a mix of in-window endorsements and arbitrary dates over the first six years
    endorsements: fc.array(
      fc.oneof(
        fc
          .tuple(fc.integer({ min: 1, max: 6 }), fc.double({ min: 0, max: 1, noNaN: true }))
          .map(([k, f]) => dayIn(issuedOn, k, f)),
        fc.integer({ min: -30, max: 6 * 366 }).map((n) => addDays(issuedOn, n)),
      ),
      { maxLength: 7 },
    ),
    confiscatedOn: fc.option(
      fc.integer({ min: 0, max: 6 * 366 }).map((n) => addDays(issuedOn, n)),
      { nil: null },
    ),
  }),
);

describe('properties', () => {
  it('an endorsement window always ends on a working day on or after A_k, and starts the day after A_k minus one month', () => {
    fc.assert(
      fc.property(issueDates, fc.integer({ min: 1, max: 12 }), (issuedOn, k) => {
        const a = anniversary(issuedOn, k);
        const w = endorsementWindow(CAL, issuedOn, k);
        expect(w.to >= a).toBe(true);
        expect(CAL.isWorkingDay(w.to)).toBe(true);
        for (let x = a; x < w.to; x = addDays(x, 1)) expect(CAL.isWorkingDay(x)).toBe(false);
        expect(w.from).toBe(addDays(addMonths(a, -1), 1));
        expect(w.provisional).toBe(!CAL.isKnown(a) || !CAL.isKnown(w.to));
        // windows follow one another and never overlap
        expect(endorsementWindow(CAL, issuedOn, k + 1).from > w.to).toBe(true);
      }),
    );
  });

  it('endorsing in every window keeps the permit VALID on every day up to the end of the next window, then it lapses', () => {
    fc.assert(
      fc.property(
        issueDates,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (issuedOn, fractions) => {
          const endorsements = fractions.map((f, i) => dayIn(issuedOn, i + 1, f));
          const f: PermitFacts = { issuedOn, endorsements, confiscatedOn: null };
          const last = endorsementWindow(CAL, issuedOn, fractions.length + 1).to;
          for (let x = issuedOn; x <= last; x = addDays(x, 1)) {
            const s = permitStateOn(CAL, f, x);
            expect(s.status).toBe('VALID');
            expect(s.validThrough! >= x).toBe(true);
          }
          expect(permitStateOn(CAL, f, addDays(last, 1))).toMatchObject({
            status: 'LAPSED',
            validThrough: last,
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('each endorsement in a window is accepted, and extends validity exactly as permitStateOn then reports', () => {
    fc.assert(
      fc.property(
        issueDates,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }),
        (issuedOn, fractions) => {
          const endorsed: LocalDate[] = [];
          fractions.forEach((fr, i) => {
            const on = dayIn(issuedOn, i + 1, fr);
            const r = decideEndorsement(CAL, { issuedOn, endorsements: endorsed, confiscatedOn: null }, on);
            expect(r.ok).toBe(true);
            if (!r.ok) return;
            expect(r.value.year).toBe(i + 1);
            endorsed.push(on);
            const s = permitStateOn(CAL, { issuedOn, endorsements: endorsed, confiscatedOn: null }, on);
            expect(s.validThrough).toBe(r.value.extendsValidityThrough);
            expect(s.endorsedYears).toBe(i + 1);
          });
        },
      ),
    );
  });

  it('another endorsement never shortens validThrough', () => {
    fc.assert(
      fc.property(
        factsArb,
        fc.integer({ min: -30, max: 7 * 366 }),
        fc.integer({ min: -30, max: 7 * 366 }),
        (f, extra, asOfOffset) => {
          const asOf = addDays(f.issuedOn, asOfOffset);
          const before = permitStateOn(CAL, f, asOf).validThrough;
          const after = permitStateOn(
            CAL,
            { ...f, endorsements: [...f.endorsements, addDays(f.issuedOn, extra)] },
            asOf,
          ).validThrough;
          if (before === null) return;
          expect(after).not.toBeNull();
          expect(after! >= before).toBe(true);
        },
      ),
    );
  });

  it('only acts dated on or before asOf count', () => {
    fc.assert(
      fc.property(factsArb, fc.integer({ min: -30, max: 7 * 366 }), (f, asOfOffset) => {
        const asOf = addDays(f.issuedOn, asOfOffset);
        const known: PermitFacts = {
          issuedOn: f.issuedOn,
          endorsements: f.endorsements.filter((e) => e <= asOf),
          confiscatedOn: f.confiscatedOn !== null && f.confiscatedOn <= asOf ? f.confiscatedOn : null,
        };
        expect(permitStateOn(CAL, f, asOf)).toEqual(permitStateOn(CAL, known, asOf));
      }),
    );
  });

  it('status follows SPEC: NOT_YET_ISSUED before issue, CONFISCATED from confiscation, LAPSED after validThrough, else VALID', () => {
    fc.assert(
      fc.property(factsArb, fc.integer({ min: -30, max: 7 * 366 }), (f, asOfOffset) => {
        const asOf = addDays(f.issuedOn, asOfOffset);
        const s = permitStateOn(CAL, f, asOf);
        if (asOf < f.issuedOn) {
          expect(s.status).toBe('NOT_YET_ISSUED');
          expect(s.validThrough).toBeNull();
        } else if (f.confiscatedOn !== null && f.confiscatedOn <= asOf) {
          expect(s.status).toBe('CONFISCATED');
          expect(s.endorsementWindow).toBeNull();
          if (s.validThrough !== null) expect(s.validThrough < f.confiscatedOn).toBe(true);
        } else if (s.status === 'LAPSED') {
          expect(asOf > s.validThrough!).toBe(true);
          expect(s.endorsementWindow).toBeNull();
        } else {
          expect(s.status).toBe('VALID');
          expect(s.validThrough! >= asOf).toBe(true);
          expect(s.endorsementWindow!.to).toBe(s.validThrough);
          expect(s.endorsementWindow!.to >= asOf).toBe(true);
        }
      }),
    );
  });
});
