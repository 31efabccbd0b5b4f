/**
 * Personal names (SPEC I-7): a name matches after Unicode NFC, trimming, and folding the
 * middle-dot variants to U+00B7, as in 买买提·艾力.
 *
 * Pure: no I/O, no imports outside src/law. Error messages never echo the name.
 */

/** U+00B7 MIDDLE DOT, U+2022 BULLET, U+2027 HYPHENATION POINT, U+30FB KATAKANA MIDDLE DOT, U+FF0E FULLWIDTH FULL STOP. */
const MIDDLE_DOT_VARIANTS = /[\u00B7\u2022\u2027\u30FB\uFF0E]/gu;

/** All Unicode white space (incl. U+3000 ideographic space, U+00A0) plus what ECMAScript `\s` adds (U+FEFF). */
const WS_RUN = /[\s\p{White_Space}]+/gu;
const WS_EDGES = /^[\s\p{White_Space}]+|[\s\p{White_Space}]+$/gu;

export const MAX_NAME_CODE_POINTS = 64;

/**
 * NFC; fold middle-dot variants to U+00B7; collapse internal runs of white space to one ASCII space;
 * trim white space at both ends. Idempotent.
 */
export function normalizeName(s: string): string {
  const folded = String(s).normalize('NFC').replace(MIDDLE_DOT_VARIANTS, '\u00B7');
  return folded.replace(WS_EDGES, '').replace(WS_RUN, ' ').normalize('NFC');
}

/** I-7: two names match when their normal forms are equal. */
export function namesMatch(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}

export type NameError = { kind: 'NAME_INVALID'; messageEn: string; messageZh: string };

export type NameValidationResult = { ok: true; value: string } | { ok: false; error: NameError };

const CONTROL = /[\p{Cc}\p{Cf}]/u;
/** Letters (any plane), combining marks, U+00B7, ASCII space, hyphen, apostrophe, period. */
const ALLOWED = /^[\p{L}\p{M}\u00B7 \-'.]+$/u;

function refuse(messageEn: string, messageZh: string): { ok: false; error: NameError } {
  return { ok: false, error: { kind: 'NAME_INVALID', messageEn, messageZh } };
}

/**
 * Normalise, then refuse an empty name, one longer than 64 code points, one with control or
 * format characters, or one with characters other than letters, combining marks, the middle dot,
 * space, hyphen, apostrophe and period. Length is counted in code points (𠮷 is one).
 */
export function validateName(s: string): NameValidationResult {
  const value = normalizeName(s);
  if (value.length === 0) return refuse('The name is empty.', '姓名不能为空。');
  if (Array.from(value).length > MAX_NAME_CODE_POINTS) {
    return refuse(
      `The name is longer than ${MAX_NAME_CODE_POINTS} characters.`,
      `姓名不能超过${MAX_NAME_CODE_POINTS}个字符。`,
    );
  }
  if (CONTROL.test(value)) {
    return refuse('The name contains control or formatting characters.', '姓名含有控制字符或格式字符。');
  }
  if (!ALLOWED.test(value)) {
    return refuse(
      'The name may contain only letters, the middle dot (·), spaces, hyphens, apostrophes and periods.',
      '姓名只能包含文字、间隔号（·）、空格、连字符、撇号和句点。',
    );
  }
  return { ok: true, value };
}
