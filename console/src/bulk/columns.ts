/**
 * The columns of the bulk check's files: the five input columns of the template (in order, header
 * row 1) and the four the results add. The header texts are the and stay Chinese in every
 * locale, so a file filled in one locale uploads in the other.
 */
import type { InputColumn } from './types';

export const INPUT_COLUMNS: readonly { key: InputColumn; header: string; required: boolean }[] = [
  { key: 'citizenIdNumber', header: '公民身份号码', required: true },
  { key: 'holderName', header: '姓名', required: true },
  { key: 'entitlement', header: '核验事项', required: true },
  { key: 'dependentCitizenIdNumber', header: '子女公民身份号码', required: false },
  { key: 'asOf', header: '核验日期', required: false },
];

export const RESULT_HEADERS = ['核验结果', '未通过条件', '有效期至', '决定编号'] as const;

/** The input headers followed by the result headers: the columns of both result downloads. */
export const RESULT_COLUMNS: readonly string[] = [...INPUT_COLUMNS.map((c) => c.header), ...RESULT_HEADERS];

/** The columns that hold citizen ID numbers: kept as text (numFmt '@') so Excel keeps all 18 digits. */
export const ID_COLUMNS: readonly InputColumn[] = ['citizenIdNumber', 'dependentCitizenIdNumber'];

/** At most this many data rows per file: one verifyEligibilityBatch (the gateway's MAX_BATCH). */
export const MAX_ROWS = 1000;

/** At most this many bytes are read from a file (1000 rows of five columns fit in far less). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

const compact = (s: string) =>
  s
    .normalize('NFC')
    .replace(/^\uFEFF/, '')
    .replace(/[\s\p{White_Space}]+/gu, '');

/**
 * The input column a header cell names: the Chinese header of the template, or the contract's
 * field name (citizenIdNumber, ...) for files made by a program. White space does not count.
 */
export function columnOfHeader(text: string): InputColumn | null {
  const h = compact(text);
  const byHeader = INPUT_COLUMNS.find((c) => c.header === h);
  if (byHeader) return byHeader.key;
  const byKey = INPUT_COLUMNS.find((c) => c.key.toLowerCase() === h.toLowerCase());
  return byKey ? byKey.key : null;
}
