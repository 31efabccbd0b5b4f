/**
 * Reads an uploaded bulk-check file (CSV or XLSX) into rows of cells with their spreadsheet row
 * numbers (the header is row 1). Pure: bytes in, rows out, so it runs in the browser and in node.
 *
 * CSV: UTF-8 with or without BOM, or GB18030 as Excel on Chinese Windows saves it (strict UTF-8
 * decoding fails -> GB18030), parsed with papaparse. XLSX: exceljs, first worksheet; a date cell
 * becomes the calendar date Excel shows, a number keeps its value so a lost ID number can be named.
 */
import Papa from 'papaparse';
import type * as ExcelJS from 'exceljs';
import { loadExcel } from './excel';
import { bulkEn } from '../i18n/bulk.en';
import { bulkZhCN } from '../i18n/bulk.zh-CN';
import { columnOfHeader, INPUT_COLUMNS, MAX_FILE_BYTES, MAX_ROWS } from './columns';
import type { Cell, InputColumn, Sentence, SheetRow } from './types';

export type FileErrorCode =
  'FILE_TOO_LARGE' | 'TOO_MANY_ROWS' | 'UNSUPPORTED_TYPE' | 'UNREADABLE' | 'MISSING_COLUMNS' | 'EMPTY';

export interface FileError extends Sentence {
  code: FileErrorCode;
}

export type ParsedFile =
  | { ok: true; format: 'csv' | 'xlsx'; encoding: 'utf-8' | 'gb18030' | 'utf-16le' | null; rows: SheetRow[] }
  | { ok: false; error: FileError };

const EMPTY: Cell = { kind: 'empty', text: '' };

function fileError(code: FileErrorCode, zh: string, en: string): { ok: false; error: FileError } {
  return { ok: false, error: { code, zh, en } };
}

export function tooLarge(): { ok: false; error: FileError } {
  const mb = MAX_FILE_BYTES / 1024 / 1024;
  return fileError(
    'FILE_TOO_LARGE',
    bulkZhCN.fileErrors.FILE_TOO_LARGE(mb),
    bulkEn.fileErrors.FILE_TOO_LARGE(mb),
  );
}

const startsWith = (b: Uint8Array, sig: readonly number[]) => sig.every((x, i) => b[i] === x);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];

/** The text of a CSV file and the encoding it was read in. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' | 'utf-16le' } {
  if (startsWith(bytes, UTF8_BOM))
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  // Excel's "Unicode text" (tab-separated UTF-16): cheap to accept
  if (startsWith(bytes, UTF16LE_BOM))
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** Excel writes numbers too long for it in CSV as 4.10102E+17: the digits are gone. */
const SCIENTIFIC = /^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$/;

function textCell(raw: string): Cell {
  if (raw.trim() === '') return EMPTY;
  if (SCIENTIFIC.test(raw.trim())) return { kind: 'number', text: raw, value: Number(raw) };
  return { kind: 'text', text: raw };
}

/** The rows of a table whose first row is the header: cells by column, empty rows left out. */
function rowsOf(
  header: readonly Cell[],
  dataRows: readonly { rowNumber: number; cells: readonly Cell[] }[],
): { ok: true; rows: SheetRow[] } | { ok: false; error: FileError } {
  const index = new Map<InputColumn, number>();
  header.forEach((cell, i) => {
    const col = columnOfHeader(cell.text);
    if (col && !index.has(col)) index.set(col, i);
  });
  const missing = INPUT_COLUMNS.filter((c) => c.required && !index.has(c.key)).map((c) => c.header);
  if (missing.length > 0)
    return fileError(
      'MISSING_COLUMNS',
      bulkZhCN.fileErrors.MISSING_COLUMNS(missing.join('、')),
      bulkEn.fileErrors.MISSING_COLUMNS(missing.join(', ')),
    );
  const rows: SheetRow[] = [];
  for (const r of dataRows) {
    if (r.cells.every((c) => c.kind === 'empty')) continue;
    const cells = {} as Record<InputColumn, Cell>;
    for (const c of INPUT_COLUMNS) {
      const i = index.get(c.key);
      cells[c.key] = i === undefined ? EMPTY : (r.cells[i] ?? EMPTY);
    }
    rows.push({ rowNumber: r.rowNumber, cells });
  }
  if (rows.length > MAX_ROWS)
    return fileError(
      'TOO_MANY_ROWS',
      bulkZhCN.fileErrors.TOO_MANY_ROWS(MAX_ROWS, rows.length),
      bulkEn.fileErrors.TOO_MANY_ROWS(MAX_ROWS, rows.length),
    );
  return { ok: true, rows };
}

export function parseCsv(bytes: Uint8Array): ParsedFile {
  const { text, encoding } = decodeCsv(bytes);
  // no skipEmptyLines: the index of a record is its spreadsheet row (a quoted line break stays in its cell)
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
  const records = parsed.data.filter((r): r is string[] => Array.isArray(r));
  const headerIndex = records.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIndex < 0) return fileError('EMPTY', bulkZhCN.fileErrors.EMPTY, bulkEn.fileErrors.EMPTY);
  const header = records[headerIndex].map(textCell);
  const data = records.slice(headerIndex + 1).map((r, i) => ({
    rowNumber: headerIndex + i + 2,
    cells: r.map(textCell),
  }));
  const out = rowsOf(header, data);
  return out.ok ? { ok: true, format: 'csv', encoding, rows: out.rows } : out;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * The calendar date Excel shows for a date cell. exceljs turns the cell's serial number into the
 * instant of that date's midnight in UTC, so the UTC fields are the date (no time-zone shift).
 */
export function excelDateText(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function xlsxCell(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'string') return v.trim() === '' ? EMPTY : { kind: 'text', text: v };
  if (typeof v === 'number') return { kind: 'number', text: String(v), value: v };
  if (typeof v === 'boolean') return { kind: 'other', text: v ? 'TRUE' : 'FALSE' };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? EMPTY : { kind: 'date', text: excelDateText(v) };
  if ('richText' in v) return xlsxCell(v.richText.map((t) => t.text).join(''));
  if ('hyperlink' in v) return xlsxCell(v.text);
  if ('error' in v) return { kind: 'other', text: String(v.error) };
  if ('formula' in v || 'sharedFormula' in v)
    return xlsxCell((v as { result?: ExcelJS.CellValue }).result ?? null);
  return { kind: 'other', text: String(v) };
}

export async function parseXlsx(bytes: Uint8Array): Promise<ParsedFile> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(bytes.slice().buffer);
  } catch {
    return fileError('UNREADABLE', bulkZhCN.fileErrors.UNREADABLE, bulkEn.fileErrors.UNREADABLE);
  }
  const ws = wb.worksheets[0];
  if (!ws || ws.actualRowCount === 0)
    return fileError('EMPTY', bulkZhCN.fileErrors.EMPTY, bulkEn.fileErrors.EMPTY);
  const width = ws.columnCount;
  const cellsOf = (row: ExcelJS.Row) =>
    Array.from({ length: width }, (_, i) => xlsxCell(row.getCell(i + 1).value));
  const all: { rowNumber: number; cells: Cell[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    all.push({ rowNumber, cells: cellsOf(row) });
  });
  const headerIndex = all.findIndex((r) => r.cells.some((c) => c.kind !== 'empty'));
  if (headerIndex < 0) return fileError('EMPTY', bulkZhCN.fileErrors.EMPTY, bulkEn.fileErrors.EMPTY);
  const header = all[headerIndex].cells;
  const data = all.slice(headerIndex + 1);
  const out = rowsOf(header, data);
  return out.ok ? { ok: true, format: 'xlsx', encoding: null, rows: out.rows } : out;
}

/**
 * A CSV or an XLSX file by its bytes (a ZIP is an XLSX, an old binary XLS is refused, anything
 * else is read as CSV text). More than MAX_FILE_BYTES is refused unread.
 */
export async function parseBulkFile(input: Uint8Array | ArrayBuffer): Promise<ParsedFile> {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.byteLength > MAX_FILE_BYTES) return tooLarge();
  if (bytes.byteLength === 0) return fileError('EMPTY', bulkZhCN.fileErrors.EMPTY, bulkEn.fileErrors.EMPTY);
  if (startsWith(bytes, ZIP)) return parseXlsx(bytes);
  if (startsWith(bytes, OLE))
    return fileError(
      'UNSUPPORTED_TYPE',
      bulkZhCN.fileErrors.UNSUPPORTED_TYPE,
      bulkEn.fileErrors.UNSUPPORTED_TYPE,
    );
  return parseCsv(bytes);
}
