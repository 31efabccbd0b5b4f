/**
 * openApplications (issue 11, item 0; Art. 11): every accepted application not yet issued on asOf,
 * in the caller's region, in deadline order — the overdue ones first — each with its deadline and
 * its overdue flag, checked against the law's own functions. Paged as SPEC "Lists that grow with
 * the city" says. Over HTTP, on every database. Today is 2026-11-28 (Shanghai).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { d, isOverdue, issueDeadline } from '../../src/law';
import { OFFICIAL_CALENDAR as CAL } from '../../src/calendar/official';
import { CALLERS, databases, startGateway, type TestGateway } from '../support/gateway';
import { APPLY, ISSUE, REGISTER, allAuditEntries, fails, idNumber, ok, registration } from './helpers';

const DBS = await databases();

const OPEN = `query($asOf: Date, $first: Int, $after: ID) {
  openApplications(asOf: $asOf, first: $first, after: $after) {
    id appliedOn status issueDeadline deadlineProvisional overdue holder { citizenIdNumber residenceRegion { code } }
  }
}`;

/** [applied on, region, issued on (or null)]: one holder each (one open application at a time). */
const PEOPLE = [
  ['2026-10-08', '410302', null],
  ['2026-11-27', '410302', null],
  ['2026-11-05', '410302', null],
  ['2026-11-20', '410302', null],
  ['2026-11-05', '410302', null], // the same day as another: id breaks the tie
  ['2026-09-15', '410323', null],
  ['2026-11-02', '410302', '2026-11-25'],
  ['2026-11-28', '410323', null],
] as const;
const ids = PEOPLE.map((_, i) => idNumber('411302', `1980${String(i + 1).padStart(2, '0')}15`, `7${10 + i}`));

describe.each(DBS)('openApplications on %s', (db) => {
  let g: TestGateway;
  const t: Record<string, string> = {};
  const apps: { id: string; appliedOn: string; region: string; issuedOn: string | null; citizen: string }[] =
    [];

  beforeAll(async () => {
    g = await startGateway(db);
    for (const k of ['psCity', 'psLaocheng', 'psXinan', 'agencyLaocheng', 'auditor'] as const)
      t[k] = await g.token(CALLERS[k]);
    for (const [i, [appliedOn, region, issuedOn]] of PEOPLE.entries()) {
      const ps = region === '410302' ? t.psLaocheng : t.psXinan;
      await ok(
        g,
        REGISTER,
        { input: registration(ids[i], '孙' + '一二三四五六七八'[i], region, '2026-01-10') },
        ps,
      );
      const a = (await ok(g, APPLY, { input: { citizenIdNumber: ids[i], appliedOn } }, ps)).applyForPermit;
      expect(a.status).toBe('ACCEPTED');
      if (issuedOn) await ok(g, ISSUE, { id: a.id, on: issuedOn }, ps);
      apps.push({ id: a.id, appliedOn, region, issuedOn, citizen: ids[i] });
    }
    // a refused application (registered less than six months ago) is never open
    const young = idNumber('411302', '19990909', '799');
    await ok(g, REGISTER, { input: registration(young, '周九', '410302', '2026-10-01') }, t.psLaocheng);
    const refused = (await ok(g, APPLY, { input: { citizenIdNumber: young } }, t.psLaocheng)).applyForPermit;
    expect(refused.status).toBe('REFUSED');
  });
  afterAll(async () => {
    await g?.stop();
  });

  /** The definition: accepted by asOf, not issued by asOf, in the region; by (appliedOn, id). */
  const expected = (asOf: string, regions: string[] | null) =>
    apps
      .filter((a) => a.appliedOn <= asOf && !(a.issuedOn && a.issuedOn <= asOf))
      .filter((a) => regions === null || regions.includes(a.region))
      .sort((x, y) =>
        x.appliedOn < y.appliedOn ? -1 : x.appliedOn > y.appliedOn ? 1 : Number(x.id) - Number(y.id),
      )
      .map((a) => {
        const deadline = issueDeadline(CAL, d(a.appliedOn));
        return {
          id: a.id,
          appliedOn: a.appliedOn,
          status: a.issuedOn ? 'ISSUED' : 'ACCEPTED',
          issueDeadline: deadline.date,
          deadlineProvisional: deadline.provisional,
          overdue: isOverdue(deadline.date, d(asOf)),
          holder: { citizenIdNumber: a.citizen, residenceRegion: { code: a.region } },
        };
      });

  const walk = async (token: string, vars: Record<string, unknown>, first: number) => {
    const out: any[] = [];
    let after: string | undefined;
    for (;;) {
      const page = (await ok(g, OPEN, { ...vars, first, after }, token)).openApplications as any[];
      expect(page.length).toBeLessThanOrEqual(first);
      out.push(...page);
      if (page.length < first) return out;
      after = page[page.length - 1].id;
    }
  };

  it.each([
    ['psLaocheng', ['410302']],
    ['agencyLaocheng', ['410302']],
    ['psXinan', ['410323']],
    ['psCity', null],
  ] as const)(
    '%s: its region only, overdue first then by deadline, each page in turn',
    async (who, regions) => {
      const want = expected('2026-11-28', regions as string[] | null);
      expect(want.length).toBeGreaterThan(0);
      const got = await walk(t[who], {}, 1000);
      expect(got).toEqual(want);
      expect(await walk(t[who], {}, 2)).toEqual(want);
      // overdue ones are a prefix: once one is not overdue, none after it is
      const flags = got.map((a) => a.overdue);
      expect(flags).toEqual([...flags].sort((x, y) => Number(y) - Number(x)));
    },
  );

  it('lists more than the overdue ones, and the overdue ones are exactly overdueApplications', async () => {
    const open = await walk(t.psLaocheng, {}, 1000);
    expect(open.some((a) => a.overdue)).toBe(true);
    expect(open.some((a) => !a.overdue)).toBe(true);
    const overdue = (await ok(g, '{ overdueApplications { id overdue } }', {}, t.psLaocheng))
      .overdueApplications;
    expect(overdue).toEqual(open.filter((a) => a.overdue).map((a) => ({ id: a.id, overdue: true })));
  });

  it('on an earlier day: later acceptances are not there yet, a permit issued since is still open', async () => {
    const got = await walk(t.psCity, { asOf: '2026-11-10' }, 1000);
    expect(got).toEqual(expected('2026-11-10', null));
    expect(got.map((a) => a.appliedOn)).toContain('2026-11-02');
    expect(got.every((a) => a.appliedOn <= '2026-11-10')).toBe(true);
  });

  it('overdue(asOf) answers for the day asked', async () => {
    const q = `query($asOf: Date) { openApplications(asOf: "2026-11-28") { appliedOn overdue(asOf: $asOf) } }`;
    const later = (await ok(g, q, { asOf: '2027-06-01' }, t.psCity)).openApplications;
    expect(later.every((a: any) => a.overdue)).toBe(true);
    const before = (await ok(g, q, { asOf: '2026-10-09' }, t.psCity)).openApplications;
    expect(before.every((a: any) => !a.overdue)).toBe(true);
  });

  it.each([
    [{ first: 0 }, 'first'],
    [{ first: 1001 }, 'first'],
    [{ after: 'abc' }, 'after'],
    [{ after: '999999' }, 'after'],
    [{ asOf: '2026-13-01' }, null], // the Date scalar refuses it before the resolver runs
  ])('bad input %j is BAD_USER_INPUT (%s)', async (vars, field) => {
    const e = await fails(g, OPEN, vars, t.psCity);
    expect(e.extensions?.code).toBe('BAD_USER_INPUT');
    if (field !== null) expect(e.extensions?.field).toBe(field);
  });

  it('each read is audited with the number listed and the day, no personal data', async () => {
    const n = (await ok(g, OPEN, {}, t.psXinan)).openApplications.length;
    const entries = (await allAuditEntries(g, t.auditor)).filter(
      (e) => e.action === 'LIST_OPEN_APPLICATIONS',
    );
    const last = entries[entries.length - 1];
    expect(last).toMatchObject({ actor: CALLERS.psXinan.sub, role: 'PUBLIC_SECURITY', subject: null });
    expect(last.outcome).toBe(`${n} on 2026-11-28`);
  });

  it.each(['housing', 'auditor', 'adminCity'] as const)('%s is FORBIDDEN', async (who) => {
    const e = await fails(g, OPEN, {}, await g.token(CALLERS[who]));
    expect(e.extensions?.code).toBe('FORBIDDEN');
  });
});
