/**
 * The form fields every page shares: the citizen ID number (checked in the page with the server's own
 * rules, src/law/citizen-id.ts; the server stays the authority), dates in China Standard Time
 * (src/law/date.ts), and an article label with the article's text on hover or focus.
 */
import { Tooltip } from 'antd';
import type { Rule } from 'antd/es/form';
import { parseCitizenId } from '../../../src/law/citizen-id';
import { isDateError, parseLocalDate, todayInShanghai, type LocalDate } from '../../../src/law/date';
import type { Locale } from '../i18n';
import type { Messages } from '../i18n/zh-CN';

/** Today in China Standard Time, never the browser's own time zone. */
export function todayCst(): LocalDate {
  return todayInShanghai(Date.now);
}

/** An antd rule: the ID number as src/law checks it (length, characters, check character, birth date). */
export function citizenIdRule(
  t: Messages,
  locale: Locale,
  requiredMessage: string | null = t.idRequired,
): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const v = typeof value === 'string' ? value.trim() : '';
      if (v === '') {
        if (requiredMessage !== null) throw new Error(requiredMessage);
        return;
      }
      const r = parseCitizenId(v.toUpperCase(), todayCst());
      if (!r.ok) throw new Error(locale === 'en' ? r.error.messageEn : r.error.messageZh);
    },
  };
}

export function dateRule(t: Messages, locale: Locale): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const v = typeof value === 'string' ? value.trim() : '';
      if (v === '') throw new Error(t.asOfRequired);
      const d = parseLocalDate(v);
      if (isDateError(d)) throw new Error(locale === 'en' ? d.messageEn : d.messageZh);
    },
  };
}

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 13 → 十三, 21 → 二十一 (articles, paragraphs and clauses of the Measures are under 100). */
export function chineseNumeral(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

export interface CitationLike {
  readonly article: number;
  readonly paragraph?: number | null;
  readonly clause?: number | null;
  readonly textZh: string;
}

/** 第十八条第（七）项 / Art. 18(7) */
export function citationText(c: CitationLike, locale: Locale): string {
  if (locale === 'en')
    return `Art. ${c.article}${c.paragraph ? ` para ${c.paragraph}` : ''}${c.clause ? `(${c.clause})` : ''}`;
  return `第${chineseNumeral(c.article)}条${c.paragraph ? `第${chineseNumeral(c.paragraph)}款` : ''}${
    c.clause ? `第（${chineseNumeral(c.clause)}）项` : ''
  }`;
}

/** The article label; its text shows on hover and on keyboard focus. */
export function Citation({ c, locale }: { c: CitationLike; locale: Locale }) {
  const label = citationText(c, locale);
  return (
    <Tooltip title={c.textZh} trigger={['hover', 'focus']}>
      <span className="citation" tabIndex={0} aria-label={`${label}：${c.textZh}`} data-article={c.article}>
        {label}
      </span>
    </Tooltip>
  );
}
