/**
 * Articles 20 and 21 (with 16 and 17): the penalties public security records. Bounds are inclusive
 * (以上/以下 include the number).
 *
 * 第二十条 有下列行为之一的，由公安机关给予警告，并处二百元以下罚款，有违法所得的，没收违法所得：……
 * 第二十一条 有下列行为之一的，由公安机关处二百元以上一千元以下罚款，有违法所得的，没收违法所得：……
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { PENALTY_RULES, validatePenalty, type PenaltyInput } from '../../src/law';

const p = (
  article: number,
  clause: number,
  warning: boolean,
  fineYuan: number,
  illegalGainsYuan = 0,
): PenaltyInput => ({ article, clause, warning, fineYuan, illegalGainsYuan });

describe('accepted penalties, with the clause they rest on', () => {
  it.each([
    // article, clause, warning, fine, illegal gains, why
    [20, 1, true, 0, 0, 'Art. 20: warning, no fine (二百元以下 includes 0)'],
    [20, 1, true, 200, 0, 'Art. 20: 200 is the inclusive upper bound'],
    [20, 2, true, 100, 500, 'renting out a permit, gains confiscated'],
    [20, 3, true, 50, 0, "withholding another's permit"],
    [21, 1, false, 200, 0, 'Art. 21: 200 is the inclusive lower bound'],
    [21, 1, false, 1000, 0, 'Art. 21: 1000 is the inclusive upper bound'],
    [21, 2, false, 600, 3000, 'forged permits, gains confiscated'],
  ])(
    'Art. %i(%i), warning %s, fine %i yuan, gains %i: accepted (%s)',
    (article, clause, warning, fine, gains) => {
      const r = validatePenalty(p(article, clause, warning, fine, gains));
      expect(r.ok).toBe(true);
      if (r.ok)
        expect([r.value.citation.article, r.value.citation.paragraph, r.value.citation.clause]).toEqual([
          article,
          article === 21 ? 1 : null,
          clause,
        ]);
    },
  );
});

describe('refusals', () => {
  it.each([
    // article, clause, warning, fine,   gains, refused with,               why
    [20, 1, true, 201, 0, 'FINE_OUT_OF_RANGE', 'over 200'],
    [20, 1, true, -1, 0, 'FINE_OUT_OF_RANGE', 'negative fine'],
    [20, 1, false, 100, 0, 'WARNING_REQUIRED', 'Art. 20 always gives a warning'],
    [20, 1, true, 100.5, 0, 'FINE_OUT_OF_RANGE', 'whole yuan only'],
    [21, 1, false, 199, 0, 'FINE_OUT_OF_RANGE', 'under 200'],
    [21, 1, false, 1001, 0, 'FINE_OUT_OF_RANGE', 'over 1000'],
    [21, 2, false, 0, 0, 'FINE_OUT_OF_RANGE', 'Art. 21 always fines'],
    [21, 1, true, 500, 0, 'WARNING_NOT_PROVIDED_FOR', 'Art. 21 has no warning'],
    [20, 4, true, 100, 0, 'PENALTY_CLAUSE', 'Art. 20 has three clauses'],
    [20, 0, true, 100, 0, 'PENALTY_CLAUSE', 'no clause 0'],
    [21, 3, false, 500, 0, 'PENALTY_CLAUSE', 'Art. 21 has two clauses'],
    [21, 1.5, false, 500, 0, 'PENALTY_CLAUSE', 'clause not an integer'],
    [19, 1, true, 100, 0, 'PENALTY_ARTICLE', 'Art. 19 grants conveniences, no penalty'],
    [16, 1, false, 500, 0, 'PENALTY_ARTICLE', 'Art. 16 is sanctioned through Art. 21'],
    [17, 1, true, 100, 0, 'PENALTY_ARTICLE', 'Art. 17 is sanctioned through Art. 20(3)'],
    [22, 1, true, 100, 0, 'PENALTY_ARTICLE', 'staff misconduct is not a holder penalty'],
    [20, 1, true, 100, -1, 'ILLEGAL_GAINS_NEGATIVE', 'negative illegal gains'],
    [21, 2, false, 500, -100, 'ILLEGAL_GAINS_NEGATIVE', 'negative illegal gains'],
  ])(
    'Art. %i(%i), warning %s, fine %d, gains %d: refused %s (%s)',
    (article, clause, warning, fine, gains, reason) => {
      const r = validatePenalty(p(article, clause, warning, fine, gains));
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.kind).toBe('RULE_VIOLATION');
        expect(r.error.reason).toBe(reason);
        expect([20, 21]).toContain(r.error.citation.article);
        expect(r.error.citation.textZh).not.toBe('');
        expect(r.error.messageZh).not.toBe('');
        expect(r.error.messageEn).not.toBe('');
      }
    },
  );

  it('a fine out of range says the bounds', () => {
    const r = validatePenalty(p(21, 1, false, 1001));
    expect(!r.ok && r.error.details).toEqual({ minFine: 200, maxFine: 1000 });
    expect(!r.ok && r.error.citation.textZh).toBe('冒用他人居住证或者使用骗领的居住证；');
  });
});

describe('the bounds, whole yuan (property)', () => {
  it.each([
    [20, true],
    [21, false],
  ] as const)('Art. %i: a fine is accepted exactly when min <= fine <= max', (article, warning) => {
    const rule = PENALTY_RULES[article];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: rule.clauses }),
        fc.integer({ min: -500, max: 2000 }),
        fc.nat(),
        (clause, fine, gains) => {
          const r = validatePenalty(p(article, clause, warning, fine, gains));
          expect(r.ok).toBe(fine >= rule.minFine && fine <= rule.maxFine);
        },
      ),
    );
  });

  it('the rules table is the law: Art. 20 warning + 0–200, Art. 21 200–1000 and no warning', () => {
    expect(PENALTY_RULES).toEqual({
      20: { warning: true, minFine: 0, maxFine: 200, clauses: 3 },
      21: { warning: false, minFine: 200, maxFine: 1000, clauses: 2 },
    });
  });
});
