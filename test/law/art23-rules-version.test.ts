/**
 * Art. 23 (administrative review): a decision can be reproduced only if it says which rules, which
 * regulation text and which holiday calendar it used. rulesVersion carries a fingerprint of the
 * regulation text (FNV-1a, 32 bit, over the cited article texts), so a change of one character in
 * any article changes every rulesVersion from then on.
 */
import { describe, it, expect } from 'vitest';
import { ARTICLE_TEXTS } from '../../src/law/articles.generated';
import { REGULATION_FINGERPRINT, RULES_VERSION, WEEKENDS_ONLY, fnv1a, rulesVersion } from '../../src/law';

describe('fnv1a: FNV-1a, 32 bit, as eight hex digits', () => {
  it.each([
    // text,       fingerprint, why
    ['', '811c9dc5', 'the offset basis: nothing hashed'],
    ['a', 'e40c292c', 'the published test vector'],
    ['foobar', 'bf9cf968', 'the published test vector'],
    ['第十三条', '0f17a71c', 'Chinese text (hashed as UTF-16 code units); a leading zero is kept'],
    ['第一条', '0d2e23d0', 'a leading zero is kept'],
  ])('%j → %s (%s)', (text, fingerprint) => {
    expect(fnv1a(text)).toBe(fingerprint);
  });
});

describe('the rules version in rulesVersion', () => {
  it('is a semantic version, named in every rulesVersion', () => {
    expect(RULES_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(rulesVersion(WEEKENDS_ONLY)).toContain(`/rules-${RULES_VERSION}/`);
  });
});

describe('the regulation fingerprint in rulesVersion', () => {
  const text = JSON.stringify(ARTICLE_TEXTS);

  it('is the fingerprint of the 24 articles as cited', () => {
    expect(ARTICLE_TEXTS).toHaveLength(24);
    expect(REGULATION_FINGERPRINT).toBe(fnv1a(text));
    expect(rulesVersion(WEEKENDS_ONLY)).toContain(`/text-${REGULATION_FINGERPRINT}/`);
  });

  it.each([
    // change,                          from,              to
    ['Art. 11: fifteen → sixteen days', '十五个工作日内核发居住证', '十六个工作日内核发居住证'],
    ['Art. 24: the day in force', '2016年2月15日', '2016年2月16日'],
    ['Art. 20: the fine', '二百元以下罚款', '三百元以下罚款'],
  ])('changes when the text changes (%s)', (_change, from, to) => {
    expect(text).toContain(from);
    expect(fnv1a(text.replace(from, to))).not.toBe(REGULATION_FINGERPRINT);
  });
});
