/**
 * Receipts (SPEC "Holders, consent and receipts"): every decision carries a compact JWS (EdDSA,
 * Ed25519) that anyone holding GET /.well-known/jwks.json verifies offline — here the real command
 * (`npm run receipt:verify`) as a child process — and any caller online with verifyReceipt. A
 * changed character, an unknown key or garbage is not a receipt; a retired key still published in
 * the previous-keys file is; a stored decision (affectedDecisions) carries the same receipt as the
 * answer did; a receipt never holds a name or a full ID number.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calculateJwkThumbprint, decodeProtectedHeader, type JWK } from 'jose';
import { loadReceiptKeys } from '../../src/app/receipts/keys';
import { signReceipt } from '../../src/app/receipts/sign';
import type { DecisionView } from '../../src/app/verification';
import { loadDecision } from '../../src/db/reasons';
import {
  CALLERS,
  FIXED_NOW,
  TEST_SECRET,
  databases,
  signingKeyFile,
  startGateway,
  type TestGateway,
} from '../support/gateway';
import { APPLY, ISSUE, REGISTER, idNumber, registration } from '../support/people';
import { masked } from './helpers';

const DBS = await databases();
const ROOT = join(__dirname, '..', '..');

type Cli = { code: number; stdout: string; stderr: string };
/** The offline command as a real child process: through npm (the documented command) or its built file. */
function receiptVerify(args: string[], viaNpm = false): Promise<Cli> {
  const [cmd, argv] = viaNpm
    ? (['npm', ['run', '--silent', 'receipt:verify', '--', ...args]] as const)
    : ([process.execPath, ['dist/src/cli/receipt-verify.js', ...args]] as const);
  return new Promise((resolve) => {
    execFile(cmd, [...argv], { cwd: ROOT }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

const payloadOf = (jws: string) =>
  JSON.parse(Buffer.from(jws.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
const decoded = (jws: string) =>
  jws
    .split('.')
    .slice(0, 2)
    .map((p) => Buffer.from(p, 'base64url').toString('utf8'))
    .join('.');
/** the same receipt with one character changed at `index` */
const changeOne = (jws: string, index: number) =>
  `${jws.slice(0, index)}${jws[index] === 'A' ? 'B' : 'A'}${jws.slice(index + 1)}`;

const CHECK =
  'query($r: String!) { verifyReceipt(receipt: $r) { valid decisionId eligible entitlementCode asOf maskedCitizenIdNumber issuedAt keyId } }';
const VERIFY = `query($q: EligibilityQuery!) { verifyEligibility(query: $q) { decisionId eligible entitlementCode asOf rulesVersion permit { maskedCitizenIdNumber } reasons { code passed } receipt } }`;
const NOT_A_RECEIPT = {
  valid: false,
  decisionId: null,
  eligible: null,
  entitlementCode: null,
  asOf: null,
  maskedCitizenIdNumber: null,
  issuedAt: null,
  keyId: null,
};

beforeAll(() => {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.cli.json'], { cwd: ROOT, stdio: 'ignore' });
});

describe.each(DBS)('receipts on %s', (db) => {
  let g: TestGateway;
  const t = {} as Record<keyof typeof CALLERS, string>;
  const A = { id: idNumber('411302', '1987-07-07', 611), name: '回执甲' };
  const child = idNumber('411302', '2016-03-03', 612);
  const stranger = idNumber('110105', '1970-01-01', 613);
  let permitA = '';
  let jwksFile = '';
  let jwks: { keys: JWK[] } = { keys: [] };
  let retired = ''; // a receipt signed by the key before the rotation
  let retiredKid = '';
  let answer: { decisionId: string; receipt: string; rulesVersion: string } = {
    decisionId: '',
    receipt: '',
    rulesVersion: '',
  };
  const dir = mkdtempSync(join(tmpdir(), 'gw-receipts-'));

  beforeAll(async () => {
    // before the rotation: a gateway signing with the old key makes a decision
    const oldKey = signingKeyFile();
    const before = await startGateway(db, {
      env: { NODE_ENV: 'test', GATEWAY_JWT_SECRET: TEST_SECRET, GATEWAY_SIGNING_KEY_FILE: oldKey },
    });
    const old = await before.gql(
      VERIFY,
      { q: { citizenIdNumber: stranger, holderName: '某某', entitlement: 'PUBLIC_RENTAL_HOUSING' } },
      await before.token(CALLERS.housing),
    );
    expect(old.body.errors).toBeUndefined();
    retired = old.body.data.verifyEligibility.receipt;
    const oldSet = (await (await fetch(before.url.replace('/graphql', '/.well-known/jwks.json'))).json()) as {
      keys: JWK[];
    };
    retiredKid = String(oldSet.keys[0].kid);
    await before.stop();
    // the rotation: a new key file, the old public key moved into the previous-keys file, restart
    const previous = join(dir, 'previous-keys.json');
    writeFileSync(previous, JSON.stringify({ keys: oldSet.keys }));
    g = await startGateway(db, {
      env: {
        NODE_ENV: 'test',
        GATEWAY_JWT_SECRET: TEST_SECRET,
        GATEWAY_SIGNING_KEY_FILE: signingKeyFile(),
        GATEWAY_PREVIOUS_KEYS_FILE: previous,
      },
    });
    for (const k of Object.keys(CALLERS) as (keyof typeof CALLERS)[]) t[k] = await g.token(CALLERS[k]);
    await g.gql(REGISTER, { input: registration(A.id, A.name, '410302', '2025-01-10') }, t.psCity);
    const app = await g.gql(APPLY, { input: { citizenIdNumber: A.id, appliedOn: '2025-08-01' } }, t.psCity);
    permitA = (await g.gql(ISSUE, { id: app.body.data.applyForPermit.id, on: '2025-08-04' }, t.psCity)).body
      .data.issuePermit.id;
    const dep = await g.gql(
      'mutation($i: AddDependentInput!) { addDependent(input: $i) { name } }',
      { i: { holderCitizenIdNumber: A.id, citizenIdNumber: child, name: '回执子' } },
      t.psCity,
    );
    expect(dep.body.errors).toBeUndefined();
    // the key set, fetched from the server without a token, is all the offline check gets
    const res = await fetch(g.url.replace('/graphql', '/.well-known/jwks.json'));
    expect(res.status).toBe(200);
    jwks = (await res.json()) as { keys: JWK[] };
    jwksFile = join(dir, 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify(jwks));
    const r = await g.gql(
      VERIFY,
      {
        q: {
          citizenIdNumber: A.id,
          holderName: A.name,
          entitlement: 'PUBLIC_RENTAL_HOUSING',
          asOf: '2026-06-01',
        },
      },
      t.housing,
    );
    expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
    expect(r.body.data.verifyEligibility.eligible).toBe(true);
    answer = r.body.data.verifyEligibility;
  });
  afterAll(async () => {
    await g?.stop();
  });

  it('publishes the current key and the retired one, each with its RFC 7638 thumbprint as kid', async () => {
    expect(jwks.keys).toHaveLength(2);
    for (const k of jwks.keys) {
      expect(k).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
      expect(k).not.toHaveProperty('d');
      expect(k.kid).toBe(await calculateJwkThumbprint({ kty: k.kty!, crv: k.crv!, x: k.x! }));
    }
    expect(jwks.keys[0].kid).toBe(g.gateway.receipts.kid);
    expect(jwks.keys[1].kid).toBe(retiredKid);
    expect(decodeProtectedHeader(answer.receipt)).toEqual({ alg: 'EdDSA', kid: g.gateway.receipts.kid });
  });

  it('verifies offline with nothing but the key set, and states what the decision said', async () => {
    const out = await receiptVerify([answer.receipt, '--jwks', jwksFile], true);
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({
      kid: g.gateway.receipts.kid,
      jti: answer.decisionId,
      iat: FIXED_NOW / 1000,
      iss: 'luoyang-residence-permit-gateway',
      ent: 'PUBLIC_RENTAL_HOUSING',
      elig: true,
      asOf: '2026-06-01',
      mid: masked(A.id),
      dep: 'HOUSING_AND_URBAN_RURAL_DEVELOPMENT',
      rv: answer.rulesVersion,
      failed: [],
    });
  });

  it('verifies online for every kind of caller, the auditor included', async () => {
    for (const who of [t.auditor, t.housing, t.psCity, t.adminCity] as const) {
      const r = await g.gql(CHECK, { r: answer.receipt }, who);
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.verifyReceipt).toEqual({
        valid: true,
        decisionId: answer.decisionId,
        eligible: true,
        entitlementCode: 'PUBLIC_RENTAL_HOUSING',
        asOf: '2026-06-01',
        maskedCitizenIdNumber: masked(A.id),
        issuedAt: new Date(FIXED_NOW).toISOString(),
        keyId: g.gateway.receipts.kid,
      });
    }
  });

  it('fails with one character changed, in the claims or in the signature', async () => {
    const [h, p] = answer.receipt.split('.');
    for (const index of [h.length + 1 + Math.floor(p.length / 2), h.length + p.length + 2 + 20]) {
      const changed = changeOne(answer.receipt, index);
      expect(changed).not.toBe(answer.receipt);
      const out = await receiptVerify([changed, '--jwks', jwksFile]);
      expect(out.code).toBe(1);
      expect(out.stderr).toMatch(/not a good receipt/);
      expect(out.stdout).toBe('');
      const r = await g.gql(CHECK, { r: changed }, t.auditor);
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.verifyReceipt).toEqual(NOT_A_RECEIPT);
    }
  });

  it('answers valid: false for garbage, and BAD_USER_INPUT only for an absurd size', async () => {
    for (const garbage of [
      '',
      'hello',
      'a.b.c',
      '...',
      `${answer.receipt}.x`,
      answer.receipt.split('.').slice(0, 2).join('.') + '.',
      '{"alg":"none"}',
    ]) {
      const r = await g.gql(CHECK, { r: garbage }, t.housing);
      expect(r.body.errors, garbage).toBeUndefined();
      expect(r.body.data.verifyReceipt).toEqual(NOT_A_RECEIPT);
    }
    const huge = await g.gql(CHECK, { r: 'a'.repeat(9000) }, t.housing);
    expect(huge.status).toBeLessThan(500);
    expect(huge.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const out = await receiptVerify(['not-a-receipt', '--jwks', jwksFile]);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/not a compact JWS/);
  });

  it('verifies a receipt signed with a retired key still published; refuses one from a key it does not know', async () => {
    expect(decodeProtectedHeader(retired).kid).toBe(retiredKid);
    const ok = await receiptVerify([retired, '--jwks', jwksFile]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      kid: retiredKid,
      elig: false,
      failed: ['PERMIT_FOUND'],
      mid: masked(stranger),
    });
    expect((await g.gql(CHECK, { r: retired }, t.auditor)).body.data.verifyReceipt).toMatchObject({
      valid: true,
      keyId: retiredKid,
      eligible: false,
    });
    // a key the gateway never published: its own kid is unknown; claiming the current kid, the signature fails
    const unknown = await loadReceiptKeys({
      env: { GATEWAY_SIGNING_KEY_FILE: signingKeyFile() },
      production: true,
      dataDir: dir,
    });
    const view = {
      ...(
        await g.gql(
          VERIFY.replace('receipt', ''),
          {
            q: {
              citizenIdNumber: A.id,
              holderName: A.name,
              entitlement: 'PUBLIC_RENTAL_HOUSING',
              asOf: '2026-06-01',
            },
          },
          t.housing,
        )
      ).body.data.verifyEligibility,
      at: new Date(FIXED_NOW).toISOString(),
      department: 'HOUSING_AND_URBAN_RURAL_DEVELOPMENT',
      maskedCitizenIdNumber: masked(A.id),
    } as DecisionView;
    for (const keys of [unknown, { ...unknown, kid: g.gateway.receipts.kid }]) {
      const forged = await signReceipt(keys, view);
      const out = await receiptVerify([forged, '--jwks', jwksFile]);
      expect(out.code).toBe(1);
      expect(out.stderr).toMatch(/not in the key set|signature does not match/);
      expect((await g.gql(CHECK, { r: forged }, t.auditor)).body.data.verifyReceipt).toEqual(NOT_A_RECEIPT);
    }
  });

  it('holds no name and no full ID number; mid is the queried number masked, also when no permit was found', async () => {
    const school = await g.gql(
      VERIFY,
      {
        q: {
          citizenIdNumber: A.id,
          holderName: A.name,
          entitlement: 'CHILD_EDUCATION_AND_ZHONGKAO',
          asOf: '2026-06-01',
          dependentCitizenIdNumber: child,
        },
      },
      await g.token({ ...CALLERS.school, region: '410300' }),
    );
    const wrongName = await g.gql(
      VERIFY,
      {
        q: {
          citizenIdNumber: A.id,
          holderName: '别人',
          entitlement: 'PUBLIC_RENTAL_HOUSING',
          asOf: '2026-06-01',
        },
      },
      t.housing,
    );
    const receipts = [
      answer.receipt,
      retired,
      school.body.data.verifyEligibility.receipt,
      wrongName.body.data.verifyEligibility.receipt,
    ];
    for (const r of receipts) {
      const text = decoded(r);
      for (const secret of [A.id, A.name, child, stranger, '回执子', '别人', '某某'])
        expect(text).not.toContain(secret);
    }
    expect(payloadOf(receipts[2])).toMatchObject({
      elig: true,
      mid: masked(A.id),
      dep: 'EDUCATION',
      failed: [],
    });
    expect(wrongName.body.data.verifyEligibility.permit).toBeNull();
    expect(payloadOf(receipts[3])).toMatchObject({
      elig: false,
      mid: masked(A.id),
      failed: ['PERMIT_FOUND'],
    });
  });

  it('has no dep for a public-security caller', async () => {
    const r = await g.gql(
      VERIFY,
      {
        q: { citizenIdNumber: A.id, holderName: A.name, entitlement: 'DRIVING_LICENCE', asOf: '2026-06-01' },
      },
      t.psCity,
    );
    const claims = payloadOf(r.body.data.verifyEligibility.receipt);
    expect(claims).not.toHaveProperty('dep');
    expect(claims).toMatchObject({ ent: 'DRIVING_LICENCE', elig: true, mid: masked(A.id) });
    expect((await receiptVerify([r.body.data.verifyEligibility.receipt, '--jwks', jwksFile])).code).toBe(0);
  });

  it('audits a verification with the decision id and nothing else of the receipt', async () => {
    const head = await g.gql('{ auditLog(first: 1000) { sequence } }', {}, t.auditor);
    expect(head.body.errors).toBeUndefined();
    const after = head.body.data.auditLog.at(-1).sequence;
    await g.gql(CHECK, { r: answer.receipt }, t.transitLaocheng);
    await g.gql(CHECK, { r: 'garbage' }, t.transitLaocheng);
    const log = (
      await g.gql(
        'query($a: Int) { auditLog(after: $a) { actor action subject outcome } }',
        { a: after },
        t.auditor,
      )
    ).body.data.auditLog as { actor: string; action: string; subject: string | null; outcome: string }[];
    expect(log.filter((e) => e.action === 'VERIFY_RECEIPT')).toEqual([
      {
        actor: CALLERS.transitLaocheng.sub,
        action: 'VERIFY_RECEIPT',
        subject: `decision:${answer.decisionId}`,
        outcome: 'VALID',
      },
      {
        actor: CALLERS.transitLaocheng.sub,
        action: 'VERIFY_RECEIPT',
        subject: null,
        outcome: 'INVALID MALFORMED',
      },
    ]);
    const all = JSON.stringify(log);
    for (const part of answer.receipt.split('.')) expect(all).not.toContain(part);
  });

  it('gives a stored decision (affectedDecisions) the receipt it was answered with, also from a row kept before receipts', async () => {
    const conf = await g.gql(
      'mutation($p: ID!) { confiscatePermit(permitId: $p, reason: "骗领", confiscatedOn: "2026-11-10") { id } }',
      { p: permitA },
      t.psCity,
    );
    expect(conf.body.errors).toBeUndefined();
    const AFFECTED = 'query($p: ID!) { affectedDecisions(permitId: $p) { decisionId receipt } }';
    const stored = (await g.gql(AFFECTED, { p: permitA }, t.housing)).body.data.affectedDecisions as {
      decisionId: string;
      receipt: string;
    }[];
    expect(stored.map((d) => d.decisionId)).toContain(answer.decisionId);
    const mine = stored.find((d) => d.decisionId === answer.decisionId)!;
    expect(mine.receipt).toBe(answer.receipt);
    expect((await receiptVerify([mine.receipt, '--jwks', jwksFile])).code).toBe(0);
    // a row written before the decision kept its time, department and masked ID number in its body
    const conn = g.gateway.orm.em.fork().getConnection();
    const [row] = await conn.execute(
      'select decision_id, eligible, entitlement_code, as_of, created_at, department, body from eligibility_decision where decision_id = ?',
      [answer.decisionId],
    );
    // the body such a row has: the JSON of the whole decision as answered (before migration
    // 20261202000100), without the three fields
    const {
      at: _at,
      department: _d,
      maskedCitizenIdNumber: _m,
      ...oldBody
    } = loadDecision({
      decisionId: String(row!.decision_id),
      eligible: row!.eligible === true || row!.eligible === 1,
      entitlementCode: String(row!.entitlement_code),
      asOf: String(row!.as_of),
      createdAt: String(row!.created_at),
      department: row!.department == null ? null : String(row!.department),
      body: String(row!.body),
    });
    expect(oldBody.reasons.length).toBeGreaterThan(0);
    await conn.execute('update eligibility_decision set body = ? where decision_id = ?', [
      JSON.stringify(oldBody),
      answer.decisionId,
    ]);
    const again = (await g.gql(AFFECTED, { p: permitA }, t.psCity)).body.data.affectedDecisions as {
      decisionId: string;
      receipt: string;
    }[];
    expect(again.find((d) => d.decisionId === answer.decisionId)!.receipt).toBe(answer.receipt);
  });
});

describe('the development key', () => {
  it('is made once in the data folder and kept across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gw-devkey-'));
    const first = await startGateway('sqlite', { dataDir });
    const kid = first.gateway.receipts.kid;
    await first.stop();
    expect(existsSync(join(dataDir, 'receipt-signing-key.pem'))).toBe(true);
    const second = await startGateway('sqlite', { dataDir });
    expect(second.gateway.receipts.kid).toBe(kid);
    expect(second.gateway.receipts.jwks.keys).toHaveLength(1);
    await second.stop();
  });
});
