/**
 * The bulk-check file of the tests: 300 data rows built from the demo people (seeds/demo.ts), of
 * which 20 are malformed, each in one known way, at known spreadsheet rows (the header is row 1).
 * As CSV (UTF-8, UTF-8 with BOM, GB18030) and as XLSX (with Excel date cells and a numeric ID cell).
 * Reused by the console's browser test (a housing bureau's upload of 300 rows, 20 malformed).
 *
 * GB18030 is written with a byte table made from the platform's own GB18030 decoder (every
 * two-byte sequence decoded once), so no encoder library is needed.
 */
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { composeCitizenId } from '../../src/law/citizen-id';
import { demoPeople, type DemoPerson } from '../../seeds/demo';

export const FIXTURE_HEADER = ['公民身份号码', '姓名', '核验事项', '子女公民身份号码', '核验日期'] as const;
export const FIXTURE_ROWS = 300;
export const HOUSING = 'PUBLIC_RENTAL_HOUSING';
export const HOUSING_ZH = '公共租赁住房保障';

export interface FixtureRow {
  /** the spreadsheet row (header = 1) */
  rowNumber: number;
  person: DemoPerson;
  /** 公民身份号码, 姓名, 核验事项, 子女公民身份号码, 核验日期, as text */
  cells: [string, string, string, string, string];
  /** the ID cell is a number (XLSX) or Excel's scientific notation (CSV): its digits are lost */
  idAsNumber?: boolean;
  /** 核验日期 is an Excel date cell in the XLSX (as text in a CSV) */
  dateAsDate?: boolean;
  /** a malformed row: the one problem it must be reported with */
  expect?: { column: string; code: string };
}

/** A valid ID number with a wrong check character. */
const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

/** The 20 malformed kinds, in the order they appear (row i % 15 === 7). */
function malformed(k: number, p: DemoPerson, today: string): Omit<FixtureRow, 'rowNumber' | 'person'> {
  const id = p.citizenIdNumber;
  const nextYear = String(+today.slice(0, 4) + 1);
  const kinds: Omit<FixtureRow, 'rowNumber' | 'person'>[] = [
    {
      cells: [wrongCheck(id), p.name, HOUSING, '', ''],
      expect: { column: 'citizenIdNumber', code: 'ID_CHECK_CHARACTER' },
    },
    {
      cells: [id.slice(0, 17), p.name, HOUSING, '', ''],
      expect: { column: 'citizenIdNumber', code: 'ID_LENGTH' },
    },
    { cells: [id, '', HOUSING, '', ''], expect: { column: 'holderName', code: 'NAME_EMPTY' } },
    { cells: [id, p.name, HOUSING, '', '2026-02-30'], expect: { column: 'asOf', code: 'DATE_INVALID' } },
    {
      cells: [id, p.name, '不存在的事项', '', ''],
      expect: { column: 'entitlement', code: 'ENTITLEMENT_UNKNOWN' },
    },
    {
      cells: [id, p.name, '子女义务教育阶段入学和中考', '', ''],
      expect: { column: 'entitlement', code: 'ENTITLEMENT_OUT_OF_SCOPE' },
    },
    {
      cells: [id.slice(0, 6) + id.slice(8, 17), p.name, HOUSING, '', ''],
      expect: { column: 'citizenIdNumber', code: 'ID_FIFTEEN_DIGIT' },
    },
    {
      cells: [composeCitizenId(id.slice(0, 6), '19990230', 123), p.name, HOUSING, '', ''],
      expect: { column: 'citizenIdNumber', code: 'ID_BIRTH_DATE' },
    },
    {
      cells: [id.slice(0, 8) + 'AB' + id.slice(10), p.name, HOUSING, '', ''],
      expect: { column: 'citizenIdNumber', code: 'ID_CHARACTERS' },
    },
    { cells: ['', p.name, HOUSING, '', ''], expect: { column: 'citizenIdNumber', code: 'ID_EMPTY' } },
    {
      cells: [id, p.name, HOUSING, '', ''],
      idAsNumber: true,
      expect: { column: 'citizenIdNumber', code: 'ID_PRECISION_LOST' },
    },
    { cells: [id, p.name, HOUSING, '', '28/11/2026'], expect: { column: 'asOf', code: 'DATE_INVALID' } },
    { cells: [id, p.name, '', '', ''], expect: { column: 'entitlement', code: 'ENTITLEMENT_EMPTY' } },
    {
      cells: [id, p.name, HOUSING, wrongCheck(composeCitizenId('410102', '20140101', 201)), ''],
      expect: { column: 'dependentCitizenIdNumber', code: 'CHILD_CHECK_CHARACTER' },
    },
    {
      cells: [composeCitizenId('990000', '19800101', 123), p.name, HOUSING, '', ''],
      expect: { column: 'citizenIdNumber', code: 'ID_REGION' },
    },
    {
      cells: [composeCitizenId(id.slice(0, 6), `${nextYear}0101`, 123), p.name, HOUSING, '', ''],
      expect: { column: 'citizenIdNumber', code: 'ID_BIRTH_DATE_IN_FUTURE' },
    },
    { cells: [id, '\u3000 ', HOUSING, '', ''], expect: { column: 'holderName', code: 'NAME_EMPTY' } },
    { cells: [id, p.name, HOUSING, '', '2026-13-01'], expect: { column: 'asOf', code: 'DATE_INVALID' } },
    {
      cells: [id, p.name, 'PUBLIC_RENTAL_HOUSINGX', '', ''],
      expect: { column: 'entitlement', code: 'ENTITLEMENT_UNKNOWN' },
    },
    {
      cells: [id, '张'.repeat(257), HOUSING, '', ''],
      expect: { column: 'holderName', code: 'NAME_TOO_LONG' },
    },
  ];
  return kinds[k];
}

/** A valid row, in one of the forms a front desk writes: code or Chinese name, date or none, lower-case x. */
function valid(i: number, p: DemoPerson, today: string): Omit<FixtureRow, 'rowNumber' | 'person'> {
  const id = i % 11 === 0 ? p.citizenIdNumber.replace(/X$/, 'x') : p.citizenIdNumber;
  const ent = i % 3 === 0 ? HOUSING_ZH : i % 3 === 1 ? HOUSING : ` ${HOUSING.toLowerCase()} `;
  const name = i % 13 === 0 ? ` ${p.name} ` : p.name;
  if (i % 4 === 0) return { cells: [id, name, ent, '', today], dateAsDate: true };
  if (i % 4 === 1) return { cells: [id, name, ent, '', today] };
  return { cells: [id, name, ent, '', ''] };
}

/** The 300 rows: row i + 2 is demo person i; the rows with i % 15 === 7 are malformed. */
export function bulkFixture(today: string): FixtureRow[] {
  const people = demoPeople().slice(0, FIXTURE_ROWS);
  let k = 0;
  return people.map((person, i) => ({
    rowNumber: i + 2,
    person,
    ...(i % 15 === 7 ? malformed(k++, person, today) : valid(i, person, today)),
  }));
}

/** Excel's way with an 18-digit number in a CSV: 4.10102E+17. */
export const scientific = (id: string) => idNumberValue(id).toExponential(5).toUpperCase();

/** What a spreadsheet makes of an ID number typed into a number cell (a final X cannot be a number: 0). */
export const idNumberValue = (id: string) => Number(id.replace(/X$/i, '0'));

export function fixtureCsvText(rows: readonly FixtureRow[]): string {
  return Papa.unparse(
    {
      fields: [...FIXTURE_HEADER],
      data: rows.map((r) => (r.idAsNumber ? [scientific(r.cells[0]), ...r.cells.slice(1)] : r.cells)),
    },
    { newline: '\r\n' },
  );
}

let gbTable: Map<string, number[]> | null = null;

/** Characters to their GB18030 bytes (ASCII and the two-byte range), from the platform's decoder. */
function gb18030Table(): Map<string, number[]> {
  if (gbTable) return gbTable;
  const dec = new TextDecoder('gb18030');
  const t = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\uFFFD' && !t.has(ch)) t.set(ch, [lead, trail]);
    }
  gbTable = t;
  return t;
}

export function encodeGb18030(text: string): Uint8Array {
  const t = gb18030Table();
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else {
      const b = t.get(ch);
      if (!b) throw new Error(`no two-byte GB18030 code for U+${cp.toString(16)}`);
      out.push(...b);
    }
  }
  return new Uint8Array(out);
}

export function fixtureCsv(
  rows: readonly FixtureRow[],
  encoding: 'utf-8' | 'utf-8-bom' | 'gb18030',
): Uint8Array {
  const text = fixtureCsvText(rows);
  if (encoding === 'gb18030') return encodeGb18030(text);
  return new TextEncoder().encode((encoding === 'utf-8-bom' ? '\uFEFF' : '') + text);
}

/** The same rows as an XLSX: ID columns as text, date cells as Excel dates, the lost ID as a number. */
export async function fixtureXlsx(rows: readonly FixtureRow[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('核验名单');
  ws.addRow([...FIXTURE_HEADER]);
  for (const r of rows) {
    const [id, name, ent, child, date] = r.cells;
    const row = ws.addRow([
      r.idAsNumber ? idNumberValue(id) : id,
      name,
      ent,
      child,
      r.dateAsDate && date !== '' ? excelDate(date) : date,
    ]);
    if (r.dateAsDate && date !== '') row.getCell(5).numFmt = 'yyyy-mm-dd';
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The Date exceljs stores as the Excel date `ymd` (its midnight in UTC). */
export const excelDate = (ymd: string) => new Date(`${ymd}T00:00:00Z`);
