/**
 * The article registry: all 24 articles of 洛阳市居住证管理暂行办法, in order, each with its verbatim
 * text (generated from shared/regulation-zh.txt), an English title, and where its behaviour lives —
 * or, for an article that carries no behaviour, why it is deliberately not encoded.
 */
import { ARTICLE_TEXTS, type ArticleText, type CitationKey } from './articles.generated';

export type { CitationKey } from './articles.generated';

/** Where a rule comes from: 第{article}条 (第{paragraph}款) 第{clause}项, with the cited text. */
export interface Citation {
  readonly article: number;
  readonly paragraph: number | null;
  readonly clause: number | null;
  readonly textZh: string;
}

/** How an article becomes behaviour: the modules that encode it, or the reason it is not encoded. */
export type Encoding =
  | { readonly encoded: true; readonly where: readonly string[] }
  | { readonly encoded: false; readonly why: string };

export interface ArticleEntry {
  readonly no: number;
  readonly titleEn: string;
  readonly encoding: Encoding;
}

const enc = (...where: string[]): Encoding => ({ encoded: true, where });
const notEncoded = (why: string): Encoding => ({ encoded: false, why });

/** The ordered registry: one row per article, as SPEC's article table. */
export const ARTICLES: readonly ArticleEntry[] = [
  { no: 1, titleEn: 'Purpose and basis', encoding: notEncoded('Statement of purpose; no rule to apply.') },
  {
    no: 2,
    titleEn: 'Who may apply: non-local, six months, employment/residence/study',
    encoding: enc('rules/application.ts (decideApplication)', 'regions.ts (isLocalHukou, I-1)'),
  },
  {
    no: 3,
    titleEn: 'Duties of city and county governments',
    encoding: notEncoded(
      'Government duty; the gateway only lets city and county governments (ADMIN) add local entitlements under 18(12) and 19(6).',
    ),
  },
  {
    no: 4,
    titleEn: 'Public security registers and issues; departments protect rights',
    encoding: enc('roles.ts (PUBLIC_SECURITY powers, DEPARTMENT catalogue)'),
  },
  {
    no: 5,
    titleEn: 'Delegated agencies (townships, street offices)',
    encoding: enc('roles.ts (DELEGATED_AGENCY powers)'),
  },
  {
    no: 6,
    titleEn: 'Cooperation of organisations',
    encoding: notEncoded('A duty to cooperate; nothing for the gateway to decide.'),
  },
  { no: 7, titleEn: 'Funding', encoding: notEncoded('Budgeting; nothing for the gateway to decide.') },
  {
    no: 8,
    titleEn: 'Residence registration starts the clock',
    encoding: enc('rules/registration.ts (decideRegistration)'),
  },
  {
    no: 9,
    titleEn: 'What registration needs: ID, proof, on-site portrait',
    encoding: enc('rules/registration.ts (decideRegistration)', 'citizen-id.ts'),
  },
  {
    no: 10,
    titleEn: 'Application at the office of the residence; corrections',
    encoding: enc('rules/application.ts (decideApplication)'),
  },
  {
    no: 11,
    titleEn: 'Issue within 15 working days',
    encoding: enc('rules/deadlines.ts (issueDeadline)', 'working-days.ts'),
  },
  {
    no: 12,
    titleEn: 'Issued by the city public-security bureau',
    encoding: enc('rules/deadlines.ts (ISSUING_AUTHORITY)'),
  },
  {
    no: 13,
    titleEn: 'Annual endorsement; automatic lapse',
    encoding: enc('rules/timeline.ts (permitStateOn, decideEndorsement)', 'periods.ts'),
  },
  {
    no: 14,
    titleEn: 'Change registration between areas; replacement within 15 working days',
    encoding: enc(
      'regions.ts (isMoveRequiringChangeRegistration)',
      'rules/deadlines.ts (replacementDeadline)',
    ),
  },
  {
    no: 15,
    titleEn: 'No fees',
    encoding: enc(
      'the schema has no fee field anywhere; test/law/articles.test.ts checks the registry says so',
    ),
  },
  {
    no: 16,
    titleEn: 'No forging or using forged permits',
    encoding: enc('rules/penalties.ts (sanctioned through Art. 21)'),
  },
  {
    no: 17,
    titleEn: 'No withholding of permits',
    encoding: enc('rules/penalties.ts (sanctioned through Art. 20(3))'),
  },
  {
    no: 18,
    titleEn: 'Public services shared with registered residents',
    encoding: enc('catalogue.ts', 'rules/eligibility.ts', 'rules/local-entitlements.ts (12): ending one'),
  },
  {
    no: 19,
    titleEn: 'Conveniences',
    encoding: enc('catalogue.ts', 'rules/eligibility.ts', 'rules/local-entitlements.ts (6): ending one'),
  },
  {
    no: 20,
    titleEn: 'Warning and fine up to 200 yuan',
    encoding: enc('rules/penalties.ts (validatePenalty)'),
  },
  {
    no: 21,
    titleEn: 'Fine of 200 to 1000 yuan; confiscation; review of benefits',
    encoding: enc('rules/penalties.ts (validatePenalty)', 'rules/timeline.ts (confiscation)'),
  },
  {
    no: 22,
    titleEn: 'Staff misconduct',
    encoding: enc(
      'rules/application.ts (22(1): a passing application is accepted)',
      'masking in citizen-id.ts (22(4))',
      'the audit hash chain in src/app (22(5))',
    ),
  },
  {
    no: 23,
    titleEn: 'Administrative review',
    encoding: enc('decision.ts (every decision carries citations; the gateway adds a decision id)'),
  },
  {
    no: 24,
    titleEn: 'In force from 2016-02-15',
    encoding: enc('rules/eligibility.ts (LAW_IN_FORCE)', 'in-force.ts'),
  },
];

function parseKey(key: CitationKey): [number, number | null, number | null] {
  const [a, p, c] = key.split('.').map(Number);
  return [a, p ?? null, c ?? null];
}

/** A paragraph as the source prints it: its text, then its clauses numbered （一）（二）…. */
function paragraphText(para: ArticleText['paragraphs'][number]): string {
  return [para.textZh, ...para.clauses.map((cl, i) => `（${chineseNumeral(i + 1)}）${cl}`)].join('');
}

/** The verbatim text of an article, paragraph or clause. */
export function textOf(key: CitationKey): string {
  const [a, p, c] = parseKey(key);
  const art = ARTICLE_TEXTS[a - 1];
  if (p === null) return art.paragraphs.map(paragraphText).join('');
  const para = art.paragraphs[p - 1];
  if (c === null) return paragraphText(para);
  return para.clauses[c - 1];
}

function chineseNumeral(n: number): string {
  const digits = '一二三四五六七八九';
  if (n < 10) return digits[n - 1];
  return `十${n > 10 ? digits[n - 11] : ''}`;
}

const cache = new Map<CitationKey, Citation>();

/**
 * A citation of something that exists: the key type admits only real articles, paragraphs and
 * clauses. A single-paragraph article names no paragraph: 第18条第7项, and 第20条 for key '20.1'.
 */
export function cite(key: CitationKey): Citation {
  let c = cache.get(key);
  if (!c) {
    const [article, paragraph, clause] = parseKey(key);
    const onlyParagraph = ARTICLE_TEXTS[article - 1].paragraphs.length === 1;
    c = Object.freeze({
      article,
      paragraph: onlyParagraph ? null : paragraph,
      clause,
      textZh: textOf(key),
    });
    cache.set(key, c);
  }
  return c;
}

/** 第18条第7项 style label, for messages. */
export function citationLabel(c: Citation): string {
  return `第${c.article}条${c.paragraph !== null ? `第${c.paragraph}款` : ''}${c.clause !== null ? `第${c.clause}项` : ''}`;
}

/** Checks a key typed at run time (an API input such as a violation's article and clause). */
export function citationKeyOf(
  article: number,
  paragraph: number | null,
  clause: number | null,
): CitationKey | undefined {
  const art = ARTICLE_TEXTS[article - 1];
  if (!art || !Number.isInteger(article)) return undefined;
  if (clause !== null) {
    const paraIndex = paragraph ?? art.paragraphs.findIndex((p) => p.clauses.length > 0) + 1;
    const para = art.paragraphs[paraIndex - 1];
    if (!para || !Number.isInteger(clause) || clause < 1 || clause > para.clauses.length) return undefined;
    return `${article}.${paraIndex}.${clause}` as CitationKey;
  }
  if (paragraph !== null) {
    if (!art.paragraphs[paragraph - 1]) return undefined;
    return `${article}.${paragraph}` as CitationKey;
  }
  return `${article}` as CitationKey;
}
