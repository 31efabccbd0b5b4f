/**
 * Migration 20261202000100 (issue 8, "Storage that fits the data") on SQLite and PostgreSQL: a
 * register whose application reasons and decision bodies are JSON, as every earlier version wrote
 * them, migrates forward when the gateway starts; the rows become compact (codes, variants and
 * data), in chunks of CHUNK_ROWS; and the gateway answers exactly the same reasons — messages,
 * citations with their text, permit summaries, even the receipts — as it did before. A reason in an
 * earlier wording is kept whole inside the compact row; a row the compact form would not give back
 * exactly (a field it does not know) is left as JSON; both read as before. The audit chain, which
 * never hashes reasons, still verifies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TokenClaims } from '../../src/app/auth';
import { CHUNK_ROWS } from '../../src/db/migrations/compact-reasons';
import { loadDecision, loadReasons } from '../../src/db/reasons';
import { CALLERS, databases, restartGateway, startGateway, type TestGateway } from '../support/gateway';
import { CONFISCATE, ISSUE, REGISTER, VERIFY_CHAIN, idNumber, ok, registration } from '../e2e/helpers';

const DBS = await databases();
const HOUSING_XINAN = {
  sub: 'test:housing-xinan',
  role: 'DEPARTMENT',
  region: '410323',
  department: 'HOUSING_AND_URBAN_RURAL_DEVELOPMENT',
  scope: 'PUBLIC_RENTAL_HOUSING',
} as const satisfies TokenClaims;
const A = { id: idNumber('411302', '1985-05-05', '801'), name: '迁移甲' };
const B = { id: idNumber('411302', '1986-06-06', '802'), name: '迁移乙' };
const C = { id: idNumber('411302', '1987-07-07', '803'), name: '迁移丙' };

const FULL = `decisionId eligible entitlementCode asOf rulesVersion receipt
  permit { maskedCitizenIdNumber status issuedOn validThrough endorsementWindow { from to provisional } region { code nameZh kind } }
  reasons { code passed citation { article paragraph clause textZh } messageZh messageEn }`;
const REASONS = 'reasons { code passed citation { article paragraph clause textZh } messageZh messageEn }';
const MIGRATION = 'Migration20261202000100_compact_reasons';
/** copies of a decision under an office no list below reads: more rows than one chunk */
const COPIES = 2 * CHUNK_ROWS + 100;

type Row = Record<string, any>;
const bool = (v: unknown) => v === true || v === 1;
const decisionColumns = (r: Row) => ({
  decisionId: String(r.decision_id),
  eligible: bool(r.eligible),
  entitlementCode: String(r.entitlement_code),
  asOf: String(r.as_of),
  createdAt: String(r.created_at),
  department: r.department == null ? null : String(r.department),
  body: String(r.body),
});

describe.each(DBS)('reasons stored compactly: an existing register migrates forward on %s', (db) => {
  it('rewrites JSON reasons and bodies in chunks, and the gateway answers the same reasons as before', async () => {
    // the development receipt key stays in one data folder across the restart: the same receipts
    const dataDir = mkdtempSync(join(tmpdir(), 'gw-reasons-'));
    let g: TestGateway = await startGateway(db, { dataDir });
    try {
      const t: Record<string, string> = {};
      for (const [k, c] of Object.entries({ ...CALLERS, housingXinan: HOUSING_XINAN }))
        t[k] = await g.token(c);
      // A: issued in 老城区; B: refused (under six months, the messages carry both days); C: accepted, never issued
      for (const [p, region, on] of [
        [A, '410302', '2025-01-02'],
        [B, '410302', '2026-10-01'],
        [C, '410323', '2025-01-02'],
      ] as const)
        await ok(g, REGISTER, { input: registration(p.id, p.name, region, on) }, t.psCity);
      const applyFull = `mutation($input: ApplyForPermitInput!) { applyForPermit(input: $input) { id status ${REASONS} } }`;
      const appA = (
        await ok(g, applyFull, { input: { citizenIdNumber: A.id, appliedOn: '2025-08-01' } }, t.psCity)
      ).applyForPermit;
      const appB = (
        await ok(g, applyFull, { input: { citizenIdNumber: B.id, appliedOn: '2026-11-01' } }, t.psCity)
      ).applyForPermit;
      const appC = (
        await ok(g, applyFull, { input: { citizenIdNumber: C.id, appliedOn: '2025-08-01' } }, t.psCity)
      ).applyForPermit;
      expect([appA.status, appB.status, appC.status]).toEqual(['ACCEPTED', 'REFUSED', 'ACCEPTED']);
      const permitA = (await ok(g, ISSUE, { id: appA.id, on: '2025-08-05' }, t.psCity)).issuePermit.id;

      // every kind of reason: eligible, wrong name, before the law, a permit not yet issued and one
      // lapsed on the day asked, outside the office's region, no child named
      const verify = `query($qs: [EligibilityQuery!]!) { verifyEligibilityBatch(queries: $qs) { ${FULL} } }`;
      const q = (who: typeof A, extra: Record<string, unknown> = {}) => ({
        citizenIdNumber: who.id,
        holderName: who.name,
        entitlement: 'PUBLIC_RENTAL_HOUSING',
        asOf: '2026-01-15',
        ...extra,
      });
      const answered = [
        ...(
          await ok(
            g,
            verify,
            {
              qs: [
                q(A),
                q(A, { holderName: '别人' }),
                q(A, { asOf: '2015-01-01' }),
                q(A, { asOf: '2025-08-04' }),
                q(A, { asOf: '2026-11-28' }),
                q(C),
              ],
            },
            t.housing,
          )
        ).verifyEligibilityBatch,
        ...(await ok(g, verify, { qs: [q(A)] }, t.housingXinan)).verifyEligibilityBatch,
        ...(await ok(g, verify, { qs: [q(A, { entitlement: 'CHILD_EDUCATION_AND_ZHONGKAO' })] }, t.school))
          .verifyEligibilityBatch,
      ];
      // Art. 21 para 2: after confiscation the positive decisions are listed for review
      await ok(g, CONFISCATE, { id: permitA, reason: '骗领', on: '2026-06-01' }, t.psCity);
      answered.push(
        ...(await ok(g, verify, { qs: [q(A, { asOf: '2026-11-28' })] }, t.housing)).verifyEligibilityBatch,
      );
      const codes = new Set(answered.flatMap((d: any) => d.reasons.map((r: any) => `${r.code}:${r.passed}`)));
      for (const c of [
        'PERMIT_VALID:true',
        'PERMIT_VALID:false',
        'PERMIT_FOUND:false',
        'IN_REGION:false',
        'LAW_IN_FORCE:false',
        'DEPENDENT_CHILD:false',
      ])
        expect(codes).toContain(c);

      /** What the gateway answers from the stored rows. */
      const reads = async () => {
        const made = async (token: string) =>
          (await ok(g, `{ decisionsMade { ${FULL} } }`, {}, token)).decisionsMade;
        return {
          housing: await made(t.housing),
          housingXinan: await made(t.housingXinan),
          school: await made(t.school),
          affected: (
            await ok(
              g,
              `query($p: ID!) { affectedDecisions(permitId: $p) { ${FULL} } }`,
              { p: permitA },
              t.psCity,
            )
          ).affectedDecisions,
          overdue: (
            await ok(
              g,
              `{ overdueApplications(asOf: "2026-11-28") { id appliedOn ${REASONS} } }`,
              {},
              t.psCity,
            )
          ).overdueApplications,
        };
      };
      const fresh = await reads();
      expect([fresh.housing, fresh.housingXinan, fresh.school, fresh.affected].map((l) => l.length)).toEqual([
        7, 1, 1, 1,
      ]);
      // the stored decisions read back as they were answered
      const byId = new Map(answered.map((d: any) => [d.decisionId, d]));
      for (const d of [...fresh.housing, ...fresh.housingXinan, ...fresh.school])
        expect(d).toEqual(byId.get(d.decisionId));
      expect(fresh.overdue).toEqual([{ id: appC.id, appliedOn: '2025-08-01', reasons: appC.reasons }]);

      // the register as every version before wrote it: JSON of the Reason objects and of the decision
      const conn = () => g.gateway.orm.em.fork().getConnection();
      const apps = (await conn().execute('select id, reasons from permit_application order by id')) as Row[];
      const refusedReasons = loadReasons(String(apps.find((a) => String(a.id) === appB.id)!.reasons));
      expect(refusedReasons.map((r) => [r.code, r.passed, r.messageEn])).toEqual(
        appB.reasons.map((r: any) => [r.code, r.passed, r.messageEn]),
      );
      for (const a of apps)
        await conn().execute('update permit_application set reasons = ? where id = ?', [
          JSON.stringify(loadReasons(String(a.reasons))),
          a.id,
        ]);
      const decisions = (await conn().execute(
        'select * from eligibility_decision order by decision_id',
      )) as Row[];
      for (const d of decisions)
        await conn().execute('update eligibility_decision set body = ? where decision_id = ?', [
          JSON.stringify(loadDecision(decisionColumns(d))),
          d.decision_id,
        ]);
      // more rows than one chunk, and one row in an earlier wording the registry does not reproduce
      // (copies of a negative decision with a permit: no list read here shows them)
      const [model] = (await conn().execute('select * from eligibility_decision where decision_id = ?', [
        fresh.housing.find((d: any) => !d.eligible && d.permit !== null).decisionId,
      ])) as Row[];
      const copies = Array.from({ length: COPIES }, (_, i) => `copy-${String(i).padStart(5, '0')}`);
      for (let i = 0; i < copies.length; i += 100) {
        const chunk = copies.slice(i, i + 100);
        await conn().execute(
          `insert into eligibility_decision (decision_id, entitlement_code, as_of, permit_id, eligible, body, actor, role, department, actor_region_code, created_at, holder_id, by_share_code)
           values ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
          chunk.flatMap((id) => {
            const old = { ...JSON.parse(String(model.body)), decisionId: id, department: 'CIVIL_AFFAIRS' };
            return [
              id,
              model.entitlement_code,
              model.as_of,
              model.permit_id,
              model.eligible,
              JSON.stringify(old),
              'test:copy',
              'DEPARTMENT',
              'CIVIL_AFFAIRS',
              '410300',
              model.created_at,
              model.holder_id,
              model.by_share_code,
            ];
          }),
        );
      }
      const earlier = JSON.parse(String(model.body));
      earlier.decisionId = 'kept-earlier-wording';
      earlier.department = 'CIVIL_AFFAIRS';
      earlier.reasons[1] = { ...earlier.reasons[1], messageEn: 'A permit matches (an earlier wording)' };
      await conn().execute(
        `insert into eligibility_decision (decision_id, entitlement_code, as_of, permit_id, eligible, body, actor, role, department, actor_region_code, created_at, holder_id, by_share_code)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          'kept-earlier-wording',
          model.entitlement_code,
          model.as_of,
          model.permit_id,
          model.eligible,
          JSON.stringify(earlier),
          'test:copy',
          'DEPARTMENT',
          'CIVIL_AFFAIRS',
          '410300',
          model.created_at,
          model.holder_id,
          model.by_share_code,
        ],
      );
      // a body with a field the compact form does not hold stays JSON
      const unknownField = {
        ...earlier,
        decisionId: 'kept-as-json',
        reasons: loadDecision(decisionColumns(model)).reasons,
        note: 'x',
      };
      await conn().execute(
        `insert into eligibility_decision (decision_id, entitlement_code, as_of, permit_id, eligible, body, actor, role, department, actor_region_code, created_at, holder_id, by_share_code)
         select ?, entitlement_code, as_of, permit_id, eligible, ?, actor, role, department, actor_region_code, created_at, holder_id, by_share_code
         from eligibility_decision where decision_id = ?`,
        ['kept-as-json', JSON.stringify(unknownField), 'kept-earlier-wording'],
      );
      const earlierApp = JSON.stringify([
        { ...loadReasons(String(apps[0].reasons))[0], messageZh: '本办法已经施行（旧措辞）' },
      ]);
      await conn().execute(
        `insert into permit_application (holder_id, applied_on, accepted, reasons, open_slot, office_region_code, actor, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          999,
          '2025-01-01',
          db === 'sqlite' ? 0 : false,
          earlierApp,
          null,
          '410302',
          'test:old',
          '2025-01-01T00:00:00.000Z',
        ],
      );
      await conn().execute('delete from mikro_orm_migrations where name = ?', [MIGRATION]);
      const size = async () => {
        const [r] = (await conn().execute(
          `select (select sum(length(body)) from eligibility_decision) as d, (select sum(length(reasons)) from permit_application) as a`,
        )) as Row[];
        return { decisions: Number(r.d), applications: Number(r.a) };
      };
      const before = await size();
      // the gateway (this version) reads the JSON rows as it always did
      expect(await reads()).toEqual(fresh);

      g = await restartGateway(g, { dataDir }); // migrates
      const [m] = (await conn().execute('select count(*) as n from mikro_orm_migrations where name = ?', [
        MIGRATION,
      ])) as Row[];
      expect(Number(m.n)).toBe(1);
      expect(await reads()).toEqual(fresh);
      // every row compact but the one with a field the compact form does not hold
      const left = (await conn().execute(
        `select decision_id from eligibility_decision where body like '{%' order by decision_id`,
      )) as Row[];
      expect(left.map((r) => r.decision_id)).toEqual(['kept-as-json']);
      expect(
        (await conn().execute(`select count(*) as n from permit_application where reasons like '[{%'`))[0].n,
      ).toEqual(db === 'sqlite' ? 0 : '0');
      // the reason in an earlier wording is kept whole in its compact row (the others by code)
      const [earlierRow] = (await conn().execute(
        `select reasons from permit_application where holder_id = 999`,
      )) as Row[];
      expect(String(earlierRow.reasons)).toMatch(/^\[\[/);
      expect(String(earlierRow.reasons)).toContain('旧措辞');
      expect(loadReasons(String(earlierRow.reasons))).toEqual(JSON.parse(earlierApp));
      const all = (await conn().execute('select * from eligibility_decision order by decision_id')) as Row[];
      expect(all).toHaveLength(decisions.length + COPIES + 2);
      const modelDecision = loadDecision(decisionColumns(model));
      for (const r of all) {
        const d = loadDecision(decisionColumns(r));
        if (String(r.decision_id).startsWith('copy-'))
          expect(d).toEqual({ ...modelDecision, decisionId: r.decision_id, department: 'CIVIL_AFFAIRS' });
        if (r.decision_id === 'kept-earlier-wording') {
          expect(String(r.body)).toContain('an earlier wording');
          expect(d).toEqual(earlier);
        }
        if (r.decision_id === 'kept-as-json') expect(d).toEqual(unknownField);
      }
      const after = await size();
      expect(after.decisions).toBeLessThan(before.decisions / 4);
      expect(after.applications).toBeLessThan(before.applications / 2);
      // the refused application's reasons, with both days in its messages, as the rules built them
      const [refused] = (await conn().execute('select reasons from permit_application where id = ?', [
        Number(appB.id),
      ])) as Row[];
      expect(String(refused.reasons)).not.toContain('六个月');
      expect(loadReasons(String(refused.reasons))).toEqual(refusedReasons);
      const chain = (await ok(g, VERIFY_CHAIN, {}, t.auditor)).verifyAuditChain;
      expect(chain.intact).toBe(true);
    } finally {
      await g.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
