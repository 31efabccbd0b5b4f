/**
 * 违法处理: the ranges of Art. 20 and 21 as the form applies them before sending. The numbers and the
 * check are src/law's own (PENALTY_RULES, validatePenalty in src/law/rules/penalties.ts), so the page
 * refuses exactly what the gateway would refuse; the gateway stays the authority.
 */
import { cite, type Citation, type CitationKey } from '../../../../src/law/articles';
import { PENALTY_RULES, validatePenalty } from '../../../../src/law/rules/penalties';

export type PenaltyArticle = keyof typeof PENALTY_RULES;
export const PENALTY_ARTICLES: readonly PenaltyArticle[] = [20, 21];

export interface PenaltyRange {
  readonly article: PenaltyArticle;
  /** clauses 1..clauses */
  readonly clauses: number;
  /** inclusive bounds, yuan (以上/以下 include the number) */
  readonly minFine: number;
  readonly maxFine: number;
  /** Art. 20: a warning always; Art. 21: never */
  readonly warning: boolean;
}

export function rangeOf(article: PenaltyArticle): PenaltyRange {
  const r = PENALTY_RULES[article];
  return { article, clauses: r.clauses, minFine: r.minFine, maxFine: r.maxFine, warning: r.warning };
}

/** One offence the form offers: article and clause, with the clause's own text (第二十条第（一）项…). */
export interface Offence {
  /** "20.1" … "21.2" */
  readonly value: string;
  readonly article: PenaltyArticle;
  readonly clause: number;
  /** as the gateway cites it (第二十一条第一款第（一）项) */
  readonly citation: Citation;
}

export function offences(): Offence[] {
  return PENALTY_ARTICLES.flatMap((article) =>
    Array.from({ length: PENALTY_RULES[article].clauses }, (_, i) => ({
      value: `${article}.${i + 1}`,
      article,
      clause: i + 1,
      citation: cite(`${article}.1.${i + 1}` as CitationKey),
    })),
  );
}

export function parseOffence(value: string | undefined): { article: PenaltyArticle; clause: number } | null {
  const m = /^(20|21)\.([1-9])$/.exec(value ?? '');
  if (!m) return null;
  const article = Number(m[1]) as PenaltyArticle;
  const clause = Number(m[2]);
  return clause <= PENALTY_RULES[article].clauses ? { article, clause } : null;
}

export type PenaltyField = 'offence' | 'warning' | 'fineYuan' | 'illegalGainsYuan';

export interface PenaltyProblem {
  readonly field: PenaltyField;
  /** src/law's reason code: FINE_OUT_OF_RANGE, ILLEGAL_GAINS_NEGATIVE, … */
  readonly reason: string;
  readonly messageZh: string;
  readonly messageEn: string;
}

const FIELD_OF: Record<string, PenaltyField> = {
  PENALTY_ARTICLE: 'offence',
  PENALTY_CLAUSE: 'offence',
  WARNING_REQUIRED: 'warning',
  WARNING_NOT_PROVIDED_FOR: 'warning',
  FINE_OUT_OF_RANGE: 'fineYuan',
  ILLEGAL_GAINS_NEGATIVE: 'illegalGainsYuan',
};

/** A penalty as typed in the form: amounts may be missing or not whole yuan. */
export interface PenaltyDraft {
  readonly article: number;
  readonly clause: number;
  readonly warning: boolean;
  readonly fineYuan: number | null | undefined;
  readonly illegalGainsYuan: number | null | undefined;
}

const whole = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isInteger(n);

/** The first problem src/law finds with the penalty, or null when the gateway's rules accept it. */
export function penaltyProblem(p: PenaltyDraft): PenaltyProblem | null {
  // the gateway takes whole yuan (Int): say so rather than a range a fraction may well be inside
  for (const field of ['fineYuan', 'illegalGainsYuan'] as const) {
    const n = p[field];
    if (n != null && !whole(n) && Number.isFinite(n) && n >= 0)
      return {
        field,
        reason: 'WHOLE_YUAN',
        messageZh: '金额应为整数元',
        messageEn: 'Amounts are whole yuan',
      };
  }
  const r = validatePenalty({
    article: p.article,
    clause: p.clause,
    warning: p.warning,
    // a missing amount is no number: refused as out of range (fine) or not a whole amount (gains)
    fineYuan: p.fineYuan ?? Number.NaN,
    illegalGainsYuan: p.illegalGainsYuan ?? Number.NaN,
  });
  if (r.ok) return null;
  const e = r.error;
  return {
    field: FIELD_OF[e.reason] ?? 'offence',
    reason: e.reason,
    messageZh: e.messageZh,
    messageEn: e.messageEn,
  };
}
