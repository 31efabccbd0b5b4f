/**
 * Share codes (SPEC 亮证) over HTTP with real tokens, on SQLite and PostgreSQL: the whole story (a
 * holder makes a code, a school checks by it, the holder sees the check, the code is spent), one
 * identical error for every code that does not work, role and scope before the code, 5 live codes,
 * ttl bounds, two departments racing on one code, the attempt limit (429), and no code in clear
 * in the database or in the logs.
 */
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenClaims } from '../../src/app/auth';
import { CALLERS, FIXED_NOW, databases, startGateway, type TestGateway } from '../support/gateway';
import {
  ADD_DEPENDENT,
  APPLY,
  ISSUE,
  REGISTER,
  allAuditEntries,
  call,
  fails,
  idNumber,
  masked,
  ok,
  registration,
} from './helpers';

const DBS = await databases();

const CREATE = `mutation($input: CreateShareCodeInput) { createShareCode(input: $input) { id code expiresAt entitlement department } }`;
const MINE = '{ myShareCodes { id code expiresAt entitlement department } }';
const REVOKE = 'mutation($code: String, $id: ID) { revokeShareCode(code: $code, id: $id) }';
const BY_CODE = `query($code: String!, $ent: ID!, $asOf: Date, $child: String) {
  verifyEligibilityByShareCode(code: $code, entitlement: $ent, asOf: $asOf, dependentCitizenIdNumber: $child) {
    decisionId eligible entitlementCode asOf permit { maskedCitizenIdNumber status validThrough region { code } }
    reasons { code passed citation { article clause } } rulesVersion
  }
}`;
const VERIFICATIONS = `query($first: Int, $after: ID) { myVerifications(first: $first, after: $after) {
  decisionId at role department callerRegion { code } entitlementCode asOf eligible byShareCode } }`;

const HOLDER_ID = idNumber('411302', '1986-06-06', String(611));
const CHILD_ID = idNumber('411302', '2015-03-03', String(612));
const OTHER_ID = idNumber('411302', '1987-07-07', String(613));
const NAME = '亮证测试';
const CODE_SHAPE = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/;

describe.each(DBS)('share codes on %s', (db) => {
  let g: TestGateway;
  let clock = FIXED_NOW;
  const logLines: string[] = [];
  const codesSeen: string[] = [];
  const holder: TokenClaims = {
    sub: 'test:holder-611',
    role: 'HOLDER',
    citizenIdNumber: HOLDER_ID,
    region: '410323',
  };
  const other: TokenClaims = { sub: 'test:holder-613', role: 'HOLDER', citizenIdNumber: OTHER_ID };
  let holderToken: string;
  let otherToken: string;
  let school: string;
  let housing: string;
  let ps: string;

  const create = async (input: Record<string, unknown> | null = null, token = holderToken) => {
    const d = (await ok(g, CREATE, { input }, token)).createShareCode;
    codesSeen.push(d.code);
    return d as {
      id: string;
      code: string;
      expiresAt: string;
      entitlement: string | null;
      department: string | null;
    };
  };
  const revokeAll = async (token = holderToken) => {
    for (const c of (await ok(g, MINE, {}, token)).myShareCodes) await ok(g, REVOKE, { id: c.id }, token);
  };

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _e, cb) {
        logLines.push(...chunk.toString().split('\n').filter(Boolean));
        cb();
      },
    });
    g = await startGateway(db, { clock: () => clock, logger: pino({ level: 'debug' }, sink) });
    ps = await g.token(CALLERS.psCity);
    for (const [id, name] of [
      [HOLDER_ID, NAME],
      [OTHER_ID, '另一持证人'],
    ] as const) {
      await ok(g, REGISTER, { input: registration(id, name, '410302', '2025-10-01') }, ps);
      const app = (await ok(g, APPLY, { input: { citizenIdNumber: id, appliedOn: '2026-04-10' } }, ps))
        .applyForPermit;
      expect(app.status).toBe('ACCEPTED');
      await ok(g, ISSUE, { id: app.id, on: '2026-04-15' }, ps);
    }
    await ok(
      g,
      ADD_DEPENDENT,
      { input: { holderCitizenIdNumber: HOLDER_ID, citizenIdNumber: CHILD_ID, name: '亮证子女' } },
      ps,
    );
    holderToken = await g.token(holder);
    otherToken = await g.token(other);
    school = await g.token(CALLERS.school);
    housing = await g.token(CALLERS.housing);
  });
  afterAll(async () => {
    await g?.stop();
  });

  it('the whole story: the holder makes a code, a school checks by it, the holder sees the check, the code is spent', async () => {
    clock += 1000;
    const made = await create({ entitlement: 'CHILD_EDUCATION_AND_ZHONGKAO', ttlSeconds: 600 });
    expect(made.code).toMatch(CODE_SHAPE);
    expect(made).toMatchObject({
      entitlement: 'CHILD_EDUCATION_AND_ZHONGKAO',
      department: null,
      expiresAt: new Date(clock + 600_000).toISOString(),
    });
    // afterwards only the last two characters
    const listed = (await ok(g, MINE, {}, holderToken)).myShareCodes;
    expect(listed).toEqual([{ ...made, code: `******${made.code.slice(-2)}` }]);
    // typed at the counter: lower case, with a hyphen and a space
    const typed = `${made.code.slice(0, 4).toLowerCase()}-${made.code.slice(4, 6)} ${made.code.slice(6).toLowerCase()}`;
    const d = (
      await ok(g, BY_CODE, { code: typed, ent: 'CHILD_EDUCATION_AND_ZHONGKAO', child: CHILD_ID }, school)
    ).verifyEligibilityByShareCode;
    expect(d.eligible).toBe(true);
    expect(d.reasons.map((r: any) => r.code)).toEqual([
      'LAW_IN_FORCE',
      'PERMIT_FOUND',
      'PERMIT_VALID',
      'IN_REGION',
      'ENTITLEMENT_IN_FORCE',
      'DEPENDENT_CHILD',
    ]);
    expect(d.permit).toMatchObject({
      maskedCitizenIdNumber: masked(HOLDER_ID),
      status: 'VALID',
      region: { code: '410302' },
    });
    expect(JSON.stringify(d)).not.toContain(HOLDER_ID);
    expect(JSON.stringify(d)).not.toContain(NAME);
    // the holder sees the check, with who asked by role, department and region, never by sub
    const seen = (await ok(g, VERIFICATIONS, { first: 1 }, holderToken)).myVerifications;
    expect(seen).toEqual([
      {
        decisionId: d.decisionId,
        at: new Date(clock).toISOString(),
        role: 'DEPARTMENT',
        department: 'EDUCATION',
        callerRegion: { code: '410302' },
        entitlementCode: 'CHILD_EDUCATION_AND_ZHONGKAO',
        asOf: '2026-11-28',
        eligible: true,
        byShareCode: true,
      },
    ]);
    expect(JSON.stringify(seen)).not.toContain(CALLERS.school.sub);
    // spent: not listed, and a second use is refused
    expect((await ok(g, MINE, {}, holderToken)).myShareCodes).toEqual([]);
    const again = await fails(
      g,
      BY_CODE,
      { code: made.code, ent: 'CHILD_EDUCATION_AND_ZHONGKAO', child: CHILD_ID },
      school,
    );
    expect(again.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SHARE_CODE_INVALID' });
    // audited: made, used, and a decision whose entry says consent was given by code; never the code
    const entries = await allAuditEntries(g, await g.token(CALLERS.auditor));
    const made1 = entries.find(
      (e) => e.action === 'CREATE_SHARE_CODE' && e.subject === `share-code:${made.id}`,
    );
    expect(made1).toMatchObject({ actor: masked(HOLDER_ID), role: 'HOLDER' });
    expect(
      entries.find((e) => e.action === 'USE_SHARE_CODE' && e.subject === `share-code:${made.id}`),
    ).toMatchObject({ actor: CALLERS.school.sub, outcome: `USED by decision ${d.decisionId}` });
    expect(entries.find((e) => e.subject === `decision:${d.decisionId}`)?.outcome).toMatch(
      /ELIGIBLE .*CONSENT_BY_SHARE_CODE$/,
    );
    const text = JSON.stringify(entries);
    expect(text).not.toContain(made.code);
    expect(text).not.toContain(holder.sub);
    expect(text).not.toContain(HOLDER_ID);
  });

  it('a code used for a negative answer is spent too (used up by the decision, whatever the answer)', async () => {
    const made = await create();
    // the holder's permit is registered in 老城区: a transit office there, asking about a day before the permit
    const transit = await g.token(CALLERS.transitLaocheng);
    const d = (
      await ok(
        g,
        BY_CODE,
        { code: made.code, ent: 'TRANSIT_CONCESSIONS_AND_TOURISM_PASS', asOf: '2026-01-01' },
        transit,
      )
    ).verifyEligibilityByShareCode;
    expect(d.eligible).toBe(false);
    const again = await fails(
      g,
      BY_CODE,
      { code: made.code, ent: 'TRANSIT_CONCESSIONS_AND_TOURISM_PASS' },
      transit,
    );
    expect(again.extensions?.reason).toBe('SHARE_CODE_INVALID');
  });

  it('gives one identical error for an unknown, expired, used, revoked, wrongly bound or malformed code', async () => {
    const errorFor = async (code: string, ent = 'PUBLIC_RENTAL_HOUSING', token = housing) => {
      const r = await call(g, BY_CODE, { code, ent }, token);
      expect(r.status).toBe(200);
      expect(r.body.data).toBeNull();
      return r.body.errors;
    };
    const caller: TokenClaims = { ...CALLERS.housing, sub: 'test:housing-invalid-cases' };
    const t = await g.token(caller);
    const used = await create();
    await ok(g, BY_CODE, { code: used.code, ent: 'PUBLIC_RENTAL_HOUSING' }, t);
    const revoked = await create();
    expect((await ok(g, REVOKE, { code: revoked.code.toLowerCase() }, holderToken)).revokeShareCode).toBe(
      true,
    );
    const otherEntitlement = await create({ entitlement: 'LEGAL_AID' });
    const otherDepartment = await create({ department: 'EDUCATION' });
    const expiring = await create({ ttlSeconds: 60 });
    clock += 61_000;
    try {
      let unknown = 'ABCDEFGH';
      while (codesSeen.includes(unknown)) unknown = unknown.split('').reverse().join('');
      const cases = {
        unknown: await errorFor(unknown, 'PUBLIC_RENTAL_HOUSING', t),
        expired: await errorFor(expiring.code, 'PUBLIC_RENTAL_HOUSING', t),
        used: await errorFor(used.code, 'PUBLIC_RENTAL_HOUSING', t),
        revoked: await errorFor(revoked.code, 'PUBLIC_RENTAL_HOUSING', t),
        boundToAnotherEntitlement: await errorFor(otherEntitlement.code, 'PUBLIC_RENTAL_HOUSING', t),
        boundToAnotherDepartment: await errorFor(otherDepartment.code, 'PUBLIC_RENTAL_HOUSING', t),
        malformed: await errorFor('I0O1-????', 'PUBLIC_RENTAL_HOUSING', t),
      };
      const first = cases.unknown;
      expect(first).toEqual([
        {
          message: expect.any(String),
          locations: expect.any(Array),
          path: ['verifyEligibilityByShareCode'],
          extensions: { code: 'BAD_USER_INPUT', reason: 'SHARE_CODE_INVALID' },
        },
      ]);
      for (const [why, errors] of Object.entries(cases)) expect(errors, why).toEqual(first);
      // the wrongly bound codes are still live for what they were bound to
      const legal = await g.token({
        sub: 'test:justice-city',
        role: 'DEPARTMENT',
        region: '410300',
        department: 'JUSTICE',
        scope: 'LEGAL_AID',
      });
      expect(
        (await ok(g, BY_CODE, { code: otherEntitlement.code, ent: 'LEGAL_AID' }, legal))
          .verifyEligibilityByShareCode.eligible,
      ).toBe(true);
    } finally {
      await revokeAll();
    }
  });

  it('checks role and scope before the code: out of scope is FORBIDDEN and the code stays live', async () => {
    const made = await create();
    const outside = await fails(g, BY_CODE, { code: made.code, ent: 'PUBLIC_RENTAL_HOUSING' }, school);
    expect(outside.extensions?.code).toBe('FORBIDDEN');
    // an unknown code out of scope: FORBIDDEN as well (the code is not looked at)
    expect(
      (await fails(g, BY_CODE, { code: 'ZZZZZZZZ', ent: 'PUBLIC_RENTAL_HOUSING' }, school)).extensions?.code,
    ).toBe('FORBIDDEN');
    for (const claims of [CALLERS.auditor, CALLERS.adminCity, holder]) {
      expect(
        (await fails(g, BY_CODE, { code: made.code, ent: 'PUBLIC_RENTAL_HOUSING' }, await g.token(claims)))
          .extensions?.code,
      ).toBe('FORBIDDEN');
    }
    expect((await ok(g, MINE, {}, holderToken)).myShareCodes.map((c: any) => c.id)).toEqual([made.id]);
    // public security asks as the PUBLIC_SECURITY department
    clock += 1000;
    const d = (await ok(g, BY_CODE, { code: made.code, ent: 'DRIVING_LICENCE' }, ps))
      .verifyEligibilityByShareCode;
    expect(d.eligible).toBe(true);
    const seen = (await ok(g, VERIFICATIONS, { first: 1 }, holderToken)).myVerifications[0];
    expect(seen).toMatchObject({
      decisionId: d.decisionId,
      role: 'PUBLIC_SECURITY',
      department: 'PUBLIC_SECURITY',
      callerRegion: { code: '410300' },
      byShareCode: true,
    });
  });

  it('refuses bad arguments before the code is looked at, and leaves the code live', async () => {
    const made = await create();
    const cases: [Record<string, unknown>, string][] = [
      [{ ent: 'PUBLIC_RENTAL_HOUSING', asOf: '2026-02-30' }, 'BAD_USER_INPUT'],
      [{ ent: 'CHILD_EDUCATION_AND_ZHONGKAO', child: '41130220150303061' }, 'BAD_USER_INPUT'],
      [{ ent: 'NO_SUCH_ENTITLEMENT' }, 'NOT_FOUND'],
    ];
    for (const [vars, code] of cases) {
      const token = vars.ent === 'PUBLIC_RENTAL_HOUSING' ? housing : ps;
      const e = await fails(g, BY_CODE, { code: made.code, ...vars }, token);
      expect(e.extensions?.code, JSON.stringify(vars)).toBe(code);
      expect(e.extensions?.reason).toBeUndefined();
    }
    expect((await ok(g, MINE, {}, holderToken)).myShareCodes.map((c: any) => c.id)).toEqual([made.id]);
    // a very long input is just an invalid code
    expect(
      (
        await fails(
          g,
          BY_CODE,
          { code: 'A'.repeat(5000), ent: 'PUBLIC_RENTAL_HOUSING' },
          await g.token({ ...CALLERS.housing, sub: 'test:housing-long' }),
        )
      ).extensions,
    ).toEqual({ code: 'BAD_USER_INPUT', reason: 'SHARE_CODE_INVALID' });
    await revokeAll();
  });

  it('keeps at most 5 live codes (a 6th is CONFLICT) and checks ttl and the bound entitlement', async () => {
    await revokeAll();
    const five = [];
    for (let i = 0; i < 5; i += 1) five.push(await create());
    expect(new Set(five.map((c) => c.code)).size).toBe(5);
    expect((await fails(g, CREATE, { input: null }, holderToken)).extensions?.code).toBe('CONFLICT');
    expect((await ok(g, MINE, {}, holderToken)).myShareCodes).toHaveLength(5);
    // revoking one (by id) makes room; a revoked code is not live any more
    expect((await ok(g, REVOKE, { id: five[0].id }, holderToken)).revokeShareCode).toBe(true);
    expect((await ok(g, REVOKE, { id: five[0].id }, holderToken)).revokeShareCode).toBe(false);
    await create();
    // an expired code does not count
    await revokeAll();
    for (let i = 0; i < 5; i += 1) await create({ ttlSeconds: 60 });
    clock += 60_000;
    expect((await ok(g, MINE, {}, holderToken)).myShareCodes).toEqual([]);
    await create();
    await revokeAll();
    // ttl: 60 to 1800, default 300
    for (const ttlSeconds of [59, 1801, 0, -5]) {
      expect((await fails(g, CREATE, { input: { ttlSeconds } }, holderToken)).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'ttlSeconds',
      });
    }
    expect((await create({ ttlSeconds: 60 })).expiresAt).toBe(new Date(clock + 60_000).toISOString());
    expect((await create({ ttlSeconds: 1800 })).expiresAt).toBe(new Date(clock + 1_800_000).toISOString());
    expect((await create({})).expiresAt).toBe(new Date(clock + 300_000).toISOString());
    expect(
      (await fails(g, CREATE, { input: { entitlement: 'NO_SUCH_THING' } }, holderToken)).extensions?.code,
    ).toBe('NOT_FOUND');
    await revokeAll();
  });

  it('keeps the limit of 5 under 7 concurrent creations', async () => {
    await revokeAll();
    const results = await Promise.all(
      Array.from({ length: 7 }, () => call(g, CREATE, { input: null }, holderToken)),
    );
    const made = results.filter((r) => r.body.data?.createShareCode);
    for (const r of made) codesSeen.push(r.body.data.createShareCode.code);
    expect(made).toHaveLength(5);
    expect(results.filter((r) => r.body.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(2);
    expect((await ok(g, MINE, {}, holderToken)).myShareCodes).toHaveLength(5);
    await revokeAll();
  });

  it("revokes by code or by id, exactly one, and only the holder's own", async () => {
    const mine = await create();
    const theirs = await create(null, otherToken);
    expect((await fails(g, REVOKE, {}, holderToken)).extensions?.code).toBe('BAD_USER_INPUT');
    expect((await fails(g, REVOKE, { code: mine.code, id: mine.id }, holderToken)).extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await ok(g, REVOKE, { id: theirs.id }, holderToken)).revokeShareCode).toBe(false);
    expect((await ok(g, REVOKE, { code: theirs.code }, holderToken)).revokeShareCode).toBe(false);
    expect((await ok(g, MINE, {}, otherToken)).myShareCodes.map((c: any) => c.id)).toEqual([theirs.id]);
    expect(
      (await ok(g, REVOKE, { code: ` ${mine.code.slice(0, 4)}-${mine.code.slice(4)} ` }, holderToken))
        .revokeShareCode,
    ).toBe(true);
    await revokeAll(otherToken);
  });

  it('lets exactly one of two departments racing on one code have an answer', async () => {
    const housingB = await g.token({ ...CALLERS.housing, sub: 'test:housing-race' });
    const psB = await g.token({ ...CALLERS.psCity, sub: 'test:psb-race' });
    for (let round = 0; round < 4; round += 1) {
      const made = await create();
      clock += 1000;
      const [a, b] = await Promise.all([
        g.gql(BY_CODE, { code: made.code, ent: 'PUBLIC_RENTAL_HOUSING' }, housingB),
        g.gql(BY_CODE, { code: made.code, ent: 'PUBLIC_RENTAL_HOUSING' }, psB),
      ]);
      const answers = [a, b].filter((r) => r.body.data?.verifyEligibilityByShareCode);
      const refused = [a, b].filter((r) => r.body.errors);
      expect(answers, JSON.stringify([a.body, b.body])).toHaveLength(1);
      expect(refused[0].body.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'SHARE_CODE_INVALID',
      });
      // one decision recorded for the code
      const seen = (await ok(g, VERIFICATIONS, { first: 1 }, holderToken)).myVerifications[0];
      expect(seen.decisionId).toBe(answers[0].body.data.verifyEligibilityByShareCode.decisionId);
    }
  });

  it('rate-limits a caller from the 11th invalid code within 10 minutes (429), then every share-code check by it', async () => {
    const guesser = await g.token({ ...CALLERS.housing, sub: 'test:housing-guesser' });
    const good = await create();
    for (let i = 0; i < 10; i += 1) {
      const r = await call(
        g,
        BY_CODE,
        { code: `ZZZZZZ${'23456789AB'[i]}Z`, ent: 'PUBLIC_RENTAL_HOUSING' },
        guesser,
      );
      expect(r.status).toBe(200);
      expect(r.body.errors?.[0]?.extensions?.reason, `attempt ${i + 1}`).toBe('SHARE_CODE_INVALID');
    }
    const eleventh = await call(g, BY_CODE, { code: 'ZZZZZZYZ', ent: 'PUBLIC_RENTAL_HOUSING' }, guesser);
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // blocked: even a good code, and the code is not spent by the refusal
    const blocked = await call(g, BY_CODE, { code: good.code, ent: 'PUBLIC_RENTAL_HOUSING' }, guesser);
    expect(blocked.status).toBe(429);
    expect(blocked.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // other callers are not affected, and the good code is still good
    expect(
      (await ok(g, BY_CODE, { code: good.code, ent: 'PUBLIC_RENTAL_HOUSING' }, housing))
        .verifyEligibilityByShareCode.eligible,
    ).toBe(true);
    // the limit counts share codes only: the guesser may still verify by ID number and name
    const byName = await ok(
      g,
      `{ verifyEligibility(query: { citizenIdNumber: "${HOLDER_ID}", holderName: "${NAME}", entitlement: "PUBLIC_RENTAL_HOUSING" }) { eligible } }`,
      {},
      guesser,
    );
    expect(byName.verifyEligibility.eligible).toBe(true);
  });

  it('keeps no code in clear in the database and writes none to the logs', async () => {
    expect(codesSeen.length).toBeGreaterThan(20);
    let dump: string;
    if (db === 'sqlite') {
      const c = new Database(g.databaseUrl, { readonly: true });
      const tables = (
        c.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]
      ).map((t) => t.name);
      dump = tables.map((t) => JSON.stringify(c.prepare(`select * from "${t}"`).all())).join('\n');
      c.close();
    } else {
      const c = new Client({ connectionString: g.databaseUrl });
      await c.connect();
      const tables = (await c.query("select tablename from pg_tables where schemaname = 'public'")).rows.map(
        (r) => r.tablename as string,
      );
      const parts: string[] = [];
      for (const t of tables) parts.push(JSON.stringify((await c.query(`select * from "${t}"`)).rows));
      dump = parts.join('\n');
      await c.end();
    }
    expect(dump).toContain('code_hash');
    for (const code of codesSeen) {
      expect(dump, 'a code in clear in the database').not.toContain(code);
      expect(dump).not.toContain(code.toLowerCase());
    }
    const logs = logLines.join('\n');
    expect(logLines.filter((l) => l.includes('"msg":"request"')).length).toBeGreaterThan(20);
    for (const code of codesSeen) expect(logs, 'a code in the logs').not.toContain(code);
    expect(logs).not.toContain(HOLDER_ID.slice(0, 17));
  });
});
