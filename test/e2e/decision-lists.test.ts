/**
 * The decision lists and the audit log in pages (SPEC "Lists that grow with the city", Art. 21
 * para 2, 23): decisionsMade (an office's own, newest first), decisionsToReview (a department
 * office's positive decisions on permits confiscated since), affectedDecisions (one permit's,
 * oldest first) and auditLog. Every page walk gets every item exactly once and in order; bad
 * `first`/`after` are BAD_USER_INPUT and write nothing; each list read is audited. Over HTTP with
 * real tokens on SQLite and PostgreSQL; the clock moves on a millisecond at each reading, so
 * requests have distinct times and the decisions of one batch share one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenClaims } from '../../src/app/auth';
import { CALLERS, FIXED_NOW, databases, startGateway, type TestGateway } from '../support/gateway';
import { APPLY, ISSUE, REGISTER, allAuditEntries, call, idNumber, masked, ok, registration } from './helpers';

const DBS = await databases();
const HOUSING_XINAN = {
  sub: 'test:housing-xinan',
  role: 'DEPARTMENT',
  region: '410323',
  department: 'HOUSING_AND_URBAN_RURAL_DEVELOPMENT',
  scope: 'PUBLIC_RENTAL_HOUSING',
} as const satisfies TokenClaims;
const A = { id: idNumber('411302', '1987-03-03', '611'), name: '审查甲' };
const B = { id: idNumber('411302', '1988-04-04', '612'), name: '审查乙' };
const NOBODY = { id: idNumber('110105', '1970-01-01', '613'), name: '无此人' };

const FIELDS =
  'decisionId eligible entitlementCode asOf permit { maskedCitizenIdNumber status } reasons { code passed }';
const LISTS = {
  made: `query($first: Int, $after: ID) { list: decisionsMade(first: $first, after: $after) { ${FIELDS} } }`,
  review: `query($first: Int, $after: ID) { list: decisionsToReview(first: $first, after: $after) { ${FIELDS} } }`,
  affected: `query($permit: ID!, $first: Int, $after: ID) { list: affectedDecisions(permitId: $permit, first: $first, after: $after) { ${FIELDS} } }`,
};

interface Made {
  id: string;
  at: number;
  eligible: boolean;
  permit: 'A' | 'B' | null;
  asOf: string;
  office: string;
}

describe.each(DBS)('decision lists and the audit log in pages on %s', (db) => {
  let g: TestGateway;
  const t: Record<string, string> = {};
  const made: Made[] = [];
  let permitA = '';
  let request = 0;

  /** Verifies (one request) and records what each decision is, in the order the gateway made them. */
  async function verify(office: string, qs: { who: typeof A; asOf: string }[]) {
    request += 1;
    const data = await ok(
      g,
      `query($qs: [EligibilityQuery!]!) { verifyEligibilityBatch(queries: $qs) { decisionId eligible asOf } }`,
      {
        qs: qs.map((q) => ({
          citizenIdNumber: q.who.id,
          holderName: q.who.name,
          entitlement: 'PUBLIC_RENTAL_HOUSING',
          asOf: q.asOf,
        })),
      },
      t[office],
    );
    data.verifyEligibilityBatch.forEach((d: any, i: number) =>
      made.push({
        id: d.decisionId,
        at: request,
        eligible: d.eligible,
        asOf: d.asOf,
        office,
        permit: qs[i].who === A ? 'A' : qs[i].who === B ? 'B' : null,
      }),
    );
  }

  /** Walks a list page by page; every page but the last is full. */
  async function walk(query: string, token: string, first: number, vars: Record<string, unknown> = {}) {
    const seen: any[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 1000; pages += 1) {
      const page: any[] = (await ok(g, query, { ...vars, first, after }, token)).list;
      expect(page.length).toBeLessThanOrEqual(first);
      seen.push(...page);
      if (page.length < first) return seen;
      after = page.at(-1).decisionId;
    }
    throw new Error('no end');
  }
  const newestFirst = (a: Made, b: Made) => b.at - a.at || (b.id < a.id ? -1 : 1);
  const oldestFirst = (a: Made, b: Made) => -newestFirst(a, b);
  const ids = (ms: Made[]) => ms.map((m) => m.id);
  const got = (ds: { decisionId: string }[]) => ds.map((d) => d.decisionId);
  const counts = async () => {
    const conn = g.gateway.orm.em.fork().getConnection();
    const [a] = await conn.execute('select count(*) as n from audit_entry');
    const [d] = await conn.execute('select count(*) as n from eligibility_decision');
    return { audit: Number(a.n), decisions: Number(d.n) };
  };

  beforeAll(async () => {
    let now = FIXED_NOW;
    g = await startGateway(db, { clock: () => (now += 1) });
    for (const [k, c] of Object.entries({ ...CALLERS, housingXinan: HOUSING_XINAN })) t[k] = await g.token(c);
    for (const p of [A, B]) {
      await ok(g, REGISTER, { input: registration(p.id, p.name, '410323', '2025-01-02') }, t.psXinan);
      const app = (
        await ok(g, APPLY, { input: { citizenIdNumber: p.id, appliedOn: '2025-08-01' } }, t.psXinan)
      ).applyForPermit;
      const permit = (await ok(g, ISSUE, { id: app.id, on: '2025-08-04' }, t.psXinan)).issuePermit;
      if (p === A) permitA = permit.id;
    }
    // one batch (one time for all 30), then single checks at later times
    await verify('housingXinan', [
      ...Array.from({ length: 10 }, () => ({ who: A, asOf: '2026-01-15' })),
      ...Array.from({ length: 10 }, () => ({ who: B, asOf: '2026-01-15' })),
      ...Array.from({ length: 5 }, () => ({ who: A, asOf: '2027-06-01' })),
      ...Array.from({ length: 5 }, () => ({ who: NOBODY, asOf: '2026-01-15' })),
    ]);
    for (const asOf of ['2026-02-01', '2026-03-01', '2026-04-01'])
      await verify('housingXinan', [{ who: A, asOf }]);
    await verify('housingXinan', [{ who: B, asOf: '2026-02-01' }]);
    await verify('housing', [
      { who: A, asOf: '2026-01-20' },
      { who: A, asOf: '2026-01-21' },
      { who: B, asOf: '2026-01-20' },
    ]);
    await verify('psXinan', [
      { who: A, asOf: '2026-01-15' },
      { who: A, asOf: '2026-01-16' },
      { who: NOBODY, asOf: '2026-01-16' },
    ]);
    await verify('psLaocheng', [{ who: NOBODY, asOf: '2026-01-16' }]);
    await verify('agencyLaocheng', [
      { who: NOBODY, asOf: '2026-01-16' },
      { who: NOBODY, asOf: '2026-01-17' },
    ]);
    await ok(
      g,
      `mutation($id: ID!) { confiscatePermit(permitId: $id, reason: "骗领") { id } }`,
      { id: permitA },
      t.psXinan,
    );
    // after the confiscation: a look back at a day before it (positive) and at today (not eligible)
    await verify('housingXinan', [{ who: A, asOf: '2026-05-01' }]);
    await verify('housingXinan', [{ who: A, asOf: '2026-11-28' }]);
    expect(made.filter((m) => m.office === 'housingXinan' && m.permit === 'A' && m.eligible)).toHaveLength(
      14,
    );
  }, 300_000);
  afterAll(async () => {
    await g?.stop();
  });

  it('decisionsMade: a department office gets all its decisions, newest first, each once, as they were answered', async () => {
    const own = made.filter((m) => m.office === 'housingXinan').sort(newestFirst);
    expect(own.length).toBe(36);
    for (const first of [1, 7, 36, 100])
      expect(got(await walk(LISTS.made, t.housingXinan, first))).toEqual(ids(own));
    const [latest] = (await ok(g, LISTS.made, { first: 1 }, t.housingXinan)).list;
    expect(latest).toMatchObject({
      decisionId: own[0].id,
      eligible: false,
      entitlementCode: 'PUBLIC_RENTAL_HOUSING',
      asOf: '2026-11-28',
      permit: { maskedCitizenIdNumber: masked(A.id), status: 'CONFISCATED' },
    });
    expect(JSON.stringify(await walk(LISTS.made, t.housingXinan, 100))).not.toContain(A.id);
    // the same department in the city's region is another office
    expect(got(await walk(LISTS.made, t.housing, 100))).toEqual(
      ids(made.filter((m) => m.office === 'housing').sort(newestFirst)),
    );
  });

  it("decisionsMade: a public-security bureau or a delegated agency gets its own office's (same role and region)", async () => {
    for (const office of ['psXinan', 'psLaocheng', 'agencyLaocheng']) {
      const own = made.filter((m) => m.office === office).sort(newestFirst);
      expect(own.length).toBeGreaterThan(0);
      expect(got(await walk(LISTS.made, t[office], 2))).toEqual(ids(own));
    }
    // the city bureau made none: 新安县's and 老城区's are other offices
    expect(await walk(LISTS.made, t.psCity, 10)).toEqual([]);
  });

  it("decisionsToReview: the office's positive decisions on the confiscated permit, whatever their asOf, newest first", async () => {
    const expected = made
      .filter((m) => m.office === 'housingXinan' && m.permit === 'A' && m.eligible)
      .sort(newestFirst);
    for (const first of [1, 4, 14, 15])
      expect(got(await walk(LISTS.review, t.housingXinan, first))).toEqual(ids(expected));
    // the look back made after the confiscation is on the list; B's permit was not confiscated
    expect(expected[0].asOf).toBe('2026-05-01');
    expect(got(await walk(LISTS.review, t.housing, 1))).toEqual(
      ids(made.filter((m) => m.office === 'housing' && m.permit === 'A').sort(newestFirst)),
    );
    expect(await walk(LISTS.review, t.transitLaocheng, 5)).toEqual([]);
  });

  it("affectedDecisions: every office's positive decisions on the permit for public security, a department its own; oldest first", async () => {
    const all = made.filter((m) => m.permit === 'A' && m.eligible).sort(oldestFirst);
    expect(new Set(all.map((m) => m.office))).toEqual(new Set(['housingXinan', 'housing', 'psXinan']));
    for (const first of [1, 6, 100])
      expect(got(await walk(LISTS.affected, t.psXinan, first, { permit: permitA }))).toEqual(ids(all));
    expect(got(await walk(LISTS.affected, t.housingXinan, 5, { permit: permitA }))).toEqual(
      ids(all.filter((m) => m.office === 'housingXinan')),
    );
  });

  it('auditLog: walking every page gives every entry once, in sequence order', async () => {
    const entries = await allAuditEntries(g, t.auditor);
    expect(entries.length).toBeGreaterThan(60);
    expect(entries.map((e) => e.sequence)).toEqual(entries.map((_, i) => i + 1));
    const walked: number[] = [];
    for (let after = 0; ;) {
      const page = (
        await ok(
          g,
          `query($after: Int) { auditLog(after: $after, first: 17) { sequence } }`,
          { after },
          t.auditor,
        )
      ).auditLog;
      walked.push(...page.map((e: any) => e.sequence));
      if (page.length < 17) break;
      after = page.at(-1).sequence;
    }
    expect(walked).toEqual(entries.map((e) => e.sequence));
  });

  it('each list read is audited with the caller and the count', async () => {
    await ok(g, LISTS.made, { first: 5 }, t.housingXinan);
    await ok(g, LISTS.review, { first: 3 }, t.housingXinan);
    await ok(g, LISTS.affected, { permit: permitA, first: 2 }, t.psXinan);
    const last = (await allAuditEntries(g, t.auditor)).slice(-3);
    expect(last.map((e) => [e.action, e.actor, e.role, e.subject, e.outcome])).toEqual([
      ['LIST_DECISIONS_MADE', HOUSING_XINAN.sub, 'DEPARTMENT', null, '5'],
      ['LIST_DECISIONS_TO_REVIEW', HOUSING_XINAN.sub, 'DEPARTMENT', null, '3'],
      ['LIST_AFFECTED_DECISIONS', CALLERS.psXinan.sub, 'PUBLIC_SECURITY', `permit:${permitA}`, '2'],
    ]);
  });

  it('bad first or after: BAD_USER_INPUT, and nothing is written', async () => {
    const otherOffice = made.find((m) => m.office === 'housing')!.id;
    const before = await counts();
    const cases: [string, string, Record<string, unknown>][] = [];
    for (const [name, query] of Object.entries(LISTS)) {
      const token = name === 'affected' ? t.psXinan : t.housingXinan;
      const base = name === 'affected' ? { permit: permitA } : {};
      for (const v of [
        { first: 0 },
        { first: -1 },
        { first: 1001 },
        { after: 'not an id!' },
        { after: 'x'.repeat(65) },
        { after: '00000000-0000-0000-0000-000000000000' },
      ])
        cases.push([query, token, { ...base, ...v }]);
      // an id from another office's list is not a cursor of this one
      if (name !== 'affected') cases.push([query, token, { ...base, after: otherOffice }]);
    }
    cases.push([
      LISTS.affected,
      t.psXinan,
      { permit: permitA, after: made.find((m) => m.permit === 'B')!.id },
    ]);
    for (const v of [{ first: 0 }, { first: 1001 }, { after: -1 }])
      cases.push([
        `query($first: Int, $after: Int) { auditLog(first: $first, after: $after) { sequence } }`,
        t.auditor,
        v,
      ]);
    for (const [query, token, v] of cases) {
      const r = await call(g, query, v, token);
      expect(r.body.errors?.[0]?.extensions?.code, `${query.slice(0, 40)} ${JSON.stringify(v)}`).toBe(
        'BAD_USER_INPUT',
      );
      expect(r.body.data?.list ?? null).toBeNull();
    }
    expect(await counts()).toEqual(before);
  });

  it('only departments review; auditors and governments make no decisions', async () => {
    for (const who of ['psXinan', 'agencyLaocheng', 'auditor', 'adminCity']) {
      const r = await call(g, LISTS.review, {}, t[who]);
      expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    for (const who of ['auditor', 'adminCity'])
      expect((await call(g, LISTS.made, {}, t[who])).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
