/**
 * The results of a bulk check: the rows sent joined with the gateway's answers (in the order
 * asked), and their downloads as CSV (UTF-8 with BOM, as Excel on Chinese Windows expects it) and
 * XLSX (ID columns as text). Columns: the input columns, then 核验结果, 未通过条件, 有效期至, 决定编号.
 * Pure: rows in, bytes out.
 */
import Papa from 'papaparse';
import type * as ExcelJS from 'exceljs';
import { loadExcel } from './excel';
import { INPUT_COLUMNS, RESULT_COLUMNS } from './columns';
import type { AcceptedRow, CitationLike, EligibilityDecisionLike, InputColumn } from './types';

export const ELIGIBLE_ZH = '符合';
export const NOT_ELIGIBLE_ZH = '不符合';

export interface ResultRow {
  rowNumber: number;
  /** the input as read; 核验日期 is the day the gateway decided for (today when the cell was empty) */
  input: Record<InputColumn, string>;
  eligible: boolean;
  /** the conditions not met, each with its article: Chinese, '；'-separated; '' when eligible */
  failed: string;
  validThrough: string;
  decisionId: string;
  decision: EligibilityDecisionLike;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1..99 in Chinese numerals, as articles are numbered (十三, 二十一). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** 第十八条第一款第七项 */
export function citationZh(c: CitationLike): string {
  return (
    `第${chineseNumeral(c.article)}条` +
    (c.paragraph != null ? `第${chineseNumeral(c.paragraph)}款` : '') +
    (c.clause != null ? `第${chineseNumeral(c.clause)}项` : '')
  );
}

/** The rows sent and the answers, in the order asked (verifyEligibilityBatch answers in that order). */
export function resultRows(
  sent: readonly AcceptedRow[],
  answers: readonly EligibilityDecisionLike[],
): ResultRow[] {
  if (answers.length !== sent.length)
    throw new Error(`the gateway answered ${answers.length} of ${sent.length} queries`);
  return sent.map((row, i) => {
    const d = answers[i];
    return {
      rowNumber: row.rowNumber,
      input: { ...row.input, asOf: d.asOf },
      eligible: d.eligible,
      failed: d.reasons
        .filter((r) => !r.passed)
        .map((r) => `${r.messageZh}（${citationZh(r.citation)}）`)
        .join('；'),
      validThrough: d.permit?.validThrough ?? '',
      decisionId: d.decisionId,
      decision: d,
    };
  });
}

/** One result as the download's cells, in RESULT_COLUMNS order. */
export function resultCells(r: ResultRow): string[] {
  return [
    ...INPUT_COLUMNS.map((c) => r.input[c.key]),
    r.eligible ? ELIGIBLE_ZH : NOT_ELIGIBLE_ZH,
    r.failed,
    r.validThrough,
    r.decisionId,
  ];
}

/** A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading apostrophe in CSV. */
function inert(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

const BOM = '\uFEFF';

/** CSV with header row, CRLF line ends, UTF-8 with BOM. */
export function csvBytes(header: readonly string[], rows: readonly (readonly string[])[]): Uint8Array {
  const text = Papa.unparse(
    { fields: [...header], data: rows.map((r) => r.map(inert)) },
    { newline: '\r\n', quotes: false },
  );
  return new TextEncoder().encode(BOM + text + (text.endsWith('\r\n') ? '' : '\r\n'));
}

export function resultsCsv(rows: readonly ResultRow[]): Uint8Array {
  return csvBytes(RESULT_COLUMNS, rows.map(resultCells));
}

/** The ID columns' 1-based positions in a sheet laid out in INPUT_COLUMNS order. */
export const ID_COLUMN_NUMBERS = [1, 4] as const;

/** A header row in bold, frozen, with text-formatted ID columns and widths that show 18 digits. */
export function sheetWithHeader(
  wb: ExcelJS.Workbook,
  name: string,
  header: readonly string[],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = header.map((h, i) => ({
    header: h,
    key: `c${i}`,
    width: ID_COLUMN_NUMBERS.includes((i + 1) as 1 | 4)
      ? 22
      : h === '决定编号'
        ? 38
        : h === '未通过条件'
          ? 60
          : 16,
  }));
  for (const n of ID_COLUMN_NUMBERS) ws.getColumn(n).numFmt = '@';
  ws.getRow(1).font = { bold: true };
  return ws;
}

export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const out = await wb.xlsx.writeBuffer();
  return new Uint8Array(out);
}

export async function resultsXlsx(rows: readonly ResultRow[]): Promise<Uint8Array> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  wb.creator = '洛阳市居住证核验';
  const ws = sheetWithHeader(wb, '核验结果', RESULT_COLUMNS);
  for (const r of rows) {
    const row = ws.addRow(resultCells(r));
    for (const n of ID_COLUMN_NUMBERS) row.getCell(n).numFmt = '@';
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: RESULT_COLUMNS.length } };
  return workbookBytes(wb);
}
