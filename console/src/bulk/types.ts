/**
 * The bulk check's data, typed from /work/shared/contract.graphql (EligibilityQuery,
 * EligibilityDecision, PermitSummary, DecisionReason, Citation). Local and structural: the console's
 * generated operation types fit them.
 */

/** input EligibilityQuery */
export interface EligibilityQuery {
  citizenIdNumber: string;
  holderName: string;
  entitlement: string;
  /** default: today (the gateway's) */
  asOf?: string | null;
  /** required for CHILD_EDUCATION_AND_ZHONGKAO */
  dependentCitizenIdNumber?: string | null;
}

/** type Citation: 第{article}条 (第{paragraph}款) 第{clause}项 */
export interface CitationLike {
  article: number;
  paragraph?: number | null;
  clause?: number | null;
  textZh?: string;
}

/** type DecisionReason */
export interface DecisionReasonLike {
  code: string;
  passed: boolean;
  messageZh: string;
  messageEn?: string;
  citation: CitationLike;
}

/** type PermitSummary (what a department may see: no name, no address) */
export interface PermitSummaryLike {
  maskedCitizenIdNumber: string;
  status: string;
  issuedOn?: string;
  validThrough?: string | null;
  region?: { code: string; nameZh: string } | null;
}

/** type EligibilityDecision */
export interface EligibilityDecisionLike {
  decisionId: string;
  eligible: boolean;
  entitlementCode: string;
  asOf: string;
  permit: PermitSummaryLike | null;
  reasons: DecisionReasonLike[];
}

/** An entitlement the caller may check (its scope): the code and its display name. */
export interface EntitlementOption {
  code: string;
  name: string;
}

/** The columns of the template and of an upload, in order (header row 1). */
export type InputColumn =
  'citizenIdNumber' | 'holderName' | 'entitlement' | 'dependentCitizenIdNumber' | 'asOf';

/** A cell as read from the file: its text, and what kind of cell it was (XLSX keeps types, CSV has text only). */
export type Cell =
  | { kind: 'empty'; text: '' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; text: string; value: number }
  /** an Excel date cell: the calendar date as Excel shows it */
  | { kind: 'date'; text: string }
  | { kind: 'other'; text: string };

/** One data row of the file; `rowNumber` is the spreadsheet row (the header is row 1). */
export interface SheetRow {
  rowNumber: number;
  cells: Record<InputColumn, Cell>;
}

export type Locale = 'zh-CN' | 'en';

/** A sentence in both languages (Chinese first: the front desk reads Chinese). */
export interface Sentence {
  zh: string;
  en: string;
}

/** Why a row is not sent. */
export interface RowProblem extends Sentence {
  column: InputColumn;
  code: string;
}

/** A row refused in the browser, with every problem found in it. */
export interface RefusedRow {
  rowNumber: number;
  input: Record<InputColumn, string>;
  problems: RowProblem[];
}

/** A row that goes into the batch: the query as sent, and the input as read. */
export interface AcceptedRow {
  rowNumber: number;
  input: Record<InputColumn, string>;
  query: EligibilityQuery;
}
