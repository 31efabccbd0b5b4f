/**
 * SPEC "Holiday notices": a notice loaded with HOLIDAY_NOTICES_FILE at the next (rolling) restart
 * moves every date derived from the calendar and makes it final, on the same database, without
 * editing any act. Over HTTP with signed tokens, on every database.
 *
 * 2030 is a year no package knows; the notice below is MADE UP for the test (it is no State
 * Council notice): 2030-01-01 and 10-01..10-07 off, Sunday 09-29 and Saturday 10-12 make-up working
 * days. Today is 2030-09-26 in Shanghai. Dates worked out by hand (weekday of 2030-10-01: Tuesday):
 * - application on Fri 2030-09-20: weekends only, the 15th working day is Fri 10-11 (provisional);
 *   with the notice: 09-23..27 (5), Sun 09-29 (6), 09-30 (7), 10-08..11 (11), Sat 10-12 (12),
 *   10-14..16 (15) → 2030-10-16, final.
 * - loss report on Wed 2030-09-25: weekends only 10-16 (provisional); with the notice 09-26, 27,
 *   Sun 29, 30 (4), 10-08..11 (8), Sat 12 (9), 14..18 (14), Mon 21 (15) → 2030-10-21.
 * - permit issued Sun 2028-10-01, endorsed 2029-09-15 (year 1): valid through year 2's window,
 *   A_2 = Tue 2030-10-01 — itself with weekends only (provisional); with the notice a day off, so
 *   the window runs on to Tue 2030-10-08 (SPEC "Periods"), final.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CALLERS,
  TEST_ENV,
  databases,
  restartGateway,
  startGateway,
  type TestGateway,
} from '../support/gateway';
import {
  APPLY,
  ENDORSE,
  ISSUE,
  LOSS,
  REGISTER,
  VERIFY,
  VERIFY_CHAIN,
  allAuditEntries,
  idNumber,
  ok,
  registration,
} from './helpers';

const DBS = await databases();
const NOW_2030 = Date.parse('2030-09-26T04:00:00Z');

const MADE_UP_2030 = {
  notices: [
    {
      year: 2030,
      source: '（测试用，虚构）2030年部分节假日安排',
      offDays: [
        '2030-01-01',
        '2030-10-01',
        '2030-10-02',
        '2030-10-03',
        '2030-10-04',
        '2030-10-05',
        '2030-10-06',
        '2030-10-07',
      ],
      workDays: ['2030-09-29', '2030-10-12'],
    },
  ],
};

const APPLICANT = { id: idNumber('411302', '19910512', '301'), name: '周强' };
const HOLDER_B = { id: idNumber('411302', '19870704', '302'), name: '吴敏' };

const OVERDUE = `query($asOf: Date) { overdueApplications(asOf: $asOf) { id appliedOn status issueDeadline deadlineProvisional } }`;
const FILE = `query($id: String!) { permitHolder(citizenIdNumber: $id) { permits {
  id issuedOn validThrough endorsementWindow { from to provisional }
  endorsements { endorsedOn extendsValidityThrough }
  replacementRequests { id kind reportedOn deadline deadlineProvisional issuedOn }
} } }`;

describe.each(DBS)('a holiday notice loaded at restart, on %s', (db) => {
  let g: TestGateway;
  let ps = '';
  let auditor = '';
  let appId = '';
  let dir = '';
  let before: any[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gw-notices-'));
    writeFileSync(join(dir, 'notices.json'), JSON.stringify(MADE_UP_2030));
    g = await startGateway(db, { clock: () => NOW_2030 });
    ps = await g.token(CALLERS.psCity);
    auditor = await g.token(CALLERS.auditor);
  });
  afterAll(async () => {
    await g?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('without the notice: 2030 counts weekends only, and every derived date says provisional', async () => {
    await ok(g, REGISTER, { input: registration(APPLICANT.id, APPLICANT.name, '410302', '2030-01-10') }, ps);
    const app = (
      await ok(g, APPLY, { input: { citizenIdNumber: APPLICANT.id, appliedOn: '2030-09-20' } }, ps)
    ).applyForPermit;
    expect(app).toMatchObject({ status: 'ACCEPTED', issueDeadline: '2030-10-11', deadlineProvisional: true });
    appId = app.id;
    const overdue = (await ok(g, OVERDUE, { asOf: '2030-10-12' }, ps)).overdueApplications;
    expect(overdue).toContainEqual({
      id: appId,
      appliedOn: '2030-09-20',
      status: 'ACCEPTED',
      issueDeadline: '2030-10-11',
      deadlineProvisional: true,
    });

    await ok(g, REGISTER, { input: registration(HOLDER_B.id, HOLDER_B.name, '410302', '2028-01-05') }, ps);
    const appB = (
      await ok(g, APPLY, { input: { citizenIdNumber: HOLDER_B.id, appliedOn: '2028-09-01' } }, ps)
    ).applyForPermit;
    const permit = (await ok(g, ISSUE, { id: appB.id, on: '2028-10-01' }, ps)).issuePermit;
    const endorsed = (await ok(g, ENDORSE, { id: permit.id, on: '2029-09-15' }, ps)).endorsePermit;
    expect(endorsed.endorsements).toEqual([
      { endorsedOn: '2029-09-15', extendsValidityThrough: '2030-10-01' },
    ]);
    const loss = (await ok(g, LOSS, { id: permit.id, kind: 'LOST', on: '2030-09-25' }, ps)).reportPermitLoss;
    expect(loss).toMatchObject({
      reportedOn: '2030-09-25',
      deadline: '2030-10-16',
      deadlineProvisional: true,
    });

    const [p] = (await ok(g, FILE, { id: HOLDER_B.id }, ps)).permitHolder.permits;
    expect(p).toMatchObject({
      validThrough: '2030-10-01',
      endorsementWindow: { from: '2030-09-02', to: '2030-10-01', provisional: true },
      endorsements: [{ endorsedOn: '2029-09-15', extendsValidityThrough: '2030-10-01' }],
      replacementRequests: [
        {
          kind: 'LOST',
          reportedOn: '2030-09-25',
          deadline: '2030-10-16',
          deadlineProvisional: true,
          issuedOn: null,
        },
      ],
    });
    before = await allAuditEntries(g, auditor);
  });

  it('a start with a malformed notice file fails and names the field; the register is untouched', async () => {
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({ notices: [{ ...MADE_UP_2030.notices[0], workDays: ['2030-10-12', '2030-10-01'] }] }),
    );
    await expect(
      restartGateway(g, {
        clock: () => NOW_2030,
        env: { ...TEST_ENV, HOLIDAY_NOTICES_FILE: join(dir, 'bad.json') },
      }),
    ).rejects.toThrow(/notices\[0\]\.workDays\[1\].*2030-10-01/);
  });

  it('restarted with the notice: the dates move to its working days and stop being provisional', async () => {
    g = await restartGateway(g, {
      clock: () => NOW_2030,
      env: { ...TEST_ENV, HOLIDAY_NOTICES_FILE: join(dir, 'notices.json') },
    });
    ps = await g.token(CALLERS.psCity);
    auditor = await g.token(CALLERS.auditor);
    // Art. 11: no longer overdue the day after the old deadline; overdue the day after the new one
    expect(
      (await ok(g, OVERDUE, { asOf: '2030-10-12' }, ps)).overdueApplications.map((a: any) => a.id),
    ).not.toContain(appId);
    expect(
      (await ok(g, OVERDUE, { asOf: '2030-10-16' }, ps)).overdueApplications.map((a: any) => a.id),
    ).not.toContain(appId);
    const overdue = (await ok(g, OVERDUE, { asOf: '2030-10-17' }, ps)).overdueApplications;
    expect(overdue).toContainEqual({
      id: appId,
      appliedOn: '2030-09-20',
      status: 'ACCEPTED',
      issueDeadline: '2030-10-16',
      deadlineProvisional: false,
    });

    const [p] = (await ok(g, FILE, { id: HOLDER_B.id }, ps)).permitHolder.permits;
    expect(p).toMatchObject({
      issuedOn: '2028-10-01',
      validThrough: '2030-10-08',
      endorsementWindow: { from: '2030-09-02', to: '2030-10-08', provisional: false },
      endorsements: [{ endorsedOn: '2029-09-15', extendsValidityThrough: '2030-10-08' }],
      replacementRequests: [
        {
          kind: 'LOST',
          reportedOn: '2030-09-25',
          deadline: '2030-10-21',
          deadlineProvisional: false,
          issuedOn: null,
        },
      ],
    });
  });

  it('the acts and their audit entries are as recorded; decisions name the notices in rulesVersion', async () => {
    const after = await allAuditEntries(g, auditor);
    expect(after.slice(0, before.length)).toEqual(before);
    // history: the outcome written when the act was recorded still says what was said then
    expect(
      before.find((e) => e.action === 'APPLY_FOR_PERMIT' && e.subject === `application:${appId}`)?.outcome,
    ).toBe('ACCEPTED deadline 2030-10-11');
    expect((await ok(g, VERIFY_CHAIN, {}, auditor)).verifyAuditChain.intact).toBe(true);
    const decision = (
      await ok(
        g,
        VERIFY,
        {
          q: {
            citizenIdNumber: HOLDER_B.id,
            holderName: HOLDER_B.name,
            entitlement: 'PUBLIC_RENTAL_HOUSING',
          },
        },
        ps,
      )
    ).verifyEligibility;
    expect(decision.rulesVersion).toMatch(/cal-chinese-days@[0-9.]+:2004-2026\+notices-2030-[0-9a-f]{16}$/);
  });
});
