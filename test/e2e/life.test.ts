/**
 * Whole lives of residence permits, end to end over HTTP with signed tokens, on every database.
 * The tests in a describe block run in order and build on each other. "Today" is 2026-11-28 (Shanghai).
 *
 * Dates were worked out by hand from the State Council schedules in
 * node_modules/chinese-days/dist/chinese-days.json (2026: 中秋 09-25..27, 国庆 10-01..07, make-up
 * working days Sunday 09-20 and Saturday 10-10; 2027 is not yet known, so weekends only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLERS, databases, startGateway, type TestGateway } from '../support/gateway';
import {
  ADD_DEPENDENT,
  AFFECTED,
  APPLY,
  CHANGE,
  CONFISCATE,
  ENDORSE,
  HOLDER,
  ISSUE,
  LOSS,
  REGISTER,
  REPLACE,
  VERIFY,
  VERIFY_CHAIN,
  allAuditEntries,
  call,
  fails,
  idNumber,
  masked,
  ok,
  registration,
} from './helpers';

const DBS = await databases();

// Holder 1: a new life in 2026 (I-2 example). Holder 2: an older permit, endorsed twice, with a child,
// who moves to 新安县, loses the card and has the permit confiscated. Holder 3: a permit that lapsed.
const H1 = { id: idNumber('411302', '19900315', '123'), name: '张伟' };
const H2 = { id: idNumber('411302', '19850620', '246'), name: '李娜' };
const H3 = { id: idNumber('411302', '19880101', '135'), name: '王芳' };
const CHILD = { id: idNumber('411302', '20150601', '222'), name: '李小明' };
const NOBODY = idNumber('411302', '19920202', '111');

const REASON_ORDER_18_7 = [
  'LAW_IN_FORCE',
  'PERMIT_FOUND',
  'PERMIT_VALID',
  'IN_REGION',
  'ENTITLEMENT_IN_FORCE',
  'DEPENDENT_CHILD',
];
const reasonMap = (reasons: any[]) => Object.fromEntries(reasons.map((r) => [r.code, r.passed]));

describe.each(DBS)('whole lives on %s', (db) => {
  let g: TestGateway;
  const t: Record<keyof typeof CALLERS, string> = {} as any;
  // state shared along the life
  let h1AppId = '';
  let h2PermitId = '';
  let h3PermitId = '';
  let h2ValidThrough = '';
  let h2WindowBefore: any = null;
  /** positive decisions made on holder 2's permit, by who asked */
  const positive: { decisionId: string; by: keyof typeof CALLERS }[] = [];

  beforeAll(async () => {
    g = await startGateway(db);
    for (const k of Object.keys(CALLERS) as (keyof typeof CALLERS)[]) t[k] = await g.token(CALLERS[k]);
  });
  afterAll(async () => {
    await g?.stop();
  });

  async function verify(by: keyof typeof CALLERS, q: Record<string, unknown>) {
    const data = await ok(g, VERIFY, { q }, t[by]);
    const dec = data.verifyEligibility;
    if (dec.eligible && q.citizenIdNumber === H2.id) positive.push({ decisionId: dec.decisionId, by });
    return dec;
  }

  async function holder(by: keyof typeof CALLERS, id: string) {
    return (await ok(g, HOLDER, { id }, t[by])).permitHolder;
  }

  // ---------------------------------------------------------------- holder 1: registration to issue

  it('registers a non-local holder in 老城区: eligibleToApplyOn is the day after R + 6 months (I-2)', async () => {
    const data = await ok(
      g,
      REGISTER,
      { input: registration(H1.id, H1.name, '410302', '2026-03-15') },
      t.psLaocheng,
    );
    expect(data.registerResidence).toMatchObject({
      registeredOn: '2026-03-15',
      eligibleToApplyOn: '2026-09-16',
      region: { code: '410302' },
      basis: ['STABLE_EMPLOYMENT'],
      holder: {
        citizenIdNumber: H1.id,
        name: H1.name,
        sex: 'MALE',
        birthDate: '1990-03-15',
        hukouRegionCode: '411302',
      },
    });
  });

  it('refuses an application one day short of six months, with SIX_MONTHS_RESIDENCE not passed', async () => {
    const a = (
      await ok(g, APPLY, { input: { citizenIdNumber: H1.id, appliedOn: '2026-09-15' } }, t.psLaocheng)
    ).applyForPermit;
    expect(a.status).toBe('REFUSED');
    expect(a.appliedOn).toBe('2026-09-15');
    expect(a.issueDeadline).toBeNull();
    expect(a.permit).toBeNull();
    const six = a.reasons.find((r: any) => r.code === 'SIX_MONTHS_RESIDENCE');
    expect(six).toMatchObject({ passed: false, citation: { article: 2 } });
    expect(reasonMap(a.reasons)).toMatchObject({
      NON_LOCAL_HUKOU: true,
      RESIDENCE_BASIS: true,
      SIX_MONTHS_RESIDENCE: false,
    });
  });

  it('accepts the application on 2026-09-16 with a deadline 15 working days later, across 中秋 and 国庆', async () => {
    const a = (
      await ok(g, APPLY, { input: { citizenIdNumber: H1.id, appliedOn: '2026-09-16' } }, t.psLaocheng)
    ).applyForPermit;
    expect(a.status).toBe('ACCEPTED');
    expect(a.reasons.every((r: any) => r.passed)).toBe(true);
    // 09-17,18,20(make-up),21,22,23,24,28,29,30, 10-08,09,10(make-up),12,13 → 2026-10-13
    expect(a.issueDeadline).toBe('2026-10-13');
    expect(a.deadlineProvisional).toBe(false);
    h1AppId = a.id;
  });

  it('issues the permit: 洛阳市公安局, card 1, VALID, year-1 window to A_1 = 2027-09-20 (provisional)', async () => {
    const p = (await ok(g, ISSUE, { id: h1AppId, on: '2026-09-20' }, t.psLaocheng)).issuePermit;
    expect(p).toMatchObject({
      issuedOn: '2026-09-20',
      issuingAuthority: '洛阳市公安局',
      cardVersion: 1,
      region: { code: '410302' },
      status: 'VALID',
      validThrough: '2027-09-20',
      endorsementWindow: { from: '2027-08-21', to: '2027-09-20', provisional: true },
      endorsements: [],
    });
  });

  // ---------------------------------------------------------------- holders 2 and 3: endorsement

  it('registers, accepts and issues two older permits (holders 2 and 3)', async () => {
    for (const h of [H2, H3]) {
      const r = (
        await ok(g, REGISTER, { input: registration(h.id, h.name, '410302', '2024-01-10') }, t.psLaocheng)
      ).registerResidence;
      expect(r.eligibleToApplyOn).toBe('2024-07-11');
      const a = (
        await ok(g, APPLY, { input: { citizenIdNumber: h.id, appliedOn: '2024-08-01' } }, t.psLaocheng)
      ).applyForPermit;
      expect(a.status).toBe('ACCEPTED');
      const p = (await ok(g, ISSUE, { id: a.id, on: '2024-08-05' }, t.psLaocheng)).issuePermit;
      expect(p.issuedOn).toBe('2024-08-05');
      if (h === H2) h2PermitId = p.id;
      else h3PermitId = p.id;
    }
  });

  it('refuses an endorsement before the year-1 window opens, with the window and Art. 13', async () => {
    const e = await fails(g, ENDORSE, { id: h2PermitId, on: '2025-06-01' }, t.psLaocheng);
    expect(e.extensions?.code).toBe('RULE_VIOLATION');
    expect(e.extensions?.reason).toBe('ENDORSEMENT_WINDOW_NOT_OPEN');
    expect(e.extensions?.citation?.article).toBe(13);
    // Art. 23: the refusal carries a decision id for administrative review
    expect(e.extensions?.decisionId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    // window for year 1: the day after (A_1 - 1 month) to A_1 = 2025-08-05 (a Tuesday)
    expect(e.message).toContain('2025-07-06');
    expect(e.message).toContain('2025-08-05');
    const h = await holder('psLaocheng', H2.id);
    expect(h.permits[0].endorsements).toEqual([]);
  });

  it('endorses in the year-1 window: valid through the end of the year-2 window (2026-08-05)', async () => {
    const p = (await ok(g, ENDORSE, { id: h2PermitId, on: '2025-07-20' }, t.psLaocheng)).endorsePermit;
    expect(p.endorsements).toEqual([{ endorsedOn: '2025-07-20', extendsValidityThrough: '2026-08-05' }]);
    const h = await ok(
      g,
      `query($id: String!) { permitHolder(citizenIdNumber: $id) { permits {
      a: status(asOf: "2026-08-05") b: validThrough(asOf: "2026-08-05") w: endorsementWindow(asOf: "2026-08-05") { from to } } } }`,
      { id: H2.id },
      t.psLaocheng,
    );
    expect(h.permitHolder.permits[0]).toEqual({
      a: 'VALID',
      b: '2026-08-05',
      w: { from: '2026-07-06', to: '2026-08-05' },
    });
  });

  it('endorses in the year-2 window too, so that the permit is VALID today (2026-11-28)', async () => {
    // Without this second endorsement the permit would have lapsed on 2026-08-06 (I-3).
    const p = (await ok(g, ENDORSE, { id: h2PermitId, on: '2026-07-20' }, t.psLaocheng)).endorsePermit;
    expect(p.endorsements[1]).toEqual({ endorsedOn: '2026-07-20', extendsValidityThrough: '2027-08-05' });
    const h = await ok(
      g,
      `query($id: String!) { permitHolder(citizenIdNumber: $id) { permits { id s: status(asOf: "2026-11-28") validThrough endorsementWindow { from to provisional } } } }`,
      { id: H2.id },
      t.psLaocheng,
    );
    const permit = h.permitHolder.permits[0];
    expect(permit.s).toBe('VALID');
    expect(permit.validThrough).toBe('2027-08-05');
    expect(permit.endorsementWindow).toEqual({ from: '2027-07-06', to: '2027-08-05', provisional: true });
    h2ValidThrough = permit.validThrough;
    h2WindowBefore = permit.endorsementWindow;
  });

  it('a permit never endorsed is LAPSED after its year-1 window and cannot be endorsed (I-4)', async () => {
    const h = await ok(
      g,
      `query($id: String!) { permitHolder(citizenIdNumber: $id) { permits {
      s: status(asOf: "2026-11-28") v: validThrough(asOf: "2026-11-28") w: endorsementWindow(asOf: "2026-11-28") { from }
      last: status(asOf: "2025-08-05") first: status(asOf: "2025-08-06") } } }`,
      { id: H3.id },
      t.psLaocheng,
    );
    expect(h.permitHolder.permits[0]).toEqual({
      s: 'LAPSED',
      v: '2025-08-05',
      w: null,
      last: 'VALID',
      first: 'LAPSED',
    });
    const e = await fails(g, ENDORSE, { id: h3PermitId }, t.psLaocheng);
    expect(e.extensions?.code).toBe('RULE_VIOLATION');
    expect(e.extensions?.reason).toBe('PERMIT_LAPSED');
    expect(e.extensions?.citation?.article).toBe(13);
    const after = await holder('psLaocheng', H3.id);
    expect(after.permits[0].endorsements).toEqual([]);
  });

  // ---------------------------------------------------------------- a child and the school (18(7))

  it('adds a child born 2015 as a dependent of holder 2', async () => {
    const data = await ok(
      g,
      ADD_DEPENDENT,
      { input: { holderCitizenIdNumber: H2.id, citizenIdNumber: CHILD.id, name: CHILD.name } },
      t.psLaocheng,
    );
    expect(data.addDependent).toEqual({
      citizenIdNumber: CHILD.id,
      name: CHILD.name,
      birthDate: '2015-06-01',
    });
    expect((await holder('psLaocheng', H2.id)).dependents).toEqual([
      { citizenIdNumber: CHILD.id, name: CHILD.name, birthDate: '2015-06-01' },
    ]);
  });

  it('the school of 老城区 gets eligible with every 18(7) condition passed, in SPEC order', async () => {
    const dec = await verify('school', {
      citizenIdNumber: H2.id,
      holderName: H2.name,
      entitlement: 'CHILD_EDUCATION_AND_ZHONGKAO',
      dependentCitizenIdNumber: CHILD.id,
    });
    expect(dec.eligible).toBe(true);
    expect(dec.entitlementCode).toBe('CHILD_EDUCATION_AND_ZHONGKAO');
    expect(dec.asOf).toBe('2026-11-28');
    expect(dec.reasons.map((r: any) => r.code)).toEqual(REASON_ORDER_18_7);
    expect(dec.reasons.every((r: any) => r.passed)).toBe(true);
    expect(dec.reasons[0].citation.article).toBe(24);
    expect(dec.reasons[5].citation).toMatchObject({ article: 18, clause: 7 });
    expect(dec.permit).toEqual({
      maskedCitizenIdNumber: masked(H2.id),
      status: 'VALID',
      issuedOn: '2024-08-05',
      validThrough: '2027-08-05',
      endorsementWindow: { from: '2027-07-06', to: '2027-08-05', provisional: true },
      region: { code: '410302' },
    });
    expect(dec.permit.maskedCitizenIdNumber).toMatch(/^411302\*{8}[0-9X]{4}$/);
    expect(JSON.stringify(dec)).not.toContain(H2.id);
    expect(JSON.stringify(dec)).not.toContain(H2.name);
  });

  it('without the child ID number, DEPENDENT_CHILD fails and the holder is not eligible', async () => {
    const dec = await verify('school', {
      citizenIdNumber: H2.id,
      holderName: H2.name,
      entitlement: 'CHILD_EDUCATION_AND_ZHONGKAO',
    });
    expect(dec.eligible).toBe(false);
    expect(dec.reasons.map((r: any) => r.code)).toEqual(REASON_ORDER_18_7);
    expect(reasonMap(dec.reasons)).toEqual({
      LAW_IN_FORCE: true,
      PERMIT_FOUND: true,
      PERMIT_VALID: true,
      IN_REGION: true,
      ENTITLEMENT_IN_FORCE: true,
      DEPENDENT_CHILD: false,
    });
  });

  it('PermitSummary has no name field', async () => {
    const intro = await ok(g, '{ __type(name: "PermitSummary") { fields { name } } }', {}, t.school);
    const fields = intro.__type.fields.map((f: any) => f.name).sort();
    expect(fields).toEqual([
      'endorsementWindow',
      'issuedOn',
      'maskedCitizenIdNumber',
      'region',
      'status',
      'validThrough',
    ]);
    const r = await call(
      g,
      `query($q: EligibilityQuery!) { verifyEligibility(query: $q) { permit { name } } }`,
      { q: { citizenIdNumber: H2.id, holderName: H2.name, entitlement: 'CHILD_EDUCATION_AND_ZHONGKAO' } },
      t.school,
    );
    expect(r.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      graphqlCode: 'GRAPHQL_VALIDATION_FAILED',
    });
    expect(r.body.data).toBeUndefined();
  });

  // ---------------------------------------------------------------- housing (city) and I-7

  it('housing (city) gets eligible for PUBLIC_RENTAL_HOUSING', async () => {
    const dec = await verify('housing', {
      citizenIdNumber: H2.id,
      holderName: H2.name,
      entitlement: 'PUBLIC_RENTAL_HOUSING',
    });
    expect(dec.eligible).toBe(true);
    expect(dec.reasons.map((r: any) => r.code)).toEqual([
      'LAW_IN_FORCE',
      'PERMIT_FOUND',
      'PERMIT_VALID',
      'IN_REGION',
      'ENTITLEMENT_IN_FORCE',
    ]);
    expect(dec.reasons[1].citation).toMatchObject({ article: 18, clause: 3 });
    expect(dec.permit.region.code).toBe('410302');
  });

  it('a wrong name gives PERMIT_FOUND false, no permit, and the very answer an unknown ID number gets (I-7)', async () => {
    const wrong = await verify('housing', {
      citizenIdNumber: H2.id,
      holderName: '李娜娜',
      entitlement: 'PUBLIC_RENTAL_HOUSING',
    });
    expect(wrong.eligible).toBe(false);
    expect(wrong.permit).toBeNull();
    expect(wrong.reasons.map((r: any) => [r.code, r.passed])).toEqual([
      ['LAW_IN_FORCE', true],
      ['PERMIT_FOUND', false],
    ]);
    const unknown = await verify('housing', {
      citizenIdNumber: NOBODY,
      holderName: H2.name,
      entitlement: 'PUBLIC_RENTAL_HOUSING',
    });
    const { decisionId: a, ...wrongRest } = wrong;
    const { decisionId: b, ...unknownRest } = unknown;
    expect(a).not.toBe(b);
    expect(unknownRest).toEqual(wrongRest);
  });

  // ---------------------------------------------------------------- transit and a move (Art. 14)

  it('the transit office of 老城区 gets eligible while the holder lives in 老城区', async () => {
    const dec = await verify('transitLaocheng', {
      citizenIdNumber: H2.id,
      holderName: H2.name,
      entitlement: 'TRANSIT_CONCESSIONS_AND_TOURISM_PASS',
    });
    expect(dec.eligible).toBe(true);
    expect(reasonMap(dec.reasons)).toEqual({
      LAW_IN_FORCE: true,
      PERMIT_FOUND: true,
      PERMIT_VALID: true,
      IN_REGION: true,
      ENTITLEMENT_IN_FORCE: true,
    });
  });

  it('public security of 新安县 records the change registration to 410323 on 2026-11-01', async () => {
    const p = (
      await ok(
        g,
        CHANGE,
        {
          input: {
            permitId: h2PermitId,
            residenceRegionCode: '410323',
            residenceAddress: '洛阳市新安县新城路8号',
            changedOn: '2026-11-01',
          },
        },
        t.psXinan,
      )
    ).changeResidence;
    expect(p.id).toBe(h2PermitId);
    expect(p.region.code).toBe('410323');
    expect(p.status).toBe('VALID');
    expect(p.validThrough).toBe(h2ValidThrough);
    const h = await holder('psXinan', H2.id);
    expect(h.residenceRegion.code).toBe('410323');
    expect(h.residenceAddress).toBe('洛阳市新安县新城路8号');
    // the 老城区 office no longer reads the holder's personal data
    const e = await fails(g, HOLDER, { id: H2.id }, t.psLaocheng);
    expect(e.extensions?.code).toBe('FORBIDDEN');
  });

  it('after the move: transit of 老城区 gets IN_REGION false, housing (city) still eligible, region 410323', async () => {
    const transit = await verify('transitLaocheng', {
      citizenIdNumber: H2.id,
      holderName: H2.name,
      entitlement: 'TRANSIT_CONCESSIONS_AND_TOURISM_PASS',
    });
    expect(transit.eligible).toBe(false);
    expect(reasonMap(transit.reasons)).toEqual({
      LAW_IN_FORCE: true,
      PERMIT_FOUND: true,
      PERMIT_VALID: true,
      IN_REGION: false,
      ENTITLEMENT_IN_FORCE: true,
    });
    expect(transit.reasons.find((r: any) => r.code === 'IN_REGION').citation.article).toBe(14);
    expect(transit.permit.region.code).toBe('410323');
    const housing = await verify('housing', {
      citizenIdNumber: H2.id,
      holderName: H2.name,
      entitlement: 'PUBLIC_RENTAL_HOUSING',
    });
    expect(housing.eligible).toBe(true);
    expect(housing.permit.region.code).toBe('410323');
  });

  it('asked about a day before the move, the 老城区 office still gets IN_REGION true', async () => {
    const dec = await verify('transitLaocheng', {
      citizenIdNumber: H2.id,
      holderName: H2.name,
      entitlement: 'TRANSIT_CONCESSIONS_AND_TOURISM_PASS',
      asOf: '2026-10-15',
    });
    expect(dec.asOf).toBe('2026-10-15');
    expect(dec.eligible).toBe(true);
    expect(reasonMap(dec.reasons).IN_REGION).toBe(true);
    expect(dec.permit.region.code).toBe('410302');
  });

  // ---------------------------------------------------------------- a lost card (Art. 14 para 2)

  it('a lost card is reported: deadline 15 working days later (2026-11-23)', async () => {
    const req = (await ok(g, LOSS, { id: h2PermitId, kind: 'LOST', on: '2026-11-02' }, t.psXinan))
      .reportPermitLoss;
    expect(req).toMatchObject({
      kind: 'LOST',
      reportedOn: '2026-11-02',
      deadline: '2026-11-23',
      deadlineProvisional: false,
      issuedOn: null,
      permit: { id: h2PermitId, cardVersion: 1 },
    });
    const p = (await ok(g, REPLACE, { id: req.id, on: '2026-11-10' }, t.psXinan)).issueReplacement;
    expect(p.id).toBe(h2PermitId);
    expect(p.cardVersion).toBe(2);
    expect(p.issuedOn).toBe('2024-08-05');
    expect(p.validThrough).toBe(h2ValidThrough);
    expect(p.endorsementWindow).toEqual(h2WindowBefore);
    expect(p.endorsements).toEqual([
      { endorsedOn: '2025-07-20', extendsValidityThrough: '2026-08-05' },
      { endorsedOn: '2026-07-20', extendsValidityThrough: '2027-08-05' },
    ]);
    expect(p.status).toBe('VALID');
  });

  // ---------------------------------------------------------------- confiscation (Art. 21 para 2)

  it("public security of the holder's region confiscates the permit on 2026-11-20", async () => {
    const p = (
      await ok(g, CONFISCATE, { id: h2PermitId, reason: '以欺骗手段取得居住证', on: '2026-11-20' }, t.psXinan)
    ).confiscatePermit;
    expect(p.status).toBe('CONFISCATED');
    expect(p.validThrough).toBe('2026-11-19');
    expect(p.endorsementWindow).toBeNull();
  });

  it('after confiscation a verification gives PERMIT_VALID false with status CONFISCATED', async () => {
    const dec = await verify('housing', {
      citizenIdNumber: H2.id,
      holderName: H2.name,
      entitlement: 'PUBLIC_RENTAL_HOUSING',
    });
    expect(dec.eligible).toBe(false);
    const valid = dec.reasons.find((r: any) => r.code === 'PERMIT_VALID');
    expect(valid.passed).toBe(false);
    expect(valid.citation.article).toBe(21);
    expect(dec.permit.status).toBe('CONFISCATED');
    expect(dec.permit.validThrough).toBe('2026-11-19');
    // the day before confiscation it was still valid
    const before = await verify('housing', {
      citizenIdNumber: H2.id,
      holderName: H2.name,
      entitlement: 'PUBLIC_RENTAL_HOUSING',
      asOf: '2026-11-19',
    });
    expect(before.permit.status).toBe('VALID');
    // asked after the confiscation: not one of the earlier decisions this test expects to see listed
    positive.splice(
      positive.findIndex((p) => p.decisionId === before.decisionId),
      1,
    );
  });

  it('affectedDecisions lists the earlier positive decisions; a department sees only its own', async () => {
    const beforeConfiscation = positive.map((p) => p.decisionId);
    expect(beforeConfiscation.length).toBe(5); // school, housing ×2, transit ×2
    const ps = (await ok(g, AFFECTED, { id: h2PermitId }, t.psXinan)).affectedDecisions as any[];
    expect(ps.every((d) => d.eligible === true)).toBe(true);
    const psIds = ps.map((d) => d.decisionId);
    for (const id of beforeConfiscation) expect(psIds).toContain(id);

    const housing = (await ok(g, AFFECTED, { id: h2PermitId }, t.housing)).affectedDecisions as any[];
    expect(housing.length).toBeGreaterThan(0);
    expect(housing.every((d) => d.entitlementCode === 'PUBLIC_RENTAL_HOUSING' && d.eligible)).toBe(true);
    const housingIds = housing.map((d) => d.decisionId);
    for (const p of positive) {
      if (p.by === 'housing') expect(housingIds).toContain(p.decisionId);
      else expect(housingIds).not.toContain(p.decisionId);
    }
    const school = (await ok(g, AFFECTED, { id: h2PermitId }, t.school)).affectedDecisions as any[];
    expect(school.map((d) => d.decisionId)).toEqual(
      positive.filter((p) => p.by === 'school').map((p) => p.decisionId),
    );

    // public security of another region is refused
    const e = await fails(g, AFFECTED, { id: h2PermitId }, t.psLaocheng);
    expect(e.extensions?.code).toBe('FORBIDDEN');
  });

  // ---------------------------------------------------------------- the audit chain (Art. 22)

  it('the audit chain is intact and holds no names and no full ID numbers', async () => {
    const chain = (await ok(g, VERIFY_CHAIN, {}, t.auditor)).verifyAuditChain;
    expect(chain.intact).toBe(true);
    expect(chain.firstBrokenAt).toBeNull();
    expect(chain.entries).toBeGreaterThan(0);
    const entries = await allAuditEntries(g, t.auditor);
    expect(entries.length).toBe(chain.entries);
    expect(entries.map((e) => e.sequence)).toEqual(entries.map((_, i) => i + 1));
    const actions = new Set(entries.map((e) => e.action));
    for (const a of [
      'REGISTER_RESIDENCE',
      'APPLY_FOR_PERMIT',
      'ISSUE_PERMIT',
      'ENDORSE_PERMIT',
      'ADD_DEPENDENT',
      'VERIFY_ELIGIBILITY',
      'CHANGE_REGISTRATION',
      'REPORT_PERMIT_LOSS',
      'ISSUE_REPLACEMENT',
      'CONFISCATE_PERMIT',
      'READ_HOLDER',
    ]) {
      expect(actions).toContain(a);
    }
    const text = JSON.stringify(entries);
    for (const secret of [H1.id, H2.id, H3.id, CHILD.id, H1.name, H2.name, H3.name, CHILD.name, '李娜娜']) {
      expect(text).not.toContain(secret);
    }
    // the 17 digits before the check character never appear either
    for (const id of [H1.id, H2.id, H3.id, CHILD.id]) expect(text).not.toContain(id.slice(0, 17));
  });
});
