/**
 * Articles 16, 17, 20 and 21: the penalties public security records. Bounds are inclusive
 * (以上/以下 include the number).
 *
 * Art. 20 clauses 1–3: a warning always, a fine of 0–200 yuan, illegal gains confiscated.
 * Art. 21 clauses 1–2: a fine of 200–1000 yuan, no warning, illegal gains confiscated.
 */
import { cite, type Citation, type CitationKey } from '../articles';
import { fail, ok, violation, type Result } from '../decision';

export interface PenaltyInput {
  readonly article: number;
  readonly clause: number;
  readonly warning: boolean;
  readonly fineYuan: number;
  readonly illegalGainsYuan: number;
}

interface PenaltyRule {
  readonly warning: boolean;
  readonly minFine: number;
  readonly maxFine: number;
  readonly clauses: number;
}

export const PENALTY_RULES: Readonly<Record<20 | 21, PenaltyRule>> = {
  20: { warning: true, minFine: 0, maxFine: 200, clauses: 3 },
  21: { warning: false, minFine: 200, maxFine: 1000, clauses: 2 },
};

export function validatePenalty(p: PenaltyInput): Result<{ citation: Citation }> {
  if (p.article !== 20 && p.article !== 21) {
    return fail(
      violation(
        'PENALTY_ARTICLE',
        cite('20'),
        '只能依照第二十条或第二十一条处罚',
        'Only Articles 20 and 21 carry penalties',
      ),
    );
  }
  const rule = PENALTY_RULES[p.article];
  if (!Number.isInteger(p.clause) || p.clause < 1 || p.clause > rule.clauses) {
    return fail(
      violation(
        'PENALTY_CLAUSE',
        cite(`${p.article}.1` as CitationKey),
        `第${p.article}条没有第${p.clause}项`,
        `Article ${p.article} has no clause ${p.clause}`,
      ),
    );
  }
  const citation = cite(`${p.article}.1.${p.clause}` as CitationKey);
  if (p.warning !== rule.warning) {
    return fail(
      p.article === 20
        ? violation(
            'WARNING_REQUIRED',
            citation,
            '第二十条的违法行为应当给予警告',
            'Article 20 always requires a warning',
          )
        : violation(
            'WARNING_NOT_PROVIDED_FOR',
            citation,
            '第二十一条不设警告',
            'Article 21 provides for a fine, not a warning',
          ),
    );
  }
  if (!Number.isInteger(p.fineYuan) || p.fineYuan < rule.minFine || p.fineYuan > rule.maxFine) {
    return fail(
      violation(
        'FINE_OUT_OF_RANGE',
        citation,
        `罚款应在${rule.minFine}元至${rule.maxFine}元之间（含本数）`,
        `The fine must be between ${rule.minFine} and ${rule.maxFine} yuan inclusive`,
        { minFine: rule.minFine, maxFine: rule.maxFine },
      ),
    );
  }
  if (!Number.isInteger(p.illegalGainsYuan) || p.illegalGainsYuan < 0) {
    return fail(
      violation('ILLEGAL_GAINS_NEGATIVE', citation, '违法所得不能为负数', 'Illegal gains cannot be negative'),
    );
  }
  return ok({ citation });
}
