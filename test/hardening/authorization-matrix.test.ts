/**
 * Every root field of the emitted schema, tried by every role and without a token, against an
 * explicit table of who is allowed (SPEC "Who may call what"). A field the table does not list
 * fails the test, so a new field cannot ship without a decision about who may call it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isObjectType } from 'graphql';
import { buildBareSchema } from '../../src/graphql/schema';
import type { TokenClaims } from '../../src/app/auth';
import { CALLERS, databases, startGateway, type TestGateway } from '../support/gateway';
import { idNumber } from '../support/people';

const DBS = await databases();
type Who = 'NONE' | 'PUBLIC_SECURITY' | 'DELEGATED_AGENCY' | 'DEPARTMENT' | 'AUDITOR' | 'ADMIN' | 'HOLDER';
const ALL: Who[] = ['PUBLIC_SECURITY', 'DELEGATED_AGENCY', 'DEPARTMENT', 'AUDITOR', 'ADMIN', 'HOLDER'];
const PS_AGENCY: Who[] = ['PUBLIC_SECURITY', 'DELEGATED_AGENCY'];
const ID = idNumber('411302', '1990-01-01', 777);

/** field → [operation text, roles allowed] */
const TABLE: Record<string, [string, Who[]]> = {
  entitlements: ['{ entitlements { code } }', ALL],
  regions: ['{ regions { code } }', ALL],
  verifyEligibility: [
    `{ verifyEligibility(query: { citizenIdNumber: "${ID}", holderName: "某某", entitlement: "PUBLIC_RENTAL_HOUSING" }) { eligible } }`,
    ['DEPARTMENT', ...PS_AGENCY],
  ],
  verifyEligibilityBatch: [
    `{ verifyEligibilityBatch(queries: [{ citizenIdNumber: "${ID}", holderName: "某某", entitlement: "PUBLIC_RENTAL_HOUSING" }]) { eligible } }`,
    ['DEPARTMENT', ...PS_AGENCY],
  ],
  permitStatus: [
    `{ permitStatus(citizenIdNumber: "${ID}", holderName: "某某") { status } }`,
    ['DEPARTMENT', ...PS_AGENCY],
  ],
  permitHolder: [`{ permitHolder(citizenIdNumber: "${ID}") { name } }`, PS_AGENCY],
  overdueApplications: ['{ overdueApplications { id } }', PS_AGENCY],
  openApplications: ['{ openApplications { id overdue } }', PS_AGENCY],
  searchHolders: ['{ searchHolders(name: "某某") { id } }', ['PUBLIC_SECURITY']],
  endorsementsDue: ['{ endorsementsDue(from: "2026-11-01", to: "2026-11-30") { id } }', PS_AGENCY],
  affectedDecisions: [
    '{ affectedDecisions(permitId: "1") { decisionId } }',
    ['PUBLIC_SECURITY', 'DEPARTMENT'],
  ],
  auditLog: ['{ auditLog { sequence } }', ['AUDITOR']],
  verifyAuditChain: ['{ verifyAuditChain { intact } }', ['AUDITOR']],
  verifyReceipt: ['{ verifyReceipt(receipt: "not.a.receipt") { valid } }', ALL],
  decisionsMade: ['{ decisionsMade { decisionId } }', ['DEPARTMENT', ...PS_AGENCY]],
  decisionsToReview: ['{ decisionsToReview { decisionId } }', ['DEPARTMENT']],
  registerResidence: [
    `mutation { registerResidence(input: { citizenIdNumber: "${ID}", name: "某某", hukouRegionCode: "411302", hukouAddress: "x", residenceRegionCode: "410302", residenceAddress: "x", basis: [STABLE_EMPLOYMENT], proofKind: "x", proofReference: "x", portraitCaptured: false }) { id } }`,
    PS_AGENCY,
  ],
  applyForPermit: [`mutation { applyForPermit(input: { citizenIdNumber: "${ID}" }) { id } }`, PS_AGENCY],
  issuePermit: ['mutation { issuePermit(applicationId: "999999") { id } }', PS_AGENCY],
  endorsePermit: ['mutation { endorsePermit(permitId: "999999") { id } }', PS_AGENCY],
  changeResidence: [
    'mutation { changeResidence(input: { permitId: "999999", residenceRegionCode: "410302", residenceAddress: "x" }) { id } }',
    PS_AGENCY,
  ],
  reportPermitLoss: ['mutation { reportPermitLoss(permitId: "999999", kind: LOST) { id } }', PS_AGENCY],
  issueReplacement: ['mutation { issueReplacement(requestId: "999999") { id } }', PS_AGENCY],
  addDependent: [
    `mutation { addDependent(input: { holderCitizenIdNumber: "${ID}", citizenIdNumber: "${idNumber('411302', '2015-01-01', 778)}", name: "某某" }) { name } }`,
    PS_AGENCY,
  ],
  recordViolation: [
    `mutation { recordViolation(input: { citizenIdNumber: "${ID}", article: 20, clause: 9, warning: true, fineYuan: 0, illegalGainsYuan: 0 }) { id } }`,
    ['PUBLIC_SECURITY'],
  ],
  confiscatePermit: [
    'mutation { confiscatePermit(permitId: "999999", reason: "x") { id } }',
    ['PUBLIC_SECURITY'],
  ],
  defineLocalEntitlement: [
    'mutation { defineLocalEntitlement(input: { code: "1BAD", kind: PUBLIC_SERVICE, nameZh: "x", nameEn: "x", department: HEALTH, regionCode: "410300", effectiveFrom: "2027-01-01" }) { code } }',
    ['ADMIN'],
  ],
  localEntitlements: ['{ localEntitlements { code } }', ['ADMIN']],
  endLocalEntitlement: [
    'mutation { endLocalEntitlement(code: "NO_SUCH_ITEM", effectiveUntil: "2027-01-01") { code } }',
    ['ADMIN'],
  ],
  me: ['{ me { name } }', ['HOLDER']],
  myVerifications: ['{ myVerifications { decisionId } }', ['HOLDER']],
  myShareCodes: ['{ myShareCodes { id } }', ['HOLDER']],
  verifyEligibilityByShareCode: [
    '{ verifyEligibilityByShareCode(code: "ABCD2345", entitlement: "PUBLIC_RENTAL_HOUSING") { eligible } }',
    ['DEPARTMENT', ...PS_AGENCY],
  ],
  createShareCode: ['mutation { createShareCode { id } }', ['HOLDER']],
  revokeShareCode: ['mutation { revokeShareCode(id: "999999") }', ['HOLDER']],
};

const CLAIMS = {
  PUBLIC_SECURITY: CALLERS.psCity,
  DELEGATED_AGENCY: { ...CALLERS.agencyLaocheng, region: '410300' },
  DEPARTMENT: CALLERS.housing,
  AUDITOR: CALLERS.auditor,
  ADMIN: CALLERS.adminCity,
  // a holder's token carries no region (a region claim would be ignored)
  HOLDER: { sub: 'test:holder', role: 'HOLDER', citizenIdNumber: idNumber('411302', '1991-02-02', 790) },
} as const;

describe('the table covers the schema', () => {
  it('lists every root field and no other', async () => {
    const schema = await buildBareSchema();
    const fields = [schema.getQueryType(), schema.getMutationType()].flatMap((t) =>
      t && isObjectType(t) ? Object.keys(t.getFields()) : [],
    );
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
  afterAll(async () => {
    await g?.stop();
  });

  const cases = Object.entries(TABLE).flatMap(([field, [op, allowed]]) =>
    (['NONE', ...ALL] as Who[]).map((who) => [field, who, op, allowed.includes(who)] as const),
  );

  it.each(cases)('%s by %s', async (field, who, op, allowed) => {
    const r = await g.gql(op, {}, who === 'NONE' ? undefined : tokens[who]);
    expect(r.status).toBeLessThan(500);
    const code = r.body.errors?.[0]?.extensions?.code;
    if (who === 'NONE') expect(code).toBe('UNAUTHENTICATED');
    else if (allowed) expect(['FORBIDDEN', 'UNAUTHENTICATED']).not.toContain(code);
    else expect(code, `${field} by ${who}`).toBe('FORBIDDEN');
  });

  it('a HOLDER token that carries a region claim covers no region: every field not its own stays FORBIDDEN', async () => {
    const withRegion = await g.token({ ...CLAIMS.HOLDER, region: '410300' });
    for (const [field, [op, allowed]] of Object.entries(TABLE)) {
      if (allowed.includes('HOLDER')) continue;
      const r = await g.gql(op, {}, withRegion);
      expect(r.body.errors?.[0]?.extensions?.code, field).toBe('FORBIDDEN');
    }
  });

  it('a department outside its scope is FORBIDDEN; a wrong-region office is FORBIDDEN on personal data', async () => {
    const school = await g.token(CALLERS.school);
    const r1 = await g.gql(TABLE.verifyEligibility[0], {}, school);
    expect(r1.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ps = await g.token(CALLERS.psCity);
    await g.gql(
      `mutation { registerResidence(input: { citizenIdNumber: "${ID}", name: "某某", hukouRegionCode: "411302", hukouAddress: "x", residenceRegionCode: "410323", residenceAddress: "x", basis: [STABLE_EMPLOYMENT], proofKind: "x", proofReference: "x", portraitCaptured: true, registeredOn: "2026-01-01" }) { id } }`,
      {},
      ps,
    );
    const laocheng = await g.token(CALLERS.psLaocheng);
    const r2 = await g.gql(TABLE.permitHolder[0], {}, laocheng);
    expect(r2.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const r3 = await g.gql(TABLE.permitHolder[0], {}, await g.token(CALLERS.psXinan));
    expect(r3.body.data?.permitHolder?.name).toBe('某某');
  });
});

/**
 * The same root fields with the right role but the wrong region (I-5) or the wrong scope: each is
 * FORBIDDEN, or — for lists — leaves the other region's records out. A field that is bound to
 * neither says why; the table must name every root field.
 */
type Wrong = { op: string; as: TokenClaims; expect: 'FORBIDDEN' | 'LEFT_OUT' } | { none: string };
const XINAN_ID = idNumber('411302', '1984-04-04', 779);
const OTHER_ID = idNumber('411302', '1985-05-05', 780);
const REVIEW_ID = idNumber('411302', '1986-06-06', 782);
const HOUSING_XINAN = {
  sub: 'test:housing-xinan',
  role: 'DEPARTMENT',
  region: '410323',
  department: 'HOUSING_AND_URBAN_RURAL_DEVELOPMENT',
  scope: 'PUBLIC_RENTAL_HOUSING',
} as const satisfies TokenClaims;
const WRONG: Record<string, Wrong> = {
  entitlements: { none: 'the catalogue is public to every authenticated caller' },
  regions: { none: 'public to every authenticated caller' },
  verifyEligibility: {
    op: `{ verifyEligibility(query: { citizenIdNumber: "${XINAN_ID}", holderName: "某某", entitlement: "PUBLIC_RENTAL_HOUSING" }) { eligible } }`,
    as: CALLERS.school,
    expect: 'FORBIDDEN',
  },
  verifyEligibilityBatch: {
    op: `{ verifyEligibilityBatch(queries: [{ citizenIdNumber: "${XINAN_ID}", holderName: "某某", entitlement: "CHILD_EDUCATION_AND_ZHONGKAO" }, { citizenIdNumber: "${XINAN_ID}", holderName: "某某", entitlement: "PUBLIC_RENTAL_HOUSING" }]) { eligible } }`,
    as: CALLERS.school,
    expect: 'FORBIDDEN',
  },
  permitStatus: {
    none: 'answers a masked summary to any department (SPEC binds no region to it); a department in another region learns IN_REGION from verifyEligibility instead',
  },
  permitHolder: {
    op: `{ permitHolder(citizenIdNumber: "${XINAN_ID}") { name } }`,
    as: CALLERS.psLaocheng,
    expect: 'FORBIDDEN',
  },
  overdueApplications: {
    op: '{ overdueApplications(asOf: "2026-11-28") { id holder { citizenIdNumber } } }',
    as: CALLERS.psLaocheng,
    expect: 'LEFT_OUT',
  },
  openApplications: {
    op: '{ openApplications(asOf: "2026-11-28") { id holder { citizenIdNumber } } }',
    as: CALLERS.psLaocheng,
    expect: 'LEFT_OUT',
  },
  searchHolders: {
    op: '{ searchHolders(name: "某某") { id citizenIdNumber } }',
    as: CALLERS.psLaocheng,
    expect: 'LEFT_OUT',
  },
  endorsementsDue: {
    op: '{ endorsementsDue(from: "2026-07-01", to: "2026-08-31") { id holder { citizenIdNumber } } }',
    as: CALLERS.agencyLaocheng,
    expect: 'LEFT_OUT',
  },
  affectedDecisions: {
    op: '{ affectedDecisions(permitId: "%PERMIT%") { decisionId } }',
    as: CALLERS.psLaocheng,
    expect: 'FORBIDDEN',
  },
  auditLog: { none: 'the auditor supervises the whole city (Art. 22)' },
  verifyAuditChain: { none: 'the auditor supervises the whole city (Art. 22)' },
  verifyReceipt: {
    none: 'checks a signature against the published key set and returns only what the receipt states: no region or scope is involved (SPEC: every authenticated caller)',
  },
  // the city's housing bureau is the same department as 新安县's, in another region: it sees none of that office's decisions
  decisionsMade: { op: '{ decisionsMade { decisionId } }', as: CALLERS.housing, expect: 'LEFT_OUT' },
  decisionsToReview: { op: '{ decisionsToReview { decisionId } }', as: CALLERS.housing, expect: 'LEFT_OUT' },
  registerResidence: {
    op: `mutation { registerResidence(input: { citizenIdNumber: "${OTHER_ID}", name: "某某", hukouRegionCode: "411302", hukouAddress: "x", residenceRegionCode: "410323", residenceAddress: "x", basis: [STABLE_EMPLOYMENT], proofKind: "x", proofReference: "x", portraitCaptured: true, registeredOn: "2026-01-01" }) { id } }`,
    as: CALLERS.agencyLaocheng,
    expect: 'FORBIDDEN',
  },
  applyForPermit: {
    op: `mutation { applyForPermit(input: { citizenIdNumber: "${XINAN_ID}" }) { id } }`,
    as: CALLERS.psLaocheng,
    expect: 'FORBIDDEN',
  },
  issuePermit: {
    op: 'mutation { issuePermit(applicationId: "%APPLICATION%") { id } }',
    as: CALLERS.psLaocheng,
    expect: 'FORBIDDEN',
  },
  endorsePermit: {
    op: 'mutation { endorsePermit(permitId: "%PERMIT%") { id } }',
    as: CALLERS.agencyLaocheng,
    expect: 'FORBIDDEN',
  },
  changeResidence: {
    op: 'mutation { changeResidence(input: { permitId: "%PERMIT%", residenceRegionCode: "410323", residenceAddress: "x" }) { id } }',
    as: CALLERS.agencyLaocheng,
    expect: 'FORBIDDEN',
  },
  reportPermitLoss: {
    op: 'mutation { reportPermitLoss(permitId: "%PERMIT%", kind: LOST) { id } }',
    as: CALLERS.psLaocheng,
    expect: 'FORBIDDEN',
  },
  issueReplacement: {
    op: 'mutation { issueReplacement(requestId: "%REQUEST%") { id } }',
    as: CALLERS.psLaocheng,
    expect: 'FORBIDDEN',
  },
  addDependent: {
    op: `mutation { addDependent(input: { holderCitizenIdNumber: "${XINAN_ID}", citizenIdNumber: "${idNumber('411302', '2016-01-01', 781)}", name: "某某" }) { name } }`,
    as: CALLERS.agencyLaocheng,
    expect: 'FORBIDDEN',
  },
  recordViolation: {
    op: `mutation { recordViolation(input: { citizenIdNumber: "${XINAN_ID}", article: 20, clause: 2, warning: true, fineYuan: 100, illegalGainsYuan: 0 }) { id } }`,
    as: CALLERS.psLaocheng,
    expect: 'FORBIDDEN',
  },
  confiscatePermit: {
    op: 'mutation { confiscatePermit(permitId: "%PERMIT%", reason: "x") { id } }',
    as: CALLERS.psLaocheng,
    expect: 'FORBIDDEN',
  },
  defineLocalEntitlement: {
    op: 'mutation { defineLocalEntitlement(input: { code: "CITY_WIDE_THING", kind: PUBLIC_SERVICE, nameZh: "x", nameEn: "x", department: HEALTH, regionCode: "410300", effectiveFrom: "2027-01-01" }) { code } }',
    as: CALLERS.adminXinan,
    expect: 'FORBIDDEN',
  },
  localEntitlements: {
    none: "lists only the items of the ADMIN's region; a county's list leaves the city's and other counties' out (test/e2e/local-entitlements.test.ts)",
  },
  endLocalEntitlement: {
    op: 'mutation { endLocalEntitlement(code: "PUBLIC_RENTAL_HOUSING", effectiveUntil: "2027-12-31") { code } }',
    as: CALLERS.adminXinan,
    expect: 'FORBIDDEN',
  },
  me: {
    none: "a holder has no region and reads only the file of the token's own ID number: no argument can name another",
  },
  myVerifications: {
    none: "the token's own ID number only: no argument can name another holder (test/e2e/holders.test.ts)",
  },
  myShareCodes: { none: "the token's own codes only: no argument can name another holder" },
  createShareCode: { none: "a code is made for the token's own ID number; a holder has no region" },
  revokeShareCode: {
    none: "another holder's code answers false, as an unknown one (test/e2e/share-codes.test.ts)",
  },
  verifyEligibilityByShareCode: {
    op: '{ verifyEligibilityByShareCode(code: "ABCD2345", entitlement: "PUBLIC_RENTAL_HOUSING") { eligible } }',
    as: CALLERS.school,
    expect: 'FORBIDDEN',
  },
};

describe('the wrong-region and wrong-scope table covers the schema', () => {
  it('names every root field', async () => {
    expect(Object.keys(WRONG).sort()).toEqual(Object.keys(TABLE).sort());
  });
});

describe.each(DBS)('wrong region, wrong scope on %s', (db) => {
  let g: TestGateway;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    g = await startGateway(db);
    const ps = await g.token(CALLERS.psXinan);
    const reg = (id: string) =>
      `mutation { registerResidence(input: { citizenIdNumber: "${id}", name: "某某", hukouRegionCode: "411302", hukouAddress: "x", residenceRegionCode: "410323", residenceAddress: "x", basis: [STABLE_EMPLOYMENT], proofKind: "x", proofReference: "x", portraitCaptured: true, registeredOn: "2025-01-02" }) { id } }`;
    await g.gql(reg(XINAN_ID), {}, ps);
    const app = await g.gql(
      `mutation { applyForPermit(input: { citizenIdNumber: "${XINAN_ID}", appliedOn: "2025-08-01" }) { id } }`,
      {},
      ps,
    );
    ids.PERMIT = (
      await g.gql(
        `mutation { issuePermit(applicationId: "${app.body.data.applyForPermit.id}", issuedOn: "2025-08-04") { id } }`,
        {},
        ps,
      )
    ).body.data.issuePermit.id;
    ids.REQUEST = (
      await g.gql(
        `mutation { reportPermitLoss(permitId: "${ids.PERMIT}", kind: DAMAGED, reportedOn: "2025-09-01") { id } }`,
        {},
        ps,
      )
    ).body.data.reportPermitLoss.id;
    await g.gql(reg(OTHER_ID), {}, ps);
    ids.APPLICATION = (
      await g.gql(
        `mutation { applyForPermit(input: { citizenIdNumber: "${OTHER_ID}", appliedOn: "2025-08-01" }) { id } }`,
        {},
        ps,
      )
    ).body.data.applyForPermit.id;
    // the Xinan office itself sees its records in the lists (so LEFT_OUT below is not vacuous)
    const own = await g.gql((WRONG.overdueApplications as { op: string }).op, {}, ps);
    expect(own.body.data.overdueApplications.map((a: any) => a.holder.citizenIdNumber)).toContain(OTHER_ID);
    const found = await g.gql((WRONG.searchHolders as { op: string }).op, {}, ps);
    expect(found.body.data.searchHolders.map((h: any) => h.citizenIdNumber)).toContain(XINAN_ID);
    const open = await g.gql((WRONG.openApplications as { op: string }).op, {}, ps);
    expect(open.body.data.openApplications.map((a: any) => a.holder.citizenIdNumber)).toContain(OTHER_ID);
    const due = await g.gql((WRONG.endorsementsDue as { op: string }).op, {}, ps);
    expect(due.body.data.endorsementsDue.map((p: any) => p.holder.citizenIdNumber)).toContain(XINAN_ID);
    // decisions of 新安县's housing office and bureau: a positive one on a permit confiscated since
    await g.gql(reg(REVIEW_ID), {}, ps);
    const reviewApp = await g.gql(
      `mutation { applyForPermit(input: { citizenIdNumber: "${REVIEW_ID}", appliedOn: "2025-08-01" }) { id } }`,
      {},
      ps,
    );
    const reviewPermit = (
      await g.gql(
        `mutation { issuePermit(applicationId: "${reviewApp.body.data.applyForPermit.id}", issuedOn: "2025-08-04") { id } }`,
        {},
        ps,
      )
    ).body.data.issuePermit.id;
    const verify = (id: string) =>
      `{ verifyEligibility(query: { citizenIdNumber: "${id}", holderName: "某某", entitlement: "PUBLIC_RENTAL_HOUSING", asOf: "2026-01-15" }) { decisionId eligible } }`;
    const housingXinan = await g.token(HOUSING_XINAN);
    const positive = (await g.gql(verify(REVIEW_ID), {}, housingXinan)).body.data.verifyEligibility;
    expect(positive.eligible).toBe(true);
    const bureau = (await g.gql(verify(XINAN_ID), {}, ps)).body.data.verifyEligibility;
    await g.gql(`mutation { confiscatePermit(permitId: "${reviewPermit}", reason: "骗领") { id } }`, {}, ps);
    ids.HIDDEN = [positive.decisionId, bureau.decisionId].join(',');
    // the city's housing bureau has decisions of its own, so its lists are not empty
    await g.gql(verify(XINAN_ID), {}, await g.token(CALLERS.housing));
    // 新安县's offices see their own decisions in the lists (so LEFT_OUT below is not vacuous)
    const made = (
      await g.gql('{ decisionsMade { decisionId } }', {}, housingXinan)
    ).body.data.decisionsMade.map((d: any) => d.decisionId);
    expect(made).toEqual([positive.decisionId]);
    const toReview = (
      await g.gql('{ decisionsToReview { decisionId } }', {}, housingXinan)
    ).body.data.decisionsToReview.map((d: any) => d.decisionId);
    expect(toReview).toEqual([positive.decisionId]);
    const bureauMade = (await g.gql('{ decisionsMade { decisionId } }', {}, ps)).body.data.decisionsMade.map(
      (d: any) => d.decisionId,
    );
    expect(bureauMade).toEqual([bureau.decisionId]);
  });
  afterAll(async () => {
    await g?.stop();
  });

  const cases = Object.entries(WRONG).filter(([, w]) => 'op' in w) as [
    string,
    Extract<Wrong, { op: string }>,
  ][];

  it.each(cases)('%s', async (_field, w) => {
    const op = w.op
      .replace('%PERMIT%', ids.PERMIT)
      .replace('%REQUEST%', ids.REQUEST)
      .replace('%APPLICATION%', ids.APPLICATION);
    const r = await g.gql(op, {}, await g.token(w.as));
    expect(r.status).toBeLessThan(500);
    if (w.expect === 'FORBIDDEN') {
      expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } else {
      expect(r.body.errors).toBeUndefined();
      const listed = JSON.stringify(r.body.data);
      expect(listed).not.toContain(XINAN_ID);
      expect(listed).not.toContain(OTHER_ID);
      // decisions show masked ID numbers only: the other office's decisions are looked for by id
      for (const id of ids.HIDDEN.split(',')) expect(listed).not.toContain(id);
    }
  });
});
