/** Bulk check: the page's strings and the sentences for refused rows, in English. */
import type { BulkStrings } from './bulk.zh-CN';

export const bulkEn: BulkStrings = {
  title: 'Bulk check',
  intro:
    'Upload a CSV or XLSX file (at most 1000 rows, 5 MB) whose first row is the header: 公民身份号码, 姓名, 核验事项, 子女公民身份号码, 核验日期.',
  templateXlsx: 'Download the template (XLSX)',
  templateCsv: 'Download the template (CSV)',
  dropHint: 'Click or drag a file here',
  dropSubHint:
    'CSV (UTF-8 or GB18030) and XLSX; the file is read on this computer and sent to the gateway only when you check',
  reading: 'Reading the file…',
  fileLabel: (name: string) => `File: ${name}`,
  summary: (total: number, accepted: number, refused: number) =>
    `${total} rows: ${accepted} can be checked, ${refused} have problems and will not be sent.`,
  refusedTitle: (n: number) => `Rows with problems (${n}, not sent)`,
  refusedRow: 'Row',
  refusedProblem: 'Problem',
  noRows: 'The file has no data rows.',
  run: (n: number) => `Check ${n} rows`,
  running: (n: number) => `Checking ${n} rows, please wait…`,
  reset: 'Upload another file',
  resultsTitle: (n: number, eligible: number) => `Results: ${n} rows, ${eligible} eligible`,
  downloadCsv: 'Download the results (CSV)',
  downloadXlsx: 'Download the results (XLSX)',
  col: {
    rowNumber: 'Row',
    citizenIdNumber: 'Citizen ID number',
    holderName: 'Name',
    entitlement: 'Entitlement',
    dependentCitizenIdNumber: "Child's citizen ID number",
    asOf: 'Date checked',
    result: 'Result',
    failed: 'Conditions not met',
    validThrough: 'Valid through',
    decisionId: 'Decision id',
  },
  eligible: 'Eligible',
  notEligible: 'Not eligible',
  batchFailed: 'The bulk check did not complete',
  errorWithCode: (sentence: string, code: string) => `${sentence} (error code: ${code})`,
  errors: {
    UNAUTHENTICATED: 'Your sign-in has expired; sign in again and check again.',
    FORBIDDEN: 'You may not check one of these entitlements.',
    BAD_USER_INPUT: 'The gateway refused this batch; please check the file.',
    NOT_FOUND: 'The gateway does not know one of these entitlements.',
    RATE_LIMITED: 'Too many requests; please try again later.',
    SERVICE_UNAVAILABLE: 'The gateway cannot answer right now; please try again later.',
    NETWORK: 'The gateway cannot be reached; check the network and try again.',
    UNKNOWN: 'The gateway returned an error.',
  },
  fileErrors: {
    FILE_TOO_LARGE: (mb: number) => `The file is larger than ${mb} MB; split it and upload the parts.`,
    TOO_MANY_ROWS: (max: number, got: number) =>
      `The file has ${got} data rows; at most ${max} at once. Split it and upload the parts.`,
    UNSUPPORTED_TYPE: 'Only CSV and XLSX files are accepted (save an old XLS file as XLSX).',
    UNREADABLE: 'The file cannot be read; it may be damaged or not a CSV or XLSX file.',
    MISSING_COLUMNS: (cols: string) => `The header lacks these columns: ${cols}. Please use the template.`,
    EMPTY: 'The file is empty.',
  },
  problems: {
    ID_EMPTY: 'The citizen ID number is empty.',
    ID_PRECISION_LOST:
      'The citizen ID number was saved as a number, so its last digits are lost; format the column as text and enter the number again.',
    CHILD_PRECISION_LOST:
      "The child's citizen ID number was saved as a number, so its last digits are lost; format the column as text and enter the number again.",
    CHILD_INVALID: (why: string) => `The child's citizen ID number is wrong: ${why}`,
    CHILD_REQUIRED: (name: string) => `Checking "${name}" needs the child's citizen ID number.`,
    NAME_EMPTY: 'The name is empty.',
    NAME_TOO_LONG: 'The name is too long (at most 256 characters).',
    ENTITLEMENT_EMPTY: 'The entitlement is empty; give its code or its Chinese name.',
    ENTITLEMENT_UNKNOWN: (v: string) => `There is no entitlement "${v}"; give its code or its Chinese name.`,
    ENTITLEMENT_OUT_OF_SCOPE: (v: string) => `The entitlement "${v}" is not in your department's scope.`,
    DATE_INVALID: (v: string) =>
      `The date "${v}" is not a valid date; give it as YYYY-MM-DD (e.g. 2026-11-28) or leave it empty (today).`,
  },
};
