/**
 * The message registry: every text a Reason can carry, once, per code, in both languages. A rule
 * names the code, the variant and the data (a day, a region, a permit status, an entitlement); the
 * text is rendered from here, so a stored reason keeps only the code, the variant and the data
 * (src/law/reason-codec.ts) and a stored decision reads back exactly as it was answered.
 *
 * Variants are append-only: their position is what is stored. To reword a message, add a variant
 * and let the rule use it (and bump RULES_VERSION); never edit or reorder one that may be stored.
 */
import type { Citation } from './articles';
import { reason, type Reason } from './decision';
import type { Region } from './regions';
import type { PermitStatus } from './rules/timeline';

/** What kind of datum a placeholder holds, and so how it is shown and stored. */
export type ReasonArgKind =
  /** a `YYYY-MM-DD` day, stored as is */
  | 'date'
  /** a region, shown by its name in each language, stored as its code */
  | 'region'
  /** a permit status, shown in words, stored as the status */
  | 'status'
  /** an entitlement, shown by its name in each language, stored as its catalogue code (or its names) */
  | 'entitlement';

/** A datum as a rule passes it. */
export type ReasonArg = string | Region | { readonly nameZh: string; readonly nameEn: string };

export interface ReasonVariant {
  readonly name: string;
  /** `{name}` marks a placeholder; the same names in both languages (a name may appear in one only) */
  readonly zh: string;
  readonly en: string;
  readonly args?: Readonly<Record<string, ReasonArgKind>>;
}

export const PERMIT_STATUS_ZH: Readonly<Record<PermitStatus, string>> = {
  NOT_YET_ISSUED: '尚未签发',
  VALID: '有效',
  LAPSED: '已失效（未按期签注）',
  CONFISCATED: '已被收缴',
};
export const PERMIT_STATUS_EN: Readonly<Record<PermitStatus, string>> = {
  NOT_YET_ISSUED: 'not yet issued',
  VALID: 'valid',
  LAPSED: 'lapsed (not endorsed in time)',
  CONFISCATED: 'confiscated',
};

/** Per reason code (SPEC "Reason codes", and Art. 2 for applications), its variants in stored order. */
export const REASON_TEXTS = {
  // Art. 24
  LAW_IN_FORCE: [
    { name: 'inForce', zh: '本办法已施行', en: 'The Measures are in force' },
    { name: 'notYet', zh: '本办法自2016年2月15日起施行', en: 'The Measures apply from 2016-02-15' },
    { name: 'inForceOnDay', zh: '本办法已施行', en: 'The Measures are in force on that day' },
    {
      name: 'dayBefore',
      zh: '查询日期早于本办法施行之日（2016年2月15日）',
      en: 'The day asked is before the Measures came into force (2016-02-15)',
    },
  ],
  // Art. 2 para 1 (I-1)
  NON_LOCAL_HUKOU: [
    { name: 'nonLocal', zh: '户籍不在本市', en: 'Household registration is outside Luoyang' },
    {
      name: 'local',
      zh: '户籍在洛阳市，无需申领居住证',
      en: 'Household registration is in Luoyang (I-1): no residence permit is needed',
    },
  ],
  SIX_MONTHS_RESIDENCE: [
    {
      name: 'met',
      zh: '自{registeredOn}居住登记起已连续居住六个月以上',
      en: 'Six months of residence since registration on {registeredOn}',
      args: { registeredOn: 'date' },
    },
    {
      name: 'notYet',
      zh: '自{registeredOn}居住登记起未满六个月，{qualifiesOn}起可申领',
      en: 'Less than six months since registration on {registeredOn}: may apply from {qualifiesOn}',
      args: { registeredOn: 'date', qualifiesOn: 'date' },
    },
  ],
  RESIDENCE_BASIS: [
    {
      name: 'met',
      zh: '符合稳定就业、稳定住所、连续就读条件之一',
      en: 'Stable employment, stable residence or continuous study',
    },
    {
      name: 'none',
      zh: '不符合稳定就业、稳定住所、连续就读条件之一',
      en: 'None of stable employment, stable residence or continuous study',
    },
  ],
  // Art. 18/19 (I-7)
  PERMIT_FOUND: [
    { name: 'found', zh: '找到与身份号码和姓名相符的居住证', en: 'A permit matches the ID number and name' },
    {
      name: 'notFound',
      zh: '没有与身份号码和姓名相符的居住证',
      en: 'No permit matches this ID number and name',
    },
  ],
  // Art. 13, 21 para 2
  PERMIT_VALID: [
    {
      name: 'status',
      zh: '居住证状态：{status}',
      en: 'Permit status on {asOf}: {status}',
      args: { status: 'status', asOf: 'date' },
    },
  ],
  // Art. 14 para 1 (I-5)
  IN_REGION: [
    {
      name: 'within',
      zh: '居住证登记在{region}，属本机构辖区',
      en: "The permit is registered in {region}, within the asking office's region",
      args: { region: 'region' },
    },
    {
      name: 'outside',
      zh: '居住证登记在{region}，不属本机构辖区（{asker}）',
      en: "The permit is registered in {region}, outside the asking office's region ({asker})",
      args: { region: 'region', asker: 'region' },
    },
  ],
  // Art. 18/19 (and local additions under 18(12), 19(6))
  ENTITLEMENT_IN_FORCE: [
    {
      name: 'inForce',
      zh: '{entitlement}在当日于{region}实施',
      en: '{entitlement} is in force in {region} on that day',
      args: { entitlement: 'entitlement', region: 'region' },
    },
    {
      name: 'notInForce',
      zh: '{entitlement}在当日于{region}不实施',
      en: '{entitlement} is not in force in {region} on that day',
      args: { entitlement: 'entitlement', region: 'region' },
    },
  ],
  // Art. 18 para 1 (7)
  DEPENDENT_CHILD: [
    { name: 'noChildId', zh: '未提供子女身份号码', en: 'No child ID number was given' },
    {
      name: 'notDependent',
      zh: '所列子女不是持证人登记的随迁子女',
      en: 'The child named is not a dependent of the holder',
    },
    {
      name: 'child',
      zh: '所列子女为持证人随迁子女且未满十八周岁',
      en: 'The child is a dependent of the holder and under 18',
    },
    {
      name: 'adultOrUnborn',
      zh: '所列子女当日已满十八周岁或尚未出生',
      en: 'The child is 18 or over (or not yet born) on that day',
    },
  ],
} as const satisfies Readonly<Record<string, readonly ReasonVariant[]>>;

/** Every reason code a rule can give. */
export type ReasonCode = keyof typeof REASON_TEXTS;
/** The variant names of a code. */
export type VariantName<C extends ReasonCode> = (typeof REASON_TEXTS)[C][number]['name'];

export const REASON_CODES = Object.keys(REASON_TEXTS) as ReasonCode[];

export function isReasonCode(code: string): code is ReasonCode {
  return Object.prototype.hasOwnProperty.call(REASON_TEXTS, code);
}

/** The variants of a code, in stored order. */
export function variantsOf(code: ReasonCode): readonly ReasonVariant[] {
  return REASON_TEXTS[code];
}

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

/** How a datum reads in one language. */
export function showArg(kind: ReasonArgKind, value: ReasonArg, lang: 'zh' | 'en'): string {
  switch (kind) {
    case 'date':
      if (typeof value !== 'string') throw new Error('a date argument must be a day');
      return value;
    case 'status': {
      const words = lang === 'zh' ? PERMIT_STATUS_ZH : PERMIT_STATUS_EN;
      if (typeof value !== 'string' || !Object.prototype.hasOwnProperty.call(words, value))
        throw new Error(`not a permit status: ${typeof value === 'string' ? value : value.nameEn}`);
      return words[value as PermitStatus];
    }
    case 'region':
    case 'entitlement':
      if (typeof value === 'string') throw new Error(`a ${kind} argument must be named`);
      return lang === 'zh' ? value.nameZh : value.nameEn;
  }
}

/** A variant's texts with its data filled in. */
export function renderVariant(
  v: ReasonVariant,
  args: Readonly<Record<string, ReasonArg>>,
): { messageZh: string; messageEn: string } {
  const fill = (template: string, lang: 'zh' | 'en') =>
    template.replace(PLACEHOLDER, (_, name: string) => {
      const kind = v.args?.[name];
      const value = args[name];
      if (kind === undefined || value === undefined) throw new Error(`${v.name}: no argument ${name}`);
      return showArg(kind, value, lang);
    });
  return { messageZh: fill(v.zh, 'zh'), messageEn: fill(v.en, 'en') };
}

/**
 * How a reason was rendered (the variant's position and its data), kept on the Reason as a hidden
 * (non-enumerable) property so the codec stores it without reading the messages back; it is not
 * part of the Reason's value (equality, JSON and GraphQL never see it).
 */
export const RENDERED_FROM: unique symbol = Symbol('renderedFrom');
export interface RenderedFrom {
  readonly variant: number;
  readonly args: Readonly<Record<string, ReasonArg>>;
}

/** A reason whose messages come from the registry: the code, whether it held, the article, the variant and its data. */
export function explain<C extends ReasonCode>(
  code: C,
  passed: boolean,
  citation: Citation,
  variant: VariantName<C>,
  args: Readonly<Record<string, ReasonArg>> = {},
): Reason<C> {
  const variants = variantsOf(code);
  const i = variants.findIndex((x) => x.name === variant);
  if (i < 0) throw new Error(`${code}: no variant ${variant}`);
  const { messageZh, messageEn } = renderVariant(variants[i], args);
  const r = reason(code, passed, citation, messageZh, messageEn);
  const from: RenderedFrom = { variant: i, args };
  return Object.defineProperty(r, RENDERED_FROM, { value: from, enumerable: false });
}
