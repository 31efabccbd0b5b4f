/**
 * Art. 2 (who may apply), Art. 10 (application, with corrections), Art. 22(1) (an application the
 * rules pass cannot be refused: it is accepted and carries its Art. 11 deadline), Art. 24.
 *
 * 第二条 公民离开户籍所在地，到本市城市区及所属县（市）连续居住六个月以上，符合有稳定就业、稳定住所、
 * 连续就读条件之一的，可以依照本办法的规定申领居住证。
 */
import { describe, it, expect } from 'vitest';
import {
  citationLabel,
  d,
  decideApplication,
  type ApplicationFacts,
  type ResidenceBasis,
} from '../../src/law';
import { OFFICIAL_CALENDAR as CAL } from '../../src/calendar/official';

const BASE: ApplicationFacts = {
  appliedOn: d('2026-09-28'),
  hukouRegionCode: '110105', // Beijing, Chaoyang
  registeredOn: d('2026-03-15'),
  basis: ['STABLE_EMPLOYMENT'],
};

const apply = (over: Partial<ApplicationFacts>) => decideApplication(CAL, { ...BASE, ...over });
const passed = (over: Partial<ApplicationFacts>, code: string) =>
  apply(over).reasons.find((r) => r.code === code)?.passed;

describe('I-2: six months from residence registration R end on R + 6 months; the applicant qualifies from the next day', () => {
  it.each([
    // registered (R),  applied on,     six months held, why
    ['2026-03-15', '2026-09-15', false, 'R + 6 months: the period has not ended'],
    ['2026-03-15', '2026-09-16', true, 'the day after (SPEC I-2)'],
    ['2026-08-31', '2027-02-28', false, 'February has no 31st: the period ends on 2027-02-28'],
    ['2026-08-31', '2027-03-01', true, 'SPEC I-2'],
    ['2023-08-31', '2024-02-29', false, 'leap year: ends on 2024-02-29'],
    ['2023-08-31', '2024-03-01', true, 'leap year'],
    ['2026-12-31', '2027-06-30', false, 'June has no 31st'],
    ['2026-12-31', '2027-07-01', true, ''],
    [
      '2026-04-01',
      '2026-10-02',
      true,
      'ends on National Day 2026-10-01: a duration of residence never rolls to a working day',
    ],
    ['2026-04-01', '2026-10-01', false, ''],
    ['2016-02-15', '2016-08-16', true, 'registered on the day the law came into force'],
    ['2026-09-28', '2026-09-28', false, 'registered the same day'],
  ])('R = %s, applying on %s: six months %s %s', (registeredOn, appliedOn, held) => {
    expect(passed({ registeredOn: d(registeredOn), appliedOn: d(appliedOn) }, 'SIX_MONTHS_RESIDENCE')).toBe(
      held,
    );
  });

  it('a refusal for six months says from when the applicant may apply', () => {
    const r = apply({ registeredOn: d('2026-03-15'), appliedOn: d('2026-09-15') }).reasons.find(
      (x) => x.code === 'SIX_MONTHS_RESIDENCE',
    )!;
    expect(r.messageEn).toContain('2026-09-16');
    expect(r.messageZh).toContain('2026-09-16');
  });
});

describe('I-1: a household registration in Luoyang (code 4103xx) is local and needs no permit', () => {
  it.each([
    // hukou,     non-local, what
    ['110105', true, 'Beijing Chaoyang'],
    ['410102', true, 'Zhengzhou (Henan, not Luoyang)'],
    ['410402', true, 'Pingdingshan'],
    ['419001', true, 'Jiyuan'],
    ['410302', false, 'Luoyang 老城区'],
    ['410311', false, 'Luoyang 洛龙区'],
    ['410329', false, 'Luoyang 伊川县'],
    ['410381', false, '偃师市, retired code: still Luoyang'],
    ['410322', false, '孟津县, retired code: still Luoyang'],
    ['410306', false, '吉利区, retired code: still Luoyang'],
    ['410300', false, 'Luoyang city itself'],
  ])('hukou %s non-local: %s (%s)', (hukouRegionCode, nonLocal) => {
    const decision = apply({ hukouRegionCode });
    expect(decision.reasons.find((r) => r.code === 'NON_LOCAL_HUKOU')?.passed).toBe(nonLocal);
    expect(decision.eligible).toBe(nonLocal);
  });
});

describe('stable employment, stable residence or continuous study: at least one', () => {
  it.each([
    // basis,                                              held
    [[], false],
    [['STABLE_EMPLOYMENT'], true],
    [['STABLE_RESIDENCE'], true],
    [['CONTINUOUS_STUDY'], true],
    [['STABLE_EMPLOYMENT', 'STABLE_RESIDENCE'], true],
  ] as [ResidenceBasis[], boolean][])('basis %j: %s', (basis, held) => {
    const decision = apply({ basis });
    expect(decision.reasons.find((r) => r.code === 'RESIDENCE_BASIS')?.passed).toBe(held);
    expect(decision.eligible).toBe(held);
    if (!held) expect(decision.issueDeadline).toBeNull();
  });
});

describe('the decision lists every condition, in order, with its article', () => {
  it('an accepted application: all four reasons passed, Art. 2(1) cited for the three conditions', () => {
    const decision = apply({});
    expect(decision.eligible).toBe(true);
    expect(decision.reasons.map((r) => [r.code, r.passed, r.citation.article, r.citation.paragraph])).toEqual(
      [
        ['LAW_IN_FORCE', true, 24, null],
        ['NON_LOCAL_HUKOU', true, 2, 1],
        ['SIX_MONTHS_RESIDENCE', true, 2, 1],
        ['RESIDENCE_BASIS', true, 2, 1],
      ],
    );
    for (const r of decision.reasons) {
      expect(r.citation.textZh).not.toBe('');
      expect(r.messageZh).not.toBe('');
      expect(r.messageEn).not.toBe('');
    }
  });

  it('a refused application still lists every reason, failed and passed alike', () => {
    const decision = apply({ hukouRegionCode: '410302', basis: [], registeredOn: d('2026-09-01') });
    expect(decision.eligible).toBe(false);
    expect(decision.reasons.map((r) => [r.code, r.passed])).toEqual([
      ['LAW_IN_FORCE', true],
      ['NON_LOCAL_HUKOU', false],
      ['SIX_MONTHS_RESIDENCE', false],
      ['RESIDENCE_BASIS', false],
    ]);
    expect(decision.issueDeadline).toBeNull();
  });
});

describe('Art. 22(1) and 11: an application the rules pass is accepted and must be issued within 15 working days', () => {
  it.each([
    // applied (accepted) on, deadline,      provisional, why
    [
      '2026-09-28',
      '2026-10-23',
      false,
      'across National Day 2026 (10-1..10-7 off, Saturday 10-10 worked): 9-29, 9-30, 10-8, 10-9, 10-10, 10-12..16, 10-19..23',
    ],
    ['2026-03-02', '2026-03-23', false, 'three ordinary weeks'],
    ['2026-12-10', '2026-12-31', true, 'December needs the 2027 notice too'],
    ['2026-12-11', '2027-01-01', true, 'the 15th working day falls in 2027, whose notice is unknown'],
  ])('accepted on %s: issue by %s (provisional %s) — %s', (appliedOn, deadline, provisional) => {
    const decision = apply({ appliedOn: d(appliedOn), registeredOn: d('2025-01-10') });
    expect(decision.eligible).toBe(true);
    expect(decision.issueDeadline).toEqual({ date: deadline, provisional });
  });
});

describe('Art. 24: before 2016-02-15 the only reason is LAW_IN_FORCE, not passed', () => {
  it.each([
    // applied on
    ['2016-02-14'],
    ['2015-06-01'],
  ])('applying on %s', (appliedOn) => {
    const decision = apply({ appliedOn: d(appliedOn), registeredOn: d('2015-01-01') });
    expect(decision.eligible).toBe(false);
    expect(decision.issueDeadline).toBeNull();
    expect(decision.reasons.map((r) => [r.code, r.passed, r.citation.article])).toEqual([
      ['LAW_IN_FORCE', false, 24],
    ]);
  });

  it('on 2016-02-15 itself the law applies, and every condition is checked', () => {
    const decision = apply({ appliedOn: d('2016-02-15'), registeredOn: d('2016-02-15') });
    expect(decision.reasons.map((r) => [r.code, r.passed])).toEqual([
      ['LAW_IN_FORCE', true],
      ['NON_LOCAL_HUKOU', true],
      ['SIX_MONTHS_RESIDENCE', false],
      ['RESIDENCE_BASIS', true],
    ]);
  });
});

describe('what each condition says, and the article it cites (Art. 23: a refusal says which condition failed and why)', () => {
  it.each([
    // case,                  facts,                                                                       code,                    passed, cites,        中文,                                                    English
    [
      'before the law',
      { appliedOn: d('2016-02-14'), registeredOn: d('2015-01-01') },
      'LAW_IN_FORCE',
      false,
      '第24条',
      '本办法自2016年2月15日起施行',
      'The Measures apply from 2016-02-15',
    ],
    ['law in force', {}, 'LAW_IN_FORCE', true, '第24条', '本办法已施行', 'The Measures are in force'],
    [
      'non-local',
      {},
      'NON_LOCAL_HUKOU',
      true,
      '第2条第1款',
      '户籍不在本市',
      'Household registration is outside Luoyang',
    ],
    [
      'local',
      { hukouRegionCode: '410302' },
      'NON_LOCAL_HUKOU',
      false,
      '第2条第1款',
      '户籍在洛阳市，无需申领居住证',
      'Household registration is in Luoyang (I-1): no residence permit is needed',
    ],
    [
      'six months held',
      {},
      'SIX_MONTHS_RESIDENCE',
      true,
      '第2条第1款',
      '自2026-03-15居住登记起已连续居住六个月以上',
      'Six months of residence since registration on 2026-03-15',
    ],
    [
      'six months not held',
      { appliedOn: d('2026-09-15') },
      'SIX_MONTHS_RESIDENCE',
      false,
      '第2条第1款',
      '自2026-03-15居住登记起未满六个月，2026-09-16起可申领',
      'Less than six months since registration on 2026-03-15: may apply from 2026-09-16',
    ],
    [
      'a basis',
      {},
      'RESIDENCE_BASIS',
      true,
      '第2条第1款',
      '符合稳定就业、稳定住所、连续就读条件之一',
      'Stable employment, stable residence or continuous study',
    ],
    [
      'no basis',
      { basis: [] },
      'RESIDENCE_BASIS',
      false,
      '第2条第1款',
      '不符合稳定就业、稳定住所、连续就读条件之一',
      'None of stable employment, stable residence or continuous study',
    ],
  ] as [string, Partial<ApplicationFacts>, string, boolean, string, string, string][])(
    '%s: %s %s, %s',
    (_case, over, code, passed, cites, zh, en) => {
      const r = apply(over).reasons.find((x) => x.code === code);
      expect(
        r && { passed: r.passed, cites: citationLabel(r.citation), zh: r.messageZh, en: r.messageEn },
      ).toEqual({ passed, cites, zh, en });
    },
  );
});
