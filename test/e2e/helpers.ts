/**
 * Shared pieces for the end-to-end tests: ID numbers, GraphQL documents and small assertions on
 * responses. Every call goes over HTTP through the harness in test/support/gateway.ts.
 */
import { expect } from 'vitest';
import { composeCitizenId } from '../../src/law';
import type { TestGateway } from '../support/gateway';

/** A valid 18-character citizen ID number: region (6) + birth date (8) + sequence (3) + check char. */
export const idNumber = (region: string, birth: string, seq: string): string =>
  composeCitizenId(region, birth, seq);

/** First 6 + 8 '*' + last 4. */
export const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

export type GqlError = { message: string; extensions?: Record<string, any> };
export type GqlResult = { status: number; body: { data?: any; errors?: GqlError[] } };

/** Every response: no HTTP 500, and no stack trace leaked in any error. */
export function checkResponse(r: GqlResult): GqlResult {
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
  if (r.body.errors) expect(JSON.stringify(r.body.errors)).not.toMatch(/stack/i);
  return r;
}

export async function call(
  g: TestGateway,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GqlResult> {
  return checkResponse(await g.gql(query, variables, token));
}

/** The data of a call that must succeed. */
export async function ok(
  g: TestGateway,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<any> {
  const r = await call(g, query, variables, token);
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  expect(r.status).toBe(200);
  return r.body.data;
}

/** The (first) error of a call that must fail; the data of the failed root field is null. */
export async function fails(
  g: TestGateway,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GqlError & { status: number; data: any }> {
  const r = await call(g, query, variables, token);
  expect(r.body.errors, `expected an error, got ${JSON.stringify(r.body.data)}`).toBeDefined();
  expect(r.body.errors!.length).toBeGreaterThan(0);
  return { ...r.body.errors![0], status: r.status, data: r.body.data };
}

export const PERMIT_FIELDS = `
  id issuedOn issuingAuthority cardVersion region { code }
  status validThrough endorsementWindow { from to provisional }
  endorsements { endorsedOn extendsValidityThrough }
`;

export const REGISTER = `mutation($input: RegisterResidenceInput!) {
  registerResidence(input: $input) {
    id registeredOn eligibleToApplyOn region { code } basis
    holder { id citizenIdNumber name sex birthDate hukouRegionCode }
  }
}`;

export const APPLY = `mutation($input: ApplyForPermitInput!) {
  applyForPermit(input: $input) {
    id appliedOn status issueDeadline deadlineProvisional
    reasons { code passed citation { article paragraph clause } }
    permit { id }
  }
}`;

export const ISSUE = `mutation($id: ID!, $on: Date) { issuePermit(applicationId: $id, issuedOn: $on) { ${PERMIT_FIELDS} } }`;
export const ENDORSE = `mutation($id: ID!, $on: Date) { endorsePermit(permitId: $id, endorsedOn: $on) { ${PERMIT_FIELDS} } }`;
export const CHANGE = `mutation($input: ChangeResidenceInput!) { changeResidence(input: $input) { ${PERMIT_FIELDS} } }`;
export const LOSS = `mutation($id: ID!, $kind: LossKind!, $on: Date) {
  reportPermitLoss(permitId: $id, kind: $kind, reportedOn: $on) { id kind reportedOn deadline deadlineProvisional issuedOn permit { id cardVersion } }
}`;
export const REPLACE = `mutation($id: ID!, $on: Date) { issueReplacement(requestId: $id, issuedOn: $on) { ${PERMIT_FIELDS} } }`;
export const CONFISCATE = `mutation($id: ID!, $reason: String!, $on: Date) { confiscatePermit(permitId: $id, reason: $reason, confiscatedOn: $on) { ${PERMIT_FIELDS} } }`;
export const ADD_DEPENDENT = `mutation($input: AddDependentInput!) { addDependent(input: $input) { citizenIdNumber name birthDate } }`;
export const RECORD_VIOLATION = `mutation($input: RecordViolationInput!) {
  recordViolation(input: $input) { id citizenIdNumber citation { article paragraph clause } warning fineYuan illegalGainsYuan occurredOn }
}`;
export const DEFINE_LOCAL = `mutation($input: DefineLocalEntitlementInput!) {
  defineLocalEntitlement(input: $input) { code kind citation { article clause } nameZh department region { code } effectiveFrom effectiveUntil }
}`;

const DECISION_FIELDS = `
  decisionId eligible entitlementCode asOf
  permit { maskedCitizenIdNumber status issuedOn validThrough endorsementWindow { from to provisional } region { code } }
  reasons { code passed citation { article paragraph clause } messageZh messageEn }
  rulesVersion
`;
export const VERIFY = `query($q: EligibilityQuery!) { verifyEligibility(query: $q) { ${DECISION_FIELDS} } }`;
export const VERIFY_BATCH = `query($qs: [EligibilityQuery!]!) { verifyEligibilityBatch(queries: $qs) { ${DECISION_FIELDS} } }`;
export const PERMIT_STATUS = `query($id: String!, $name: String!, $asOf: Date) {
  permitStatus(citizenIdNumber: $id, holderName: $name, asOf: $asOf) { maskedCitizenIdNumber status issuedOn validThrough region { code } }
}`;
export const HOLDER = `query($id: String!) {
  permitHolder(citizenIdNumber: $id) {
    id citizenIdNumber name residenceRegion { code } residenceAddress
    permits { id cardVersion status validThrough endorsements { endorsedOn extendsValidityThrough } }
    dependents { citizenIdNumber name birthDate }
  }
}`;
export const AFFECTED = `query($id: ID!) { affectedDecisions(permitId: $id) { decisionId eligible entitlementCode asOf } }`;
export const AUDIT_LOG = `query($after: Int, $first: Int) { auditLog(after: $after, first: $first) { sequence at actor role action subject outcome hash } }`;
export const VERIFY_CHAIN = `{ verifyAuditChain { entries intact firstBrokenAt } }`;

/** Every audit entry, paging through auditLog 1000 at a time (auditor token). */
export async function allAuditEntries(g: TestGateway, auditorToken: string): Promise<any[]> {
  const out: any[] = [];
  let after = 0;
  for (;;) {
    const data = await ok(g, AUDIT_LOG, { after, first: 1000 }, auditorToken);
    const page = data.auditLog as any[];
    out.push(...page);
    if (page.length < 1000) return out;
    after = page[page.length - 1].sequence;
  }
}

/** A residence registration input; hukou in 南阳市宛城区 (411302), i.e. not local (I-1). */
export function registration(
  citizenIdNumber: string,
  name: string,
  residenceRegionCode: string,
  registeredOn: string,
  extra: Record<string, unknown> = {},
) {
  return {
    citizenIdNumber,
    name,
    hukouRegionCode: '411302',
    hukouAddress: '河南省南阳市宛城区新华东路1号',
    residenceRegionCode,
    residenceAddress:
      residenceRegionCode === '410323' ? '洛阳市新安县新城路8号' : '洛阳市老城区中州东路100号',
    basis: ['STABLE_EMPLOYMENT'],
    proofKind: '劳动合同',
    proofReference: `LC-${citizenIdNumber.slice(-6)}`,
    portraitCaptured: true,
    registeredOn,
    ...extra,
  };
}
