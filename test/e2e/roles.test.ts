/**
 * Who may call what (SPEC "Who uses the gateway"): every refusal is FORBIDDEN (UNAUTHENTICATED
 * without a valid token), and a refused mutation writes nothing. Over HTTP, on every database.
 */
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLERS, FIXED_NOW, databases, startGateway, type TestGateway } from '../support/gateway';
import {
  APPLY,
  AUDIT_LOG,
  CONFISCATE,
  DEFINE_LOCAL,
  HOLDER,
  ISSUE,
  PERMIT_STATUS,
  RECORD_VIOLATION,
  REGISTER,
  VERIFY,
  VERIFY_BATCH,
  VERIFY_CHAIN,
  allAuditEntries,
  fails,
  idNumber,
  ok,
  registration,
} from './helpers';

const DBS = await databases();

const HL = { id: idNumber('411302', '19910505', '315'), name: '赵敏' }; // lives in 老城区
const HX = { id: idNumber('411302', '19870707', '428'), name: '钱勇' }; // lives in 新安县
const FRESH = idNumber('411302', '19950909', '531'); // never registered
const LOCAL_CODE = 'XINAN_RURAL_BUS_PASS';

describe.each(DBS)('roles on %s', (db) => {
  let g: TestGateway;
  const t: Record<keyof typeof CALLERS, string> = {} as any;
  let hlPermitId = '';
  let hxPermitId = '';

  beforeAll(async () => {
    g = await startGateway(db);
    for (const k of Object.keys(CALLERS) as (keyof typeof CALLERS)[]) t[k] = await g.token(CALLERS[k]);
    for (const [h, region, ps] of [
      [HL, '410302', t.psLaocheng],
      [HX, '410323', t.psXinan],
    ] as const) {
      await ok(g, REGISTER, { input: registration(h.id, h.name, region, '2026-01-10') }, ps);
      const a = (await ok(g, APPLY, { input: { citizenIdNumber: h.id, appliedOn: '2026-07-15' } }, ps))
        .applyForPermit;
      expect(a.status).toBe('ACCEPTED');
      const p = (await ok(g, ISSUE, { id: a.id, on: '2026-07-20' }, ps)).issuePermit;
      if (h === HL) hlPermitId = p.id;
      else hxPermitId = p.id;
    }
  });
  afterAll(async () => {
    await g?.stop();
  });

  const auditCount = async () => (await allAuditEntries(g, t.auditor)).length;

  /** A refused call: the code, and the root field's data is null. */
  async function refused(
    query: string,
    vars: Record<string, unknown>,
    token: string | undefined,
    code: 'FORBIDDEN' | 'UNAUTHENTICATED',
  ) {
    const e = await fails(g, query, vars, token);
    expect(e.extensions?.code, e.message).toBe(code);
    if (e.data) for (const v of Object.values(e.data)) expect(v).toBeNull();
    return e;
  }

  it('without a token: UNAUTHENTICATED for queries and mutations, and nothing is written', async () => {
    const before = await auditCount();
    await refused(
      REGISTER,
      { input: registration(FRESH, '孙丽', '410302', '2026-11-01') },
      undefined,
      'UNAUTHENTICATED',
    );
    await refused(
      VERIFY,
      { q: { citizenIdNumber: HL.id, holderName: HL.name, entitlement: 'PUBLIC_RENTAL_HOUSING' } },
      undefined,
      'UNAUTHENTICATED',
    );
    await refused(HOLDER, { id: HL.id }, undefined, 'UNAUTHENTICATED');
    await refused('{ entitlements { code } }', {}, undefined, 'UNAUTHENTICATED');
    expect(await auditCount()).toBe(before);
    expect((await ok(g, HOLDER, { id: FRESH }, t.psLaocheng)).permitHolder).toBeNull();
  });

  it('an expired token and a token signed with another secret: UNAUTHENTICATED', async () => {
    const iat = Math.floor(FIXED_NOW / 1000) - 7200;
    const expired = await new SignJWT({ ...CALLERS.psLaocheng })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(CALLERS.psLaocheng.sub)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .sign(g.gateway.auth.secret);
    const forged = await new SignJWT({ ...CALLERS.psLaocheng })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(CALLERS.psLaocheng.sub)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-of-sufficient-length-0123456789'));
    const before = await auditCount();
    for (const token of [expired, forged]) {
      await refused(HOLDER, { id: HL.id }, token, 'UNAUTHENTICATED');
      await refused(
        REGISTER,
        { input: registration(FRESH, '孙丽', '410302', '2026-11-01') },
        token,
        'UNAUTHENTICATED',
      );
      await refused('{ regions { code } }', {}, token, 'UNAUTHENTICATED');
    }
    expect(await auditCount()).toBe(before);
    expect((await ok(g, HOLDER, { id: FRESH }, t.psLaocheng)).permitHolder).toBeNull();
  });

  it('DEPARTMENT may not registerResidence, read permitHolder or the auditLog', async () => {
    const before = await auditCount();
    await refused(
      REGISTER,
      { input: registration(FRESH, '孙丽', '410302', '2026-11-01') },
      t.housing,
      'FORBIDDEN',
    );
    await refused(
      REGISTER,
      { input: registration(FRESH, '孙丽', '410302', '2026-11-01') },
      t.school,
      'FORBIDDEN',
    );
    await refused(HOLDER, { id: HL.id }, t.housing, 'FORBIDDEN');
    await refused(AUDIT_LOG, { first: 10 }, t.housing, 'FORBIDDEN');
    await refused(VERIFY_CHAIN, {}, t.transitLaocheng, 'FORBIDDEN');
    expect(await auditCount()).toBe(before);
    expect((await ok(g, HOLDER, { id: FRESH }, t.psLaocheng)).permitHolder).toBeNull();
  });

  it('a school asking for PUBLIC_RENTAL_HOUSING (outside its scope) is refused, alone and in a batch', async () => {
    const before = await auditCount();
    await refused(
      VERIFY,
      { q: { citizenIdNumber: HL.id, holderName: HL.name, entitlement: 'PUBLIC_RENTAL_HOUSING' } },
      t.school,
      'FORBIDDEN',
    );
    await refused(
      VERIFY_BATCH,
      {
        qs: [
          { citizenIdNumber: HL.id, holderName: HL.name, entitlement: 'CHILD_EDUCATION_AND_ZHONGKAO' },
          { citizenIdNumber: HL.id, holderName: HL.name, entitlement: 'PUBLIC_RENTAL_HOUSING' },
        ],
      },
      t.school,
      'FORBIDDEN',
    );
    // a refused question is not a decision: nothing is recorded
    expect(await auditCount()).toBe(before);
    // in scope, the same school is answered
    const dec = (
      await ok(
        g,
        VERIFY,
        { q: { citizenIdNumber: HL.id, holderName: HL.name, entitlement: 'CHILD_EDUCATION_AND_ZHONGKAO' } },
        t.school,
      )
    ).verifyEligibility;
    expect(dec.entitlementCode).toBe('CHILD_EDUCATION_AND_ZHONGKAO');
    expect(dec.permit.region.code).toBe('410302');
  });

  it('DELEGATED_AGENCY may not recordViolation or confiscatePermit, and nothing is written', async () => {
    const before = await auditCount();
    await refused(
      RECORD_VIOLATION,
      {
        input: {
          citizenIdNumber: HL.id,
          article: 20,
          clause: 2,
          warning: true,
          fineYuan: 100,
          illegalGainsYuan: 0,
          occurredOn: '2026-11-01',
        },
      },
      t.agencyLaocheng,
      'FORBIDDEN',
    );
    await refused(
      CONFISCATE,
      { id: hlPermitId, reason: '伪造', on: '2026-11-20' },
      t.agencyLaocheng,
      'FORBIDDEN',
    );
    expect(await auditCount()).toBe(before);
    const h = (
      await ok(
        g,
        `query($id: String!) { permitHolder(citizenIdNumber: $id) { permits { id status validThrough } } }`,
        { id: HL.id },
        t.psLaocheng,
      )
    ).permitHolder;
    expect(h.permits).toEqual([{ id: hlPermitId, status: 'VALID', validThrough: '2027-07-20' }]);
  });

  it('AUDITOR may not verifyEligibility or ask permitStatus', async () => {
    const before = await auditCount();
    await refused(
      VERIFY,
      { q: { citizenIdNumber: HL.id, holderName: HL.name, entitlement: 'PUBLIC_RENTAL_HOUSING' } },
      t.auditor,
      'FORBIDDEN',
    );
    await refused(PERMIT_STATUS, { id: HL.id, name: HL.name }, t.auditor, 'FORBIDDEN');
    await refused(HOLDER, { id: HL.id }, t.auditor, 'FORBIDDEN');
    expect(await auditCount()).toBe(before);
  });

  it('ADMIN may not registerResidence, and nothing is written', async () => {
    const before = await auditCount();
    await refused(
      REGISTER,
      { input: registration(FRESH, '孙丽', '410302', '2026-11-01') },
      t.adminCity,
      'FORBIDDEN',
    );
    expect(await auditCount()).toBe(before);
    expect((await ok(g, HOLDER, { id: FRESH }, t.psLaocheng)).permitHolder).toBeNull();
  });

  it('public security of 老城区 may not read a 新安县 holder nor register a residence in 新安县', async () => {
    await refused(HOLDER, { id: HX.id }, t.psLaocheng, 'FORBIDDEN');
    const before = await auditCount();
    await refused(
      REGISTER,
      { input: registration(FRESH, '孙丽', '410323', '2026-11-01') },
      t.psLaocheng,
      'FORBIDDEN',
    );
    expect(await auditCount()).toBe(before);
    expect((await ok(g, HOLDER, { id: FRESH }, t.psXinan)).permitHolder).toBeNull();
    // the 新安县 office reads its own holder
    const h = (await ok(g, HOLDER, { id: HX.id }, t.psXinan)).permitHolder;
    expect(h).toMatchObject({ citizenIdNumber: HX.id, name: HX.name, residenceRegion: { code: '410323' } });
    expect(h.permits.map((p: any) => p.id)).toEqual([hxPermitId]);
  });

  it('ADMIN of 新安县 may not define a local entitlement for the city (410300)', async () => {
    const before = await auditCount();
    await refused(
      DEFINE_LOCAL,
      {
        input: {
          code: 'XINAN_FOR_THE_CITY',
          kind: 'CONVENIENCE',
          nameZh: '全市公交优惠',
          nameEn: 'City bus concession',
          department: 'TRANSPORT',
          regionCode: '410300',
          effectiveFrom: '2026-12-01',
        },
      },
      t.adminXinan,
      'FORBIDDEN',
    );
    expect(await auditCount()).toBe(before);
    const ents = (await ok(g, '{ entitlements(asOf: "2026-12-05") { code } }', {}, t.adminCity)).entitlements;
    expect(ents.map((e: any) => e.code)).not.toContain('XINAN_FOR_THE_CITY');
  });

  it('ADMIN of the city defines one for 410323 from 2026-12-01; it is listed from then, and not in force on 2026-11-28', async () => {
    const e = (
      await ok(
        g,
        DEFINE_LOCAL,
        {
          input: {
            code: LOCAL_CODE,
            kind: 'CONVENIENCE',
            nameZh: '新安县农村公交优惠',
            nameEn: "Xin'an rural bus concession",
            department: 'TRANSPORT',
            regionCode: '410323',
            effectiveFrom: '2026-12-01',
          },
        },
        t.adminCity,
      )
    ).defineLocalEntitlement;
    expect(e).toEqual({
      code: LOCAL_CODE,
      kind: 'CONVENIENCE',
      citation: { article: 19, clause: 6 },
      nameZh: '新安县农村公交优惠',
      department: 'TRANSPORT',
      region: { code: '410323' },
      effectiveFrom: '2026-12-01',
      effectiveUntil: null,
    });
    const later = (
      await ok(
        g,
        '{ entitlements(asOf: "2026-12-05") { code region { code } effectiveFrom } }',
        {},
        t.housing,
      )
    ).entitlements;
    expect(later).toContainEqual({
      code: LOCAL_CODE,
      region: { code: '410323' },
      effectiveFrom: '2026-12-01',
    });
    expect(later).toHaveLength(17);
    const now = (await ok(g, '{ entitlements { code } }', {}, t.housing)).entitlements;
    expect(now.map((x: any) => x.code)).not.toContain(LOCAL_CODE);

    const q = { citizenIdNumber: HX.id, holderName: HX.name, entitlement: LOCAL_CODE };
    const today = (await ok(g, VERIFY, { q: { ...q, asOf: '2026-11-28' } }, t.psXinan)).verifyEligibility;
    expect(today.eligible).toBe(false);
    expect(today.reasons.map((r: any) => [r.code, r.passed])).toEqual([
      ['LAW_IN_FORCE', true],
      ['PERMIT_FOUND', true],
      ['PERMIT_VALID', true],
      ['IN_REGION', true],
      ['ENTITLEMENT_IN_FORCE', false],
    ]);
    expect(today.reasons[4].citation).toMatchObject({ article: 19, clause: 6 });
    const december = (await ok(g, VERIFY, { q: { ...q, asOf: '2026-12-05' } }, t.psXinan)).verifyEligibility;
    expect(december.eligible).toBe(true);
    // a 老城区 holder is outside the entitlement's region
    const elsewhere = (
      await ok(
        g,
        VERIFY,
        { q: { citizenIdNumber: HL.id, holderName: HL.name, entitlement: LOCAL_CODE, asOf: '2026-12-05' } },
        t.psLaocheng,
      )
    ).verifyEligibility;
    expect(elsewhere.reasons.find((r: any) => r.code === 'ENTITLEMENT_IN_FORCE').passed).toBe(false);
    expect(elsewhere.eligible).toBe(false);
  });

  it('public security of 老城区 may not confiscate or record a violation for a 新安县 holder', async () => {
    const before = await auditCount();
    await refused(
      CONFISCATE,
      { id: hxPermitId, reason: '伪造', on: '2026-11-20' },
      t.psLaocheng,
      'FORBIDDEN',
    );
    await refused(
      RECORD_VIOLATION,
      {
        input: {
          citizenIdNumber: HX.id,
          article: 21,
          clause: 1,
          warning: false,
          fineYuan: 500,
          illegalGainsYuan: 0,
        },
      },
      t.psLaocheng,
      'FORBIDDEN',
    );
    expect(await auditCount()).toBe(before);
    const h = (
      await ok(
        g,
        `query($id: String!) { permitHolder(citizenIdNumber: $id) { permits { status } } }`,
        { id: HX.id },
        t.psXinan,
      )
    ).permitHolder;
    expect(h.permits).toEqual([{ status: 'VALID' }]);
  });

  it('the audit chain is still intact after all the refusals', async () => {
    const chain = (await ok(g, VERIFY_CHAIN, {}, t.auditor)).verifyAuditChain;
    expect(chain).toEqual({ entries: await auditCount(), intact: true, firstBrokenAt: null });
    const refusedActions = (await allAuditEntries(g, t.auditor)).filter(
      (e) =>
        e.role !== 'PUBLIC_SECURITY' &&
        e.action !== 'VERIFY_ELIGIBILITY' &&
        e.action !== 'DEFINE_LOCAL_ENTITLEMENT',
    );
    // nothing any refused role tried shows up as a write
    expect(refusedActions.map((e) => e.action)).toEqual([]);
  });
});
