/**
 * SPEC "Lists that grow with the city": overdueApplications (Art. 11) and endorsementsDue (Art. 13,
 * I-3) answer in pages (first ≤ 1000, after = the last item's id), in a stable order, in the
 * caller's region only (endorsementsDue in anniversary order from `from`, overdueApplications in
 * acceptance order). Walking the pages gives every item exactly once, and the items are those
 * of the definition — checked here against the law's own functions applied to every record of the
 * demo data set (plus permits issued on Feb 29, at the turn of the year and before holidays), for
 * many ranges. Over HTTP, on every database. Today is 2026-11-28 (Shanghai).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  anniversariesOfWindowsOpenIn,
  covers,
  issueMonthDaysWithAnniversaryIn,
  d,
  endorsementWindow,
  fromEpochDay,
  isOverdue,
  issueDeadline,
  permitStateOn,
  resolveRegionCode,
  toEpochDay,
  type LocalDate,
  type Region,
} from '../../src/law';
import { OFFICIAL_CALENDAR as CAL } from '../../src/calendar/official';
import { Application, Permit, ResidenceRecord } from '../../src/db/entities';
import { loadBundles, type PermitBundle } from '../../src/app/facts';
import { CALLERS, FIXED_NOW, databases, startGateway, type TestGateway } from '../support/gateway';
import { APPLY, ENDORSE, ISSUE, REGISTER, call, fails, idNumber, ok, registration } from './helpers';

const DBS = await databases();
const TODAY = d('2026-11-28');
void FIXED_NOW;

/** Extra permits whose anniversaries are the awkward ones: Feb 29, month ends, the turn of the year, before holidays. */
const EXTRA_ISSUES = [
  '2024-02-29',
  '2024-02-28',
  '2025-02-28',
  '2023-12-31',
  '2025-01-01',
  '2024-10-01',
  '2025-10-01',
  '2025-09-30',
  '2025-05-31',
  '2025-03-31',
  '2022-06-15',
  '2025-12-25',
  '2026-01-31',
  '2026-02-14',
  '2024-11-30',
  '2023-03-01',
  '2025-12-31',
  '2026-02-28',
] as const;
const EXTRA_REGIONS = ['410302', '410323', '410305'] as const;
/** Extra open applications (Art. 11): accepted on these days, in these regions. */
const EXTRA_APPLICATIONS = [
  ['2026-09-01', '410302'],
  ['2026-09-15', '410323'],
  ['2026-10-08', '410302'],
  ['2026-10-20', '410305'],
  ['2026-11-05', '410302'],
  ['2026-11-20', '410302'],
] as const;

const DUE = `query($from: Date!, $to: Date!, $first: Int, $after: ID) { endorsementsDue(from: $from, to: $to, first: $first, after: $after) { id } }`;
const OVERDUE = `query($asOf: Date, $first: Int, $after: ID) { overdueApplications(asOf: $asOf, first: $first, after: $after) { id appliedOn issueDeadline deadlineProvisional } }`;

/** Every page of a list, `first` at a time: each page full but the last, no item twice. */
async function walk(
  g: TestGateway,
  query: string,
  field: string,
  vars: Record<string, unknown>,
  token: string,
  first: number,
): Promise<any[]> {
  const all: any[] = [];
  let after: string | undefined;
  for (let pages = 0; pages < 10_000; pages += 1) {
    const page = (await ok(g, query, { ...vars, first, after }, token))[field] as any[];
    expect(page.length).toBeLessThanOrEqual(first);
    all.push(...page);
    if (page.length < first) break;
    after = page[page.length - 1].id;
  }
  expect(new Set(all.map((x) => x.id)).size).toBe(all.length);
  return all;
}

/** The district or county of a permit on `on`: its region, then its moves dated by then. */
function regionOn(b: PermitBundle, on: LocalDate): Region {
  let code = b.permit.regionCode;
  for (const c of [...b.changes].sort((x, y) =>
    x.changedOn < y.changedOn ? -1 : x.changedOn > y.changedOn ? 1 : x.id - y.id,
  ))
    if (c.changedOn <= on) code = c.toRegionCode;
  return resolveRegionCode(code)!;
}

/** The definition (as endorsementsDue read it before it was paged): from every permit, in memory. */
function dueByDefinition(
  bundles: readonly PermitBundle[],
  from: LocalDate,
  to: LocalDate,
  caller: Region,
): number[] {
  return bundles
    .filter((b) => {
      const state = permitStateOn(
        CAL,
        {
          issuedOn: d(b.permit.issuedOn),
          endorsements: b.endorsements.map((e) => d(e.endorsedOn)),
          confiscatedOn: b.confiscation ? d(b.confiscation.confiscatedOn) : null,
        },
        from,
      );
      const w = state.endorsementWindow;
      return (
        state.status === 'VALID' &&
        w !== null &&
        w.from <= to &&
        w.to >= from &&
        covers(caller, regionOn(b, from))
      );
    })
    .map((b) => b.permit.id)
    .sort((a, b) => a - b);
}

describe.each(DBS)('paged lists on the demo data set, on %s', (db) => {
  let g: TestGateway;
  let bundles: PermitBundle[] = [];
  let byId = new Map<number, PermitBundle>();
  const t: Record<'city' | 'laocheng' | 'xinan' | 'agency', string> = {} as any;
  const regionOf = {
    city: resolveRegionCode('410300')!,
    laocheng: resolveRegionCode('410302')!,
    xinan: resolveRegionCode('410323')!,
    agency: resolveRegionCode('410302')!,
  };

  beforeAll(async () => {
    g = await startGateway(db, { seed: 'demo' });
    t.city = await g.token(CALLERS.psCity);
    t.laocheng = await g.token(CALLERS.psLaocheng);
    t.xinan = await g.token(CALLERS.psXinan);
    t.agency = await g.token(CALLERS.agencyLaocheng);
    for (const [i, issued] of EXTRA_ISSUES.entries()) {
      const issuedOn = d(issued);
      const person = idNumber(
        '411302',
        `1980${String(1 + (i % 12)).padStart(2, '0')}${String(10 + i).padStart(2, '0')}`,
        String(500 + i),
      );
      await ok(
        g,
        REGISTER,
        {
          input: registration(
            person,
            `测${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅卯'[Math.floor(i / 10)]}`,
            EXTRA_REGIONS[i % 3],
            addMonths(issuedOn, -8),
          ),
        },
        t.city,
      );
      const app = (
        await ok(g, APPLY, { input: { citizenIdNumber: person, appliedOn: addDays(issuedOn, -5) } }, t.city)
      ).applyForPermit;
      const permit = (await ok(g, ISSUE, { id: app.id, on: issuedOn }, t.city)).issuePermit;
      // endorsed in every window opened by today, but every third one left to lapse after its first year
      for (let k = 1; k <= (i % 3 === 2 ? 1 : 10); k += 1) {
        const w = endorsementWindow(CAL, issuedOn, k);
        const on = addDays(w.from, 2 + (i % 4));
        if (on > TODAY || on > w.to) break;
        await ok(g, ENDORSE, { id: permit.id, on }, t.city);
      }
    }
    for (const [i, [appliedOn, region]] of EXTRA_APPLICATIONS.entries()) {
      const person = idNumber('411302', `1979${String(1 + i).padStart(2, '0')}21`, String(600 + i));
      await ok(
        g,
        REGISTER,
        { input: registration(person, `申请${'甲乙丙丁戊己'[i]}`, region, addMonths(d(appliedOn), -7)) },
        t.city,
      );
      expect(
        (await ok(g, APPLY, { input: { citizenIdNumber: person, appliedOn } }, t.city)).applyForPermit.status,
      ).toBe('ACCEPTED');
    }
    const em = g.gateway.orm.em.fork();
    bundles = await loadBundles(em, { permitIds: (await em.find(Permit, {})).map((p) => p.id) });
    byId = new Map(bundles.map((b) => [b.permit.id, b]));
    expect(bundles.every((b) => b.permit.issueMonthDay === b.permit.issuedOn.slice(5))).toBe(true);
  }, 600_000);
  afterAll(async () => g?.stop());

  describe('endorsementsDue agrees with the definition for many ranges, page by page', () => {
    const seen = { city: 0, districtBelowCity: 0, xinan: 0 };
    const check = async (from: LocalDate, to: LocalDate, first: number) => {
      for (const who of ['city', 'laocheng', 'xinan'] as const) {
        const walked = (await walk(g, DUE, 'endorsementsDue', { from, to }, t[who], first)).map((p) =>
          Number(p.id),
        );
        expect(
          [...walked].sort((a, b) => a - b),
          `${who} ${from}..${to} first ${first}`,
        ).toEqual(dueByDefinition(bundles, from, to, regionOf[who]));
        // the order: by anniversary from `from` on (issue month-day, the year's end wrapped), then id
        const ranges = issueMonthDaysWithAnniversaryIn(
          anniversariesOfWindowsOpenIn(CAL, from, to).from,
          anniversariesOfWindowsOpenIn(CAL, from, to).to,
        );
        const key = (id: number) => {
          const md = byId.get(id)!.permit.issueMonthDay;
          return [ranges.findIndex((r) => r.from <= md && md <= r.to), md, id] as const;
        };
        for (let i = 1; i < walked.length; i += 1) {
          const [a, b] = [key(walked[i - 1]), key(walked[i])];
          expect(
            a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2]))),
            `order ${JSON.stringify(a)} before ${JSON.stringify(b)}`,
          ).toBe(true);
        }
        if (who === 'city') seen.city += walked.length;
        if (who === 'xinan') seen.xinan += walked.length;
      }
      const city = dueByDefinition(bundles, from, to, regionOf.city).length;
      const laocheng = dueByDefinition(bundles, from, to, regionOf.laocheng).length;
      if (laocheng > 0 && laocheng < city) seen.districtBelowCity += 1;
    };

    it.each([
      // from,        to,          first, why
      ['2026-11-28', '2026-12-31', 7, 'the weeks ahead'],
      ['2027-01-29', '2027-03-01', 1, 'Feb 29 issues: A_3 = 2027-02-28 (a Sunday), window to Mon 03-01'],
      ['2027-02-28', '2027-02-28', 2, 'one day: the anniversary of 02-28 and of 02-29 issues'],
      ['2027-03-01', '2027-03-01', 2, 'the day the window rolled on to'],
      ['2028-02-29', '2028-02-29', 3, 'a leap day: 02-29 issues on their own anniversary'],
      ['2026-12-20', '2027-01-10', 4, 'across the turn of the year'],
      ['2026-10-08', '2026-10-08', 1, 'a window rolled over National Day (A = 10-01 → 10-08)'],
      ['2027-07-01', '2027-09-30', 13, "the demo permits' fourth year"],
      ['2026-01-01', '2027-12-31', 50, 'two years: every month-day'],
      ['2026-06-01', '2026-06-01', 1000, 'a page larger than the list'],
    ])('%s..%s, first %i (%s)', async (from, to, first) => {
      await check(d(from), d(to), first);
    });

    it('property: random ranges and page sizes', async () => {
      const day = fc
        .integer({ min: toEpochDay(d('2025-06-01')), max: toEpochDay(d('2028-06-30')) })
        .map(fromEpochDay);
      await fc.assert(
        fc.asyncProperty(
          day,
          fc.integer({ min: 0, max: 120 }),
          fc.integer({ min: 3, max: 40 }),
          async (from, span, first) => {
            await check(from, addDays(from, span), first);
          },
        ),
        { numRuns: 25 },
      );
    }, 600_000);

    it('was not vacuous: items found, the region filter kept some and left some out', () => {
      expect(seen.city).toBeGreaterThan(50);
      expect(seen.xinan).toBeGreaterThan(0);
      expect(seen.districtBelowCity).toBeGreaterThan(0);
    });
  });

  describe('overdueApplications: pages in acceptance order, the region filtered in the register', () => {
    const byDefinition = async (asOf: LocalDate, caller: Region) => {
      const em = g.gateway.orm.em.fork();
      const apps = await em.find(Application, { openSlot: { $ne: null } });
      const issued = new Map((await em.find(Permit, {})).map((p) => [p.applicationId, p.issuedOn]));
      const residences = await em.find(ResidenceRecord, {}, { orderBy: { effectiveOn: 'asc', id: 'asc' } });
      const current = new Map<number, string>();
      for (const r of residences) current.set(r.holderId, r.regionCode);
      return apps
        .filter((a) => a.appliedOn <= asOf && !(issued.has(a.id) && issued.get(a.id)! <= asOf))
        .filter(
          (a) =>
            isOverdue(issueDeadline(CAL, d(a.appliedOn)).date, asOf) &&
            covers(caller, resolveRegionCode(current.get(a.holderId)!)!),
        )
        .sort((x, y) => (x.appliedOn < y.appliedOn ? -1 : x.appliedOn > y.appliedOn ? 1 : x.id - y.id))
        .map((a) => ({
          id: String(a.id),
          appliedOn: a.appliedOn,
          issueDeadline: issueDeadline(CAL, d(a.appliedOn)).date,
          deadlineProvisional: false,
        }));
    };

    it.each([
      // asOf,        first
      ['2026-11-28', 1],
      ['2026-11-28', 4],
      ['2026-11-28', 1000],
      ['2026-10-31', 2],
      ['2026-12-31', 3],
      ['2027-01-15', 5],
    ])(
      'on %s, %i at a time: every overdue application once, as the definition lists them',
      async (asOf, first) => {
        for (const who of ['city', 'laocheng', 'agency', 'xinan'] as const) {
          const walked = await walk(g, OVERDUE, 'overdueApplications', { asOf }, t[who], first);
          const expected = await byDefinition(d(asOf), regionOf[who]);
          expect(walked.map((a) => ({ ...a, deadlineProvisional: false }))).toEqual(expected);
          // a deadline in 2026 is final; one resting on December 2026 or on 2027 waits for the 2027 notice
          for (const a of walked)
            expect(a.deadlineProvisional).toBe(issueDeadline(CAL, d(a.appliedOn)).provisional);
        }
        const city = await byDefinition(d(asOf), regionOf.city);
        const laocheng = await byDefinition(d(asOf), regionOf.laocheng);
        if (asOf === '2026-11-28') {
          expect(city.length).toBeGreaterThan(15); // the demo set's overdue applications and the extra ones
          expect(laocheng.length).toBeGreaterThan(0);
          expect(laocheng.length).toBeLessThan(city.length);
        }
      },
    );

    it('an application is overdue from the day after its deadline, not on it', async () => {
      const deadline = issueDeadline(CAL, d('2026-10-20')).date; // 2026-11-10
      const ids = async (asOf: string) =>
        (await ok(g, OVERDUE, { asOf, first: 1000 }, t.city)).overdueApplications.map(
          (a: any) => a.appliedOn,
        );
      expect(await ids(deadline)).not.toContain('2026-10-20');
      expect(await ids(addDays(deadline, 1))).toContain('2026-10-20');
    });
  });

  describe('bad paging arguments are BAD_USER_INPUT, naming the argument', () => {
    it.each([
      ['first 0', { first: 0 }, 'first'],
      ['first 1001', { first: 1001 }, 'first'],
      ['first -3', { first: -3 }, 'first'],
      ['after not an id', { after: 'abc' }, 'after'],
      ['after negative', { after: '-1' }, 'after'],
      ['after too long', { after: '12345678901' }, 'after'],
    ])('%s', async (_case, vars, field) => {
      for (const [query, extra] of [
        [DUE, { from: '2026-11-01', to: '2026-12-31' }],
        [OVERDUE, {}],
      ] as const) {
        const e = await fails(g, query, { ...extra, ...vars }, t.city);
        expect(e.extensions?.code).toBe('BAD_USER_INPUT');
        expect(e.extensions?.field).toBe(field);
      }
    });

    it('overdueApplications: an after that names no application', async () => {
      const e = await fails(g, OVERDUE, { after: '2000000000' }, t.city);
      expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });

    it("endorsementsDue: an after that names no permit of this list (another range's)", async () => {
      const outside = bundles.find(
        (b) => b.permit.issueMonthDay >= '07-01' && b.permit.issueMonthDay <= '08-31',
      )!;
      const e = await fails(
        g,
        DUE,
        { from: '2026-11-28', to: '2026-12-31', after: String(outside.permit.id) },
        t.city,
      );
      expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      const missing = await fails(
        g,
        DUE,
        { from: '2026-11-28', to: '2026-12-31', after: '2000000000' },
        t.city,
      );
      expect(missing.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });

    it('first that is not an integer is refused by the schema (BAD_USER_INPUT)', async () => {
      const r = await call(
        g,
        `{ endorsementsDue(from: "2026-11-01", to: "2026-12-31", first: 1.5) { id } }`,
        {},
        t.city,
      );
      expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  it('each page read is audited as before', async () => {
    const auditor = await g.token(CALLERS.auditor);
    const count = async () =>
      (await ok(g, `{ verifyAuditChain { entries } }`, {}, auditor)).verifyAuditChain.entries as number;
    const before = await count();
    const pages = await walk(g, DUE, 'endorsementsDue', { from: '2026-11-28', to: '2027-03-31' }, t.city, 5);
    const after = await count();
    expect(after - before).toBe(Math.floor(pages.length / 5) + 1);
  });
});
