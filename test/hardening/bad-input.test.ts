/**
 * A catalogue of bad input, sent over HTTP with real tokens, on every database. For each case:
 * the gateway answers with a 200 or a 4xx (never a 500), errors[0].extensions.code is the code the
 * contract and SPEC call for, no error text leaks a stack or a source path, and nothing is written:
 * the row count of every table is the same after the case as before it (Art. 22(5): an act is a new
 * row, so a refused act must leave none; a verifyEligibility that is answered writes a decision, so
 * a bad question must be refused before it is answered) — except that a RULE_VIOLATION, a refusal
 * under the law, leaves its one audit entry (Art. 22(1), 23).
 *
 * Positive controls (a lower-case x check character, 𠮷 outside the BMP, a combining mark) come
 * after the table and must be accepted. A last test checks that a body over the limit (413) does not
 * break the client's keep-alive connection.
 */
import { request, Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLERS, databases, startGateway, type TestGateway } from '../support/gateway';
import { APPLY, ISSUE, REGISTER, idNumber, registration } from '../support/people';

const DBS = await databases();

const TABLES = [
  'holder',
  'residence_record',
  'permit_application',
  'permit',
  'endorsement',
  'residence_change',
  'replacement_request',
  'replacement_issue',
  'dependent',
  'violation',
  'confiscation',
  'entitlement',
  'eligibility_decision',
  'audit_entry',
] as const;

/** The holder and permit registered before the table (non-local: 南阳市卧龙区). */
const KNOWN_ID = idNumber('411302', '1990-03-03', 101);
const KNOWN_NAME = '李四';
/** A valid ID number never registered: a registration with one bad field must not create it. */
const FRESH_ID = idNumber('411302', '1992-06-06', 211);
const FRESH_CHILD = idNumber('411302', '2018-05-05', 212);

interface Known {
  permitId: string;
}

const REGISTER_OP = REGISTER;
const APPLY_OP = APPLY;
const VIOLATION =
  'mutation($input: RecordViolationInput!) { recordViolation(input: $input) { id fineYuan } }';
const VERIFY = 'query($q: EligibilityQuery!) { verifyEligibility(query: $q) { decisionId eligible } }';
const BATCH =
  'query($qs: [EligibilityQuery!]!) { verifyEligibilityBatch(queries: $qs) { decisionId eligible } }';
const DEFINE =
  'mutation($input: DefineLocalEntitlementInput!) { defineLocalEntitlement(input: $input) { code } }';
const CHANGE =
  'mutation($input: ChangeResidenceInput!) { changeResidence(input: $input) { id region { code } } }';
const ENDORSE = 'mutation($p: ID!, $on: Date) { endorsePermit(permitId: $p, endorsedOn: $on) { id } }';
const LOSS =
  'mutation($p: ID!, $kind: LossKind!, $on: Date) { reportPermitLoss(permitId: $p, kind: $kind, reportedOn: $on) { id } }';
const CONFISCATE =
  'mutation($p: ID!, $reason: String!, $on: Date) { confiscatePermit(permitId: $p, reason: $reason, confiscatedOn: $on) { id } }';
const DEPENDENT = 'mutation($input: AddDependentInput!) { addDependent(input: $input) { citizenIdNumber } }';

/** A registration of FRESH_ID in 涧西区 with every field valid, then one field changed. */
const reg = (over: Record<string, unknown> = {}) => ({
  input: { ...registration(FRESH_ID, '张三', '410305', '2026-01-05'), ...over },
});
/** A valid Art. 20(1) penalty on the known holder, then one field changed. */
const pen = (over: Record<string, unknown> = {}) => ({
  input: {
    citizenIdNumber: KNOWN_ID,
    article: 20,
    clause: 1,
    warning: true,
    fineYuan: 100,
    illegalGainsYuan: 0,
    occurredOn: '2026-11-01',
    ...over,
  },
});
/** A valid eligibility question about the known holder (housing department, PUBLIC_RENTAL_HOUSING). */
const q = (over: Record<string, unknown> = {}) => ({
  citizenIdNumber: KNOWN_ID,
  holderName: KNOWN_NAME,
  entitlement: 'PUBLIC_RENTAL_HOUSING',
  asOf: '2026-11-01',
  ...over,
});
/** A valid city-wide local convenience, then one field changed. */
const ent = (over: Record<string, unknown> = {}) => ({
  input: {
    code: 'LOCAL_TEST_BUS_PASS',
    kind: 'CONVENIENCE',
    nameZh: '测试公交卡',
    nameEn: 'Test bus pass',
    department: 'TRANSPORT',
    regionCode: '410300',
    effectiveFrom: '2027-01-01',
    ...over,
  },
});
/** A valid move of the known permit to 新安县 (a change registration), then one field changed. */
const move = (k: Known, over: Record<string, unknown> = {}) => ({
  input: {
    permitId: k.permitId,
    residenceRegionCode: '410323',
    residenceAddress: '新安县测试路2号',
    changedOn: '2026-11-01',
    ...over,
  },
});

const MB = 1024 * 1024;
const fullWidth = (s: string) => s.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

type Caller = keyof typeof CALLERS | 'none';
interface Case {
  name: string;
  op: string;
  vars: (k: Known) => Record<string, unknown> | undefined;
  caller: Caller;
  code: string;
  /** for RULE_VIOLATION: extensions.reason */
  reason?: string;
  /** the error message must match */
  message?: RegExp;
  /** an HTTP 413 is an acceptable answer too (huge bodies) */
  or413?: boolean;
  /** either code is a defensible answer (the contract does not pin one) */
  orCode?: string;
  /** send on a connection of its own (a body over the limit: see the keep-alive test below) */
  ownConnection?: boolean;
}

const c = (
  name: string,
  op: string,
  vars: Case['vars'],
  caller: Caller,
  code: string,
  extra: Partial<Case> = {},
): Case => ({ name, op, vars, caller, code, ...extra });

const BAD = 'BAD_USER_INPUT';
const RULE = 'RULE_VIOLATION';

const CASES: Case[] = [
  // ── citizen ID numbers (GB 11643) ──────────────────────────────────────────────────────────────
  c(
    'ID: wrong check character',
    REGISTER_OP,
    () => reg({ citizenIdNumber: FRESH_ID.slice(0, 17) + (FRESH_ID[17] === '0' ? '1' : '0') }),
    'psCity',
    BAD,
  ),
  c(
    'ID: 15 digits (first generation), message says 15',
    REGISTER_OP,
    () => reg({ citizenIdNumber: '411302920606211' }),
    'psCity',
    BAD,
    { message: /15/ },
  ),
  c('ID: 17 digits', REGISTER_OP, () => reg({ citizenIdNumber: FRESH_ID.slice(0, 17) }), 'psCity', BAD),
  c('ID: 19 digits', REGISTER_OP, () => reg({ citizenIdNumber: FRESH_ID + '1' }), 'psCity', BAD),
  c('ID: letters', REGISTER_OP, () => reg({ citizenIdNumber: 'ABCDEFGHIJKLMNOPQR' }), 'psCity', BAD),
  c(
    'ID: a letter inside the digits',
    REGISTER_OP,
    () => reg({ citizenIdNumber: `${FRESH_ID.slice(0, 10)}A${FRESH_ID.slice(11)}` }),
    'psCity',
    BAD,
  ),
  c(
    'ID: full-width digits ４１１３…',
    REGISTER_OP,
    () => reg({ citizenIdNumber: fullWidth(FRESH_ID) }),
    'psCity',
    BAD,
  ),
  c('ID: empty string', REGISTER_OP, () => reg({ citizenIdNumber: '' }), 'psCity', BAD),
  c(
    'ID: birth date 2026-02-30 inside a well-checked number',
    REGISTER_OP,
    () => reg({ citizenIdNumber: idNumber('411302', '2026-02-30', 213) }),
    'psCity',
    BAD,
  ),
  c(
    'ID: birth date in the future (2027-01-01)',
    REGISTER_OP,
    () => reg({ citizenIdNumber: idNumber('411302', '2027-01-01', 214) }),
    'psCity',
    BAD,
  ),
  c(
    'ID: birth date tomorrow (2026-11-29)',
    REGISTER_OP,
    () => reg({ citizenIdNumber: idNumber('411302', '2026-11-29', 215) }),
    'psCity',
    BAD,
  ),
  c(
    'ID: region code of no province (99…)',
    REGISTER_OP,
    () => reg({ citizenIdNumber: idNumber('990101', '1992-06-06', 216) }),
    'psCity',
    BAD,
  ),
  c(
    'ID: bad check character in applyForPermit',
    APPLY_OP,
    () => ({
      input: {
        citizenIdNumber: KNOWN_ID.slice(0, 17) + (KNOWN_ID[17] === '0' ? '1' : '0'),
        appliedOn: '2026-11-01',
      },
    }),
    'psCity',
    BAD,
  ),
  c(
    'ID: 15 digits in verifyEligibility, message says 15',
    VERIFY,
    () => ({ q: q({ citizenIdNumber: '411302900303101' }) }),
    'housing',
    BAD,
    { message: /15/ },
  ),
  c(
    'ID: bad dependent ID in verifyEligibility',
    VERIFY,
    () => ({ q: q({ entitlement: 'CHILD_EDUCATION_AND_ZHONGKAO', dependentCitizenIdNumber: '12345' }) }),
    'psCity',
    BAD,
  ),
  c(
    'ID: bad child ID in addDependent',
    DEPENDENT,
    () => ({
      input: {
        holderCitizenIdNumber: KNOWN_ID,
        citizenIdNumber: FRESH_CHILD.slice(0, 17) + (FRESH_CHILD[17] === '0' ? '1' : '0'),
        name: '李小四',
      },
    }),
    'psCity',
    BAD,
  ),

  // ── dates ──────────────────────────────────────────────────────────────────────────────────────
  c('date: 2026-02-30', REGISTER_OP, () => reg({ registeredOn: '2026-02-30' }), 'psCity', BAD),
  c('date: 2026-2-3 (no zero padding)', REGISTER_OP, () => reg({ registeredOn: '2026-2-3' }), 'psCity', BAD),
  c(
    'date: 2026/02/03 (slashes)',
    APPLY_OP,
    () => ({ input: { citizenIdNumber: KNOWN_ID, appliedOn: '2026/02/03' } }),
    'psCity',
    BAD,
  ),
  c('date: empty string', VIOLATION, () => pen({ occurredOn: '' }), 'psCity', BAD),
  c('date: month 13 (2026-13-01)', ENDORSE, (k) => ({ p: k.permitId, on: '2026-13-01' }), 'psCity', BAD),
  c('date: act date 9999-12-31', REGISTER_OP, () => reg({ registeredOn: '9999-12-31' }), 'psCity', BAD),
  c(
    'date: act date tomorrow (2026-11-29)',
    APPLY_OP,
    () => ({ input: { citizenIdNumber: KNOWN_ID, appliedOn: '2026-11-29' } }),
    'psCity',
    BAD,
  ),
  c(
    'date: changedOn tomorrow (2026-11-29)',
    CHANGE,
    (k) => move(k, { changedOn: '2026-11-29' }),
    'psCity',
    BAD,
  ),
  c(
    'date: occurredOn tomorrow (2026-11-29)',
    VIOLATION,
    () => pen({ occurredOn: '2026-11-29' }),
    'psCity',
    BAD,
  ),
  c('date: a number instead of a string', REGISTER_OP, () => reg({ registeredOn: 20260105 }), 'psCity', BAD),
  c(
    'date: asOf 2026-02-30 in verifyEligibility',
    VERIFY,
    () => ({ q: q({ asOf: '2026-02-30' }) }),
    'housing',
    BAD,
  ),
  c('date: asOf a number in verifyEligibility', VERIFY, () => ({ q: q({ asOf: 20261101 }) }), 'housing', BAD),
  c(
    'date: effectiveFrom 2026-2-3 for a local entitlement',
    DEFINE,
    () => ent({ effectiveFrom: '2026-2-3' }),
    'adminCity',
    BAD,
  ),
  c(
    'date: effectiveUntil before effectiveFrom',
    DEFINE,
    () => ent({ effectiveFrom: '2027-01-01', effectiveUntil: '2026-12-31' }),
    'adminCity',
    BAD,
  ),
  c(
    'date: change of residence before the permit was issued',
    CHANGE,
    (k) => move(k, { changedOn: '2025-12-01' }),
    'psCity',
    BAD,
  ),
  c(
    'date: registration before the law was in force (2016-02-14)',
    REGISTER_OP,
    () => reg({ registeredOn: '2016-02-14' }),
    'psCity',
    RULE,
    { reason: 'LAW_IN_FORCE' },
  ),

  // ── regions (GB/T 2260) ───────────────────────────────────────────────────────────────────────
  c(
    'region: 999999 as the residence',
    REGISTER_OP,
    () => reg({ residenceRegionCode: '999999' }),
    'psCity',
    BAD,
  ),
  c(
    'region: 410300 (the city, not a district) as the residence',
    REGISTER_OP,
    () => reg({ residenceRegionCode: '410300' }),
    'psCity',
    BAD,
  ),
  c('region: 4103 (too short)', REGISTER_OP, () => reg({ residenceRegionCode: '4103' }), 'psCity', BAD),
  c('region: abcdef', REGISTER_OP, () => reg({ residenceRegionCode: 'abcdef' }), 'psCity', BAD),
  c('region: hukou region abcdef', REGISTER_OP, () => reg({ hukouRegionCode: 'abcdef' }), 'psCity', BAD),
  c('region: hukou region 999999', REGISTER_OP, () => reg({ hukouRegionCode: '999999' }), 'psCity', BAD),
  c(
    'region: move to 410300 (the city)',
    CHANGE,
    (k) => move(k, { residenceRegionCode: '410300' }),
    'psCity',
    BAD,
  ),
  c('region: move to 999999', CHANGE, (k) => move(k, { residenceRegionCode: '999999' }), 'psCity', BAD),
  c('region: local entitlement for 999999', DEFINE, () => ent({ regionCode: '999999' }), 'adminCity', BAD),
  c(
    'region: local entitlement for an urban district (410302)',
    DEFINE,
    () => ent({ regionCode: '410302' }),
    'adminCity',
    BAD,
  ),
  c(
    'region: residence outside the office region (新安县 office, 老城区 residence)',
    REGISTER_OP,
    () => reg({ residenceRegionCode: '410302' }),
    'psXinan',
    'FORBIDDEN',
  ),
  c('region: county government defines for the whole city', DEFINE, () => ent(), 'adminXinan', 'FORBIDDEN'),

  // ── names ─────────────────────────────────────────────────────────────────────────────────────
  c('name: empty', REGISTER_OP, () => reg({ name: '' }), 'psCity', BAD),
  c('name: only spaces', REGISTER_OP, () => reg({ name: '   ' }), 'psCity', BAD),
  c('name: only U+3000 ideographic spaces', REGISTER_OP, () => reg({ name: '\u3000\u3000' }), 'psCity', BAD),
  c('name: 65 characters', REGISTER_OP, () => reg({ name: '王'.repeat(65) }), 'psCity', BAD),
  c('name: a control character (BEL)', REGISTER_OP, () => reg({ name: '张\u0007三' }), 'psCity', BAD),
  c(
    'name: a zero-width space (format character)',
    REGISTER_OP,
    () => reg({ name: '张\u200b三' }),
    'psCity',
    BAD,
  ),
  c(
    'name: <script>alert(1)</script>',
    REGISTER_OP,
    () => reg({ name: '<script>alert(1)</script>' }),
    'psCity',
    BAD,
  ),
  c(
    "name: Robert'); DROP TABLE holder;--",
    REGISTER_OP,
    () => reg({ name: "Robert'); DROP TABLE holder;--" }),
    'psCity',
    BAD,
  ),
  c('name: digits', REGISTER_OP, () => reg({ name: '张3' }), 'psCity', BAD),
  c(
    'name: the known ID number under another name',
    REGISTER_OP,
    () => ({ input: registration(KNOWN_ID, '王五', '410305', '2026-01-05') }),
    'psCity',
    'CONFLICT',
  ),
  c(
    'name: empty child name in addDependent',
    DEPENDENT,
    () => ({ input: { holderCitizenIdNumber: KNOWN_ID, citizenIdNumber: FRESH_CHILD, name: ' ' } }),
    'psCity',
    BAD,
  ),
  c(
    'name: empty holderName in verifyEligibility',
    VERIFY,
    () => ({ q: q({ holderName: '' }) }),
    'housing',
    BAD,
  ),
  c(
    'name: 300-character holderName in verifyEligibility',
    VERIFY,
    () => ({ q: q({ holderName: '李'.repeat(300) }) }),
    'housing',
    BAD,
  ),

  // ── text fields and huge strings ──────────────────────────────────────────────────────────────
  c(
    'text: a 1 MB residence address',
    REGISTER_OP,
    () => reg({ residenceAddress: '路'.repeat(MB / 3) + 'x'.repeat(MB - 3 * Math.floor(MB / 3)) }),
    'psCity',
    BAD,
    { or413: true },
  ),
  c(
    'text: a 1 MB ASCII hukou address',
    REGISTER_OP,
    () => reg({ hukouAddress: 'a'.repeat(MB) }),
    'psCity',
    BAD,
    { or413: true },
  ),
  c(
    'text: a 3 MB address (over the body limit)',
    REGISTER_OP,
    () => reg({ residenceAddress: 'a'.repeat(3 * MB) }),
    'psCity',
    BAD,
    { or413: true, ownConnection: true },
  ),
  c(
    'text: a 257-character address',
    REGISTER_OP,
    () => reg({ residenceAddress: '路'.repeat(257) }),
    'psCity',
    BAD,
  ),
  c('text: an address of only spaces', REGISTER_OP, () => reg({ residenceAddress: '   ' }), 'psCity', BAD),
  c(
    'text: a NUL in the address',
    REGISTER_OP,
    () => reg({ residenceAddress: '测试街\u00001号' }),
    'psCity',
    BAD,
  ),
  c(
    'text: a 1 MB address correction in applyForPermit',
    APPLY_OP,
    () => ({
      input: { citizenIdNumber: KNOWN_ID, appliedOn: '2026-11-01', residenceAddress: 'a'.repeat(MB) },
    }),
    'psCity',
    BAD,
    { or413: true },
  ),
  c(
    'text: a 129-character proof reference',
    REGISTER_OP,
    () => reg({ proofReference: 'R'.repeat(129) }),
    'psCity',
    BAD,
  ),
  c(
    'text: an empty confiscation reason',
    CONFISCATE,
    (k) => ({ p: k.permitId, reason: '', on: '2026-11-01' }),
    'psCity',
    BAD,
  ),
  c('text: an empty local entitlement name', DEFINE, () => ent({ nameZh: '' }), 'adminCity', BAD),

  // ── Article 9 (registration needs proof and a portrait) ───────────────────────────────────────
  c('Art. 9: no portrait captured', REGISTER_OP, () => reg({ portraitCaptured: false }), 'psCity', RULE, {
    reason: 'PORTRAIT_REQUIRED',
  }),
  c('Art. 9: no basis', REGISTER_OP, () => reg({ basis: [] }), 'psCity', RULE, { reason: 'PROOF_REQUIRED' }),
  c(
    'Art. 9: proof reference of only spaces',
    REGISTER_OP,
    () => reg({ proofReference: '   ' }),
    'psCity',
    RULE,
    { reason: 'PROOF_REQUIRED' },
  ),

  // ── penalties (Art. 20, 21) ────────────────────────────────────────────────────────────────────
  c('fine: -1 yuan', VIOLATION, () => pen({ fineYuan: -1 }), 'psCity', RULE, { reason: 'FINE_OUT_OF_RANGE' }),
  c('fine: 2^31 yuan (not a GraphQL Int)', VIOLATION, () => pen({ fineYuan: 2 ** 31 }), 'psCity', BAD),
  c('fine: 1e6 yuan', VIOLATION, () => pen({ fineYuan: 1e6 }), 'psCity', RULE, {
    reason: 'FINE_OUT_OF_RANGE',
  }),
  c(
    'fine: 1e6 yuan under Art. 21',
    VIOLATION,
    () => pen({ article: 21, clause: 1, warning: false, fineYuan: 1e6 }),
    'psCity',
    RULE,
    { reason: 'FINE_OUT_OF_RANGE' },
  ),
  c('fine: 100.5 yuan (not an Int)', VIOLATION, () => pen({ fineYuan: 100.5 }), 'psCity', BAD),
  c('penalty: clause 0 of Art. 20', VIOLATION, () => pen({ clause: 0 }), 'psCity', RULE, {
    reason: 'PENALTY_CLAUSE',
  }),
  c('penalty: clause 4 of Art. 20', VIOLATION, () => pen({ clause: 4 }), 'psCity', RULE, {
    reason: 'PENALTY_CLAUSE',
  }),
  c('penalty: Article 19', VIOLATION, () => pen({ article: 19 }), 'psCity', RULE, {
    reason: 'PENALTY_ARTICLE',
  }),
  c('penalty: illegal gains -5', VIOLATION, () => pen({ illegalGainsYuan: -5 }), 'psCity', RULE, {
    reason: 'ILLEGAL_GAINS_NEGATIVE',
  }),
  c('penalty: Art. 20 without a warning', VIOLATION, () => pen({ warning: false }), 'psCity', RULE, {
    reason: 'WARNING_REQUIRED',
  }),
  c('penalty: recorded by a delegated agency', VIOLATION, () => pen(), 'agencyLaocheng', 'FORBIDDEN'),

  // ── wrong GraphQL types ───────────────────────────────────────────────────────────────────────
  c('type: fineYuan "100"', VIOLATION, () => pen({ fineYuan: '100' }), 'psCity', BAD),
  c('type: article "20"', VIOLATION, () => pen({ article: '20' }), 'psCity', BAD),
  c('type: portraitCaptured "yes"', REGISTER_OP, () => reg({ portraitCaptured: 'yes' }), 'psCity', BAD),
  c('type: basis ["FLYING"]', REGISTER_OP, () => reg({ basis: ['FLYING'] }), 'psCity', BAD),
  c(
    'type: basis ["FLYING"] in applyForPermit',
    APPLY_OP,
    () => ({ input: { citizenIdNumber: KNOWN_ID, appliedOn: '2026-11-01', basis: ['FLYING'] } }),
    'psCity',
    BAD,
  ),
  c(
    'type: loss kind STOLEN',
    LOSS,
    (k) => ({ p: k.permitId, kind: 'STOLEN', on: '2026-11-01' }),
    'psCity',
    BAD,
  ),
  c('type: entitlement kind FOO', DEFINE, () => ent({ kind: 'FOO' }), 'adminCity', BAD),
  c('type: department POLICE', DEFINE, () => ent({ department: 'POLICE' }), 'adminCity', BAD),
  c('type: permitId 1.5', ENDORSE, () => ({ p: 1.5 }), 'psCity', BAD),
  c('type: an unknown input field (a fee: Art. 15)', REGISTER_OP, () => reg({ feeYuan: 10 }), 'psCity', BAD),
  c(
    'type: citizenIdNumber an object',
    REGISTER_OP,
    () => reg({ citizenIdNumber: { $ne: null } }),
    'psCity',
    BAD,
  ),

  // ── nulls for non-null fields ─────────────────────────────────────────────────────────────────
  c('null: citizenIdNumber', REGISTER_OP, () => reg({ citizenIdNumber: null }), 'psCity', BAD),
  c('null: name', REGISTER_OP, () => reg({ name: null }), 'psCity', BAD),
  c('null: portraitCaptured', REGISTER_OP, () => reg({ portraitCaptured: null }), 'psCity', BAD),
  c('null: a basis item', REGISTER_OP, () => reg({ basis: [null] }), 'psCity', BAD),
  c('null: the whole input', REGISTER_OP, () => ({ input: null }), 'psCity', BAD),
  c('null: no variables at all', REGISTER_OP, () => undefined, 'psCity', BAD),
  c('null: permitId', ENDORSE, () => ({ p: null }), 'psCity', BAD),
  c('null: fineYuan', VIOLATION, () => pen({ fineYuan: null }), 'psCity', BAD),
  c(
    'null: entitlement in verifyEligibility',
    VERIFY,
    () => ({ q: q({ entitlement: null }) }),
    'housing',
    BAD,
  ),
  c('null: effectiveFrom', DEFINE, () => ent({ effectiveFrom: null }), 'adminCity', BAD),

  // ── SQL and script injection ──────────────────────────────────────────────────────────────────
  c(
    'SQL: citizenIdNumber "1 OR 1=1" in applyForPermit',
    APPLY_OP,
    () => ({ input: { citizenIdNumber: '1 OR 1=1', appliedOn: '2026-11-01' } }),
    'psCity',
    BAD,
  ),
  c(
    "SQL: citizenIdNumber \"' OR '1'='1\" in verifyEligibility",
    VERIFY,
    () => ({ q: q({ citizenIdNumber: "' OR '1'='1" }) }),
    'housing',
    BAD,
  ),
  c(
    'SQL: citizenIdNumber "1; DROP TABLE permit" in recordViolation',
    VIOLATION,
    () => pen({ citizenIdNumber: '1; DROP TABLE permit' }),
    'psCity',
    BAD,
  ),
  c(
    'SQL: permitId "1 OR 1=1" in endorsePermit',
    ENDORSE,
    () => ({ p: '1 OR 1=1', on: '2026-11-01' }),
    'psCity',
    BAD,
  ),
  c(
    'SQL: permitId "1; DROP TABLE permit" in changeResidence',
    CHANGE,
    (k) => move(k, { permitId: '1; DROP TABLE permit' }),
    'psCity',
    BAD,
  ),
  c(
    'SQL: entitlement code with a quote in verifyEligibility',
    VERIFY,
    () => ({ q: q({ entitlement: "PUBLIC_RENTAL_HOUSING' OR '1'='1" }) }),
    'psCity',
    'NOT_FOUND',
  ),
  c(
    'SQL: local entitlement code with DROP TABLE',
    DEFINE,
    () => ent({ code: "X'; DROP TABLE entitlement;--" }),
    'adminCity',
    BAD,
  ),
  c(
    'script: citizenIdNumber <script>',
    REGISTER_OP,
    () => reg({ citizenIdNumber: '<script>alert(1)</script>' }),
    'psCity',
    BAD,
  ),
  c(
    'script: region code <script>',
    REGISTER_OP,
    () => reg({ residenceRegionCode: '<script>' }),
    'psCity',
    BAD,
  ),
  c(
    'script: permitId <script>',
    LOSS,
    () => ({ p: '<script>alert(1)</script>', kind: 'LOST' }),
    'psCity',
    BAD,
  ),
  c(
    'script: local entitlement code <script>',
    DEFINE,
    () => ent({ code: '<SCRIPT>ALERT(1)</SCRIPT>' }),
    'adminCity',
    BAD,
  ),

  // ── verification ──────────────────────────────────────────────────────────────────────────────
  c(
    'verify: a batch of 1001 queries',
    BATCH,
    () => ({ qs: Array.from({ length: 1001 }, () => q()) }),
    'housing',
    BAD,
  ),
  c(
    'verify: one bad ID number in a batch of 500',
    BATCH,
    () => ({
      qs: Array.from({ length: 500 }, (_, i) =>
        i === 250 ? q({ citizenIdNumber: '411302900303101' }) : q(),
      ),
    }),
    'housing',
    BAD,
  ),
  c(
    'verify: one bad asOf in a batch of 3',
    BATCH,
    () => ({ qs: [q(), q({ asOf: '2026-02-30' }), q()] }),
    'housing',
    BAD,
  ),
  c(
    'verify: unknown entitlement FLYING',
    VERIFY,
    () => ({ q: q({ entitlement: 'FLYING' }) }),
    'psCity',
    'NOT_FOUND',
  ),
  c(
    'verify: entitlement outside the department scope',
    VERIFY,
    () => ({ q: q({ entitlement: 'EMPLOYMENT_SERVICES' }) }),
    'housing',
    'FORBIDDEN',
  ),
  c('verify: asked by the auditor', VERIFY, () => ({ q: q() }), 'auditor', 'FORBIDDEN'),
  c('verify: no token', VERIFY, () => ({ q: q() }), 'none', 'UNAUTHENTICATED'),

  // ── permit ids ────────────────────────────────────────────────────────────────────────────────
  c('permitId "0"', ENDORSE, () => ({ p: '0', on: '2026-11-01' }), 'psCity', BAD),
  c('permitId "-1"', ENDORSE, () => ({ p: '-1', on: '2026-11-01' }), 'psCity', BAD),
  c('permitId "abc"', ENDORSE, () => ({ p: 'abc', on: '2026-11-01' }), 'psCity', BAD),
  c(
    'permitId "99999999999" (beyond any id)',
    ENDORSE,
    () => ({ p: '99999999999', on: '2026-11-01' }),
    'psCity',
    BAD,
    { orCode: 'NOT_FOUND' },
  ),
  c('permitId "1e3"', CONFISCATE, () => ({ p: '1e3', reason: '伪造', on: '2026-11-01' }), 'psCity', BAD),
  c(
    'permitId "999999" (well formed, no such permit)',
    ENDORSE,
    () => ({ p: '999999', on: '2026-11-01' }),
    'psCity',
    'NOT_FOUND',
  ),
  c('permitId "0" in changeResidence', CHANGE, (k) => move(k, { permitId: '0' }), 'psCity', BAD),

  // ── the query text itself (the contract's codes hold for literals and syntax errors too) ────────
  c('query text: a syntax error', 'mutation { endorsePermit(', () => undefined, 'psCity', BAD),
  c(
    'query text: more than 2000 tokens',
    `{ regions { ${'code '.repeat(2100)}} }`,
    () => undefined,
    'psCity',
    BAD,
  ),
  c(
    'query text: an inline Date literal 2026-02-30',
    `mutation { endorsePermit(permitId: "1", endorsedOn: "2026-02-30") { id } }`,
    () => undefined,
    'psCity',
    BAD,
  ),
  c(
    'query text: an inline fineYuan "100"',
    `mutation { recordViolation(input: { citizenIdNumber: "${KNOWN_ID}", article: 20, clause: 1, warning: true, fineYuan: "100", illegalGainsYuan: 0 }) { id } }`,
    () => undefined,
    'psCity',
    BAD,
  ),

  // ── acts the rules refuse ─────────────────────────────────────────────────────────────────────
  c(
    'endorse before the year-1 window opens',
    ENDORSE,
    (k) => ({ p: k.permitId, on: '2026-11-01' }),
    'psCity',
    RULE,
    { reason: 'ENDORSEMENT_WINDOW_NOT_OPEN' },
  ),
  c(
    'apply while holding a valid permit',
    APPLY_OP,
    () => ({ input: { citizenIdNumber: KNOWN_ID, appliedOn: '2026-11-01' } }),
    'psCity',
    'CONFLICT',
  ),
  c(
    'apply for an ID number never registered',
    APPLY_OP,
    () => ({ input: { citizenIdNumber: FRESH_ID, appliedOn: '2026-11-01' } }),
    'psCity',
    'NOT_FOUND',
  ),
  c(
    'define a local entitlement with a catalogue code',
    DEFINE,
    () => ent({ code: 'PUBLIC_RENTAL_HOUSING' }),
    'adminCity',
    'CONFLICT',
  ),
  c('register by a housing department', REGISTER_OP, () => reg(), 'housing', 'FORBIDDEN'),
  c('register with a garbage token', REGISTER_OP, () => reg(), 'none', 'UNAUTHENTICATED'),
];

const LEAK = [/stack/i, /src\//, /node_modules/, /\.[cm]?[jt]s:\d+/, /\/work\//, /\(\S*:\d+:\d+\)/];

type Reply = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
};

/** POST /graphql with node:http, on the given agent (false: a connection of its own). */
function post(
  url: string,
  payload: unknown,
  token: string | undefined,
  agent: Agent | false,
): Promise<Reply> {
  const data = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(data),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) });
          } catch (e) {
            reject(new Error(`HTTP ${res.statusCode}: not JSON: ${text.slice(0, 200)}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

describe.each(DBS)('bad input on %s', (db) => {
  let g: TestGateway;
  const tokens = {} as Record<keyof typeof CALLERS, string>;
  const known: Known = { permitId: '' };

  const exec = (sql: string) => g.gateway.orm.em.fork().getConnection().execute(sql);
  async function counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const t of TABLES) {
      const [row] = await exec(`select count(*) as n from ${t}`);
      out[t] = Number((row as { n: unknown }).n);
    }
    return out;
  }

  beforeAll(async () => {
    g = await startGateway(db);
    for (const k of Object.keys(CALLERS) as (keyof typeof CALLERS)[]) tokens[k] = await g.token(CALLERS[k]);
    // the known holder and permit: registered 2025-03-01, applied 2026-01-05, issued 2026-01-10 (VALID on 2026-11-28)
    const r = await g.gql(
      REGISTER,
      { input: registration(KNOWN_ID, KNOWN_NAME, '410305', '2025-03-01') },
      tokens.psCity,
    );
    expect(r.body.errors).toBeUndefined();
    const a = await g.gql(
      APPLY,
      { input: { citizenIdNumber: KNOWN_ID, appliedOn: '2026-01-05' } },
      tokens.psCity,
    );
    expect(a.body.data?.applyForPermit?.status).toBe('ACCEPTED');
    const p = await g.gql(ISSUE, { id: a.body.data.applyForPermit.id, on: '2026-01-10' }, tokens.psCity);
    expect(p.body.data?.issuePermit?.status).toBe('VALID');
    known.permitId = p.body.data.issuePermit.id;
    const base = await counts();
    expect(base).toMatchObject({ holder: 1, permit: 1, eligibility_decision: 0 });
  });
  afterAll(async () => {
    await g?.stop();
  });

  it('the catalogue has at least 60 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CASES.map((x) => x.name)).size).toBe(CASES.length);
  });

  it.each(CASES)('$name → $code', async (kase) => {
    const before = await counts();
    const token =
      kase.caller === 'none'
        ? kase.name.includes('garbage')
          ? 'garbage.token.here'
          : undefined
        : tokens[kase.caller];
    const payload = { query: kase.op, variables: kase.vars(known) };
    const { status, body } = kase.ownConnection
      ? await post(g.url, payload, token, false)
      : await g.gql(kase.op, payload.variables, token);
    const errors = body.errors ?? [];
    const summary = JSON.stringify({
      status,
      errors: errors.map((e) => ({ message: e.message.slice(0, 200), extensions: e.extensions })),
      data: body.data,
    }).slice(0, 600);

    // soft: one run reports everything wrong with a case (status, code, leak, writes)
    expect.soft(status === 200 || (status >= 400 && status < 500), `HTTP ${status}: ${summary}`).toBe(true);
    expect.soft(errors.length, `no error: ${summary}`).toBeGreaterThan(0);
    const first = errors[0];
    if (kase.or413 && status === 413) {
      // a body over the limit is refused before GraphQL reads it: fine
    } else {
      expect
        .soft([kase.code, ...(kase.orCode ? [kase.orCode] : [])], summary)
        .toContain(first?.extensions?.code);
      if (kase.reason) expect.soft(first?.extensions?.reason, summary).toBe(kase.reason);
      if (kase.code === RULE) expect.soft(first?.extensions?.citation?.article, summary).toBeTypeOf('number');
      if (kase.message) expect.soft(first?.message, summary).toMatch(kase.message);
    }
    const text = JSON.stringify(errors);
    for (const leak of LEAK) expect.soft(text, `leak ${leak}: ${summary}`).not.toMatch(leak);
    // Nothing of the act is written: not the holder, not a decision. A refusal by the rules is a
    // decision under Art. 23 that an auditor must see (Art. 22(1)), so it — and only it — leaves
    // exactly one audit entry, naming the reason and the refusal's decision id.
    const after = await counts();
    const refusedByRule = first?.extensions?.code === RULE;
    expect
      .soft(after, `rows written: ${summary}`)
      .toEqual({ ...before, audit_entry: before.audit_entry + (refusedByRule ? 1 : 0) });
    if (refusedByRule) {
      const auditor = await g.token(CALLERS.auditor);
      const log = await g.gql(
        `{ auditLog(after: ${before.audit_entry}, first: 5) { outcome } }`,
        {},
        auditor,
      );
      expect
        .soft(
          log.body.data?.auditLog?.map((e: { outcome: string }) => e.outcome),
          summary,
        )
        .toEqual([`REFUSED ${first?.extensions?.reason} decision ${first?.extensions?.decisionId}`]);
    }
  });

  describe('positive controls: accepted, and written', () => {
    it('a lower-case x check character is read as X', async () => {
      let seq = 300;
      while (!idNumber('411302', '1993-07-07', seq).endsWith('X')) seq++;
      const upper = idNumber('411302', '1993-07-07', seq);
      const before = await counts();
      const ok = await g.gql(
        REGISTER,
        { input: registration(upper.slice(0, 17) + 'x', '王小明', '410305', '2026-01-05') },
        tokens.psCity,
      );
      expect(ok.status).toBe(200);
      expect(ok.body.errors).toBeUndefined();
      expect((await counts()).holder).toBe(before.holder + 1);
      const h = await g.gql(
        'query($id: String!) { permitHolder(citizenIdNumber: $id) { citizenIdNumber name } }',
        { id: upper },
        tokens.psCity,
      );
      expect(h.body.data?.permitHolder).toEqual({ citizenIdNumber: upper, name: '王小明' });
    });

    it('a name outside the BMP (𠮷野家) is accepted as given', async () => {
      const id = idNumber('411302', '1994-08-08', 321);
      const before = await counts();
      const r = await g.gql(
        REGISTER,
        { input: registration(id, '𠮷野家', '410305', '2026-01-05') },
        tokens.psCity,
      );
      expect(r.status).toBe(200);
      expect(r.body.errors).toBeUndefined();
      expect((await counts()).holder).toBe(before.holder + 1);
      const h = await g.gql(
        'query($id: String!) { permitHolder(citizenIdNumber: $id) { name } }',
        { id },
        tokens.psCity,
      );
      expect(h.body.data?.permitHolder?.name).toBe('𠮷野家');
    });

    it('a name with a combining mark is accepted (and kept in NFC)', async () => {
      const id = idNumber('411302', '1995-09-09', 331);
      const before = await counts();
      const r = await g.gql(
        REGISTER,
        { input: registration(id, 'Jose\u0301 Garci\u0301a', '410305', '2026-01-05') },
        tokens.psCity,
      );
      expect(r.status).toBe(200);
      expect(r.body.errors).toBeUndefined();
      expect((await counts()).holder).toBe(before.holder + 1);
      const h = await g.gql(
        'query($id: String!) { permitHolder(citizenIdNumber: $id) { name } }',
        { id },
        tokens.psCity,
      );
      expect(h.body.data?.permitHolder?.name).toBe('Jos\u00e9 Garc\u00eda');
    });
  });

  it('a body over the limit is refused with 413 and the client can go on: its next request on the connection is answered', async () => {
    // A 413 sent before the body is read must say "connection: close" (or the body must be drained):
    // otherwise the client reuses a connection the server then drops, and its next request fails.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const before = await counts();
      const big = await post(
        g.url,
        { query: REGISTER, variables: reg({ residenceAddress: 'a'.repeat(3 * MB) }) },
        tokens.psCity,
        agent,
      );
      expect(big.status).toBe(413);
      expect(big.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
      await new Promise((r) => setTimeout(r, 100));
      const next = await post(g.url, { query: '{ regions { code } }' }, tokens.psCity, agent).catch(
        (e: Error) => e,
      );
      expect(
        next instanceof Error
          ? `${next.message} (413 sent with connection: ${String(big.headers.connection)})`
          : next.status,
      ).toBe(200);
      expect(await counts()).toEqual(before);
    } finally {
      agent.destroy();
    }
  });
});
