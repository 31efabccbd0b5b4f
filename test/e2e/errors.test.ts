/**
 * Bad input gets a coded error (BAD_USER_INPUT, RULE_VIOLATION with reason and citation, NOT_FOUND),
 * never an HTTP 500 or a stack trace, and a refused write writes nothing. Over HTTP, on every database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLERS, databases, startGateway, type TestGateway } from '../support/gateway';
import {
  APPLY,
  HOLDER,
  ISSUE,
  RECORD_VIOLATION,
  REGISTER,
  VERIFY,
  VERIFY_BATCH,
  allAuditEntries,
  fails,
  idNumber,
  ok,
  registration,
} from './helpers';

const DBS = await databases();

const GOOD = idNumber('411302', '19930404', '137');
const WRONG_CHECK = GOOD.slice(0, 17) + (GOOD[17] === '0' ? '1' : '0');
const FIFTEEN = '411302930404137';
const NEW_ONE = { id: idNumber('411302', '19940303', '159'), name: '周杰' }; // registered 2026-10-01, refused on 2026-11-01

describe.each(DBS)('errors on %s', (db) => {
  let g: TestGateway;
  const t: Record<keyof typeof CALLERS, string> = {} as any;
  let refusedAppId = '';
  let auditBefore: any[] = [];
  /** the decision ids of the refusals under the law seen below: each must be audited, nothing else */
  const refusals: string[] = [];

  beforeAll(async () => {
    g = await startGateway(db);
    for (const k of Object.keys(CALLERS) as (keyof typeof CALLERS)[]) t[k] = await g.token(CALLERS[k]);
    await ok(
      g,
      REGISTER,
      { input: registration(NEW_ONE.id, NEW_ONE.name, '410302', '2026-10-01') },
      t.psLaocheng,
    );
    const a = (
      await ok(g, APPLY, { input: { citizenIdNumber: NEW_ONE.id, appliedOn: '2026-11-01' } }, t.psLaocheng)
    ).applyForPermit;
    expect(a.status).toBe('REFUSED');
    expect(a.reasons.find((r: any) => r.code === 'SIX_MONTHS_RESIDENCE').passed).toBe(false);
    refusedAppId = a.id;
    auditBefore = await allAuditEntries(g, t.auditor);
  });
  afterAll(async () => {
    await g?.stop();
  });

  const register = (extra: Record<string, unknown>) =>
    fails(g, REGISTER, { input: registration(GOOD, '吴昊', '410302', '2026-05-01', extra) }, t.psLaocheng);

  it('a wrong check character: BAD_USER_INPUT', async () => {
    const e = await register({ citizenIdNumber: WRONG_CHECK });
    expect(e.extensions?.code).toBe('BAD_USER_INPUT');
    expect(e.message).toMatch(/check character/i);
    expect(e.message).not.toContain(WRONG_CHECK);
  });

  it('a 15-digit ID number: BAD_USER_INPUT saying so', async () => {
    const e = await register({ citizenIdNumber: FIFTEEN });
    expect(e.extensions?.code).toBe('BAD_USER_INPUT');
    expect(e.message).toContain('15');
  });

  it('registeredOn 2026-02-30 (no such date): BAD_USER_INPUT', async () => {
    const e = await register({ registeredOn: '2026-02-30' });
    expect(e.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('registeredOn 2026-12-01 (after today, 2026-11-28): BAD_USER_INPUT', async () => {
    const e = await register({ registeredOn: '2026-12-01' });
    expect(e.extensions?.code).toBe('BAD_USER_INPUT');
    expect(e.message).toContain('2026-12-01');
  });

  it('no on-site portrait: RULE_VIOLATION PORTRAIT_REQUIRED citing Art. 9', async () => {
    const e = await register({ portraitCaptured: false });
    expect(e.extensions?.code).toBe('RULE_VIOLATION');
    refusals.push(`REFUSED ${e.extensions?.reason} decision ${e.extensions?.decisionId}`);
    expect(e.extensions?.reason).toBe('PORTRAIT_REQUIRED');
    expect(e.extensions?.citation?.article).toBe(9);
  });

  it('Art. 20 with a fine of 201 yuan: RULE_VIOLATION FINE_OUT_OF_RANGE', async () => {
    const e = await fails(
      g,
      RECORD_VIOLATION,
      {
        input: {
          citizenIdNumber: NEW_ONE.id,
          article: 20,
          clause: 1,
          warning: true,
          fineYuan: 201,
          illegalGainsYuan: 0,
          occurredOn: '2026-11-10',
        },
      },
      t.psLaocheng,
    );
    expect(e.extensions?.code).toBe('RULE_VIOLATION');
    refusals.push(`REFUSED ${e.extensions?.reason} decision ${e.extensions?.decisionId}`);
    expect(e.extensions?.reason).toBe('FINE_OUT_OF_RANGE');
    expect(e.extensions?.citation).toMatchObject({ article: 20, clause: 1 });
  });

  it('verifyEligibilityBatch with 1001 queries: BAD_USER_INPUT', async () => {
    const q = { citizenIdNumber: NEW_ONE.id, holderName: NEW_ONE.name, entitlement: 'PUBLIC_RENTAL_HOUSING' };
    const e = await fails(g, VERIFY_BATCH, { qs: Array.from({ length: 1001 }, () => q) }, t.psLaocheng);
    expect(e.extensions?.code).toBe('BAD_USER_INPUT');
    expect(e.message).toContain('1000');
  });

  it('an unknown entitlement code asked by public security: NOT_FOUND', async () => {
    const e = await fails(
      g,
      VERIFY,
      { q: { citizenIdNumber: NEW_ONE.id, holderName: NEW_ONE.name, entitlement: 'NO_SUCH_ENTITLEMENT' } },
      t.psLaocheng,
    );
    expect(e.extensions?.code).toBe('NOT_FOUND');
  });

  it('issuePermit on a refused application: RULE_VIOLATION', async () => {
    const e = await fails(g, ISSUE, { id: refusedAppId, on: '2026-11-10' }, t.psLaocheng);
    expect(e.extensions?.code).toBe('RULE_VIOLATION');
    refusals.push(`REFUSED ${e.extensions?.reason} decision ${e.extensions?.decisionId}`);
    expect(e.extensions?.reason).toBe('APPLICATION_REFUSED');
    expect(e.extensions?.citation?.article).toBe(11);
  });

  it('after the refused writes and questions nothing was registered; only the refusals under the law were audited', async () => {
    const after = await allAuditEntries(g, t.auditor);
    expect(after.slice(0, auditBefore.length)).toEqual(auditBefore);
    // Art. 22(1), 23: a refusal under the rules is a decision an auditor must see, with its decision id
    expect(refusals).toHaveLength(3);
    expect(after.slice(auditBefore.length).map((e: any) => e.outcome)).toEqual(refusals);
    expect((await ok(g, HOLDER, { id: GOOD }, t.psLaocheng)).permitHolder).toBeNull();
    const h = (
      await ok(
        g,
        `query($id: String!) { permitHolder(citizenIdNumber: $id) { permits { id } } }`,
        { id: NEW_ONE.id },
        t.psLaocheng,
      )
    ).permitHolder;
    expect(h.permits).toEqual([]);
  });

  it('Art. 21 with a fine of 200 yuan and no warning is recorded, citing Art. 21 (one audit entry more)', async () => {
    const before = (await allAuditEntries(g, t.auditor)).length;
    const v = (
      await ok(
        g,
        RECORD_VIOLATION,
        {
          input: {
            citizenIdNumber: NEW_ONE.id,
            article: 21,
            clause: 1,
            warning: false,
            fineYuan: 200,
            illegalGainsYuan: 50,
            occurredOn: '2026-11-10',
          },
        },
        t.psLaocheng,
      )
    ).recordViolation;
    expect(v).toMatchObject({
      citizenIdNumber: NEW_ONE.id,
      citation: { article: 21, clause: 1 },
      warning: false,
      fineYuan: 200,
      illegalGainsYuan: 50,
      occurredOn: '2026-11-10',
    });
    expect(v.id).toMatch(/^[0-9]+$/);
    const after = await allAuditEntries(g, t.auditor);
    expect(after.length).toBe(before + 1);
    expect(after[after.length - 1]).toMatchObject({
      action: 'RECORD_VIOLATION',
      role: 'PUBLIC_SECURITY',
      actor: CALLERS.psLaocheng.sub,
    });
  });
});
