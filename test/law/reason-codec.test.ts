/**
 * The reason codec (src/law/reason-codec.ts): every reason the rules build (Art. 2 applications,
 * Art. 18/19 eligibility) is stored as code, variant and data — never its texts — and decodes to the
 * very Reason the rule built, data inside the messages (days, regions, statuses, entitlement names)
 * included — both as the rule built it (stored from its rendering) and as read back from a JSON row
 * of an earlier version (stored from its messages), which give the same stored form. A reason the
 * registry cannot reproduce is kept whole, so nothing is ever lost.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CATALOGUE,
  REASON_CODES,
  REASON_TEXTS,
  REGIONS,
  addDays,
  cite,
  decideApplication,
  decideEligibility,
  decodeReasons,
  encodeReason,
  encodeReasons,
  explain,
  fromEpochDay,
  isCompact,
  localCitation,
  permitStateOn,
  toEpochDay,
  d,
  type CompactReason,
  type Entitlement,
  type Reason,
} from '../../src/law';
import { OFFICIAL_CALENDAR as CAL } from '../../src/calendar/official';

const day = (from: string, to: string) =>
  fc.integer({ min: toEpochDay(d(from)), max: toEpochDay(d(to)) }).map((n) => fromEpochDay(n));
const region = fc.constantFrom(...REGIONS);
/** Names a county may give its own entitlements: any text, the templates' own words included. */
const name = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30, unit: 'grapheme' }),
  fc.constantFrom('在当日于', '{region}', ' is in force in ', ' on that day', '实施', '不实施'),
  fc
    .tuple(fc.string({ maxLength: 8 }), fc.constantFrom('在当日于老城区', ' is not in force in Luoyang City'))
    .map(([a, b]) => a + b + a),
);
const local: fc.Arbitrary<Entitlement> = fc
  .record({
    kind: fc.constantFrom('PUBLIC_SERVICE' as const, 'CONVENIENCE' as const),
    nameZh: name,
    nameEn: name,
    regionCode: region.map((r) => r.code),
    effectiveFrom: day('2016-01-01', '2027-12-31'),
  })
  .map((e) => ({
    code: 'LOCAL_ITEM',
    kind: e.kind,
    citation: localCitation(e.kind),
    nameZh: e.nameZh,
    nameEn: e.nameEn,
    department: 'TRANSPORT',
    regionCode: e.regionCode,
    effectiveFrom: e.effectiveFrom,
    effectiveUntil: addDays(e.effectiveFrom, 365),
    local: true,
  }));
const entitlement = fc.oneof(fc.constantFrom(...CATALOGUE), local);

const eligibility = fc
  .record({
    asOf: day('2015-06-01', '2030-12-31'),
    entitlement: fc.oneof(entitlement, fc.constant(CATALOGUE.find((e) => e.code.startsWith('CHILD'))!)),
    askerRegion: region,
    permit: fc.option(
      fc.record({
        issuedOn: day('2016-02-15', '2029-12-31'),
        endorsed: fc.array(fc.integer({ min: 1, max: 13 }), { maxLength: 4 }),
        confiscatedAfter: fc.option(fc.integer({ min: 0, max: 2000 })),
        region,
      }),
    ),
    entitlementRegion: region,
    child: fc.record({ asked: fc.boolean(), birthDate: fc.option(day('1995-01-01', '2030-12-31')) }),
  })
  .map((f) => {
    const permit = f.permit && {
      state: permitStateOn(
        CAL,
        {
          issuedOn: f.permit.issuedOn,
          // an endorsement k years on, a few days before the anniversary (inside its window)
          endorsements: f.permit.endorsed.map((k) => addDays(f.permit!.issuedOn, 365 * k - 10)),
          confiscatedOn:
            f.permit.confiscatedAfter === null ? null : addDays(f.permit.issuedOn, f.permit.confiscatedAfter),
        },
        f.asOf,
      ),
      region: f.permit.region,
    };
    return decideEligibility({
      asOf: f.asOf,
      entitlement: f.entitlement,
      askerRegion: f.askerRegion,
      permit,
      entitlementRegion: f.entitlementRegion,
      dependent: { asked: f.child.asked, birthDate: f.child.asked ? f.child.birthDate : null },
    }).reasons;
  });

const application = fc
  .record({
    appliedOn: day('2015-06-01', '2030-12-31'),
    registeredBefore: fc.integer({ min: 0, max: 400 }),
    hukou: fc.constantFrom('411302', '410302', '410329', '110101'),
    basis: fc.subarray(['STABLE_EMPLOYMENT', 'STABLE_RESIDENCE', 'CONTINUOUS_STUDY'] as const),
  })
  .map(
    (a) =>
      decideApplication(CAL, {
        appliedOn: a.appliedOn,
        registeredOn: addDays(a.appliedOn, -a.registeredBefore),
        hukouRegionCode: a.hukou,
        basis: a.basis,
      }).reasons,
  );

/** As the database keeps it: JSON text. */
const throughStorage = (rs: readonly Reason[]) =>
  decodeReasons(JSON.parse(JSON.stringify(encodeReasons(rs))) as CompactReason[]);

describe('every reason the rules build is stored as code and data, and reads back as built', () => {
  it.each([
    ['Art. 18/19 eligibility', eligibility],
    ['Art. 2 applications', application],
  ])('%s', (_, reasons) => {
    fc.assert(
      fc.property(reasons, (rs) => {
        const stored = encodeReasons(rs);
        expect(stored.filter((c) => !isCompact(c))).toEqual([]);
        // no message text is stored: only codes, citation keys, variants and data
        for (const [c, r] of stored.map((s, i) => [s, rs[i]] as const)) {
          expect(JSON.stringify(c)).not.toContain(r.citation.textZh);
          if (r.messageZh.length > 12) expect(JSON.stringify(c)).not.toContain(r.messageZh);
        }
        expect(throughStorage(rs)).toEqual(rs);
        // a reason read back from a JSON row (no trace of its rendering) is stored the same way
        const plain = rs.map((r) => ({ ...r }));
        expect(encodeReasons(plain)).toEqual(stored);
        expect(throughStorage(plain)).toEqual(rs);
      }),
      { numRuns: 2000 },
    );
  });

  it('every code and every variant of the registry is produced by the rules', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.oneof(eligibility, application), (rs) => {
        for (const c of encodeReasons(rs)) seen.add(`${c[0]}/${c[3]}`);
      }),
      { numRuns: 3000 },
    );
    const all = REASON_CODES.flatMap((code) => REASON_TEXTS[code].map((_, i) => `${code}/${i}`));
    expect([...seen].sort()).toEqual(all.sort());
  });
});

describe('a reason the registry cannot reproduce is kept whole', () => {
  // e.g. a row written under an earlier wording, or a citation whose text is not today's
  it.each([
    ['an earlier wording', { code: 'PERMIT_FOUND', messageZh: '旧的说法', messageEn: 'An earlier wording' }],
    ['an unknown code', { code: 'SOMETHING_ELSE' }],
    ['a date that is not a day', { code: 'PERMIT_VALID', messageEn: 'Permit status on yesterday: valid' }],
    ['a region that does not exist', { code: 'IN_REGION', messageZh: '居住证登记在火星区，属本机构辖区' }],
    [
      'a citation naming a paragraph of a one-paragraph article',
      { citation: { ...cite('24'), paragraph: 1 } },
    ],
    [
      'a citation with another text',
      { citation: { article: 24, paragraph: null, clause: null, textZh: '旧文本' } },
    ],
  ])('%s', (_, over) => {
    const base: Reason = {
      code: 'PERMIT_VALID',
      passed: true,
      citation: cite('13'),
      messageZh: '居住证状态：有效',
      messageEn: 'Permit status on 2026-06-01: valid',
    };
    const r = { ...base, ...over } as Reason;
    expect(isCompact(encodeReason(r))).toBe(false);
    expect(throughStorage([r])).toEqual([r]);
  });

  it('a compact reason is short', () => {
    const [r] = encodeReasons([
      {
        code: 'PERMIT_VALID',
        passed: true,
        citation: cite('13'),
        messageZh: '居住证状态：有效',
        messageEn: 'Permit status on 2026-06-01: valid',
      },
    ]);
    expect(r).toEqual(['PERMIT_VALID', 1, '13', 0, 'VALID', '2026-06-01']);
  });
});

describe('data the registry would show otherwise is never stored by code', () => {
  // built with explain (the rendering is known), yet a code would read back differently
  const elsewhere = { code: '410302', nameZh: '别处', nameEn: 'Elsewhere', kind: 'URBAN_DISTRICT' as const };
  const renamed = { ...CATALOGUE[2], nameZh: '改名的住房', nameEn: 'Renamed housing' };
  it.each([
    [
      'a region object with other names',
      explain('IN_REGION', true, cite('14.1'), 'within', { region: elsewhere }),
    ],
    [
      'a catalogue code with other names',
      explain('ENTITLEMENT_IN_FORCE', true, cite('18.1.3'), 'inForce', {
        entitlement: renamed,
        region: REGIONS[3],
      }),
    ],
    [
      'a day that is not a day',
      explain('PERMIT_VALID', true, cite('13'), 'status', { status: 'VALID', asOf: 'today' }),
    ],
  ])('%s', (_, r) => {
    expect(throughStorage([r])).toEqual([r]);
    expect(JSON.stringify(encodeReasons([r]))).not.toMatch(/"410302"|"PUBLIC_RENTAL_HOUSING"|"today"/);
  });

  it('an entitlement of a county (not in the catalogue) is stored by its names', () => {
    const local = { nameZh: '伊川县城乡公交优惠', nameEn: 'Yichuan rural bus concession' };
    const r = explain('ENTITLEMENT_IN_FORCE', false, cite('18.1.12'), 'notInForce', {
      entitlement: local,
      region: REGIONS[8],
    });
    expect(encodeReasons([r])).toEqual([
      [
        'ENTITLEMENT_IN_FORCE',
        0,
        '18.1.12',
        1,
        ['伊川县城乡公交优惠', 'Yichuan rural bus concession'],
        REGIONS[8].code,
      ],
    ]);
    expect(throughStorage([r])).toEqual([r]);
    expect(throughStorage([{ ...r }])).toEqual([r]);
  });

  it('how a reason was rendered is not part of its value', () => {
    const r = explain('PERMIT_FOUND', true, cite('18.1.3'), 'found');
    expect(Object.keys(r).sort()).toEqual(['citation', 'code', 'messageEn', 'messageZh', 'passed']);
    expect(
      Object.getOwnPropertySymbols(r).every((k) => !Object.getOwnPropertyDescriptor(r, k)!.enumerable),
    ).toBe(true);
    expect(JSON.parse(JSON.stringify(r))).toEqual({ ...r });
  });
});

describe('the registry refuses what it cannot show', () => {
  it.each([
    ['a variant that does not exist', () => explain('PERMIT_FOUND', true, cite('13'), 'maybe' as 'found')],
    ['a missing datum', () => explain('PERMIT_VALID', true, cite('13'), 'status', { status: 'VALID' })],
    [
      'a status that is not one',
      () => explain('PERMIT_VALID', true, cite('13'), 'status', { status: 'HAPPY', asOf: '2026-01-01' }),
    ],
    [
      'a region given as a code',
      () => explain('IN_REGION', true, cite('14.1'), 'within', { region: '410302' }),
    ],
    [
      'a day given as a region',
      () => explain('PERMIT_VALID', true, cite('13'), 'status', { status: 'VALID', asOf: REGIONS[0] }),
    ],
  ])('%s', (_, build) => {
    expect(build).toThrow();
  });
});

describe('a stored reason that is not one is refused, never guessed', () => {
  it.each([
    ['not a tuple', 'PERMIT_VALID'],
    ['an unknown variant', ['PERMIT_VALID', 1, '13', 7, 'VALID', '2026-06-01']],
    ['a missing datum', ['PERMIT_VALID', 1, '13', 0, 'VALID']],
    ['an unknown region', ['IN_REGION', 1, '14.1', 0, '999999']],
    ['an unknown status', ['PERMIT_VALID', 1, '13', 0, 'HAPPY', '2026-06-01']],
    ['a day that is not one', ['PERMIT_VALID', 1, '13', 0, 'VALID', 'yesterday']],
    ['a citation that does not exist', ['PERMIT_VALID', 1, '99', 0, 'VALID', '2026-06-01']],
    ['passed not 0 or 1', ['PERMIT_VALID', true, '13', 0, 'VALID', '2026-06-01']],
    ['too short', ['PERMIT_VALID', 1, '13']],
    ['a variant that is not a number', ['PERMIT_VALID', 1, '13', '0', 'VALID', '2026-06-01']],
    ['a code that is not a string', [7, 1, '13', -1, 'a', 'b']],
    ['kept whole without both messages', ['PERMIT_VALID', 1, '13', -1, 'only one']],
    ['kept whole with a message that is not text', ['PERMIT_VALID', 1, '13', -1, 'a', 2]],
    ['a malformed citation', ['PERMIT_VALID', 1, { article: 13 }, -1, 'a', 'b']],
    ['a citation that is not an object', ['PERMIT_VALID', 1, 13, -1, 'a', 'b']],
    ['no citation', ['PERMIT_VALID', 1, null, -1, 'a', 'b']],
    [
      'a citation with a text that is not text',
      ['PERMIT_VALID', 1, { article: 13, paragraph: null, clause: null, textZh: 1 }, -1, 'a', 'b'],
    ],
    [
      'a citation with a paragraph that is not a number',
      ['PERMIT_VALID', 1, { article: 13, paragraph: '1', clause: null, textZh: 't' }, -1, 'a', 'b'],
    ],
    [
      'a citation with a clause that is not a number',
      ['PERMIT_VALID', 1, { article: 13, paragraph: null, clause: '1', textZh: 't' }, -1, 'a', 'b'],
    ],
    ['entitlement names that are not text', ['ENTITLEMENT_IN_FORCE', 1, '18.1.3', 0, ['一', 2], '410302']],
    ['entitlement names that are not two', ['ENTITLEMENT_IN_FORCE', 1, '18.1.3', 0, ['只有一个'], '410302']],
    [
      'an entitlement not in the catalogue',
      ['ENTITLEMENT_IN_FORCE', 1, '18.1.3', 0, 'NO_SUCH_THING', '410302'],
    ],
    ['a region that is not a string', ['IN_REGION', 1, '14.1', 0, ['410302', 'x']]],
  ])('%s', (_, stored) => {
    expect(() => decodeReasons([stored as unknown as CompactReason])).toThrow(/stored reason/);
  });

  it('a list that is not one', () => {
    expect(() => decodeReasons('[]' as unknown as CompactReason[])).toThrow(/stored reasons/);
  });

  it('a citation kept whole reads back as it was', () => {
    const c = { article: 24, paragraph: null, clause: null, textZh: '旧文本' };
    expect(decodeReasons([['X', 1, c, -1, 'a', 'b']])).toEqual([
      { code: 'X', passed: true, citation: c, messageZh: 'a', messageEn: 'b' },
    ]);
  });
});
