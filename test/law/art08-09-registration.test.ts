/**
 * Art. 8 (residence registration starts Art. 2's six-month clock) and Art. 9 (what registration
 * needs: a valid ID, a proof of residence, employment or study, an on-site portrait).
 *
 * 第八条 非本地户籍人员拟办理居住证的，应当到入住地县级公安机关或者受托机构办理居住登记，作为申办居住证的计时起点证明。
 * 第九条 居住登记应当由本人提交合法有效身份证件、居住或者就业、就读证明材料，并接受当场人像采集。
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  d,
  decideRegistration,
  eligibleToApplyOn,
  fromEpochDay,
  toEpochDay,
  type RegistrationInput,
} from '../../src/law';

const BASE: RegistrationInput = {
  registeredOn: d('2026-03-15'),
  basis: ['STABLE_RESIDENCE'],
  proofKind: 'TENANCY_CONTRACT',
  proofReference: 'LY-2026-000123',
  portraitCaptured: true,
};

const register = (over: Partial<RegistrationInput>) => decideRegistration({ ...BASE, ...over });

describe('a complete registration is accepted and says from when the holder may apply (I-2)', () => {
  it.each([
    // registered on,  may apply from
    ['2026-03-15', '2026-09-16'],
    ['2026-08-31', '2027-03-01'],
    ['2016-02-15', '2016-08-16'],
    ['2023-08-31', '2024-03-01'],
    ['2025-12-31', '2026-07-01'],
  ])('registered %s → may apply from %s', (registeredOn, from) => {
    expect(register({ registeredOn: d(registeredOn) })).toEqual({
      ok: true,
      value: { eligibleToApplyOn: from },
    });
    expect(eligibleToApplyOn(d(registeredOn))).toBe(from);
  });
});

describe('refusals', () => {
  it.each([
    // what is wrong,                    input,                                                       reason,             article
    ['no on-site portrait', { portraitCaptured: false }, 'PORTRAIT_REQUIRED', 9],
    ['no basis given', { basis: [] }, 'PROOF_REQUIRED', 9],
    ['proof kind empty', { proofKind: '' }, 'PROOF_REQUIRED', 9],
    ['proof kind blank', { proofKind: '   ' }, 'PROOF_REQUIRED', 9],
    ['proof reference empty', { proofReference: '' }, 'PROOF_REQUIRED', 9],
    ['proof reference blank', { proofReference: '\t' }, 'PROOF_REQUIRED', 9],
    ['before the law is in force', { registeredOn: d('2016-02-14') }, 'LAW_IN_FORCE', 24],
    ['long before the law', { registeredOn: d('2010-01-01') }, 'LAW_IN_FORCE', 24],
  ] as [string, Partial<RegistrationInput>, string, number][])(
    '%s → %s (Art. %i)',
    (_what, over, reason, article) => {
      const r = register(over);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.kind).toBe('RULE_VIOLATION');
        expect(r.error.reason).toBe(reason);
        expect(r.error.citation.article).toBe(article);
        expect(r.error.citation.textZh).not.toBe('');
        expect(r.error.messageZh).not.toBe('');
        expect(r.error.messageEn).not.toBe('');
      }
    },
  );

  it('Art. 9 is the article cited for the portrait, with its text', () => {
    const r = register({ portraitCaptured: false });
    expect(!r.ok && r.error.citation.textZh).toContain('当场人像采集');
  });
});

describe('eligibleToApplyOn: properties', () => {
  const dates = fc
    .integer({ min: toEpochDay(d('2016-02-15')), max: toEpochDay(d('2035-12-31')) })
    .map(fromEpochDay);

  it('is 182 to 185 days after registration, and the day before it is R + 6 months', () => {
    fc.assert(
      fc.property(dates, (r) => {
        const from = eligibleToApplyOn(r);
        const days = toEpochDay(from) - toEpochDay(r);
        expect(days).toBeGreaterThanOrEqual(182);
        expect(days).toBeLessThanOrEqual(185);
        const end = addDays(from, -1);
        // the period's last day is in the sixth month after R
        const months = (+end.slice(0, 4) - +r.slice(0, 4)) * 12 + (+end.slice(5, 7) - +r.slice(5, 7));
        expect(months).toBe(6);
      }),
    );
  });

  it('a later registration never qualifies earlier', () => {
    fc.assert(
      fc.property(dates, dates, (a, b) => {
        if (a <= b) expect(eligibleToApplyOn(a) <= eligibleToApplyOn(b)).toBe(true);
      }),
    );
  });
});
