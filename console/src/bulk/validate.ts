/**
 * Checks each row of a bulk-check file with the rules the gateway applies to a batch
 * (src/app/verification.ts parseQuery), so that a row the batch would refuse is listed with its
 * row number and problem and not sent: the ID numbers by src/law's parseCitizenId (length, check
 * character, birth date, region), the name as the gateway reads it (normalizeName, at most 256
 * characters), the date by parseLocalDate, the entitlement within the caller's scope. The gateway
 * stays the authority; this only spares a batch its refusal.
 */
import { parseCitizenId } from '../../../src/law/citizen-id';
import { parseLocalDate, isDateError, isValidYmd, ymd, type LocalDate } from '../../../src/law/date';
import { normalizeName } from '../../../src/law/names';
import { CATALOGUE, CHILD_EDUCATION } from '../../../src/law/catalogue';
import { bulkEn } from '../i18n/bulk.en';
import { bulkZhCN } from '../i18n/bulk.zh-CN';
import { INPUT_COLUMNS } from './columns';
import type {
  AcceptedRow,
  Cell,
  EligibilityQuery,
  EntitlementOption,
  InputColumn,
  RefusedRow,
  RowProblem,
  SheetRow,
} from './types';

/** The gateway refuses a holder name longer than this (verification.ts parseQuery). */
export const MAX_HOLDER_NAME = 256;

export interface ValidationContext {
  /** what the caller may check (a DEPARTMENT's scope; all for public security and delegated agencies) */
  entitlements: readonly EntitlementOption[];
  /** today in China Standard Time (YYYY-MM-DD): a birth date after it is refused, an empty date is it */
  today: string;
}

export interface Validated {
  accepted: AcceptedRow[];
  refused: RefusedRow[];
}

const compact = (s: string) =>
  s
    .normalize('NFC')
    .replace(/[\s\p{White_Space}]+/gu, '')
    .toLowerCase();

/** The entitlement a 核验事项 cell names: its code (any case) or its name (Chinese or as the scope gives it). */
export function resolveEntitlement(
  text: string,
  scope: readonly EntitlementOption[],
): { ok: true; code: string } | { ok: false; inCatalogue: boolean } {
  const key = compact(text);
  const upper = key.toUpperCase();
  // a code, a Chinese or an English name, compared without white space and case
  const names = (code: string) => {
    const c = CATALOGUE.find((e) => e.code === code);
    return [c?.nameZh, c?.nameEn].filter((n): n is string => n !== undefined).map(compact);
  };
  const inScope = scope.find(
    (e) => compact(e.code) === key || compact(e.name) === key || names(e.code).includes(key),
  );
  if (inScope) return { ok: true, code: inScope.code };
  const known = CATALOGUE.some(
    (e) => e.code === upper || compact(e.nameZh) === key || compact(e.nameEn) === key,
  );
  return { ok: false, inCatalogue: known };
}

/** The display name of an entitlement code in both languages (the catalogue's, else the scope's, else the code). */
function entitlementNames(code: string, scope: readonly EntitlementOption[]): { zh: string; en: string } {
  const c = CATALOGUE.find((e) => e.code === code);
  const s = scope.find((e) => e.code === code)?.name ?? code;
  return { zh: c?.nameZh ?? s, en: c?.nameEn ?? s };
}

/** An ID cell's text; for a number cell too long to be exact, null (the digits are gone). */
function idText(cell: Cell): string | null {
  if (cell.kind === 'number' && !Number.isSafeInteger(cell.value)) return null;
  return cell.text;
}

const LOOSE_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;

/**
 * 核验日期: empty (today), an Excel date cell, or YYYY-MM-DD; also YYYY/M/D, which is how Excel on
 * Chinese Windows writes a date cell into a CSV. Anything else (a bare number included) is refused.
 */
export function asOfOf(cell: Cell): { ok: true; value: LocalDate | null } | { ok: false } {
  if (cell.kind === 'empty') return { ok: true, value: null };
  if (cell.kind === 'number') return { ok: false };
  const text = cell.text.trim();
  const strict = parseLocalDate(text);
  if (!isDateError(strict)) return { ok: true, value: strict };
  const m = LOOSE_DATE.exec(text);
  if (m && isValidYmd(+m[1], +m[2], +m[3])) return { ok: true, value: ymd(+m[1], +m[2], +m[3]) };
  return { ok: false };
}

const clip = (s: string) => (Array.from(s).length > 40 ? `${Array.from(s).slice(0, 40).join('')}…` : s);

/** Checks one row: the query to send, or every problem found. */
export function validateRow(row: SheetRow, ctx: ValidationContext): AcceptedRow | RefusedRow {
  const c = row.cells;
  const input = Object.fromEntries(INPUT_COLUMNS.map((col) => [col.key, c[col.key].text])) as Record<
    InputColumn,
    string
  >;
  const problems: RowProblem[] = [];
  const problem = (column: InputColumn, code: string, zh: string, en: string) =>
    problems.push({ column, code, zh, en });
  const today = ctx.today as LocalDate;

  let citizenIdNumber: string | null = null;
  const id = idText(c.citizenIdNumber);
  if (c.citizenIdNumber.kind === 'empty')
    problem('citizenIdNumber', 'ID_EMPTY', bulkZhCN.problems.ID_EMPTY, bulkEn.problems.ID_EMPTY);
  else if (id === null)
    problem(
      'citizenIdNumber',
      'ID_PRECISION_LOST',
      bulkZhCN.problems.ID_PRECISION_LOST,
      bulkEn.problems.ID_PRECISION_LOST,
    );
  else {
    const r = parseCitizenId(id, today);
    if (r.ok) citizenIdNumber = r.value;
    else problem('citizenIdNumber', `ID_${r.error.problem}`, r.error.messageZh, r.error.messageEn);
  }

  const holderName = c.holderName.text;
  if (normalizeName(holderName) === '')
    problem('holderName', 'NAME_EMPTY', bulkZhCN.problems.NAME_EMPTY, bulkEn.problems.NAME_EMPTY);
  else if (holderName.length > MAX_HOLDER_NAME)
    problem('holderName', 'NAME_TOO_LONG', bulkZhCN.problems.NAME_TOO_LONG, bulkEn.problems.NAME_TOO_LONG);

  let entitlement: string | null = null;
  const entText = c.entitlement.text.trim();
  if (entText === '')
    problem(
      'entitlement',
      'ENTITLEMENT_EMPTY',
      bulkZhCN.problems.ENTITLEMENT_EMPTY,
      bulkEn.problems.ENTITLEMENT_EMPTY,
    );
  else {
    const r = resolveEntitlement(entText, ctx.entitlements);
    if (r.ok) entitlement = r.code;
    else if (r.inCatalogue)
      problem(
        'entitlement',
        'ENTITLEMENT_OUT_OF_SCOPE',
        bulkZhCN.problems.ENTITLEMENT_OUT_OF_SCOPE(clip(entText)),
        bulkEn.problems.ENTITLEMENT_OUT_OF_SCOPE(clip(entText)),
      );
    else
      problem(
        'entitlement',
        'ENTITLEMENT_UNKNOWN',
        bulkZhCN.problems.ENTITLEMENT_UNKNOWN(clip(entText)),
        bulkEn.problems.ENTITLEMENT_UNKNOWN(clip(entText)),
      );
  }

  // the gateway checks a child's ID number whenever one is given, and 18(7) needs one
  let child: string | null = null;
  const childCell = c.dependentCitizenIdNumber;
  if (childCell.kind !== 'empty') {
    const text = idText(childCell);
    if (text === null)
      problem(
        'dependentCitizenIdNumber',
        'CHILD_PRECISION_LOST',
        bulkZhCN.problems.CHILD_PRECISION_LOST,
        bulkEn.problems.CHILD_PRECISION_LOST,
      );
    else {
      const r = parseCitizenId(text, today);
      if (r.ok) child = r.value;
      else
        problem(
          'dependentCitizenIdNumber',
          `CHILD_${r.error.problem}`,
          bulkZhCN.problems.CHILD_INVALID(r.error.messageZh),
          bulkEn.problems.CHILD_INVALID(r.error.messageEn),
        );
    }
  } else if (entitlement === CHILD_EDUCATION) {
    const n = entitlementNames(CHILD_EDUCATION, ctx.entitlements);
    problem(
      'dependentCitizenIdNumber',
      'CHILD_REQUIRED',
      bulkZhCN.problems.CHILD_REQUIRED(n.zh),
      bulkEn.problems.CHILD_REQUIRED(n.en),
    );
  }

  const asOf = asOfOf(c.asOf);
  if (!asOf.ok)
    problem(
      'asOf',
      'DATE_INVALID',
      bulkZhCN.problems.DATE_INVALID(clip(c.asOf.text.trim())),
      bulkEn.problems.DATE_INVALID(clip(c.asOf.text.trim())),
    );

  if (problems.length > 0 || citizenIdNumber === null || entitlement === null || !asOf.ok)
    return { rowNumber: row.rowNumber, input, problems };
  const query: EligibilityQuery = { citizenIdNumber, holderName, entitlement };
  if (asOf.value !== null) query.asOf = asOf.value;
  if (child !== null) query.dependentCitizenIdNumber = child;
  return { rowNumber: row.rowNumber, input: { ...input, asOf: asOf.value ?? '' }, query };
}

export function isRefused(r: AcceptedRow | RefusedRow): r is RefusedRow {
  return 'problems' in r;
}

/** Every row checked: the ones to send (in file order) and the ones refused, each with its problems. */
export function validateRows(rows: readonly SheetRow[], ctx: ValidationContext): Validated {
  const accepted: AcceptedRow[] = [];
  const refused: RefusedRow[] = [];
  for (const row of rows) {
    const r = validateRow(row, ctx);
    if (isRefused(r)) refused.push(r);
    else accepted.push(r);
  }
  return { accepted, refused };
}
