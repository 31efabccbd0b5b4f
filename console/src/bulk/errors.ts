/**
 * A failed batch as a sentence with its code (issue 10: every gateway error shown as a sentence
 * with its code). Takes the shapes a GraphQL client throws: an error with `code`, with
 * `extensions.code`, or with `graphQLErrors` / `errors` / `response.errors` whose first entry has
 * `extensions.code`; a fetch that never reached the gateway is NETWORK.
 */
import { bulkEn } from '../i18n/bulk.en';
import { bulkZhCN } from '../i18n/bulk.zh-CN';
import type { Locale } from './types';

type Loose = { [k: string]: unknown };

const isObject = (x: unknown): x is Loose => typeof x === 'object' && x !== null;

function codeIn(x: unknown): string | null {
  if (!isObject(x)) return null;
  if (typeof x.code === 'string' && /^[A-Z][A-Z_]+$/.test(x.code)) return x.code;
  if (isObject(x.extensions) && typeof x.extensions.code === 'string') return x.extensions.code;
  for (const list of [x.graphQLErrors, x.errors, isObject(x.response) ? x.response.errors : undefined])
    if (Array.isArray(list) && list.length > 0) {
      const c = codeIn(list[0]);
      if (c) return c;
    }
  return null;
}

/** The contract's code of a failed batch (UNKNOWN when none is given; NETWORK for a failed fetch). */
export function batchErrorCode(e: unknown): string {
  const code = codeIn(e);
  if (code) return code;
  if (e instanceof TypeError) return 'NETWORK';
  return 'UNKNOWN';
}

export function batchErrorSentence(e: unknown, locale: Locale): { code: string; sentence: string } {
  const t = locale === 'en' ? bulkEn : bulkZhCN;
  const code = batchErrorCode(e);
  const sentence = t.errors[code] ?? t.errors.UNKNOWN;
  return { code, sentence: t.errorWithCode(sentence, code) };
}
