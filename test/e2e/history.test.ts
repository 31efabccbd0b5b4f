/**
 * History is not rewritten and offices act only on what is theirs now: acts are recorded in date
 * order; the office acting on a permit is the one of its region today, whatever day the act is
 * dated; a replacement card needs a valid permit; a change of 户口 is not slipped in through a
 * residence registration; Art. 2's six months run from the latest registration; a decision before
 * the law was in force shows no permit; a department office sees only its own affected decisions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLERS, databases, startGateway, type TestGateway } from '../support/gateway';
import { APPLY, ISSUE, REGISTER, idNumber, registration } from '../support/people';

const DBS = await databases();

describe.each(DBS)('history and regions on %s', (db) => {
  let g: TestGateway;
  const t = {} as Record<keyof typeof CALLERS, string>;
  const A = { id: idNumber('411302', '1986-06-06', 601), name: '历史甲' };
  let permitA = '';

  beforeAll(async () => {
    g = await startGateway(db);
    for (const k of Object.keys(CALLERS) as (keyof typeof CALLERS)[]) t[k] = await g.token(CALLERS[k]);
    await g.gql(REGISTER, { input: registration(A.id, A.name, '410302', '2025-01-02') }, t.psLaocheng);
    const app = await g.gql(
      APPLY,
      { input: { citizenIdNumber: A.id, appliedOn: '2025-08-01' } },
      t.psLaocheng,
    );
    permitA = (await g.gql(ISSUE, { id: app.body.data.applyForPermit.id, on: '2025-08-04' }, t.psLaocheng))
      .body.data.issuePermit.id;
    const moved = await g.gql(
      'mutation($p: ID!) { changeResidence(input: { permitId: $p, residenceRegionCode: "410323", residenceAddress: "新安县新街1号", changedOn: "2025-10-01" }) { region { code } } }',
      { p: permitA },
      t.psXinan,
    );
    expect(moved.body.data.changeResidence.region.code).toBe('410323');
  });
  afterAll(async () => {
    await g?.stop();
  });

  it('the former region cannot act on the permit by dating the act before the move', async () => {
    const r = await g.gql(
      'mutation($p: ID!) { reportPermitLoss(permitId: $p, kind: LOST, reportedOn: "2025-09-01") { id } }',
      { p: permitA },
      t.psLaocheng,
    );
    expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const c = await g.gql(
      'mutation($p: ID!) { confiscatePermit(permitId: $p, reason: "x", confiscatedOn: "2025-09-01") { id } }',
      { p: permitA },
      t.psLaocheng,
    );
    expect(c.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the region of the permit cannot date an act before one already recorded', async () => {
    const c = await g.gql(
      'mutation($p: ID!) { confiscatePermit(permitId: $p, reason: "骗领", confiscatedOn: "2025-09-01") { id } }',
      { p: permitA },
      t.psXinan,
    );
    expect(c.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(c.body.errors?.[0]?.message).toContain('2025-10-01');
  });

  it('a department office sees only the affected decisions it made itself', async () => {
    const xinanHousing = await g.token({ ...CALLERS.housing, sub: 'test:housing-xinan', region: '410323' });
    const q =
      '{ verifyEligibility(query: { citizenIdNumber: "%", holderName: "历史甲", entitlement: "PUBLIC_RENTAL_HOUSING", asOf: "2026-01-05" }) { decisionId eligible } }'.replace(
        '%',
        A.id,
      );
    const city = (await g.gql(q, {}, t.housing)).body.data.verifyEligibility;
    const xinan = (await g.gql(q, {}, xinanHousing)).body.data.verifyEligibility;
    expect([city.eligible, xinan.eligible]).toEqual([true, true]);
    const conf = await g.gql(
      'mutation($p: ID!) { confiscatePermit(permitId: $p, reason: "骗领的居住证", confiscatedOn: "2026-11-10") { status(asOf: "2026-11-10") } }',
      { p: permitA },
      t.psXinan,
    );
    expect(conf.body.data.confiscatePermit.status).toBe('CONFISCATED');
    const AFF = 'query($p: ID!) { affectedDecisions(permitId: $p) { decisionId } }';
    expect(
      (await g.gql(AFF, { p: permitA }, t.housing)).body.data.affectedDecisions.map(
        (x: { decisionId: string }) => x.decisionId,
      ),
    ).toEqual([city.decisionId]);
    expect(
      (await g.gql(AFF, { p: permitA }, xinanHousing)).body.data.affectedDecisions.map(
        (x: { decisionId: string }) => x.decisionId,
      ),
    ).toEqual([xinan.decisionId]);
    const ps = (await g.gql(AFF, { p: permitA }, t.psXinan)).body.data.affectedDecisions.map(
      (x: { decisionId: string }) => x.decisionId,
    );
    expect(ps.sort()).toEqual([city.decisionId, xinan.decisionId].sort());
  });

  it('no replacement card for a confiscated permit', async () => {
    // the request was open before the confiscation? No: a request on a confiscated permit is refused too
    const r = await g.gql(
      'mutation($p: ID!) { reportPermitLoss(permitId: $p, kind: LOST, reportedOn: "2026-11-20") { id } }',
      { p: permitA },
      t.psXinan,
    );
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', reason: 'PERMIT_VALID' });
  });

  it('a replacement requested while valid is not issued after a confiscation', async () => {
    const B = { id: idNumber('411302', '1987-07-07', 602), name: '历史乙' };
    await g.gql(REGISTER, { input: registration(B.id, B.name, '410323', '2025-01-02') }, t.psXinan);
    const app = await g.gql(APPLY, { input: { citizenIdNumber: B.id, appliedOn: '2025-08-01' } }, t.psXinan);
    const p = (await g.gql(ISSUE, { id: app.body.data.applyForPermit.id, on: '2025-08-04' }, t.psXinan)).body
      .data.issuePermit.id;
    const req = (
      await g.gql(
        'mutation($p: ID!) { reportPermitLoss(permitId: $p, kind: DAMAGED, reportedOn: "2025-09-01") { id } }',
        { p },
        t.psXinan,
      )
    ).body.data.reportPermitLoss.id;
    await g.gql(
      'mutation($p: ID!) { confiscatePermit(permitId: $p, reason: "伪造", confiscatedOn: "2025-09-05") { id } }',
      { p },
      t.psXinan,
    );
    const r = await g.gql(
      'mutation($r: ID!) { issueReplacement(requestId: $r, issuedOn: "2025-09-10") { cardVersion } }',
      { r: req },
      t.psXinan,
    );
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', reason: 'PERMIT_VALID' });
  });

  it('a registration with another 户口 than the one on record is refused, not silently dropped', async () => {
    const r = await g.gql(
      REGISTER,
      { input: { ...registration(A.id, A.name, '410323', '2026-11-01'), hukouRegionCode: '410302' } },
      t.psXinan,
    );
    expect(r.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it("Art. 2's six months run from the latest registration", async () => {
    const C = { id: idNumber('411302', '1988-08-08', 603), name: '历史丙' };
    await g.gql(REGISTER, { input: registration(C.id, C.name, '410323', '2017-03-01') }, t.psXinan);
    await g.gql(REGISTER, { input: registration(C.id, C.name, '410323', '2026-10-01') }, t.psXinan);
    const app = (await g.gql(APPLY, { input: { citizenIdNumber: C.id, appliedOn: '2026-11-28' } }, t.psXinan))
      .body.data.applyForPermit;
    expect(app.status).toBe('REFUSED');
    expect(app.reasons.find((r: { code: string }) => r.code === 'SIX_MONTHS_RESIDENCE').passed).toBe(false);
  });

  it('a decision before the law was in force lists only LAW_IN_FORCE and shows no permit', async () => {
    const q = `{ verifyEligibility(query: { citizenIdNumber: "${A.id}", holderName: "${A.name}", entitlement: "PUBLIC_RENTAL_HOUSING", asOf: "2016-02-14" }) { eligible permit { status } reasons { code passed } } }`;
    const d = (await g.gql(q, {}, t.housing)).body.data.verifyEligibility;
    expect(d).toEqual({ eligible: false, permit: null, reasons: [{ code: 'LAW_IN_FORCE', passed: false }] });
  });
});
