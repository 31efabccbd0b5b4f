/**
 * The records. Acts are rows that are never edited in place: a correction, a move, an endorsement,
 * a replacement or a confiscation is a new row, so every `asOf` question is answered from history
 * (Art. 22(5): records are not tampered with). Foreign keys are plain id columns, indexed; dates are
 * `YYYY-MM-DD` text so SQLite and PostgreSQL compare them identically.
 */
import { EntitySchema } from '@mikro-orm/core';

const id = { type: 'number', primary: true, autoincrement: true } as const;
const date = { type: 'string', length: 10 } as const;
const createdAt = { type: 'string', length: 40 } as const;

export class HolderRow {
  id!: number;
  citizenIdNumber!: string;
  name!: string;
  /** I-7 normalised, for matching */
  nameKey!: string;
  sex!: string;
  birthDate!: string;
  hukouRegionCode!: string;
  hukouAddress!: string;
  createdAt!: string;
}
export const Holder = new EntitySchema<HolderRow>({
  class: HolderRow,
  tableName: 'holder',
  properties: {
    id,
    citizenIdNumber: { type: 'string', length: 18, unique: true },
    name: { type: 'string', length: 256 },
    nameKey: { type: 'string', length: 256 },
    sex: { type: 'string', length: 6 },
    birthDate: date,
    hukouRegionCode: { type: 'string', length: 6 },
    hukouAddress: { type: 'string', length: 512 },
    createdAt,
  },
  // searchHolders: a prefix of the name as a byte-order range (src/db/holder-search.ts); on
  // PostgreSQL the column is indexed collate "C" (migration 20261202000200)
  indexes: [
    {
      name: 'holder_name_key_prefix_index',
      expression: 'create index `holder_name_key_prefix_index` on `holder` (`name_key`, `id`)',
    },
  ],
});

/** Art. 8–9: a residence registration; also Art. 10 corrections (kind CORRECTION) */
export class ResidenceRecordRow {
  id!: number;
  holderId!: number;
  kind!: string; // REGISTRATION | CORRECTION | MOVE
  effectiveOn!: string;
  regionCode!: string;
  address!: string;
  basis!: string; // comma-separated ResidenceBasis
  proofKind!: string | null;
  proofReference!: string | null;
  portraitCaptured!: boolean;
  officeRegionCode!: string;
  actor!: string;
  createdAt!: string;
}
export const ResidenceRecord = new EntitySchema<ResidenceRecordRow>({
  class: ResidenceRecordRow,
  tableName: 'residence_record',
  properties: {
    id,
    holderId: { type: 'number', index: true },
    kind: { type: 'string', length: 16 },
    effectiveOn: date,
    regionCode: { type: 'string', length: 6 },
    address: { type: 'string', length: 512 },
    basis: { type: 'string', length: 128 },
    proofKind: { type: 'string', length: 128, nullable: true },
    proofReference: { type: 'string', length: 256, nullable: true },
    portraitCaptured: { type: 'boolean' },
    officeRegionCode: { type: 'string', length: 6 },
    actor: { type: 'string', length: 128 },
    createdAt,
  },
  indexes: [{ name: 'residence_record_holder_current_index', properties: ['holderId', 'effectiveOn', 'id'] }],
});

export class ApplicationRow {
  id!: number;
  holderId!: number;
  appliedOn!: string;
  accepted!: boolean;
  // The Art. 11 deadline is not stored: it is derived from appliedOn with the calendar in force
  // (SPEC "Holiday notices"; migration 20261201000300 dropped the frozen column).
  /** compact: codes, variants and data, through src/db/reasons.ts (storeReasons / loadReasons) */
  reasons!: string;
  /** one open application per holder: `${holderId}:${permits issued so far}` while accepted; null when refused */
  openSlot!: string | null;
  officeRegionCode!: string;
  actor!: string;
  createdAt!: string;
}
export const Application = new EntitySchema<ApplicationRow>({
  class: ApplicationRow,
  tableName: 'permit_application',
  properties: {
    id,
    holderId: { type: 'number', index: true },
    appliedOn: date,
    accepted: { type: 'boolean' },
    reasons: { type: 'text' },
    openSlot: { type: 'string', length: 40, nullable: true, unique: true },
    officeRegionCode: { type: 'string', length: 6 },
    actor: { type: 'string', length: 128 },
    createdAt,
  },
  // overdueApplications: open applications by acceptance date (partial: open ones only)
  indexes: [
    {
      name: 'permit_application_open_applied_on_index',
      expression:
        'create index `permit_application_open_applied_on_index` on `permit_application` (`applied_on`, `id`) where `open_slot` is not null',
    },
  ],
});

export class PermitRow {
  id!: number;
  holderId!: number;
  applicationId!: number;
  issuedOn!: string;
  /** `MM-DD` of issuedOn (calendar-free, indexed): endorsementsDue finds anniversaries by it (I-3) */
  issueMonthDay!: string;
  issuingAuthority!: string;
  regionCode!: string;
  actor!: string;
  createdAt!: string;
}
export const Permit = new EntitySchema<PermitRow>({
  class: PermitRow,
  tableName: 'permit',
  properties: {
    id,
    holderId: { type: 'number', index: true },
    applicationId: { type: 'number', unique: true },
    issuedOn: date,
    issueMonthDay: { type: 'string', length: 5 },
    issuingAuthority: { type: 'string', length: 64 },
    regionCode: { type: 'string', length: 6 },
    actor: { type: 'string', length: 128 },
    createdAt,
  },
  // endorsementsDue starts from the calendar-free issue month-day (src/db/lists.ts)
  indexes: [{ name: 'permit_issue_month_day_index', properties: ['issueMonthDay', 'id'] }],
});

export class EndorsementRow {
  id!: number;
  permitId!: number;
  /** the endorsement year k whose window this endorsement falls in */
  year!: number;
  endorsedOn!: string;
  // extendsValidityThrough is derived (I-3: the end of year k+1's window), never stored
  actor!: string;
  createdAt!: string;
}
export const Endorsement = new EntitySchema<EndorsementRow>({
  class: EndorsementRow,
  tableName: 'endorsement',
  properties: {
    id,
    permitId: { type: 'number', index: true },
    year: { type: 'number' },
    endorsedOn: date,
    actor: { type: 'string', length: 128 },
    createdAt,
  },
  uniques: [{ name: 'endorsement_one_per_window', properties: ['permitId', 'year'] }],
});

export class ResidenceChangeRow {
  id!: number;
  permitId!: number;
  holderId!: number;
  fromRegionCode!: string;
  toRegionCode!: string;
  address!: string;
  changedOn!: string;
  /** Art. 14 para 1: true for a move between the urban area and a county or between counties */
  changeRegistration!: boolean;
  actor!: string;
  createdAt!: string;
}
export const ResidenceChange = new EntitySchema<ResidenceChangeRow>({
  class: ResidenceChangeRow,
  tableName: 'residence_change',
  properties: {
    id,
    permitId: { type: 'number', index: true },
    holderId: { type: 'number', index: true },
    fromRegionCode: { type: 'string', length: 6 },
    toRegionCode: { type: 'string', length: 6 },
    address: { type: 'string', length: 512 },
    changedOn: date,
    changeRegistration: { type: 'boolean' },
    actor: { type: 'string', length: 128 },
    createdAt,
  },
  indexes: [{ name: 'residence_change_permit_on_index', properties: ['permitId', 'changedOn', 'id'] }],
});

export class ReplacementRow {
  id!: number;
  permitId!: number;
  kind!: string;
  reportedOn!: string;
  // the Art. 14 para 2 deadline is derived from reportedOn with the calendar in force, never stored
  /** one open request per permit: `${permitId}:${cards issued so far}` */
  openSlot!: string;
  actor!: string;
  createdAt!: string;
}
export const Replacement = new EntitySchema<ReplacementRow>({
  class: ReplacementRow,
  tableName: 'replacement_request',
  properties: {
    id,
    permitId: { type: 'number', index: true },
    kind: { type: 'string', length: 8 },
    reportedOn: date,
    openSlot: { type: 'string', length: 40, unique: true },
    actor: { type: 'string', length: 128 },
    createdAt,
  },
});

export class ReplacementIssueRow {
  id!: number;
  requestId!: number;
  permitId!: number;
  issuedOn!: string;
  /** the card version this replacement made (the first card is 1) */
  cardVersion!: number;
  actor!: string;
  createdAt!: string;
}
export const ReplacementIssue = new EntitySchema<ReplacementIssueRow>({
  class: ReplacementIssueRow,
  tableName: 'replacement_issue',
  properties: {
    id,
    requestId: { type: 'number', unique: true },
    permitId: { type: 'number', index: true },
    issuedOn: date,
    cardVersion: { type: 'number' },
    actor: { type: 'string', length: 128 },
    createdAt,
  },
  uniques: [{ name: 'replacement_card_version', properties: ['permitId', 'cardVersion'] }],
});

export class DependentRow {
  id!: number;
  holderId!: number;
  citizenIdNumber!: string;
  name!: string;
  birthDate!: string;
  actor!: string;
  createdAt!: string;
}
export const Dependent = new EntitySchema<DependentRow>({
  class: DependentRow,
  tableName: 'dependent',
  properties: {
    id,
    holderId: { type: 'number', index: true },
    citizenIdNumber: { type: 'string', length: 18 },
    name: { type: 'string', length: 256 },
    birthDate: date,
    actor: { type: 'string', length: 128 },
    createdAt,
  },
  uniques: [{ name: 'dependent_once_per_holder', properties: ['holderId', 'citizenIdNumber'] }],
});

export class ViolationRow {
  id!: number;
  holderId!: number | null;
  citizenIdNumber!: string;
  article!: number;
  clause!: number;
  warning!: boolean;
  fineYuan!: number;
  illegalGainsYuan!: number;
  occurredOn!: string;
  officeRegionCode!: string;
  actor!: string;
  createdAt!: string;
}
export const Violation = new EntitySchema<ViolationRow>({
  class: ViolationRow,
  tableName: 'violation',
  properties: {
    id,
    holderId: { type: 'number', nullable: true, index: true },
    citizenIdNumber: { type: 'string', length: 18, index: true },
    article: { type: 'number' },
    clause: { type: 'number' },
    warning: { type: 'boolean' },
    fineYuan: { type: 'number' },
    illegalGainsYuan: { type: 'number' },
    occurredOn: date,
    officeRegionCode: { type: 'string', length: 6 },
    actor: { type: 'string', length: 128 },
    createdAt,
  },
});

export class ConfiscationRow {
  id!: number;
  permitId!: number;
  confiscatedOn!: string;
  reason!: string;
  actor!: string;
  createdAt!: string;
}
export const Confiscation = new EntitySchema<ConfiscationRow>({
  class: ConfiscationRow,
  tableName: 'confiscation',
  properties: {
    id,
    permitId: { type: 'number', unique: true },
    confiscatedOn: date,
    reason: { type: 'string', length: 512 },
    actor: { type: 'string', length: 128 },
    createdAt,
  },
});

/** The Art. 18/19 catalogue (seeded) and local additions under 18(12) and 19(6). */
export class EntitlementRow {
  code!: string;
  kind!: string;
  article!: number;
  clause!: number;
  nameZh!: string;
  nameEn!: string;
  department!: string;
  regionCode!: string;
  effectiveFrom!: string;
  effectiveUntil!: string | null;
  local!: boolean;
  actor!: string;
  createdAt!: string;
}
export const EntitlementEntity = new EntitySchema<EntitlementRow>({
  class: EntitlementRow,
  tableName: 'entitlement',
  properties: {
    code: { type: 'string', length: 64, primary: true },
    kind: { type: 'string', length: 16 },
    article: { type: 'number' },
    clause: { type: 'number' },
    nameZh: { type: 'string', length: 256 },
    nameEn: { type: 'string', length: 256 },
    department: { type: 'string', length: 48 },
    regionCode: { type: 'string', length: 6 },
    effectiveFrom: date,
    effectiveUntil: { ...date, nullable: true },
    local: { type: 'boolean' },
    actor: { type: 'string', length: 128 },
    createdAt,
  },
});

/**
 * Articles 18(12), 19(6): a government ends a local item (its last day in force). A new act, never an
 * edit of the definition: the item's end is the latest such act's, else the definition's own.
 */
export class EntitlementEndRow {
  id!: number;
  entitlementCode!: string;
  effectiveUntil!: string;
  actor!: string;
  createdAt!: string;
}
export const EntitlementEnd = new EntitySchema<EntitlementEndRow>({
  class: EntitlementEndRow,
  tableName: 'entitlement_end',
  properties: {
    id,
    entitlementCode: { type: 'string', length: 64 },
    effectiveUntil: date,
    actor: { type: 'string', length: 128 },
    createdAt,
  },
  indexes: [{ name: 'entitlement_end_latest_index', properties: ['entitlementCode', 'id'] }],
});

export class RegionRow {
  code!: string;
  nameZh!: string;
  kind!: string;
}
export const RegionEntity = new EntitySchema<RegionRow>({
  class: RegionRow,
  tableName: 'region',
  properties: {
    code: { type: 'string', length: 6, primary: true },
    nameZh: { type: 'string', length: 32 },
    kind: { type: 'string', length: 16 },
  },
});

/** Art. 23: each decision is kept with its id and reasons; Art. 21 para 2 lists the positive ones. */
export class DecisionRow {
  decisionId!: string;
  entitlementCode!: string;
  asOf!: string;
  permitId!: number | null;
  eligible!: boolean;
  /** the decision as answered (masked), compact: through src/db/reasons.ts (storeDecisionBody / loadDecision) */
  body!: string;
  actor!: string;
  role!: string;
  department!: string | null;
  /** the asking office's region: with `department`, which office made the decision */
  actorRegionCode!: string;
  createdAt!: string;
  /**
   * the holder whose ID number was asked about, whenever it belongs to one, even when the name did
   * not match (so the holder sees every check about them, myVerifications); null for an unknown number
   */
  holderId!: number | null;
  /** the holder consented by a share code in place of ID number and name */
  byShareCode!: boolean;
}
export const Decision = new EntitySchema<DecisionRow>({
  class: DecisionRow,
  tableName: 'eligibility_decision',
  properties: {
    decisionId: { type: 'string', length: 36, primary: true },
    entitlementCode: { type: 'string', length: 64 },
    asOf: date,
    permitId: { type: 'number', nullable: true },
    eligible: { type: 'boolean' },
    body: { type: 'text' },
    actor: { type: 'string', length: 128 },
    role: { type: 'string', length: 24 },
    department: { type: 'string', length: 48, nullable: true },
    actorRegionCode: { type: 'string', length: 6 },
    createdAt,
    holderId: { type: 'number', nullable: true },
    byShareCode: { type: 'boolean', default: false },
  },
  // the decision lists read index ranges in (created_at, decision_id) order (src/db/decisions.ts);
  // myVerifications pages through one holder's decisions newest first, from the holder index alone
  indexes: [
    { name: 'eligibility_decision_permit_created', properties: ['permitId', 'createdAt', 'decisionId'] },
    {
      name: 'eligibility_decision_office_created',
      properties: ['role', 'actorRegionCode', 'createdAt', 'decisionId'],
    },
    {
      name: 'eligibility_decision_department_created',
      properties: ['department', 'actorRegionCode', 'createdAt', 'decisionId'],
    },
    { name: 'eligibility_decision_holder_newest_index', properties: ['holderId', 'createdAt', 'decisionId'] },
  ],
});

/**
 * A one-time code by which a holder lets a department check them (SPEC 亮证). The code itself is
 * never stored: only its keyed hash (HMAC-SHA256, src/app/share-codes/code.ts) and its last two
 * characters for the holder's list. Used and revoked codes stay, as every act does.
 */
export class ShareCodeRow {
  id!: number;
  holderId!: number;
  codeHash!: string;
  lastTwo!: string;
  entitlementCode!: string | null;
  department!: string | null;
  expiresAt!: string;
  createdAt!: string;
  usedAt!: string | null;
  /** the decision the code was used up by */
  usedDecisionId!: string | null;
  revokedAt!: string | null;
}
export const ShareCode = new EntitySchema<ShareCodeRow>({
  class: ShareCodeRow,
  tableName: 'share_code',
  properties: {
    id,
    holderId: { type: 'number', index: true },
    codeHash: { type: 'string', length: 64, unique: true },
    lastTwo: { type: 'string', length: 2 },
    entitlementCode: { type: 'string', length: 64, nullable: true },
    department: { type: 'string', length: 48, nullable: true },
    expiresAt: createdAt,
    createdAt,
    usedAt: { ...createdAt, nullable: true },
    usedDecisionId: { type: 'string', length: 36, nullable: true },
    revokedAt: { ...createdAt, nullable: true },
  },
});

/** Art. 22(4)-(5): the audit log, a hash chain. Holds no names or full ID numbers. */
export class AuditRow {
  sequence!: number;
  at!: string;
  actor!: string;
  role!: string;
  action!: string;
  subject!: string | null;
  outcome!: string;
  prevHash!: string;
  hash!: string;
}
export const Audit = new EntitySchema<AuditRow>({
  class: AuditRow,
  tableName: 'audit_entry',
  properties: {
    sequence: { type: 'number', primary: true, autoincrement: false },
    at: { type: 'string', length: 40 },
    actor: { type: 'string', length: 128 },
    role: { type: 'string', length: 24 },
    action: { type: 'string', length: 64 },
    subject: { type: 'string', length: 128, nullable: true },
    outcome: { type: 'string', length: 256 },
    prevHash: { type: 'string', length: 64 },
    hash: { type: 'string', length: 64 },
  },
  // auditLog's filters, each read in sequence order from its own index (src/db/audit-log.ts)
  indexes: [
    { name: 'audit_entry_action_index', properties: ['action', 'sequence'] },
    { name: 'audit_entry_role_index', properties: ['role', 'sequence'] },
    { name: 'audit_entry_subject_index', properties: ['subject', 'sequence'] },
    { name: 'audit_entry_at_index', properties: ['at', 'sequence'] },
  ],
});

export const ENTITIES = [
  Holder,
  ResidenceRecord,
  Application,
  Permit,
  Endorsement,
  ResidenceChange,
  Replacement,
  ReplacementIssue,
  Dependent,
  Violation,
  Confiscation,
  EntitlementEntity,
  EntitlementEnd,
  RegionEntity,
  Decision,
  Audit,
  ShareCode,
];
