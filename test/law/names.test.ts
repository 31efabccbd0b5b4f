import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { namesMatch, normalizeName, validateName } from '../../src/law/names';

const CANONICAL = '买买提\u00B7艾力';

describe('middle-dot variants (I-7)', () => {
  it.each([
    ['U+00B7 middle dot', '买买提\u00B7艾力'],
    ['U+2022 bullet', '买买提\u2022艾力'],
    ['U+2027 hyphenation point', '买买提\u2027艾力'],
    ['U+30FB katakana middle dot', '买买提\u30FB艾力'],
    ['U+FF0E full-width full stop', '买买提\uFF0E艾力'],
  ])('%s matches', (_label, variant) => {
    expect(normalizeName(variant)).toBe(CANONICAL);
    expect(namesMatch(variant, CANONICAL)).toBe(true);
    expect(namesMatch(CANONICAL, variant)).toBe(true);
  });

  it.each([
    ['买买提艾力', 'no dot'],
    ['买买提-艾力', 'hyphen is not a dot'],
    ['买买提·艾', 'different name'],
  ])('%s does not match (%s)', (other) => {
    expect(namesMatch(other, CANONICAL)).toBe(false);
  });
});

describe('normalizeName', () => {
  it.each([
    ['NFC: decomposed é', 'Jos\u0065\u0301', 'Jos\u00E9'],
    ['NFC: composed é', 'Jos\u00E9', 'Jos\u00E9'],
    ['trim ASCII spaces', '  张三  ', '张三'],
    ['trim U+3000', '\u3000张三\u3000', '张三'],
    ['trim tabs and newlines', '\t张三\n', '张三'],
    ['trim no-break space', '\u00A0张三\u00A0', '张三'],
    ['collapse internal white space', 'Anna \u3000\t Maria', 'Anna Maria'],
    ['leave a single space', 'Anna Maria', 'Anna Maria'],
  ])('%s', (_label, input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it('composed and decomposed forms match', () => {
    expect(namesMatch('Ren\u00E9e', 'Rene\u0301e')).toBe(true);
  });

  it('is idempotent (any code points)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const once = normalizeName(s);
        expect(normalizeName(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent (white space, dots and combining marks)', () => {
    const unit = fc.constantFrom(
      ' ',
      '\u3000',
      '\t',
      '\u00A0',
      '\uFEFF',
      '\u00B7',
      '\u2022',
      '\u2027',
      '\u30FB',
      '\uFF0E',
      '\u0387',
      'e',
      '\u0301',
      '\u0308',
      'A',
      '买',
      '\u{20BB7}',
      '\u1100',
      '\u1161',
      '\u11A8',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 20 }), (s) => {
        const once = normalizeName(s);
        expect(normalizeName(once)).toBe(once);
        expect(namesMatch(s, once)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('validateName', () => {
  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['only U+3000', '\u3000\u3000'],
    ['65 code points', 'a'.repeat(65)],
    ['65 supplementary-plane letters', '\u{20BB7}'.repeat(65)],
    ['control character', '张\u0007三'],
    ['zero-width joiner (format)', '张\u200D三'],
    ['markup', '<script>'],
    ['digits', '张三1'],
    ['at sign', 'a@b'],
    ['emoji', '张三😀'],
  ])('refuses %s', (_label, input) => {
    const r = validateName(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('NAME_INVALID');
    expect(r.error.messageEn.length).toBeGreaterThan(0);
    expect(r.error.messageZh.length).toBeGreaterThan(0);
  });

  it.each([
    // input,           English,                                                                                         中文
    ['', 'The name is empty.', '姓名不能为空。'],
    ['\u3000 ', 'The name is empty.', '姓名不能为空。'],
    ['a'.repeat(65), 'The name is longer than 64 characters.', '姓名不能超过64个字符。'],
    ['张\u0007三', 'The name contains control or formatting characters.', '姓名含有控制字符或格式字符。'],
    ['张\u200D三', 'The name contains control or formatting characters.', '姓名含有控制字符或格式字符。'],
    [
      '张三1',
      'The name may contain only letters, the middle dot (·), spaces, hyphens, apostrophes and periods.',
      '姓名只能包含文字、间隔号（·）、空格、连字符、撇号和句点。',
    ],
  ])('refuses %j saying why: %s', (input, messageEn, messageZh) => {
    expect(validateName(input)).toEqual({ ok: false, error: { kind: 'NAME_INVALID', messageEn, messageZh } });
  });

  it.each([
    ['𠮷 (supplementary plane)', '𠮷野家', '𠮷野家'],
    ['64 supplementary-plane letters', '\u{20BB7}'.repeat(64), '\u{20BB7}'.repeat(64)],
    ['64 code points', 'a'.repeat(64), 'a'.repeat(64)],
    ['middle-dot name, variant folded', '买买提\u30FB艾力', '买买提\u00B7艾力'],
    ['Latin with hyphen, apostrophe, period', "  Mary-Jane O'Neil Jr. ", "Mary-Jane O'Neil Jr."],
    ['decomposed accent is composed', 'Rene\u0301e', 'Ren\u00E9e'],
    ['combining mark kept', 'a\u0323\u0302', 'a\u0323\u0302'.normalize('NFC')],
  ])('accepts %s', (_label, input, value) => {
    expect(validateName(input)).toEqual({ ok: true, value });
  });
});
