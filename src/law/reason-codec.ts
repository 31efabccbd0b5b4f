/**
 * Reasons in the compact form they are stored in (issue 8, "Storage that fits the data"): per
 * reason a tuple `[code, passed, citation key, variant, ...data]`, where the messages are the
 * registry's variant (src/law/reason-texts.ts) filled with the data and the citation is `cite(key)`.
 * Decoding gives back the very Reason the rule built.
 *
 * A reason a rule built with `explain` carries how it was rendered (variant and data) and is stored
 * from that; any other Reason (one read back from a JSON row of an earlier version, say) is matched
 * against its code's variants, the data read out of its messages. Both give the same stored form.
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
  RENDERED_FROM,
  isReasonCode,
  showArg,
  variantsOf,
  type ReasonArg,
  type ReasonArgKind,
  type ReasonVariant,
  type RenderedFrom,
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

const citationsByKey = new Map<string, Citation>();

function loadCitation(c: StoredCitation): Citation {
  if (typeof c === 'string') {
    const known = citationsByKey.get(c);
    if (known) return known;
    const [a, p, cl] = c.split('.').map(Number);
    const key = citationKeyOf(a, p ?? null, cl ?? null);
    if (key !== c) throw new Error(`stored reason: no such citation ${c}`);
    citationsByKey.set(key, cite(key));
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

/** A variant's templates cut at their placeholders once: literal text, or the position of a datum. */
type Part = string | { readonly arg: number; readonly kind: ReasonArgKind };
interface Compiled {
  readonly zh: Part[];
  readonly en: Part[];
  /** the kind of each datum, in stored order */
  readonly kinds: ReasonArgKind[];
}
const compiled = new WeakMap<ReasonVariant, Compiled>();

function compile(v: ReasonVariant): Compiled {
  let c = compiled.get(v);
  if (!c) {
    const names = Object.keys(v.args ?? {});
    const cut = (template: string): Part[] =>
      template
        .split(/(\{[A-Za-z]+\})/)
        .filter((x) => x !== '')
        .map((part) => {
          const m = /^\{([A-Za-z]+)\}$/.exec(part);
          if (!m) return part;
          const arg = names.indexOf(m[1]);
          if (arg < 0) throw new Error(`${v.name}: no argument ${m[1]}`);
          return { arg, kind: v.args![m[1]] };
        });
    c = { zh: cut(v.zh), en: cut(v.en), kinds: names.map((n) => v.args![n]) };
    compiled.set(v, c);
  }
  return c;
}

function renderStored(
  v: ReasonVariant,
  stored: readonly StoredArg[],
): { messageZh: string; messageEn: string } {
  const c = compile(v);
  if (stored.length !== c.kinds.length)
    throw new Error(`stored reason: ${v.name} takes ${c.kinds.length} data`);
  const values = stored.map((x, i) => loadArg(c.kinds[i], x));
  const fill = (parts: Part[], lang: 'zh' | 'en') => {
    let out = '';
    for (const p of parts) out += typeof p === 'string' ? p : showArg(p.kind, values[p.arg], lang);
    return out;
  };
  return { messageZh: fill(c.zh, 'zh'), messageEn: fill(c.en, 'en') };
}

/** A datum as a rule gave it, as stored; undefined when the registry would not show it the same way. */
function storeValue(kind: ReasonArgKind, value: ReasonArg | undefined): StoredArg | undefined {
  if (value === undefined) return undefined;
  switch (kind) {
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
    case 'status':
      return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PERMIT_STATUS_ZH, value)
        ? value
        : undefined;
    case 'region': {
      if (typeof value === 'string' || !('code' in value) || typeof value.code !== 'string') return undefined;
      const r = resolveRegionCode(value.code);
      return r && r.nameZh === value.nameZh && r.nameEn === value.nameEn ? r.code : undefined;
    }
    case 'entitlement': {
      if (typeof value === 'string') return undefined;
      const code = 'code' in value && typeof value.code === 'string' ? value.code : undefined;
      const e = code === undefined ? undefined : CATALOGUE.find((x) => x.code === code);
      return e && e.nameZh === value.nameZh && e.nameEn === value.nameEn
        ? e.code
        : [value.nameZh, value.nameEn];
    }
  }
}

/** The stored data of a reason built by `explain` (src/law/reason-texts.ts), from how it was rendered. */
function fromRendering(r: Reason, from: RenderedFrom): { variant: number; args: StoredArg[] } | undefined {
  if (!isReasonCode(r.code)) return undefined;
  const v = variantsOf(r.code)[from.variant];
  if (!v) return undefined;
  const args: StoredArg[] = [];
  for (const [name, kind] of Object.entries(v.args ?? {})) {
    const arg = storeValue(kind, from.args[name]);
    if (arg === undefined) return undefined;
    args.push(arg);
  }
  return { variant: from.variant, args };
}

/** One reason, compact. */
export function encodeReason(r: Reason): CompactReason {
  const passed = r.passed ? 1 : 0;
  const citation = storeCitation(r.citation);
  // a reason as a rule built it: stored from its rendering (kept whole when a datum would not read
  // back the same); anything else is read from its messages
  const from = (r as Reason & { [RENDERED_FROM]?: RenderedFrom })[RENDERED_FROM];
  if (from) {
    const rendered = fromRendering(r, from);
    return rendered
      ? [r.code, passed, citation, rendered.variant, ...rendered.args]
      : [r.code, passed, citation, KEPT_WHOLE, r.messageZh, r.messageEn];
  }
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
