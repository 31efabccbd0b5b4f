/**
 * Reasons in the compact form they are stored in (issue 8, "Storage that fits the data"): per
 * reason a tuple `[code, passed, citation key, variant, ...data]`, where the messages are the
 * registry's variant (src/law/reason-texts.ts) filled with the data and the citation is `cite(key)`.
 * Decoding gives back the very Reason the rule built.
 *
 * A reason the registry cannot reproduce exactly (a text from an earlier wording, an unknown code,
 * a citation that is not `cite(key)`) is kept whole instead: variant -1 with both messages, and the
 * citation as an object when it has no key. So encoding never loses anything.
 */
import { cite, citationKeyOf, type Citation, type CitationKey } from './articles';
import { CATALOGUE } from './catalogue';
import type { Reason } from './decision';
import { REGIONS, resolveRegionCode } from './regions';
import {
  PERMIT_STATUS_EN,
  PERMIT_STATUS_ZH,
  isReasonCode,
  renderVariant,
  variantsOf,
  type ReasonArg,
  type ReasonArgKind,
  type ReasonVariant,
} from './reason-texts';

/** A datum as stored: a day, a region code, a status, a catalogue code; or an entitlement's two names. */
export type StoredArg = string | readonly [nameZh: string, nameEn: string];

/** A citation as stored: its key, or (not reproducible from the key) the citation itself. */
export type StoredCitation = CitationKey | Citation;

export type CompactReason =
  | readonly [code: string, passed: 0 | 1, citation: StoredCitation, variant: number, ...args: StoredArg[]]
  /** kept whole: the messages as they were */
  | readonly [code: string, passed: 0 | 1, citation: StoredCitation, variant: -1, zh: string, en: string];

const KEPT_WHOLE = -1;

function sameCitation(a: Citation, b: Citation): boolean {
  return (
    a.article === b.article && a.paragraph === b.paragraph && a.clause === b.clause && a.textZh === b.textZh
  );
}

function storeCitation(c: Citation): StoredCitation {
  const key = citationKeyOf(c.article, c.paragraph, c.clause);
  if (key !== undefined && sameCitation(cite(key), c)) return key;
  return { article: c.article, paragraph: c.paragraph, clause: c.clause, textZh: c.textZh };
}

function loadCitation(c: StoredCitation): Citation {
  if (typeof c === 'string') {
    const [a, p, cl] = c.split('.').map(Number);
    const key = citationKeyOf(a, p ?? null, cl ?? null);
    if (key !== c) throw new Error(`stored reason: no such citation ${c}`);
    return cite(key);
  }
  if (
    typeof c !== 'object' ||
    c === null ||
    typeof c.article !== 'number' ||
    typeof c.textZh !== 'string' ||
    (c.paragraph !== null && typeof c.paragraph !== 'number') ||
    (c.clause !== null && typeof c.clause !== 'number')
  )
    throw new Error('stored reason: a malformed citation');
  return { article: c.article, paragraph: c.paragraph, clause: c.clause, textZh: c.textZh };
}

/** The rendering value of a stored datum. */
function loadArg(kind: ReasonArgKind, stored: StoredArg): ReasonArg {
  switch (kind) {
    case 'date':
      if (typeof stored !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(stored))
        throw new Error(`stored reason: not a day: ${String(stored)}`);
      return stored;
    case 'status':
      if (typeof stored !== 'string' || !Object.prototype.hasOwnProperty.call(PERMIT_STATUS_ZH, stored))
        throw new Error(`stored reason: not a permit status: ${String(stored)}`);
      return stored;
    case 'region': {
      const r = typeof stored === 'string' ? resolveRegionCode(stored) : undefined;
      if (!r) throw new Error(`stored reason: no region ${String(stored)}`);
      return r;
    }
    case 'entitlement': {
      if (typeof stored !== 'string') {
        if (!Array.isArray(stored) || stored.length !== 2 || !stored.every((x) => typeof x === 'string'))
          throw new Error('stored reason: malformed entitlement names');
        return { nameZh: stored[0], nameEn: stored[1] };
      }
      const e = CATALOGUE.find((x) => x.code === stored);
      if (!e) throw new Error(`stored reason: no catalogue entitlement ${stored}`);
      return e;
    }
  }
}

/** A datum seen in the messages (its text in zh and/or en), as stored; undefined if it cannot be stored. */
function storeArg(
  kind: ReasonArgKind,
  zh: string | undefined,
  en: string | undefined,
): StoredArg | undefined {
  const agree = (f: (lang: 'zh' | 'en') => string) =>
    (zh === undefined || f('zh') === zh) && (en === undefined || f('en') === en);
  switch (kind) {
    case 'date': {
      const day = zh ?? en;
      return day !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(day) && agree(() => day) ? day : undefined;
    }
    case 'status':
      return (Object.keys(PERMIT_STATUS_ZH) as (keyof typeof PERMIT_STATUS_ZH)[]).find((s) =>
        agree((l) => (l === 'zh' ? PERMIT_STATUS_ZH : PERMIT_STATUS_EN)[s]),
      );
    case 'region':
      return REGIONS.find((r) => agree((l) => (l === 'zh' ? r.nameZh : r.nameEn)))?.code;
    case 'entitlement': {
      if (zh === undefined || en === undefined) return undefined;
      const e = CATALOGUE.find((x) => x.nameZh === zh && x.nameEn === en);
      return e ? e.code : [zh, en];
    }
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Pattern {
  readonly regex: RegExp;
  /** the placeholder names, in the order of the regex's groups */
  readonly names: readonly string[];
}

type Split = 'lazy' | 'greedy';
const patterns = new Map<Split, WeakMap<ReasonVariant, { zh: Pattern; en: Pattern }>>([
  ['lazy', new WeakMap()],
  ['greedy', new WeakMap()],
]);

function patternOf(template: string, split: Split): Pattern {
  const names: string[] = [];
  const source = template
    .split(/(\{[A-Za-z]+\})/)
    .map((part) => {
      const m = /^\{([A-Za-z]+)\}$/.exec(part);
      if (!m) return escape(part);
      names.push(m[1]);
      return split === 'lazy' ? '([\\s\\S]+?)' : '([\\s\\S]+)';
    })
    .join('');
  return { regex: new RegExp(`^${source}$`), names };
}

function patternsOf(v: ReasonVariant, split: Split): { zh: Pattern; en: Pattern } {
  const cache = patterns.get(split)!;
  let p = cache.get(v);
  if (!p) {
    p = { zh: patternOf(v.zh, split), en: patternOf(v.en, split) };
    cache.set(v, p);
  }
  return p;
}

/** The variant's data read back from the messages, or undefined when they are not this variant's. */
function argsFrom(
  v: ReasonVariant,
  split: Split,
  messageZh: string,
  messageEn: string,
): StoredArg[] | undefined {
  const p = patternsOf(v, split);
  const mz = p.zh.regex.exec(messageZh);
  const me = p.en.regex.exec(messageEn);
  if (!mz || !me) return undefined;
  const seen = (pat: Pattern, m: RegExpExecArray, name: string) => {
    const i = pat.names.indexOf(name);
    return i < 0 ? undefined : m[i + 1];
  };
  const stored: StoredArg[] = [];
  for (const [name, kind] of Object.entries(v.args ?? {})) {
    const arg = storeArg(kind, seen(p.zh, mz, name), seen(p.en, me, name));
    if (arg === undefined) return undefined;
    stored.push(arg);
  }
  return stored;
}

function renderStored(
  v: ReasonVariant,
  stored: readonly StoredArg[],
): { messageZh: string; messageEn: string } {
  const kinds = Object.entries(v.args ?? {});
  if (stored.length !== kinds.length) throw new Error(`stored reason: ${v.name} takes ${kinds.length} data`);
  return renderVariant(
    v,
    Object.fromEntries(kinds.map(([name, kind], i) => [name, loadArg(kind, stored[i])])),
  );
}

/** One reason, compact. */
export function encodeReason(r: Reason): CompactReason {
  const passed = r.passed ? 1 : 0;
  const citation = storeCitation(r.citation);
  if (isReasonCode(r.code)) {
    const variants = variantsOf(r.code);
    for (let i = 0; i < variants.length; i += 1) {
      // a name may hold a template's own words: the first or the last split of them is the right one
      for (const split of ['lazy', 'greedy'] as const) {
        const args = argsFrom(variants[i], split, r.messageZh, r.messageEn);
        if (!args) continue;
        // only if the registry gives back these very texts
        const again = renderStored(variants[i], args);
        if (again.messageZh === r.messageZh && again.messageEn === r.messageEn)
          return [r.code, passed, citation, i, ...args];
      }
    }
  }
  return [r.code, passed, citation, KEPT_WHOLE, r.messageZh, r.messageEn];
}

/** One stored reason, as the rule built it. Throws on anything that is not a stored reason. */
export function decodeReason(c: CompactReason): Reason {
  if (!Array.isArray(c) || c.length < 4) throw new Error('stored reason: not a reason tuple');
  const [code, passed, storedCitation, variant, ...rest] = c as readonly unknown[];
  if (typeof code !== 'string' || (passed !== 0 && passed !== 1) || typeof variant !== 'number')
    throw new Error('stored reason: malformed');
  const citation = loadCitation(storedCitation as StoredCitation);
  if (variant === KEPT_WHOLE) {
    const [messageZh, messageEn] = rest;
    if (rest.length !== 2 || typeof messageZh !== 'string' || typeof messageEn !== 'string')
      throw new Error('stored reason: malformed messages');
    return { code, passed: passed === 1, citation, messageZh, messageEn };
  }
  const v = isReasonCode(code) ? variantsOf(code)[variant] : undefined;
  if (!v) throw new Error(`stored reason: no variant ${variant} of ${code}`);
  return { code, passed: passed === 1, citation, ...renderStored(v, rest as StoredArg[]) };
}

export function encodeReasons(reasons: readonly Reason[]): CompactReason[] {
  return reasons.map(encodeReason);
}

export function decodeReasons(compact: readonly CompactReason[]): Reason[] {
  if (!Array.isArray(compact)) throw new Error('stored reasons: not a list');
  return compact.map(decodeReason);
}

/** Whether a reason is stored by code and data (not kept whole): what every reason of the rules must be. */
export function isCompact(c: CompactReason): boolean {
  return c[3] !== KEPT_WHOLE && typeof c[2] === 'string';
}
