/**
 * A holder's whole file (issue 11, item 0, 持证人档案): permitHolder answers registrations, the
 * residence history (Art. 10 corrections, moves), applications (refused and accepted, with their
 * reasons and deadlines), permits with their moves, replacements and confiscation, and the
 * violations on the ID number — one life recorded through the API, read back over HTTP, on every
 * database. The holder reads the same file through `me`; other regions are refused and audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLERS, databases, startGateway, type TestGateway } from '../support/gateway';
import {
  APPLY,
  CHANGE,
  CONFISCATE,
  ISSUE,
  LOSS,
  RECORD_VIOLATION,
  REGISTER,
  REPLACE,
  allAuditEntries,
  fails,
  idNumber,
  masked,
  ok,
  registration,
} from './helpers';

const DBS = await databases();
const ID = idNumber('411302', '19880808', '515');

const FILE = `query($id: String!) {
  permitHolder(citizenIdNumber: $id) {
    citizenIdNumber residenceRegion { code }
    registrations { id registeredOn region { code } basis eligibleToApplyOn }
    residenceHistory { kind effectiveOn region { code } address basis proofKind proofReference officeRegionCode }
    applications { appliedOn status issueDeadline reasons { code passed } permit { id } }
    permits {
      id issuedOn cardVersion status(asOf: "2026-11-28")
      moves { changedOn fromRegion { code } toRegion { code } address changeRegistration }
      replacementRequests { kind reportedOn deadline issuedOn }
      confiscation { confiscatedOn reason }
    }
    violations { citation { article clause } warning fineYuan illegalGainsYuan occurredOn }
  }
}`;

describe.each(DBS)("a holder's whole file on %s", (db) => {
  let g: TestGateway;
  const t: Record<string, string> = {};
  let permitId = '';

  beforeAll(async () => {
    g = await startGateway(db);
    for (const k of ['psCity', 'psLaocheng', 'psXinan', 'agencyLaocheng', 'auditor'] as const)
      t[k] = await g.token(CALLERS[k]);
    await ok(g, REGISTER, { input: registration(ID, '李华', '410302', '2026-01-10') }, t.psLaocheng);
    const refused = (
      await ok(g, APPLY, { input: { citizenIdNumber: ID, appliedOn: '2026-03-01' } }, t.psLaocheng)
    ).applyForPermit;
    expect(refused.status).toBe('REFUSED');
    const a = (
      await ok(
        g,
        APPLY,
        { input: { citizenIdNumber: ID, appliedOn: '2026-07-15', residenceAddress: '洛阳市老城区新街2号' } },
        t.agencyLaocheng,
      )
    ).applyForPermit;
    permitId = (await ok(g, ISSUE, { id: a.id, on: '2026-07-20' }, t.psLaocheng)).issuePermit.id;
    const move = (to: string, address: string, on: string) =>
      ok(
        g,
        CHANGE,
        { input: { permitId, residenceRegionCode: to, residenceAddress: address, changedOn: on } },
        t.psCity,
      );
    await move('410305', '洛阳市涧西区长安路3号', '2026-08-01');
    await move('410323', '洛阳市新安县新城路9号', '2026-09-01');
    const req = (await ok(g, LOSS, { id: permitId, kind: 'LOST', on: '2026-09-10' }, t.psXinan))
      .reportPermitLoss;
    await ok(g, REPLACE, { id: req.id, on: '2026-09-20' }, t.psXinan);
    await ok(
      g,
      RECORD_VIOLATION,
      {
        input: {
          citizenIdNumber: ID,
          article: 20,
          clause: 2,
          warning: true,
          fineYuan: 150,
          illegalGainsYuan: 30,
          occurredOn: '2026-10-01',
        },
      },
      t.psXinan,
    );
    await ok(g, CONFISCATE, { id: permitId, reason: '骗领', on: '2026-10-05' }, t.psXinan);
  });
  afterAll(async () => {
    await g?.stop();
  });

  it('answers every part of the file, each in the order it happened', async () => {
    const h = (await ok(g, FILE, { id: ID }, t.psXinan)).permitHolder;
    expect(h.residenceRegion).toEqual({ code: '410323' });
    expect(h.registrations).toEqual([
      {
        id: expect.any(String),
        registeredOn: '2026-01-10',
        region: { code: '410302' },
        basis: ['STABLE_EMPLOYMENT'],
        eligibleToApplyOn: '2026-07-11',
      },
    ]);
    expect(
      h.residenceHistory.map((r: any) => [
        r.kind,
        r.effectiveOn,
        r.region.code,
        r.address,
        r.officeRegionCode,
      ]),
    ).toEqual([
      ['REGISTRATION', '2026-01-10', '410302', '洛阳市老城区中州东路100号', '410302'],
      ['CORRECTION', '2026-07-15', '410302', '洛阳市老城区新街2号', '410302'],
      ['MOVE', '2026-08-01', '410305', '洛阳市涧西区长安路3号', '410300'],
      ['MOVE', '2026-09-01', '410323', '洛阳市新安县新城路9号', '410300'],
    ]);
    expect(h.residenceHistory[0]).toMatchObject({
      proofKind: '劳动合同',
      proofReference: `LC-${ID.slice(-6)}`,
    });
    expect(h.applications.map((a: any) => [a.appliedOn, a.status, a.permit?.id ?? null])).toEqual([
      ['2026-03-01', 'REFUSED', null],
      ['2026-07-15', 'ISSUED', permitId],
    ]);
    expect(h.applications[0].issueDeadline).toBeNull();
    expect(h.applications[0].reasons.filter((r: any) => !r.passed).map((r: any) => r.code)).toContain(
      'SIX_MONTHS_RESIDENCE',
    );
    expect(h.applications[1].issueDeadline).not.toBeNull();
    expect(h.permits).toEqual([
      {
        id: permitId,
        issuedOn: '2026-07-20',
        cardVersion: 2,
        status: 'CONFISCATED',
        moves: [
          {
            changedOn: '2026-08-01',
            fromRegion: { code: '410302' },
            toRegion: { code: '410305' },
            address: '洛阳市涧西区长安路3号',
            changeRegistration: false,
          },
          {
            changedOn: '2026-09-01',
            fromRegion: { code: '410305' },
            toRegion: { code: '410323' },
            address: '洛阳市新安县新城路9号',
            changeRegistration: true,
          },
        ],
        replacementRequests: [
          { kind: 'LOST', reportedOn: '2026-09-10', deadline: expect.any(String), issuedOn: '2026-09-20' },
        ],
        confiscation: { confiscatedOn: '2026-10-05', reason: '骗领' },
      },
    ]);
    expect(h.violations).toEqual([
      {
        citation: { article: 20, clause: 2 },
        warning: true,
        fineYuan: 150,
        illegalGainsYuan: 30,
        occurredOn: '2026-10-01',
      },
    ]);
  });

  it('a holder without acts beyond registration has empty parts, not errors', async () => {
    const other = idNumber('411302', '19930303', '516');
    await ok(g, REGISTER, { input: registration(other, '王五', '410302', '2026-05-01') }, t.psLaocheng);
    const h = (await ok(g, FILE, { id: other }, t.psLaocheng)).permitHolder;
    expect([h.applications, h.permits, h.violations]).toEqual([[], [], []]);
    expect(h.registrations.map((r: any) => r.eligibleToApplyOn)).toEqual(['2026-11-02']);
  });

  it('the holder reads the same file through me', async () => {
    const holder = await g.token({ sub: 'test:holder-li', role: 'HOLDER', citizenIdNumber: ID });
    const q = FILE.replace('query($id: String!) {\n  permitHolder(citizenIdNumber: $id) {', '{\n  me {');
    const mine = (await ok(g, q, {}, holder)).me;
    const theirs = (await ok(g, FILE, { id: ID }, t.psCity)).permitHolder;
    expect(mine).toEqual(theirs);
  });

  it('another region is FORBIDDEN and audited as such; a read is audited with the masked ID number', async () => {
    const e = await fails(g, FILE, { id: ID }, t.psLaocheng);
    expect(e.extensions?.code).toBe('FORBIDDEN');
    expect(e.data?.permitHolder ?? null).toBeNull();
    const reads = (await allAuditEntries(g, t.auditor)).filter(
      (x) => x.action === 'READ_HOLDER' && x.subject === masked(ID),
    );
    expect(reads.map((x) => [x.actor, x.outcome]).slice(-2)).toEqual([
      [CALLERS.psCity.sub, 'READ'],
      [CALLERS.psLaocheng.sub, 'FORBIDDEN outside region'],
    ]);
    for (const who of ['housing', 'auditor', 'adminCity'] as const)
      expect((await fails(g, FILE, { id: ID }, await g.token(CALLERS[who]))).extensions?.code).toBe(
        'FORBIDDEN',
      );
  });
});
