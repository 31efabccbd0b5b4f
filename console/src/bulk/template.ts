/**
 * The bulk-check templates: an XLSX whose ID columns are formatted as text (numFmt '@') so Excel
 * keeps all 18 digits, with the caller's entitlements on a second sheet and offered as a list in
 * 核验事项; and a CSV (UTF-8 with BOM) with the header row only. Pure: bytes out.
 */
import { loadExcel } from './excel';
import { INPUT_COLUMNS, MAX_ROWS } from './columns';
import { csvBytes, sheetWithHeader, workbookBytes } from './export';
import type { EntitlementOption } from './types';

export const TEMPLATE_SHEET = '核验名单';
export const ENTITLEMENT_SHEET = '核验事项';
const HEADERS = INPUT_COLUMNS.map((c) => c.header);

export async function templateXlsx(entitlements: readonly EntitlementOption[]): Promise<Uint8Array> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  wb.creator = '洛阳市居住证核验';
  const ws = sheetWithHeader(wb, TEMPLATE_SHEET, HEADERS);
  // 核验日期: typed as a date, shown as the gateway reads it; empty means today
  ws.getColumn(5).numFmt = 'yyyy-mm-dd';
  const list = wb.addWorksheet(ENTITLEMENT_SHEET);
  list.columns = [
    { header: '代码', key: 'code', width: 40 },
    { header: '名称', key: 'name', width: 48 },
  ];
  list.getRow(1).font = { bold: true };
  for (const e of entitlements) list.addRow({ code: e.code, name: e.name });
  if (entitlements.length > 0) {
    // a list to pick from; a code typed by hand is accepted too, so no error on other values
    for (let r = 2; r <= MAX_ROWS + 1; r++)
      ws.getCell(r, 3).dataValidation = {
        type: 'list',
        allowBlank: true,
        showErrorMessage: false,
        formulae: [`'${ENTITLEMENT_SHEET}'!$B$2:$B$${entitlements.length + 1}`],
      };
  }
  return workbookBytes(wb);
}

export function templateCsv(): Uint8Array {
  return csvBytes(HEADERS, []);
}
