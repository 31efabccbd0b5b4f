/**
 * The stored formats of src/db/reasons.ts, row by row: a decision body and an application's reasons
 * are written compact and read back as answered; rows in the JSON of earlier versions (with or
 * without the decision time, department and masked ID number of pre-receipt rows) are read as they
 * always were, and the migration's rewrite (compactDecisionBody, compactReasons) turns one into the
 * compact form only when that gives back exactly the same decision, else leaves it.
 */
import { describe, expect, it } from 'vitest';
import {
  compactDecisionBody,
  compactReasons,
  loadDecision,
  loadReasons,
  storeDecisionBody,
  storeReasons,
  type StoredDecision,
} from '../../src/db/reasons';
import {
  CATALOGUE,
  decideApplication,
  decideEligibility,
  resolveRegionCode,
  type LocalDate,
} from '../../src/law';
import { OFFICIAL_CALENDAR as CAL } from '../../src/calendar/official';

const region = resolveRegionCode('410303')!;
const housing = CATALOGUE.find((e) => e.code === 'PUBLIC_RENTAL_HOUSING')!;
const asOf = '2026-12-02' as LocalDate;
const decision: StoredDecision = {
  decisionId: '0b7f3c1e-5d2a-4c9b-8f6e-1a2b3c4d5e6f',
  eligible: true,
  entitlementCode: housing.code,
  asOf,
  permit: {
    maskedCitizenIdNumber: '411302********0002',
    status: 'VALID',
    issuedOn: '2026-11-28' as LocalDate,
    validThrough: '2027-11-29' as LocalDate,
    endorsementWindow: { from: '2027-10-29' as LocalDate, to: '2027-11-29' as LocalDate, provisional: true },
    region,
  },
  reasons: [
    ...decideEligibility({
      asOf,
      entitlement: housing,
      askerRegion: resolveRegionCode('410300')!,
      permit: {
        state: {
          status: 'VALID',
          validThrough: '2027-11-29' as LocalDate,
          validThroughProvisional: true,
          endorsementWindow: null,
          endorsedYears: 0,
        },
        region,
      },
      entitlementRegion: resolveRegionCode('410300')!,
      dependent: { asked: false, birthDate: null },
    }).reasons,
  ],
  rulesVersion: 'ly-rp-2016/rules-1.0.1/text-77c6496d/cal-test',
  at: '2026-12-02T01:00:00.000Z',
  department: 'HOUSING_AND_URBAN_RURAL_DEVELOPMENT',
  maskedCitizenIdNumber: '411302********0002',
};
const row = (body: string) => ({
  decisionId: decision.decisionId,
  eligible: decision.eligible,
  entitlementCode: decision.entitlementCode,
  asOf: decision.asOf,
  createdAt: decision.at,
  department: decision.department,
  body,
});
/** the JSON every version before migration 20261202000100 wrote */
const json = JSON.stringify(decision);
const { at: _a, department: _d, maskedCitizenIdNumber: _m, ...preReceipt } = decision;

describe('a decision body', () => {
  it('is stored compact, without texts or citations, and read back as answered', () => {
    const body = storeDecisionBody(decision);
    expect(body.length).toBeLessThan(json.length / 4);
    expect(body).not.toContain('居住证');
    expect(body).not.toContain(decision.reasons[0].citation.textZh);
    expect(loadDecision(row(body))).toEqual(decision);
  });

  it('with no permit, and with a permit summary for another masked ID number', () => {
    const none = { ...decision, eligible: false, permit: null, reasons: decision.reasons.slice(0, 1) };
    expect(loadDecision({ ...row(storeDecisionBody(none)), eligible: false })).toEqual(none);
    const other = {
      ...decision,
      permit: { ...decision.permit!, maskedCitizenIdNumber: '411302********0009' },
    };
    expect(loadDecision(row(storeDecisionBody(other)))).toEqual(other);
  });

  it.each([
    ['the JSON of the whole decision', json, decision],
    [
      'a pre-receipt body (time, department, masked ID number from the columns and the summary)',
      JSON.stringify(preReceipt),
      decision,
    ],
  ])('in the earlier format is read as before: %s', (_, body, expected) => {
    expect(loadDecision(row(body))).toEqual(expected);
    const compact = compactDecisionBody(row(body));
    expect(compact).not.toBeNull();
    expect(loadDecision(row(compact!))).toEqual(expected);
  });

  it.each([
    ['a body with a field the compact form does not hold', JSON.stringify({ ...decision, note: 'x' })],
    ['a body whose department is not the row’s', JSON.stringify({ ...decision, department: 'HEALTH' })],
    ['a body whose time is not the row’s', JSON.stringify({ ...decision, at: '2026-12-02T01:00:00.001Z' })],
    ['an empty body', '{}'],
    ['a body that is not JSON', '{not json'],
    ['a body already compact', storeDecisionBody(decision)],
  ])('is left as it is by the migration when compacting would change it: %s', (_, body) => {
    expect(compactDecisionBody(row(body))).toBeNull();
  });

  it('of an unknown format is refused, never guessed', () => {
    expect(() => loadDecision(row('[3,"x",null,null,[]]'))).toThrow(/stored decision/);
    expect(() => loadDecision(row('[2,"x",null,["VALID","2026-01-01",null,null,"999999"],[]]'))).toThrow(
      /stored decision/,
    );
  });
});

describe("an application's reasons", () => {
  const reasons = decideApplication(CAL, {
    appliedOn: '2026-11-01' as LocalDate,
    registeredOn: '2026-10-01' as LocalDate,
    hukouRegionCode: '411302',
    basis: [],
  }).reasons;

  it('are stored as codes and data (the days, not the sentence) and read back as the rules built them', () => {
    const stored = storeReasons(reasons);
    expect(stored).toContain('2026-10-01');
    expect(stored).toContain('2027-04-02'); // may apply from (Art. 2: six months after)
    expect(stored).not.toContain('六个月');
    expect(loadReasons(stored)).toEqual(reasons);
  });

  it('in the JSON of earlier versions are read as before and compacted by the migration', () => {
    const old = JSON.stringify(reasons);
    expect(loadReasons(old)).toEqual(reasons);
    expect(loadReasons(compactReasons(old)!)).toEqual(reasons);
    expect(compactReasons('[]')).toBeNull();
    expect(compactReasons(storeReasons(reasons))).toBeNull();
    expect(compactReasons('[{"code":1}]')).toBeNull();
  });
});
