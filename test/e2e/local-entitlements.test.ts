/**
 * Articles 18(12), 19(6) for the console (issue 11, item 0): an ADMIN lists its region's local
 * items whatever their dates (`entitlements(asOf)` shows only those in force), and ends one as a
 * new act — audited, cited, never before its start nor in the past, its own region's only — after
 * which decisions about later days no longer offer it. Over HTTP, on every database. Today is
 * 2026-11-28 (Shanghai).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLERS, databases, startGateway, type TestGateway } from '../support/gateway';
import {
  APPLY,
  DEFINE_LOCAL,
  ISSUE,
  REGISTER,
  VERIFY,
  allAuditEntries,
  fails,
  idNumber,
  ok,
  registration,
} from './helpers';

const DBS = await databases();
const LIST = `query($first: Int, $after: ID) { localEntitlements(first: $first, after: $after) { code region { code } effectiveFrom effectiveUntil citation { article clause } } }`;
const END = `mutation($code: ID!, $until: Date!) { endLocalEntitlement(code: $code, effectiveUntil: $until) { code effectiveFrom effectiveUntil region { code } } }`;
const IN_FORCE = `query($asOf: Date) { entitlements(asOf: $asOf) { code effectiveUntil } }`;
const HX = idNumber('411302', '19870707', '428'); // lives in 新安县

const item = (
  code: string,
  regionCode: string,
  effectiveFrom: string,
  extra: Record<string, unknown> = {},
) => ({
  code,
  kind: 'PUBLIC_SERVICE',
  nameZh: '测试事项',
  nameEn: 'Test item',
  department: 'TRANSPORT',
  regionCode,
  effectiveFrom,
  ...extra,
});

describe.each(DBS)('local entitlements on %s', (db) => {
  let g: TestGateway;
  const t: Record<string, string> = {};
  const transitXinan = {
    sub: 'test:transit-xinan',
    role: 'DEPARTMENT',
    region: '410323',
    department: 'TRANSPORT',
    scope: 'XINAN_BUS',
  } as const;

  beforeAll(async () => {
    g = await startGateway(db);
    for (const k of ['adminCity', 'adminXinan', 'psXinan', 'auditor'] as const)
      t[k] = await g.token(CALLERS[k]);
    t.transitXinan = await g.token(transitXinan);
    for (const [input, who] of [
      [item('XINAN_BUS', '410323', '2026-01-01'), 'adminXinan'],
      [item('XINAN_FUTURE', '410323', '2027-03-01'), 'adminXinan'],
      [item('XINAN_PAST', '410323', '2025-01-01', { effectiveUntil: '2025-12-31' }), 'adminXinan'],
      [item('CITY_LIBRARY', '410300', '2026-06-01', { kind: 'CONVENIENCE' }), 'adminCity'],
      [item('LUANCHUAN_PARK', '410324', '2026-06-01'), 'adminCity'],
    ] as const)
      await ok(g, DEFINE_LOCAL, { input }, t[who]);
    await ok(g, REGISTER, { input: registration(HX, '钱勇', '410323', '2026-01-10') }, t.psXinan);
    const a = (await ok(g, APPLY, { input: { citizenIdNumber: HX, appliedOn: '2026-07-15' } }, t.psXinan))
      .applyForPermit;
    await ok(g, ISSUE, { id: a.id, on: '2026-07-20' }, t.psXinan);
  });
  afterAll(async () => {
    await g?.stop();
  });

  it("lists its region's items, future and ended ones included, in code order, paged", async () => {
    const xinan = (await ok(g, LIST, {}, t.adminXinan)).localEntitlements;
    expect(xinan.map((e: any) => e.code)).toEqual(['XINAN_BUS', 'XINAN_FUTURE', 'XINAN_PAST']);
    const city = (await ok(g, LIST, {}, t.adminCity)).localEntitlements.map((e: any) => e.code);
    expect(city).toEqual(['CITY_LIBRARY', 'LUANCHUAN_PARK', 'XINAN_BUS', 'XINAN_FUTURE', 'XINAN_PAST']);
    const paged: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = (await ok(g, LIST, { first: 2, after }, t.adminCity)).localEntitlements;
      paged.push(...page.map((e: any) => e.code));
      if (page.length < 2) break;
      after = page[page.length - 1].code;
    }
    expect(paged).toEqual(city);
    // entitlements(asOf) shows only those in force
    const inForce = (await ok(g, IN_FORCE, {}, t.adminXinan)).entitlements.map((e: any) => e.code);
    expect(inForce).toContain('XINAN_BUS');
    expect(inForce).not.toContain('XINAN_FUTURE');
    expect(inForce).not.toContain('XINAN_PAST');
  });

  it('ends an item: in force through the end, no longer offered by decisions after it; audited', async () => {
    const verify = (asOf: string) =>
      ok(
        g,
        VERIFY,
        { q: { citizenIdNumber: HX, holderName: '钱勇', entitlement: 'XINAN_BUS', asOf } },
        t.transitXinan,
      );
    expect((await verify('2027-01-15')).verifyEligibility.eligible).toBe(true);
    const ended = (await ok(g, END, { code: 'XINAN_BUS', until: '2026-12-31' }, t.adminXinan))
      .endLocalEntitlement;
    expect(ended).toEqual({
      code: 'XINAN_BUS',
      effectiveFrom: '2026-01-01',
      effectiveUntil: '2026-12-31',
      region: { code: '410323' },
    });
    expect((await verify('2026-12-31')).verifyEligibility.eligible).toBe(true);
    const after = (await verify('2027-01-01')).verifyEligibility;
    expect(after.eligible).toBe(false);
    expect(after.reasons.find((r: any) => r.code === 'ENTITLEMENT_IN_FORCE').passed).toBe(false);
    const list = (await ok(g, LIST, {}, t.adminXinan)).localEntitlements;
    expect(list.find((e: any) => e.code === 'XINAN_BUS').effectiveUntil).toBe('2026-12-31');
    const on2027 = (await ok(g, IN_FORCE, { asOf: '2027-01-01' }, t.adminXinan)).entitlements;
    expect(on2027.map((e: any) => e.code)).not.toContain('XINAN_BUS');
    // an end not reached yet may move, as a further act; the latest counts
    await ok(g, END, { code: 'XINAN_BUS', until: '2027-02-28' }, t.adminXinan);
    expect((await verify('2027-02-28')).verifyEligibility.eligible).toBe(true);
    expect((await verify('2027-03-01')).verifyEligibility.eligible).toBe(false);
    const entries = (await allAuditEntries(g, t.auditor)).filter((e) => e.action === 'END_LOCAL_ENTITLEMENT');
    expect(entries.map((e) => [e.role, e.subject, e.outcome])).toEqual([
      ['ADMIN', 'XINAN_BUS', 'in force through 2026-12-31 (was open-ended)'],
      ['ADMIN', 'XINAN_BUS', 'in force through 2027-02-28 (was 2026-12-31)'],
    ]);
  });

  it('a future item may end on its first day; today is allowed', async () => {
    const e = (await ok(g, END, { code: 'XINAN_FUTURE', until: '2027-03-01' }, t.adminXinan))
      .endLocalEntitlement;
    expect(e.effectiveUntil).toBe('2027-03-01');
    const c = (await ok(g, END, { code: 'CITY_LIBRARY', until: '2026-11-28' }, t.adminCity))
      .endLocalEntitlement;
    expect(c.effectiveUntil).toBe('2026-11-28');
  });

  it.each([
    ['XINAN_FUTURE', '2027-02-28', 'END_BEFORE_START', 18],
    ['LUANCHUAN_PARK', '2026-11-27', 'END_DATE_IN_PAST', 23],
    ['XINAN_PAST', '2026-12-31', 'LOCAL_ENTITLEMENT_ALREADY_ENDED', 23],
    ['PUBLIC_RENTAL_HOUSING', '2026-12-31', 'NOT_A_LOCAL_ENTITLEMENT', 18],
    ['DRIVING_LICENCE', '2026-12-31', 'NOT_A_LOCAL_ENTITLEMENT', 19],
  ])(
    '%s ended on %s: RULE_VIOLATION %s citing Art. %s, nothing written, the refusal audited',
    async (code, until, reason, article) => {
      const before = (await ok(g, LIST, {}, t.adminCity)).localEntitlements;
      const e = await fails(g, END, { code, until }, t.adminCity);
      expect(e.extensions).toMatchObject({ code: 'RULE_VIOLATION', reason, citation: { article } });
      expect(e.extensions?.decisionId).toBeTruthy();
      expect((await ok(g, LIST, {}, t.adminCity)).localEntitlements).toEqual(before);
      const last = (await allAuditEntries(g, t.auditor))
        .filter((x) => x.action === 'END_LOCAL_ENTITLEMENT')
        .at(-1);
      expect(last.subject).toBe(code);
      expect(last.outcome).toBe(`REFUSED ${reason} decision ${e.extensions?.decisionId}`);
    },
  );

  it("only its own region's item: a county government may not end the city's or another county's", async () => {
    for (const code of ['CITY_LIBRARY', 'LUANCHUAN_PARK', 'PUBLIC_RENTAL_HOUSING']) {
      const e = await fails(g, END, { code, until: '2027-12-31' }, t.adminXinan);
      expect(e.extensions?.code, code).toBe('FORBIDDEN');
    }
    const list = (await ok(g, LIST, {}, t.adminXinan)).localEntitlements.map((x: any) => x.code);
    expect(list).not.toContain('LUANCHUAN_PARK');
    expect(list).not.toContain('CITY_LIBRARY');
  });

  it.each([
    [{ code: 'NO_SUCH_ITEM', until: '2027-01-01' }, 'NOT_FOUND'],
    [{ code: 'X'.repeat(65), until: '2027-01-01' }, 'BAD_USER_INPUT'],
    [{ code: 'XINAN_BUS', until: '2027-02-30' }, 'BAD_USER_INPUT'],
  ])('%j: %s', async (vars, code) => {
    expect((await fails(g, END, vars, t.adminXinan)).extensions?.code).toBe(code);
  });

  it.each([
    [{ first: 1001 }, 'first'],
    [{ after: 'not a code!' }, 'after'],
  ])('list bad input %j is BAD_USER_INPUT', async (vars, field) => {
    const e = await fails(g, LIST, vars, t.adminCity);
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it.each(['psCity', 'housing', 'auditor', 'agencyLaocheng'] as const)(
    '%s may neither list nor end',
    async (who) => {
      const tok = await g.token(CALLERS[who]);
      expect((await fails(g, LIST, {}, tok)).extensions?.code).toBe('FORBIDDEN');
      expect((await fails(g, END, { code: 'XINAN_BUS', until: '2027-12-31' }, tok)).extensions?.code).toBe(
        'FORBIDDEN',
      );
    },
  );
});
