/**
 * Articles 18 and 19 with I-5 and I-6: is a holder eligible for an entitlement on a day? The
 * decision lists each condition in SPEC's order (LAW_IN_FORCE, PERMIT_FOUND, PERMIT_VALID,
 * IN_REGION, ENTITLEMENT_IN_FORCE, and DEPENDENT_CHILD for 18(7) only), each with its citation;
 * eligible only when all passed; a condition that cannot be checked after an earlier failure is
 * left out.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  CATALOGUE,
  REGIONS,
  addDays,
  citationLabel,
  d,
  decideEligibility,
  endorsementWindow,
  fromEpochDay,
  localCitation,
  permitStateOn,
  resolveRegionCode,
  toEpochDay,
  type Entitlement,
  type EligibilityFacts,
  type PermitFacts,
  type Region,
} from '../../src/law';
import { OFFICIAL_CALENDAR as CAL } from '../../src/calendar/official';

const region = (code: string): Region => {
  const r = resolveRegionCode(code);
  if (!r) throw new Error(`no region ${code}`);
  return r;
};
const entitlement = (code: string): Entitlement => {
  const e = CATALOGUE.find((x) => x.code === code);
  if (!e) throw new Error(`no entitlement ${code}`);
  return e;
};

const CITY = region('410300');
const LUOLONG = region('410311'); // 洛龙区, urban district
const JIANXI = region('410305'); // 涧西区, urban district
const LUANCHUAN = region('410324'); // 栾川县, county
const YICHUAN = region('410329'); // 伊川县, county

// Issued Monday 2025-09-01: year 1's window is 2026-08-02..2026-09-01 (a Tuesday).
const PERMIT: PermitFacts = { issuedOn: d('2025-09-01'), endorsements: [], confiscatedOn: null };
const ENDORSED: PermitFacts = { ...PERMIT, endorsements: [d('2026-08-20')] }; // valid through 2027-09-01

const permitOn = (f: PermitFacts, asOf: string, r: Region = LUOLONG) => ({
  state: permitStateOn(CAL, f, d(asOf)),
  region: r,
});

const HOUSING = entitlement('PUBLIC_RENTAL_HOUSING');
const SCHOOL = entitlement('CHILD_EDUCATION_AND_ZHONGKAO');
const DRIVING = entitlement('DRIVING_LICENCE');

/** 伊川县's own addition under 18(12): in force 2026-07-01 to 2027-06-30. */
const YICHUAN_BUS: Entitlement = {
  code: 'YICHUAN_RURAL_BUS_PASS',
  kind: 'PUBLIC_SERVICE',
  citation: localCitation('PUBLIC_SERVICE'),
  nameZh: '伊川县城乡公交优惠',
  nameEn: 'Yichuan rural bus concession',
  department: 'TRANSPORT',
  regionCode: '410329',
  effectiveFrom: d('2026-07-01'),
  effectiveUntil: d('2027-06-30'),
  local: true,
};

const NO_CHILD = { asked: false, birthDate: null } as const;

function facts(over: Partial<EligibilityFacts>): EligibilityFacts {
  const asOf = over.asOf ?? d('2026-06-01');
  return {
    asOf,
    entitlement: HOUSING,
    askerRegion: CITY,
    permit: permitOn(PERMIT, asOf),
    entitlementRegion: CITY,
    dependent: NO_CHILD,
    ...over,
  };
}

const summary = (f: EligibilityFacts) => {
  const decision = decideEligibility(f);
  return {
    eligible: decision.eligible,
    reasons: decision.reasons.map((r) => `${r.code}:${r.passed ? 'pass' : 'FAIL'}`),
  };
};

describe('Art. 24: before 2016-02-15 only LAW_IN_FORCE is listed, not passed', () => {
  it.each([
    // as of
    ['2016-02-14'],
    ['2010-01-01'],
  ])('asked about %s', (asOf) => {
    expect(summary(facts({ asOf: d(asOf), permit: null }))).toEqual({
      eligible: false,
      reasons: ['LAW_IN_FORCE:FAIL'],
    });
    expect(summary(facts({ asOf: d(asOf), permit: permitOn(PERMIT, '2026-06-01') }))).toEqual({
      eligible: false,
      reasons: ['LAW_IN_FORCE:FAIL'],
    });
  });
});

describe('the reasons, in SPEC order', () => {
  it.each([
    // case,                                         facts,                                                                                                 eligible, reasons
    [
      'valid permit, city department',
      facts({}),
      true,
      [
        'LAW_IN_FORCE:pass',
        'PERMIT_FOUND:pass',
        'PERMIT_VALID:pass',
        'IN_REGION:pass',
        'ENTITLEMENT_IN_FORCE:pass',
      ],
    ],
    [
      'on the day the law came into force',
      facts({
        asOf: d('2016-02-15'),
        permit: permitOn({ ...PERMIT, issuedOn: d('2016-02-15') }, '2016-02-15'),
      }),
      true,
      [
        'LAW_IN_FORCE:pass',
        'PERMIT_FOUND:pass',
        'PERMIT_VALID:pass',
        'IN_REGION:pass',
        'ENTITLEMENT_IN_FORCE:pass',
      ],
    ],
    [
      'no permit matches ID and name',
      facts({ permit: null }),
      false,
      ['LAW_IN_FORCE:pass', 'PERMIT_FOUND:FAIL'],
    ],
    [
      'permit not yet issued on the day',
      facts({ asOf: d('2025-08-01'), permit: permitOn(PERMIT, '2025-08-01') }),
      false,
      [
        'LAW_IN_FORCE:pass',
        'PERMIT_FOUND:pass',
        'PERMIT_VALID:FAIL',
        'IN_REGION:pass',
        'ENTITLEMENT_IN_FORCE:pass',
      ],
    ],
    [
      'lapsed (window closed 2026-09-01)',
      facts({ asOf: d('2026-09-02'), permit: permitOn(PERMIT, '2026-09-02') }),
      false,
      [
        'LAW_IN_FORCE:pass',
        'PERMIT_FOUND:pass',
        'PERMIT_VALID:FAIL',
        'IN_REGION:pass',
        'ENTITLEMENT_IN_FORCE:pass',
      ],
    ],
    [
      'last day of the window: still valid',
      facts({ asOf: d('2026-09-01'), permit: permitOn(PERMIT, '2026-09-01') }),
      true,
      [
        'LAW_IN_FORCE:pass',
        'PERMIT_FOUND:pass',
        'PERMIT_VALID:pass',
        'IN_REGION:pass',
        'ENTITLEMENT_IN_FORCE:pass',
      ],
    ],
    [
      'endorsed: valid in year 2',
      facts({ asOf: d('2026-09-02'), permit: permitOn(ENDORSED, '2026-09-02') }),
      true,
      [
        'LAW_IN_FORCE:pass',
        'PERMIT_FOUND:pass',
        'PERMIT_VALID:pass',
        'IN_REGION:pass',
        'ENTITLEMENT_IN_FORCE:pass',
      ],
    ],
    [
      'confiscated',
      facts({ permit: permitOn({ ...PERMIT, confiscatedOn: d('2026-05-01') }, '2026-06-01') }),
      false,
      [
        'LAW_IN_FORCE:pass',
        'PERMIT_FOUND:pass',
        'PERMIT_VALID:FAIL',
        'IN_REGION:pass',
        'ENTITLEMENT_IN_FORCE:pass',
      ],
    ],
    [
      'lapsed and out of region: both listed',
      facts({ asOf: d('2026-09-02'), askerRegion: LUANCHUAN, permit: permitOn(PERMIT, '2026-09-02') }),
      false,
      [
        'LAW_IN_FORCE:pass',
        'PERMIT_FOUND:pass',
        'PERMIT_VALID:FAIL',
        'IN_REGION:FAIL',
        'ENTITLEMENT_IN_FORCE:pass',
      ],
    ],
    [
      'a 19 convenience (driving licence)',
      facts({ entitlement: DRIVING }),
      true,
      [
        'LAW_IN_FORCE:pass',
        'PERMIT_FOUND:pass',
        'PERMIT_VALID:pass',
        'IN_REGION:pass',
        'ENTITLEMENT_IN_FORCE:pass',
      ],
    ],
    [
      'a child given for a non-18(7) entitlement',
      facts({ dependent: { asked: true, birthDate: d('2015-01-01') } }),
      true,
      [
        'LAW_IN_FORCE:pass',
        'PERMIT_FOUND:pass',
        'PERMIT_VALID:pass',
        'IN_REGION:pass',
        'ENTITLEMENT_IN_FORCE:pass',
      ],
    ],
  ] as [string, EligibilityFacts, boolean, string[]][])('%s', (_case, f, eligible, reasons) => {
    expect(summary(f)).toEqual({ eligible, reasons });
  });
});

describe('PERMIT_VALID cites the article that ended validity', () => {
  it.each([
    // case,          permit facts,                                           as of,          article, paragraph
    ['valid', PERMIT, '2026-06-01', 13, null],
    ['lapsed', PERMIT, '2026-09-02', 13, null],
    ['confiscated', { ...PERMIT, confiscatedOn: d('2026-05-01') }, '2026-06-01', 21, 2],
  ] as [string, PermitFacts, string, number, number | null][])(
    '%s → Art. %i',
    (_case, pf, asOf, article, paragraph) => {
      const r = decideEligibility(facts({ asOf: d(asOf), permit: permitOn(pf, asOf) })).reasons.find(
        (x) => x.code === 'PERMIT_VALID',
      )!;
      expect([r.citation.article, r.citation.paragraph]).toEqual([article, paragraph]);
    },
  );
});

describe("I-5 IN_REGION: a department covers a permit when it is the city, or the permit's own district or county", () => {
  it.each([
    // asking department,  permit registered in,  covered
    ['410300 洛阳市', '410311 洛龙区', true],
    ['410300 洛阳市', '410324 栾川县', true],
    ['410311 洛龙区', '410311 洛龙区', true],
    ['410324 栾川县', '410324 栾川县', true],
    ['410311 洛龙区', '410324 栾川县', false],
    ['410324 栾川县', '410311 洛龙区', false],
    ['410305 涧西区', '410311 洛龙区', false],
    ['410329 伊川县', '410324 栾川县', false],
    ['410381 (偃师市, old)', '410307 偃师区', true],
  ])('a department of %s asking about a permit in %s: %s', (asker, permitIn, covered) => {
    const decision = decideEligibility(
      facts({
        askerRegion: region(asker.slice(0, 6)),
        permit: permitOn(PERMIT, '2026-06-01', region(permitIn.slice(0, 6))),
      }),
    );
    const r = decision.reasons.find((x) => x.code === 'IN_REGION')!;
    expect(r.passed).toBe(covered);
    expect(r.citation.article).toBe(14);
    expect(decision.eligible).toBe(covered);
  });
});

describe("ENTITLEMENT_IN_FORCE: a local entitlement (18(12)) exists on the day and covers the permit's region", () => {
  it.each([
    // as of,         permit in,          in force, why
    ['2026-06-01', '410329 伊川县', false, 'before it takes effect on 2026-07-01'],
    ['2026-07-01', '410329 伊川县', true, 'its first day'],
    ['2027-06-30', '410329 伊川县', true, 'its last day'],
    ['2027-07-01', '410329 伊川县', false, 'after it ended'],
    ['2026-07-01', '410324 栾川县', false, 'another county'],
    ['2026-07-01', '410311 洛龙区', false, 'an urban district'],
  ])('on %s, permit in %s: %s (%s)', (asOf, permitIn, inForce) => {
    const permitRegion = region(permitIn.slice(0, 6));
    const decision = decideEligibility(
      facts({
        asOf: d(asOf),
        entitlement: YICHUAN_BUS,
        entitlementRegion: YICHUAN,
        askerRegion: CITY,
        permit: permitOn(ENDORSED, asOf, permitRegion),
      }),
    );
    expect(decision.reasons.map((r) => r.code)).toEqual([
      'LAW_IN_FORCE',
      'PERMIT_FOUND',
      'PERMIT_VALID',
      'IN_REGION',
      'ENTITLEMENT_IN_FORCE',
    ]);
    const r = decision.reasons.find((x) => x.code === 'ENTITLEMENT_IN_FORCE')!;
    expect(r.passed).toBe(inForce);
    expect([r.citation.article, r.citation.clause]).toEqual([18, 12]);
    expect(decision.eligible).toBe(inForce);
  });

  it('a national entitlement is in force from 2016-02-15 everywhere in the city', () => {
    for (const r of [LUOLONG, JIANXI, LUANCHUAN, YICHUAN]) {
      expect(decideEligibility(facts({ permit: permitOn(PERMIT, '2026-06-01', r) })).eligible).toBe(true);
    }
  });
});

describe("18(7) DEPENDENT_CHILD: the named child is the holder's dependent and under 18 on the day", () => {
  it.each([
    // as of,         child,                                       passed, why
    ['2026-06-01', { asked: true, birthDate: '2009-06-01' }, true, 'turns 17 that day'],
    ['2026-06-01', { asked: true, birthDate: '2008-06-02' }, true, '17, the day before turning 18'],
    ['2026-06-01', { asked: true, birthDate: '2008-06-01' }, false, 'turns 18 that day'],
    ['2026-06-01', { asked: true, birthDate: '2000-01-01' }, false, 'an adult'],
    ['2026-06-01', { asked: true, birthDate: '2020-01-01' }, true, 'six years old'],
    ['2026-02-27', { asked: true, birthDate: '2008-02-29' }, true, 'born on 29 February: still 17'],
    [
      '2026-02-28',
      { asked: true, birthDate: '2008-02-29' },
      false,
      'born on 29 February: 18 on 28 February in a common year',
    ],
    ['2026-06-01', { asked: true, birthDate: '2026-06-02' }, false, 'not yet born'],
    ['2026-06-01', { asked: true, birthDate: '2026-06-01' }, true, 'born that day'],
    ['2026-06-01', { asked: true, birthDate: null }, false, 'not a dependent of the holder'],
    ['2026-06-01', { asked: false, birthDate: null }, false, 'no child ID number given'],
  ] as [string, { asked: boolean; birthDate: string | null }, boolean, string][])(
    'on %s, child %j: %s (%s)',
    (asOf, child, passed) => {
      const decision = decideEligibility(
        facts({
          asOf: d(asOf),
          entitlement: SCHOOL,
          permit: permitOn(PERMIT, asOf),
          dependent: { asked: child.asked, birthDate: child.birthDate === null ? null : d(child.birthDate) },
        }),
      );
      expect(decision.reasons.map((r) => r.code)).toEqual([
        'LAW_IN_FORCE',
        'PERMIT_FOUND',
        'PERMIT_VALID',
        'IN_REGION',
        'ENTITLEMENT_IN_FORCE',
        'DEPENDENT_CHILD',
      ]);
      const r = decision.reasons[5];
      expect(r.passed).toBe(passed);
      expect([r.citation.article, r.citation.clause]).toEqual([18, 7]);
      expect(decision.eligible).toBe(passed);
    },
  );

  it('is not checked when no permit was found', () => {
    expect(
      summary(
        facts({ entitlement: SCHOOL, permit: null, dependent: { asked: true, birthDate: d('2015-01-01') } }),
      ),
    ).toEqual({ eligible: false, reasons: ['LAW_IN_FORCE:pass', 'PERMIT_FOUND:FAIL'] });
  });
});

// ------------------------------------------------------------------------------------------------
// Properties: the shape of every decision

const SPEC_ORDER = [
  'LAW_IN_FORCE',
  'PERMIT_FOUND',
  'PERMIT_VALID',
  'IN_REGION',
  'ENTITLEMENT_IN_FORCE',
  'DEPENDENT_CHILD',
];
const ENTITLEMENTS = [...CATALOGUE, YICHUAN_BUS];
const day = (from: string, to: string) =>
  fc.integer({ min: toEpochDay(d(from)), max: toEpochDay(d(to)) }).map(fromEpochDay);

const factsArb: fc.Arbitrary<EligibilityFacts> = fc
  .record({
    asOf: day('2015-06-01', '2029-12-31'),
    issuedOn: day('2016-02-15', '2029-06-30'),
    endorsed: fc.boolean(),
    confiscatedAfter: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null }),
    found: fc.boolean(),
    entitlement: fc.constantFrom(...ENTITLEMENTS),
    asker: fc.constantFrom(...REGIONS),
    permitRegion: fc.constantFrom(...REGIONS.filter((r) => r.kind !== 'CITY')),
    child: fc.option(day('1995-01-01', '2030-01-01'), { nil: null }),
    asked: fc.boolean(),
  })
  .map((x) => {
    const pf: PermitFacts = {
      issuedOn: x.issuedOn,
      endorsements: x.endorsed ? [endorsementWindow(CAL, x.issuedOn, 1).from] : [],
      confiscatedOn: x.confiscatedAfter === null ? null : addDays(x.issuedOn, x.confiscatedAfter),
    };
    return {
      asOf: x.asOf,
      entitlement: x.entitlement,
      askerRegion: x.asker,
      permit: x.found ? { state: permitStateOn(CAL, pf, x.asOf), region: x.permitRegion } : null,
      entitlementRegion: region(x.entitlement.regionCode),
      dependent: { asked: x.asked || x.child !== null, birthDate: x.child },
    };
  });

describe('properties', () => {
  it('reasons follow SPEC order, stop after a failed LAW_IN_FORCE or PERMIT_FOUND, and DEPENDENT_CHILD appears for 18(7) only', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const { reasons } = decideEligibility(f);
        const codes = reasons.map((r) => r.code);
        const positions = codes.map((c) => SPEC_ORDER.indexOf(c));
        expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]))).toBe(true);
        expect(codes[0]).toBe('LAW_IN_FORCE');
        if (!reasons[0].passed) expect(codes).toEqual(['LAW_IN_FORCE']);
        else if (f.permit === null) expect(codes).toEqual(['LAW_IN_FORCE', 'PERMIT_FOUND']);
        else
          expect(codes).toEqual(
            SPEC_ORDER.slice(0, f.entitlement.code === 'CHILD_EDUCATION_AND_ZHONGKAO' ? 6 : 5),
          );
      }),
    );
  });

  it('eligible is true exactly when every listed reason passed', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const decision = decideEligibility(f);
        expect(decision.eligible).toBe(decision.reasons.every((r) => r.passed));
      }),
    );
  });

  it('every reason has a citation with its text, and messages in both languages', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        for (const r of decideEligibility(f).reasons) {
          expect(r.citation.textZh.length).toBeGreaterThan(0);
          expect(r.citation.article).toBeGreaterThanOrEqual(1);
          expect(r.messageZh.length).toBeGreaterThan(0);
          expect(r.messageEn.length).toBeGreaterThan(0);
          const expectedArticle: Record<string, number[]> = {
            LAW_IN_FORCE: [24],
            PERMIT_FOUND: [f.entitlement.citation.article],
            PERMIT_VALID: [13, 21],
            IN_REGION: [14],
            ENTITLEMENT_IN_FORCE: [f.entitlement.citation.article],
            DEPENDENT_CHILD: [18],
          };
          expect(expectedArticle[r.code]).toContain(r.citation.article);
        }
      }),
    );
  });

  it('PERMIT_VALID passes exactly when the permit is VALID that day', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const r = decideEligibility(f).reasons.find((x) => x.code === 'PERMIT_VALID');
        if (r) expect(r.passed).toBe(f.permit!.state.status === 'VALID');
      }),
    );
  });
});

describe('what each condition says, and the article it cites (Art. 23: a refusal says which condition failed and why)', () => {
  const child = (birthDate: string | null, asked = true) => ({
    asked,
    birthDate: birthDate === null ? null : d(birthDate),
  });
  it.each([
    // case,                              facts,                                                                                        code,                   passed, cites,          中文,                                                        English
    [
      'law in force',
      facts({}),
      'LAW_IN_FORCE',
      true,
      '第24条',
      '本办法已施行',
      'The Measures are in force on that day',
    ],
    [
      'before the law',
      facts({ asOf: d('2016-02-14'), permit: null }),
      'LAW_IN_FORCE',
      false,
      '第24条',
      '查询日期早于本办法施行之日（2016年2月15日）',
      'The day asked is before the Measures came into force (2016-02-15)',
    ],
    [
      'permit found',
      facts({}),
      'PERMIT_FOUND',
      true,
      '第18条第3项',
      '找到与身份号码和姓名相符的居住证',
      'A permit matches the ID number and name',
    ],
    [
      'no permit found',
      facts({ permit: null }),
      'PERMIT_FOUND',
      false,
      '第18条第3项',
      '没有与身份号码和姓名相符的居住证',
      'No permit matches this ID number and name',
    ],
    [
      'no permit found, 19(2)',
      facts({ entitlement: DRIVING, permit: null }),
      'PERMIT_FOUND',
      false,
      '第19条第2项',
      '没有与身份号码和姓名相符的居住证',
      'No permit matches this ID number and name',
    ],
    [
      'valid',
      facts({}),
      'PERMIT_VALID',
      true,
      '第13条',
      '居住证状态：有效',
      'Permit status on 2026-06-01: valid',
    ],
    [
      'not yet issued',
      facts({ asOf: d('2025-08-01'), permit: permitOn(PERMIT, '2025-08-01') }),
      'PERMIT_VALID',
      false,
      '第13条',
      '居住证状态：尚未签发',
      'Permit status on 2025-08-01: not yet issued',
    ],
    [
      'lapsed',
      facts({ asOf: d('2026-09-02'), permit: permitOn(PERMIT, '2026-09-02') }),
      'PERMIT_VALID',
      false,
      '第13条',
      '居住证状态：已失效（未按期签注）',
      'Permit status on 2026-09-02: lapsed (not endorsed in time)',
    ],
    [
      'confiscated',
      facts({ permit: permitOn({ ...PERMIT, confiscatedOn: d('2026-05-01') }, '2026-06-01') }),
      'PERMIT_VALID',
      false,
      '第21条第2款',
      '居住证状态：已被收缴',
      'Permit status on 2026-06-01: confiscated',
    ],
    [
      'in region',
      facts({ askerRegion: LUOLONG }),
      'IN_REGION',
      true,
      '第14条第1款',
      '居住证登记在洛龙区，属本机构辖区',
      "The permit is registered in Luolong District, within the asking office's region",
    ],
    [
      'out of region',
      facts({ askerRegion: LUANCHUAN }),
      'IN_REGION',
      false,
      '第14条第1款',
      '居住证登记在洛龙区，不属本机构辖区（栾川县）',
      "The permit is registered in Luolong District, outside the asking office's region (Luanchuan County)",
    ],
    [
      'entitlement in force',
      facts({}),
      'ENTITLEMENT_IN_FORCE',
      true,
      '第18条第3项',
      '公共租赁住房保障在当日于洛龙区实施',
      'Public rental housing is in force in Luolong District on that day',
    ],
    [
      'local entitlement elsewhere',
      facts({
        asOf: d('2026-07-01'),
        entitlement: YICHUAN_BUS,
        entitlementRegion: YICHUAN,
        permit: permitOn(PERMIT, '2026-07-01'),
      }),
      'ENTITLEMENT_IN_FORCE',
      false,
      '第18条第12项',
      '伊川县城乡公交优惠在当日于洛龙区不实施',
      'Yichuan rural bus concession is not in force in Luolong District on that day',
    ],
    [
      'child under 18',
      facts({ entitlement: SCHOOL, dependent: child('2015-01-01') }),
      'DEPENDENT_CHILD',
      true,
      '第18条第7项',
      '所列子女为持证人随迁子女且未满十八周岁',
      'The child is a dependent of the holder and under 18',
    ],
    [
      'child 18',
      facts({ entitlement: SCHOOL, dependent: child('2008-06-01') }),
      'DEPENDENT_CHILD',
      false,
      '第18条第7项',
      '所列子女当日已满十八周岁或尚未出生',
      'The child is 18 or over (or not yet born) on that day',
    ],
    [
      'child not yet born',
      facts({ entitlement: SCHOOL, dependent: child('2026-06-02') }),
      'DEPENDENT_CHILD',
      false,
      '第18条第7项',
      '所列子女当日已满十八周岁或尚未出生',
      'The child is 18 or over (or not yet born) on that day',
    ],
    [
      "not the holder's dependent",
      facts({ entitlement: SCHOOL, dependent: child(null) }),
      'DEPENDENT_CHILD',
      false,
      '第18条第7项',
      '所列子女不是持证人登记的随迁子女',
      'The child named is not a dependent of the holder',
    ],
    [
      'no child ID given',
      facts({ entitlement: SCHOOL, dependent: child(null, false) }),
      'DEPENDENT_CHILD',
      false,
      '第18条第7项',
      '未提供子女身份号码',
      'No child ID number was given',
    ],
  ] as [string, EligibilityFacts, string, boolean, string, string, string][])(
    '%s: %s %s, %s',
    (_case, f, code, passed, cites, zh, en) => {
      const r = decideEligibility(f).reasons.find((x) => x.code === code);
      expect(
        r && { passed: r.passed, cites: citationLabel(r.citation), zh: r.messageZh, en: r.messageEn },
      ).toEqual({ passed, cites, zh, en });
    },
  );
});
