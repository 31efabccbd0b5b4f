/**
 * Every root field of the emitted schema, tried by every role and without a token, against an
 * explicit table of who is allowed (SPEC "Who may call what"). A field the table does not list
 * fails the test, so a new field cannot ship without a decision about who may call it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isObjectType } from 'graphql';
import { buildBareSchema } from '../../src/graphql/schema';
import { CALLERS, databases, startGateway, type TestGateway } from '../support/gateway';
import { idNumber } from '../support/people';

const DBS = await databases();
type Who = 'NONE' | 'PUBLIC_SECURITY' | 'DELEGATED_AGENCY' | 'DEPARTMENT' | 'AUDITOR' | 'ADMIN';
const ALL: Who[] = ['PUBLIC_SECURITY', 'DELEGATED_AGENCY', 'DEPARTMENT', 'AUDITOR', 'ADMIN'];
const PS_AGENCY: Who[] = ['PUBLIC_SECURITY', 'DELEGATED_AGENCY'];
const ID = idNumber('411302', '1990-01-01', 777);

/** field → [operation text, roles allowed] */
const TABLE: Record<string, [string, Who[]]> = {
  entitlements: ['{ entitlements { code } }', ALL],
  regions: ['{ regions { code } }', ALL],
  verifyEligibility: [`{ verifyEligibility(query: { citizenIdNumber: "${ID}", holderName: "某某", entitlement: "PUBLIC_RENTAL_HOUSING" }) { eligible } }`, ['DEPARTMENT', ...PS_AGENCY]],
  verifyEligibilityBatch: [`{ verifyEligibilityBatch(queries: [{ citizenIdNumber: "${ID}", holderName: "某某", entitlement: "PUBLIC_RENTAL_HOUSING" }]) { eligible } }`, ['DEPARTMENT', ...PS_AGENCY]],
  permitStatus: [`{ permitStatus(citizenIdNumber: "${ID}", holderName: "某某") { status } }`, ['DEPARTMENT', ...PS_AGENCY]],
  permitHolder: [`{ permitHolder(citizenIdNumber: "${ID}") { name } }`, PS_AGENCY],
  overdueApplications: ['{ overdueApplications { id } }', PS_AGENCY],
  endorsementsDue: ['{ endorsementsDue(from: "2026-11-01", to: "2026-11-30") { id } }', PS_AGENCY],
  affectedDecisions: ['{ affectedDecisions(permitId: "1") { decisionId } }', ['PUBLIC_SECURITY', 'DEPARTMENT']],
  auditLog: ['{ auditLog { sequence } }', ['AUDITOR']],
  verifyAuditChain: ['{ verifyAuditChain { intact } }', ['AUDITOR']],
  registerResidence: [`mutation { registerResidence(input: { citizenIdNumber: "${ID}", name: "某某", hukouRegionCode: "411302", hukouAddress: "x", residenceRegionCode: "410302", residenceAddress: "x", basis: [STABLE_EMPLOYMENT], proofKind: "x", proofReference: "x", portraitCaptured: false }) { id } }`, PS_AGENCY],
  applyForPermit: [`mutation { applyForPermit(input: { citizenIdNumber: "${ID}" }) { id } }`, PS_AGENCY],
  issuePermit: ['mutation { issuePermit(applicationId: "999999") { id } }', PS_AGENCY],
  endorsePermit: ['mutation { endorsePermit(permitId: "999999") { id } }', PS_AGENCY],
  changeResidence: ['mutation { changeResidence(input: { permitId: "999999", residenceRegionCode: "410302", residenceAddress: "x" }) { id } }', PS_AGENCY],
  reportPermitLoss: ['mutation { reportPermitLoss(permitId: "999999", kind: LOST) { id } }', PS_AGENCY],
  issueReplacement: ['mutation { issueReplacement(requestId: "999999") { id } }', PS_AGENCY],
  addDependent: [`mutation { addDependent(input: { holderCitizenIdNumber: "${ID}", citizenIdNumber: "${idNumber('411302', '2015-01-01', 778)}", name: "某某" }) { name } }`, PS_AGENCY],
  recordViolation: [`mutation { recordViolation(input: { citizenIdNumber: "${ID}", article: 20, clause: 9, warning: true, fineYuan: 0, illegalGainsYuan: 0 }) { id } }`, ['PUBLIC_SECURITY']],
  confiscatePermit: ['mutation { confiscatePermit(permitId: "999999", reason: "x") { id } }', ['PUBLIC_SECURITY']],
  defineLocalEntitlement: ['mutation { defineLocalEntitlement(input: { code: "1BAD", kind: PUBLIC_SERVICE, nameZh: "x", nameEn: "x", department: HEALTH, regionCode: "410300", effectiveFrom: "2027-01-01" }) { code } }', ['ADMIN']],
};

const CLAIMS = {
  PUBLIC_SECURITY: CALLERS.psCity,
  DELEGATED_AGENCY: { ...CALLERS.agencyLaocheng, region: '410300' },
  DEPARTMENT: CALLERS.housing,
  AUDITOR: CALLERS.auditor,
  ADMIN: CALLERS.adminCity,
} as const;

describe('the table covers the schema', () => {
  it('lists every root field and no other', async () => {
    const schema = await buildBareSchema();
    const fields = [schema.getQueryType(), schema.getMutationType()].flatMap((t) => (t && isObjectType(t) ? Object.keys(t.getFields()) : []));
    expect(fields.sort()).toEqual(Object.keys(TABLE).sort());
  });
});

describe.each(DBS)('authorization matrix on %s', (db) => {
  let g: TestGateway;
  const tokens: Partial<Record<Who, string>> = {};
  beforeAll(async () => {
    g = await startGateway(db);
    for (const w of ALL) tokens[w] = await g.token(CLAIMS[w as keyof typeof CLAIMS]);
  });
  afterAll(async () => { await g?.stop(); });

  const cases = Object.entries(TABLE).flatMap(([field, [op, allowed]]) =>
    (['NONE', ...ALL] as Who[]).map((who) => [field, who, op, allowed.includes(who)] as const));

  it.each(cases)('%s by %s', async (field, who, op, allowed) => {
    const r = await g.gql(op, {}, who === 'NONE' ? undefined : tokens[who]);
    expect(r.status).toBeLessThan(500);
    const code = r.body.errors?.[0]?.extensions?.code;
    if (who === 'NONE') expect(code).toBe('UNAUTHENTICATED');
    else if (allowed) expect(['FORBIDDEN', 'UNAUTHENTICATED']).not.toContain(code);
    else expect(code, `${field} by ${who}`).toBe('FORBIDDEN');
  });

  it('a department outside its scope is FORBIDDEN; a wrong-region office is FORBIDDEN on personal data', async () => {
    const school = await g.token(CALLERS.school);
    const r1 = await g.gql(TABLE.verifyEligibility![0], {}, school);
    expect(r1.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ps = await g.token(CALLERS.psCity);
    await g.gql(`mutation { registerResidence(input: { citizenIdNumber: "${ID}", name: "某某", hukouRegionCode: "411302", hukouAddress: "x", residenceRegionCode: "410323", residenceAddress: "x", basis: [STABLE_EMPLOYMENT], proofKind: "x", proofReference: "x", portraitCaptured: true, registeredOn: "2026-01-01" }) { id } }`, {}, ps);
    const laocheng = await g.token(CALLERS.psLaocheng);
    const r2 = await g.gql(TABLE.permitHolder![0], {}, laocheng);
    expect(r2.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const r3 = await g.gql(TABLE.permitHolder![0], {}, await g.token(CALLERS.psXinan));
    expect(r3.body.data?.permitHolder?.name).toBe('某某');
  });
});
