/**
 * How reasons are kept (issue 8, "Storage that fits the data"): every read and write of
 * `permit_application.reasons` and `eligibility_decision.body` goes through here, and here through
 * the codec of src/law (codes, variants and data; the texts and citations come from the registry).
 *
 *   permit_application.reasons   `[[code, passed, citation key, variant, ...data], ...]`
 *   eligibility_decision.body    `[2, rulesVersion, masked ID number, permit summary | null, reasons]`
 *                                with the permit summary `[status, issuedOn, validThrough,
 *                                [from, to, provisional] | null, region code]`; the decision id, time,
 *                                entitlement, day, answer and department are the row's own columns.
 *
 * Rows written before (migration 20261202000100 rewrites them; a node of the previous version may
 * still write some during a rolling upgrade) hold JSON objects: those are read as they always were.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  decodeReasons,
  encodeReasons,
  resolveRegionCode,
  type CompactReason,
  type Department,
  type LocalDate,
  type PermitStatus,
  type Reason,
  type Region,
} from '../law';

/** permit_application.reasons, compact. */
export function storeReasons(reasons: readonly Reason[]): string {
  return JSON.stringify(encodeReasons(reasons));
}

/** permit_application.reasons as the rules built them, in either format. */
export function loadReasons(text: string): Reason[] {
  const parsed = JSON.parse(text) as unknown;
  if (!Array.isArray(parsed)) throw new Error('stored reasons: not a list');
  // the format before migration 20261202000100: the Reason objects themselves
  if (parsed.some((r) => !Array.isArray(r))) return parsed as Reason[];
  return decodeReasons(parsed as CompactReason[]);
}

/** A decision as answered and kept (src/app's DecisionView has this shape). */
export interface StoredDecision {
  decisionId: string;
  eligible: boolean;
  entitlementCode: string;
  asOf: LocalDate;
  permit: {
    maskedCitizenIdNumber: string;
    status: PermitStatus;
    issuedOn: LocalDate;
    validThrough: LocalDate | null;
    endorsementWindow: { from: LocalDate; to: LocalDate; provisional: boolean } | null;
    region: Region;
  } | null;
  reasons: Reason[];
  rulesVersion: string;
  /** when it was decided (ISO 8601) */
  at: string;
  department: Department | null;
  maskedCitizenIdNumber: string | null;
}

/** The columns of the decision's row the compact body leans on. */
export interface DecisionColumns {
  decisionId: string;
  eligible: boolean;
  entitlementCode: string;
  asOf: string;
  createdAt: string;
  department: string | null;
  body: string;
}

const BODY_FORMAT = 2;

type CompactPermit = [
  status: PermitStatus,
  issuedOn: LocalDate,
  validThrough: LocalDate | null,
  window: [from: LocalDate, to: LocalDate, provisional: 0 | 1] | null,
  regionCode: string,
  /** only when it differs from the decision's */
  maskedCitizenIdNumber?: string,
];

/**
 * eligibility_decision.body, compact. The row is written with `createdAt` = `d.at`, `department` =
 * `d.department` and the other columns from `d` (src/app/verification.ts), so the body holds only
 * what they do not.
 */
export function storeDecisionBody(d: StoredDecision): string {
  const p = d.permit;
  const permit: CompactPermit | null = p && [
    p.status,
    p.issuedOn,
    p.validThrough,
    p.endorsementWindow && [
      p.endorsementWindow.from,
      p.endorsementWindow.to,
      p.endorsementWindow.provisional ? 1 : 0,
    ],
    p.region.code,
  ];
  if (p && permit && p.maskedCitizenIdNumber !== d.maskedCitizenIdNumber)
    permit.push(p.maskedCitizenIdNumber);
  return JSON.stringify([
    BODY_FORMAT,
    d.rulesVersion,
    d.maskedCitizenIdNumber,
    permit,
    encodeReasons(d.reasons),
  ]);
}

function loadPermit(c: CompactPermit, masked: string | null): StoredDecision['permit'] {
  const [status, issuedOn, validThrough, window, regionCode, ownMasked] = c;
  const region = resolveRegionCode(regionCode);
  const maskedCitizenIdNumber = ownMasked ?? masked;
  if (!region || maskedCitizenIdNumber === null) throw new Error('stored decision: malformed permit summary');
  return {
    maskedCitizenIdNumber,
    status,
    issuedOn,
    validThrough,
    endorsementWindow: window && { from: window[0], to: window[1], provisional: window[2] === 1 },
    region,
  };
}

/** A stored decision as it was answered, from its row, in either format. */
export function loadDecision(row: DecisionColumns): StoredDecision {
  const parsed = JSON.parse(row.body) as unknown;
  if (Array.isArray(parsed)) {
    const [format, rulesVersion, masked, permit, reasons] = parsed as [
      number,
      string,
      string | null,
      CompactPermit | null,
      CompactReason[],
    ];
    if (format !== BODY_FORMAT || parsed.length !== 5) throw new Error('stored decision: unknown format');
    return {
      decisionId: row.decisionId,
      eligible: row.eligible,
      entitlementCode: row.entitlementCode,
      asOf: row.asOf as LocalDate,
      permit: permit && loadPermit(permit, masked),
      reasons: decodeReasons(reasons),
      rulesVersion,
      at: row.createdAt,
      department: row.department as Department | null,
      maskedCitizenIdNumber: masked,
    };
  }
  // The JSON of the whole decision (before migration 20261202000100). Rows from before receipts
  // lack the decision time, department and masked ID number: those come from the row's columns and
  // the permit summary.
  const body = parsed as Omit<StoredDecision, 'at' | 'department' | 'maskedCitizenIdNumber'> &
    Partial<StoredDecision>;
  return {
    ...body,
    at: body.at ?? new Date(row.createdAt).toISOString(),
    department: body.department !== undefined ? body.department : (row.department as Department | null),
    maskedCitizenIdNumber: body.maskedCitizenIdNumber ?? body.permit?.maskedCitizenIdNumber ?? null,
  };
}

/**
 * The compact text of a row written in the format before migration 20261202000100, or null when
 * the compact form would not give back exactly the same decision (then the row stays as it is).
 */
export function compactDecisionBody(row: DecisionColumns): string | null {
  if (!row.body.startsWith('{')) return null;
  let before: StoredDecision;
  try {
    before = loadDecision(row);
  } catch {
    return null;
  }
  try {
    const body = storeDecisionBody(before);
    return isDeepStrictEqual(loadDecision({ ...row, body }), before) ? body : null;
  } catch {
    return null;
  }
}

/** The same for an application's reasons. */
export function compactReasons(text: string): string | null {
  if (!text.trimStart().startsWith('[{')) return null;
  try {
    const before = loadReasons(text);
    const stored = storeReasons(before);
    return isDeepStrictEqual(loadReasons(stored), before) ? stored : null;
  } catch {
    return null;
  }
}
