/**
 * The permit holder as a caller (SPEC "Holders, consent and receipts") over HTTP with real tokens,
 * on SQLite and PostgreSQL: HOLDER tokens (HS256 and an identity provider's RS256), `me`, and
 * `myVerifications` — every check about the holder's ID number, name mismatches included, newest
 * first, in pages, never naming who asked — and the holder's acts audited under the masked number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenClaims } from '../../src/app/auth';
import { CALLERS, FIXED_NOW, databases, startGateway, type TestGateway } from '../support/gateway';
import {
  ADD_DEPENDENT,
  APPLY,
  ISSUE,
  REGISTER,
  VERIFY,
  VERIFY_BATCH,
  allAuditEntries,
  call,
  fails,
  idNumber,
  masked,
  ok,
  registration,
} from './helpers';

const DBS = await databases();

const ME = `{ me { id citizenIdNumber name residenceRegion { code } permits { id status validThrough endorsementWindow { from to provisional } } dependents { citizenIdNumber } } }`;
const VERIFICATIONS = `query($first: Int, $after: ID) { myVerifications(first: $first, after: $after) {
  decisionId at role department callerRegion { code } entitlementCode asOf eligible byShareCode } }`;

const HOLDER_ID = idNumber('411302', '1983-03-13', String(621));
const CHILD_ID = idNumber('411302', '2016-05-05', String(622));
const OTHER_ID = idNumber('411302', '1984-04-14', String(623));
const NOBODY_ID = idNumber('411302', '1990-10-10', String(624));
const NAME = '持证查询';

describe.each(DBS)('the holder as a caller on %s', (db) => {
  let g: TestGateway;
  let clock = FIXED_NOW;
  const holder: TokenClaims = { sub: 'idp:holder-621', role: 'HOLDER', citizenIdNumber: HOLDER_ID };
  let holderToken: string;
  let ps: string;

  beforeAll(async () => {
    g = await startGateway(db, { clock: () => clock });
    ps = await g.token(CALLERS.psCity);
    for (const [id, name] of [
      [HOLDER_ID, NAME],
      [OTHER_ID, '另一持证'],
    ] as const) {
      await ok(g, REGISTER, { input: registration(id, name, '410302', '2025-10-01') }, ps);
      const app = (await ok(g, APPLY, { input: { citizenIdNumber: id, appliedOn: '2026-04-10' } }, ps))
        .applyForPermit;
      await ok(g, ISSUE, { id: app.id, on: '2026-04-15' }, ps);
    }
    await ok(
      g,
      ADD_DEPENDENT,
      { input: { holderCitizenIdNumber: HOLDER_ID, citizenIdNumber: CHILD_ID, name: '持证子女' } },
      ps,
    );
    holderToken = await g.token(holder);
  });
  afterAll(async () => {
    await g?.stop();
  });

  it('refuses a HOLDER token without a valid citizenIdNumber (UNAUTHENTICATED), and reads a lower-case x as X', async () => {
    const bad = [
      undefined,
      '',
      HOLDER_ID.slice(0, 17) + (HOLDER_ID.endsWith('0') ? '1' : '0'),
      HOLDER_ID.slice(0, 15),
      '41130219830313062',
      12345,
    ];
    for (const citizenIdNumber of bad) {
      const t = await g.token({
        sub: 'idp:bad',
        role: 'HOLDER',
        ...(citizenIdNumber === undefined ? {} : { citizenIdNumber: citizenIdNumber as string }),
        region: '410300',
      });
      const r = await call(g, '{ regions { code } }', {}, t);
      expect(r.body.errors?.[0]?.extensions?.code, String(citizenIdNumber)).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(r.body)).not.toContain(HOLDER_ID.slice(0, 14));
    }
    // an ID number whose check character is X, given with a lower-case x
    let seq = 700;
    while (!idNumber('411302', '1980-01-01', String(seq)).endsWith('X')) seq += 1;
    const x = idNumber('411302', '1980-01-01', String(seq));
    const lower = await g.token({ sub: 'idp:x', role: 'HOLDER', citizenIdNumber: x.toLowerCase() });
    expect((await ok(g, '{ me { id } regions { code } }', {}, lower)).me).toBeNull();
  });

  it('accepts a HOLDER token from the identity provider (RS256, GATEWAY_JWKS_URL)', async () => {
    const { generateKeyPair, exportJWK, SignJWT } = await import('jose');
    const { createServer } = await import('node:http');
    const key = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(key.publicKey)), kid: 'h1', alg: 'RS256', use: 'sig' };
    const idp = createServer((_q, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => idp.listen(0, '127.0.0.1', r));
    const jwksUrl = `http://127.0.0.1:${(idp.address() as { port: number }).port}/jwks.json`;
    const g2 = await startGateway(db, {
      clock: () => clock,
      env: {
        NODE_ENV: 'test',
        GATEWAY_JWKS_URL: jwksUrl,
        GATEWAY_SHARE_CODE_KEY: 'share-code-key-for-the-holder-rs256-test-0123',
      },
    });
    try {
      const sign = (claims: Record<string, unknown>) =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'RS256', kid: 'h1' })
          .setSubject('idp:rs256-holder')
          .setExpirationTime('5m')
          .sign(key.privateKey);
      const good = await call(
        g2,
        '{ me { id } myShareCodes { id } }',
        {},
        await sign({ role: 'HOLDER', citizenIdNumber: HOLDER_ID }),
      );
      expect(good.body.errors).toBeUndefined();
      expect(good.body.data).toEqual({ me: null, myShareCodes: [] });
      const noId = await call(
        g2,
        '{ regions { code } }',
        {},
        await sign({ role: 'HOLDER', region: '410300' }),
      );
      expect(noId.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await g2.stop();
      idp.close();
    }
  });

  it("me: the holder's own file with permit status, validity and the next endorsement window; null without a record; audited under the masked number", async () => {
    const file = (await ok(g, ME, {}, holderToken)).me;
    expect(file).toMatchObject({
      citizenIdNumber: HOLDER_ID,
      name: NAME,
      residenceRegion: { code: '410302' },
      dependents: [{ citizenIdNumber: CHILD_ID }],
    });
    expect(file.permits).toHaveLength(1);
    expect(file.permits[0]).toMatchObject({
      status: 'VALID',
      validThrough: '2027-04-15',
      endorsementWindow: { from: '2027-03-16', to: '2027-04-15' },
    });
    // the same file public security sees
    const seenByPs = (
      await ok(
        g,
        `{ permitHolder(citizenIdNumber: "${HOLDER_ID}") { id name permits { id status validThrough } } }`,
        {},
        ps,
      )
    ).permitHolder;
    expect(seenByPs).toMatchObject({
      id: file.id,
      name: NAME,
      permits: [{ id: file.permits[0].id, status: 'VALID', validThrough: '2027-04-15' }],
    });
    const nobody = await g.token({ sub: 'idp:nobody', role: 'HOLDER', citizenIdNumber: NOBODY_ID });
    expect((await ok(g, ME, {}, nobody)).me).toBeNull();
    expect((await ok(g, VERIFICATIONS, {}, nobody)).myVerifications).toEqual([]);
    const entries = (await allAuditEntries(g, await g.token(CALLERS.auditor))).filter(
      (e) => e.action === 'READ_OWN_FILE' && [masked(HOLDER_ID), masked(NOBODY_ID)].includes(e.actor),
    );
    expect(entries.map((e) => [e.actor, e.role, e.outcome])).toEqual([
      [masked(HOLDER_ID), 'HOLDER', 'READ'],
      [masked(NOBODY_ID), 'HOLDER', 'NOT_FOUND'],
    ]);
    expect(JSON.stringify(entries)).not.toContain(holder.sub);
  });

  it('myVerifications: every check about the ID number, name mismatches included, newest first, never who asked', async () => {
    const housing = await g.token(CALLERS.housing);
    const school = await g.token(CALLERS.school);
    const agency = await g.token(CALLERS.agencyLaocheng);
    const asked: { id: string; by: string; eligible: boolean }[] = [];
    const verify = async (token: string, by: string, q: Record<string, unknown>) => {
      clock += 1000;
      const d = (await ok(g, VERIFY, { q }, token)).verifyEligibility;
      asked.push({ id: d.decisionId, by, eligible: d.eligible });
    };
    await verify(housing, 'housing', {
      citizenIdNumber: HOLDER_ID,
      holderName: NAME,
      entitlement: 'PUBLIC_RENTAL_HOUSING',
    });
    await verify(housing, 'housing', {
      citizenIdNumber: HOLDER_ID,
      holderName: '别人的名字',
      entitlement: 'PUBLIC_RENTAL_HOUSING',
    });
    await verify(school, 'school', {
      citizenIdNumber: HOLDER_ID,
      holderName: NAME,
      entitlement: 'CHILD_EDUCATION_AND_ZHONGKAO',
      dependentCitizenIdNumber: CHILD_ID,
      asOf: '2026-09-01',
    });
    await verify(agency, 'agency', {
      citizenIdNumber: HOLDER_ID,
      holderName: NAME,
      entitlement: 'DRIVING_LICENCE',
    });
    await verify(housing, 'housing', {
      citizenIdNumber: OTHER_ID,
      holderName: '另一持证',
      entitlement: 'PUBLIC_RENTAL_HOUSING',
    });
    await verify(housing, 'housing', {
      citizenIdNumber: NOBODY_ID,
      holderName: '无人',
      entitlement: 'PUBLIC_RENTAL_HOUSING',
    });
    // a batch counts each of its questions
    clock += 1000;
    const batch = (
      await ok(
        g,
        VERIFY_BATCH,
        {
          qs: [
            { citizenIdNumber: OTHER_ID, holderName: '另一持证', entitlement: 'PUBLIC_RENTAL_HOUSING' },
            { citizenIdNumber: HOLDER_ID, holderName: '错名', entitlement: 'PUBLIC_RENTAL_HOUSING' },
          ],
        },
        housing,
      )
    ).verifyEligibilityBatch;
    asked.push({ id: batch[1].decisionId, by: 'housing', eligible: false });
    const list = (await ok(g, VERIFICATIONS, {}, holderToken)).myVerifications;
    const mine = asked.filter((a, i) => i !== 4 && i !== 5); // not the other holder's, not the unknown number's
    expect(list.map((v: any) => v.decisionId)).toEqual(mine.map((a) => a.id).reverse());
    expect(list.map((v: any) => v.eligible)).toEqual(mine.map((a) => a.eligible).reverse());
    expect(list[1]).toMatchObject({
      role: 'DELEGATED_AGENCY',
      department: 'PUBLIC_SECURITY',
      callerRegion: { code: '410302' },
      entitlementCode: 'DRIVING_LICENCE',
      byShareCode: false,
    });
    expect(list[2]).toMatchObject({
      role: 'DEPARTMENT',
      department: 'EDUCATION',
      callerRegion: { code: '410302' },
      asOf: '2026-09-01',
      eligible: true,
    });
    expect(list[3]).toMatchObject({
      role: 'DEPARTMENT',
      department: 'HOUSING_AND_URBAN_RURAL_DEVELOPMENT',
      callerRegion: { code: '410300' },
      eligible: false,
    });
    const text = JSON.stringify(list);
    for (const sub of [CALLERS.housing.sub, CALLERS.school.sub, CALLERS.agencyLaocheng.sub])
      expect(text).not.toContain(sub);
    // the other holder sees theirs only
    const other = await g.token({ sub: 'idp:other', role: 'HOLDER', citizenIdNumber: OTHER_ID });
    expect((await ok(g, VERIFICATIONS, {}, other)).myVerifications.map((v: any) => v.decisionId)).toEqual([
      batch[0].decisionId,
      asked[4].id,
    ]);
  });

  it('pages through myVerifications: first and after, no item skipped or repeated; bad cursors refused', async () => {
    const all = (await ok(g, VERIFICATIONS, { first: 1000 }, holderToken)).myVerifications.map(
      (v: any) => v.decisionId,
    );
    expect(all.length).toBeGreaterThanOrEqual(5);
    const paged: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any[] = (await ok(g, VERIFICATIONS, { first: 2, after }, holderToken)).myVerifications;
      paged.push(...page.map((v) => v.decisionId));
      if (page.length < 2) break;
      after = page[page.length - 1].decisionId;
    }
    expect(paged).toEqual(all);
    for (const first of [0, -1, 1001])
      expect((await fails(g, VERIFICATIONS, { first }, holderToken)).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'first',
      });
    // a decision about another holder, or no decision at all, is no cursor
    const other = await g.token({ sub: 'idp:other', role: 'HOLDER', citizenIdNumber: OTHER_ID });
    const theirs = (await ok(g, VERIFICATIONS, { first: 1 }, other)).myVerifications[0].decisionId;
    for (const bad of [
      theirs,
      '00000000-0000-0000-0000-000000000000',
      'x'.repeat(65),
      "'; drop table holder; --",
    ]) {
      expect((await fails(g, VERIFICATIONS, { after: bad }, holderToken)).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
    }
  });
});
