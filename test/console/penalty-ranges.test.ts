/**
 * The 违法处理 form's range rules (console/src/pages/police/enforce-ranges.ts) against src/law's own:
 * the same articles, clauses, bounds and warning rule, and every amount on either side of each bound
 * accepted or refused exactly as the gateway's validatePenalty does.
 */
import { describe, expect, it } from 'vitest';
import { cite, PENALTY_RULES, validatePenalty, type CitationKey } from '../../src/law';
import {
  offences,
  parseOffence,
  penaltyProblem,
  PENALTY_ARTICLES,
  rangeOf,
} from '../../console/src/pages/police/enforce-ranges';

describe('违法处理: the ranges of Art. 20 and 21 in the console', () => {
  it('has the articles and bounds of src/law (Art. 20: 0–200 and a warning; Art. 21: 200–1000, none)', () => {
    expect([...PENALTY_ARTICLES].sort()).toEqual(Object.keys(PENALTY_RULES).map(Number).sort());
    for (const a of PENALTY_ARTICLES) {
      const r = rangeOf(a);
      expect(r).toMatchObject(PENALTY_RULES[a]);
    }
    // the law's words, as SPEC applies them: 二百元以下; 二百元以上一千元以下 (bounds inclusive)
    expect(rangeOf(20)).toMatchObject({ minFine: 0, maxFine: 200, warning: true, clauses: 3 });
    expect(rangeOf(21)).toMatchObject({ minFine: 200, maxFine: 1000, warning: false, clauses: 2 });
  });

  it('offers every clause once, with the text the gateway cites', () => {
    const list = offences();
    expect(list.map((o) => o.value)).toEqual(['20.1', '20.2', '20.3', '21.1', '21.2']);
    for (const o of list) {
      expect(o.citation).toEqual(cite(`${o.article}.1.${o.clause}` as CitationKey));
      expect(parseOffence(o.value)).toEqual({ article: o.article, clause: o.clause });
    }
    expect(list[0].citation.textZh).toContain('虚假证明材料');
    expect(parseOffence('20.4')).toBeNull();
    expect(parseOffence('21.3')).toBeNull();
    expect(parseOffence('19.1')).toBeNull();
    expect(parseOffence(undefined)).toBeNull();
  });

  it('accepts and refuses every amount around each bound as validatePenalty does', () => {
    for (const o of offences()) {
      const r = PENALTY_RULES[o.article];
      for (const fineYuan of [
        r.minFine - 1,
        r.minFine,
        r.minFine + 1,
        r.maxFine - 1,
        r.maxFine,
        r.maxFine + 1,
        5000,
      ]) {
        for (const illegalGainsYuan of [-1, 0, 300]) {
          for (const warning of [true, false]) {
            const input = { article: o.article, clause: o.clause, warning, fineYuan, illegalGainsYuan };
            const law = validatePenalty(input);
            const form = penaltyProblem(input);
            expect(form === null, JSON.stringify(input)).toBe(law.ok);
            if (!law.ok) expect(form?.reason).toBe(law.error.reason);
          }
        }
      }
    }
  });

  it('says which field is wrong, in the law’s own sentence', () => {
    const fine = penaltyProblem({
      article: 20,
      clause: 2,
      warning: true,
      fineYuan: 201,
      illegalGainsYuan: 0,
    });
    expect(fine).toMatchObject({ field: 'fineYuan', reason: 'FINE_OUT_OF_RANGE' });
    expect(fine?.messageZh).toBe('罚款应在0元至200元之间（含本数）');
    const low = penaltyProblem({
      article: 21,
      clause: 1,
      warning: false,
      fineYuan: 199,
      illegalGainsYuan: 0,
    });
    expect(low?.messageZh).toBe('罚款应在200元至1000元之间（含本数）');
    expect(
      penaltyProblem({ article: 21, clause: 1, warning: true, fineYuan: 500, illegalGainsYuan: 0 }),
    ).toMatchObject({ field: 'warning', reason: 'WARNING_NOT_PROVIDED_FOR' });
    expect(
      penaltyProblem({ article: 20, clause: 1, warning: false, fineYuan: 100, illegalGainsYuan: 0 }),
    ).toMatchObject({ field: 'warning', reason: 'WARNING_REQUIRED' });
    expect(
      penaltyProblem({ article: 20, clause: 1, warning: true, fineYuan: 100, illegalGainsYuan: -5 }),
    ).toMatchObject({ field: 'illegalGainsYuan', reason: 'ILLEGAL_GAINS_NEGATIVE' });
    // whole yuan only (the gateway takes Int); a missing fine is refused, never sent
    expect(
      penaltyProblem({ article: 20, clause: 1, warning: true, fineYuan: 100.5, illegalGainsYuan: 0 }),
    ).toMatchObject({ field: 'fineYuan', reason: 'WHOLE_YUAN' });
    expect(
      penaltyProblem({ article: 20, clause: 1, warning: true, fineYuan: null, illegalGainsYuan: 0 }),
    ).toMatchObject({ field: 'fineYuan', reason: 'FINE_OUT_OF_RANGE' });
    expect(
      penaltyProblem({ article: 21, clause: 2, warning: false, fineYuan: 1000, illegalGainsYuan: 0 }),
    ).toBeNull();
  });
});
