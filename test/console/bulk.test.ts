/**
 * Issue 10 item 4, 批量核验: the console's pure bulk-check modules (console/src/bulk) in node. A
 * 300-row file with 20 malformed rows, as CSV in UTF-8, UTF-8 with BOM and GB18030 and as XLSX:
 * exactly the 20 are refused, with their spreadsheet row numbers and problems, and the rest become
 * queries; the downloads parse back; the template keeps ID columns as text. Then the valid rows go
 * through a real gateway's verifyEligibilityBatch over HTTP (housing bureau, demo data), and the
 * answers are exported and read back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { parseBulkFile, excelDateText } from '../../console/src/bulk/parse';
import { validateRows, resolveEntitlement } from '../../console/src/bulk/validate';
import { resultRows, resultsCsv, resultsXlsx, citationZh } from '../../console/src/bulk/export';
import { templateCsv, templateXlsx } from '../../console/src/bulk/template';
import { batchErrorSentence } from '../../console/src/bulk/errors';
import { MAX_FILE_BYTES, RESULT_COLUMNS } from '../../console/src/bulk/columns';
import type {
  AcceptedRow,
  EligibilityDecisionLike,
  EligibilityQuery,
  EntitlementOption,
} from '../../console/src/bulk/types';
import { CALLERS, databases, startGateway, type TestGateway } from '../support/gateway';
import {
  FIXTURE_HEADER,
  HOUSING,
  HOUSING_ZH,
  bulkFixture,
  encodeGb18030,
  excelDate,
  fixtureCsv,
  fixtureXlsx,
  type FixtureRow,
} from './bulk-fixture';

const TODAY = '2026-11-28';
const SCOPE: EntitlementOption[] = [{ code: HOUSING, name: HOUSING_ZH }];
const ROWS = bulkFixture(TODAY);
const MALFORMED = ROWS.filter((r) => r.expect);
const VALID = ROWS.filter((r) => !r.expect);
const BOM = [0xef, 0xbb, 0xbf];

async function parsedOk(bytes: Uint8Array) {
  const p = await parseBulkFile(bytes);
  if (!p.ok) throw new Error(`refused: ${p.error.code} ${p.error.zh}`);
  return p;
}

/** What a valid fixture row must become. */
function expectedQuery(r: FixtureRow): EligibilityQuery {
  const q: EligibilityQuery = {
    citizenIdNumber: r.person.citizenIdNumber,
    holderName: r.cells[1],
    entitlement: HOUSING,
  };
  if (r.cells[4] !== '') q.asOf = r.cells[4];
  return q;
}

function checkValidation(rows: Awaited<ReturnType<typeof parsedOk>>['rows']) {
  expect(rows).toHaveLength(300);
  const v = validateRows(rows, { entitlements: SCOPE, today: TODAY });
  expect(MALFORMED).toHaveLength(20);
  expect(v.refused.map((r) => r.rowNumber)).toEqual(MALFORMED.map((r) => r.rowNumber));
  for (const [i, r] of v.refused.entries()) {
    expect(r.problems.map((p) => [p.column, p.code])).toEqual([
      [MALFORMED[i].expect!.column, MALFORMED[i].expect!.code],
    ]);
    expect(r.problems[0].zh).toMatch(/[\u4e00-\u9fff].*。$/u);
  }
  expect(v.accepted.map((r) => r.rowNumber)).toEqual(VALID.map((r) => r.rowNumber));
  expect(v.accepted.map((r) => r.query)).toEqual(VALID.map(expectedQuery));
  return v;
}

describe('reading and checking a 300-row file with 20 malformed rows', () => {
  it('CSV in UTF-8 without BOM', async () => {
    const p = await parsedOk(fixtureCsv(ROWS, 'utf-8'));
    expect([p.format, p.encoding]).toEqual(['csv', 'utf-8']);
    checkValidation(p.rows);
  });

  it('CSV in UTF-8 with BOM', async () => {
    const bytes = fixtureCsv(ROWS, 'utf-8-bom');
    expect([...bytes.subarray(0, 3)]).toEqual(BOM);
    const p = await parsedOk(bytes);
    expect(p.encoding).toBe('utf-8');
    checkValidation(p.rows);
  });

  it('CSV in GB18030, as Excel on Chinese Windows saves it', async () => {
    const bytes = fixtureCsv(ROWS, 'gb18030');
    // really GB18030: not UTF-8, and 张 is D5 C5
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect([...encodeGb18030('张')]).toEqual([0xd5, 0xc5]);
    const p = await parsedOk(bytes);
    expect(p.encoding).toBe('gb18030');
    const v = checkValidation(p.rows);
    expect(v.accepted.map((r) => r.query.holderName)).toEqual(VALID.map((r) => r.cells[1]));
  });

  it('XLSX with Excel date cells and a numeric ID cell', async () => {
    const bytes = await fixtureXlsx(ROWS);
    const p = await parsedOk(bytes);
    expect(p.format).toBe('xlsx');
    const dated = ROWS.find((r) => r.dateAsDate)!;
    expect(p.rows.find((r) => r.rowNumber === dated.rowNumber)!.cells.asOf).toEqual({
      kind: 'date',
      text: TODAY,
    });
    const lost = ROWS.find((r) => r.idAsNumber)!;
    expect(p.rows.find((r) => r.rowNumber === lost.rowNumber)!.cells.citizenIdNumber.kind).toBe('number');
    const v = checkValidation(p.rows);
    expect(v.refused.find((r) => r.rowNumber === lost.rowNumber)!.problems[0].zh).toContain('数字格式');
  });

  it('an Excel date is the calendar date Excel shows, whatever the time zone of the machine', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow([...FIXTURE_HEADER]);
    for (const day of ['2026-01-01', '2024-02-29', '2026-12-31'])
      ws.addRow([ROWS[0].cells[0], '王伟', HOUSING, '', excelDate(day)]).getCell(5).numFmt = 'yyyy-mm-dd';
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const tz = process.env.TZ;
    try {
      for (const zone of ['Asia/Shanghai', 'America/Los_Angeles', 'UTC']) {
        process.env.TZ = zone;
        const p = await parsedOk(bytes);
        expect(p.rows.map((r) => r.cells.asOf.text)).toEqual(['2026-01-01', '2024-02-29', '2026-12-31']);
      }
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
    expect(excelDateText(new Date(Date.UTC(2026, 10, 28, 23, 59)))).toBe('2026-11-28');
  });

  it('row numbers stay the spreadsheet rows across empty rows, a quoted line break and leading blank lines', async () => {
    const id = ROWS[0].person.citizenIdNumber;
    const csv = `\r\n公民身份号码,姓名,核验事项\r\n${id},"王\n伟",${HOUSING}\r\n\r\n,,\r\n${id}1,王伟,${HOUSING}\r\n`;
    const p = await parsedOk(new TextEncoder().encode(csv));
    expect(p.rows.map((r) => r.rowNumber)).toEqual([3, 6]);
    const v = validateRows(p.rows, { entitlements: SCOPE, today: TODAY });
    expect(v.refused.map((r) => [r.rowNumber, r.problems[0].code])).toEqual([[6, 'ID_LENGTH']]);
    // the optional columns may be left out of the header
    expect(v.accepted[0].query).toEqual({ citizenIdNumber: id, holderName: '王\n伟', entitlement: HOUSING });
  });

  it('18(7) needs the child; an entitlement by code, Chinese name or the scope’s name; out of scope vs unknown', async () => {
    const school: EntitlementOption[] = [{ code: 'CHILD_EDUCATION_AND_ZHONGKAO', name: 'Child education' }];
    const p = ROWS.find((r) => r.person.children.length > 0)!.person;
    const csv = [
      FIXTURE_HEADER.join(','),
      `${p.citizenIdNumber},${p.name},CHILD_EDUCATION_AND_ZHONGKAO,,`,
      `${p.citizenIdNumber},${p.name},子女义务教育阶段入学和中考,${p.children[0].citizenIdNumber},2026/9/1`,
      `${p.citizenIdNumber},${p.name},${HOUSING},,`,
    ].join('\r\n');
    const parsed = await parsedOk(new TextEncoder().encode(csv));
    const v = validateRows(parsed.rows, { entitlements: school, today: TODAY });
    expect(v.refused.map((r) => [r.rowNumber, r.problems.map((x) => x.code)])).toEqual([
      [2, ['CHILD_REQUIRED']],
      [4, ['ENTITLEMENT_OUT_OF_SCOPE']],
    ]);
    expect(v.refused[0].problems[0].zh).toBe('核验“子女义务教育阶段入学和中考”须填写子女公民身份号码。');
    expect(v.accepted.map((r) => r.query)).toEqual([
      {
        citizenIdNumber: p.citizenIdNumber,
        holderName: p.name,
        entitlement: 'CHILD_EDUCATION_AND_ZHONGKAO',
        dependentCitizenIdNumber: p.children[0].citizenIdNumber,
        asOf: '2026-09-01',
      },
    ]);
    expect(resolveEntitlement('child education', school)).toEqual({
      ok: true,
      code: 'CHILD_EDUCATION_AND_ZHONGKAO',
    });
    expect(resolveEntitlement('LEGAL_AID', school)).toEqual({ ok: false, inCatalogue: true });
    expect(resolveEntitlement('NO_SUCH_THING', school)).toEqual({ ok: false, inCatalogue: false });
  });

  it('several problems in one row are all listed, in column order', async () => {
    const csv = `${FIXTURE_HEADER.join(',')}\r\n12345,,不存在,,2026-02-29\r\n`;
    const v = validateRows((await parsedOk(new TextEncoder().encode(csv))).rows, {
      entitlements: SCOPE,
      today: TODAY,
    });
    expect(v.refused[0].problems.map((p) => p.zh)).toEqual([
      '公民身份号码应为18位。',
      '姓名不能为空。',
      '核验事项“不存在”不存在，请填写核验事项的代码或中文名称。',
      '核验日期“2026-02-29”不是有效日期，请填写 YYYY-MM-DD 格式的日期（如 2026-11-28）或留空（即今天）。',
    ]);
  });
});

describe('other shapes of input', () => {
  const id = ROWS[0].person.citizenIdNumber;

  it('Excel "Unicode text": UTF-16LE with BOM, tab-separated', async () => {
    const text = `${FIXTURE_HEADER.join('\t')}\r\n${id}\t王伟\t${HOUSING_ZH}\t\t\r\n`;
    const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, 'utf16le'))]);
    const p = await parsedOk(bytes);
    expect(p.encoding).toBe('utf-16le');
    expect(validateRows(p.rows, { entitlements: SCOPE, today: TODAY }).accepted.map((r) => r.query)).toEqual([
      { citizenIdNumber: id, holderName: '王伟', entitlement: HOUSING },
    ]);
  });

  it('XLSX: a bare number in 核验日期 is refused, a formula cell counts by its result, more than 1000 rows is refused', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow([...FIXTURE_HEADER]);
    ws.addRow([id, '王伟', HOUSING, '', 46000]);
    ws.addRow([id, { formula: '"王"&"伟"', result: '王伟' }, HOUSING, '', '']);
    const p = await parsedOk(new Uint8Array(await wb.xlsx.writeBuffer()));
    const v = validateRows(p.rows, { entitlements: SCOPE, today: TODAY });
    expect(v.refused.map((r) => [r.rowNumber, r.problems.map((x) => x.code)])).toEqual([
      [2, ['DATE_INVALID']],
    ]);
    expect(v.accepted.map((r) => [r.rowNumber, r.query.holderName])).toEqual([[3, '王伟']]);
    for (let i = 0; i < 1000; i++) ws.addRow([id, '王伟', HOUSING, '', '']);
    const big = await parseBulkFile(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(big.ok ? null : big.error.code).toBe('TOO_MANY_ROWS');
  });

  it('a CSV download never hands a spreadsheet a formula; the XLSX keeps the text as text', async () => {
    const csv = `${FIXTURE_HEADER.join(',')}\r\n${id},=HYPERLINK("x"),${HOUSING},,\r\n`;
    const v = validateRows((await parsedOk(new TextEncoder().encode(csv))).rows, {
      entitlements: SCOPE,
      today: TODAY,
    });
    const answer: EligibilityDecisionLike = {
      decisionId: 'd1',
      eligible: false,
      entitlementCode: HOUSING,
      asOf: TODAY,
      permit: null,
      reasons: [],
    };
    const results = resultRows(v.accepted, [answer]);
    const back = Papa.parse<string[]>(new TextDecoder().decode(resultsCsv(results).subarray(3))).data;
    expect(back[1][1]).toBe(`'=HYPERLINK("x")`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await resultsXlsx(results)).slice().buffer);
    expect(wb.worksheets[0].getCell('B2').value).toBe('=HYPERLINK("x")');
  });
});

describe('files refused as a whole', () => {
  const header = FIXTURE_HEADER.join(',');
  const line = `${ROWS[0].person.citizenIdNumber},王伟,${HOUSING},,`;

  it('more than 1000 data rows', async () => {
    const ok = await parseBulkFile(new TextEncoder().encode([header, ...Array(1000).fill(line)].join('\n')));
    expect(ok.ok && ok.rows.length).toBe(1000);
    const p = await parseBulkFile(new TextEncoder().encode([header, ...Array(1001).fill(line)].join('\n')));
    expect(p.ok ? null : [p.error.code, p.error.zh]).toEqual([
      'TOO_MANY_ROWS',
      '文件有 1001 个数据行，一次最多 1000 行，请拆分后分批上传。',
    ]);
  });

  it('more than 5 MB, unread', async () => {
    const p = await parseBulkFile(new Uint8Array(MAX_FILE_BYTES + 1).fill(0x2c));
    expect(p.ok ? null : p.error.code).toBe('FILE_TOO_LARGE');
  });

  it('a header without the required columns, an old XLS, a broken XLSX, an empty file', async () => {
    const codeOf = async (b: Uint8Array) => {
      const p = await parseBulkFile(b);
      return p.ok ? 'ok' : p.error.code;
    };
    expect(await codeOf(new TextEncoder().encode('姓名,核验日期\r\n王伟,\r\n'))).toBe('MISSING_COLUMNS');
    expect(await codeOf(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe(
      'UNSUPPORTED_TYPE',
    );
    expect(await codeOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBe('UNREADABLE');
    expect(await codeOf(new Uint8Array(0))).toBe('EMPTY');
    expect(await codeOf(new TextEncoder().encode('\r\n\r\n'))).toBe('EMPTY');
  });
});

describe('the template', () => {
  it('XLSX: the header row, the ID columns formatted as text, the entitlements to pick from', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await templateXlsx(SCOPE)).slice().buffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, ...FIXTURE_HEADER]);
    expect(ws.getColumn(1).numFmt).toBe('@');
    expect(ws.getColumn(4).numFmt).toBe('@');
    expect(ws.getColumn(2).numFmt).toBeFalsy();
    expect(ws.getCell('C2').dataValidation).toMatchObject({ type: 'list' });
    expect(wb.worksheets[1].getRow(2).values).toEqual([undefined, HOUSING, HOUSING_ZH]);
    // filled in and uploaded, it reads back
    ws.getCell('A2').value = ROWS[0].person.citizenIdNumber;
    ws.getCell('B2').value = ROWS[0].person.name;
    ws.getCell('C2').value = HOUSING_ZH;
    const p = await parsedOk(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(validateRows(p.rows, { entitlements: SCOPE, today: TODAY }).accepted).toHaveLength(1);
  });

  it('CSV: UTF-8 with BOM, the header row only', () => {
    const b = templateCsv();
    expect([...b.subarray(0, 3)]).toEqual(BOM);
    expect(new TextDecoder().decode(b.subarray(3))).toBe(`${FIXTURE_HEADER.join(',')}\r\n`);
  });
});

/** Downloads parsed back: CSV by papaparse (after its BOM), XLSX by exceljs. */
async function exportsReadBack(sent: AcceptedRow[], answers: EligibilityDecisionLike[]) {
  const results = resultRows(sent, answers);
  const csv = resultsCsv(results);
  expect([...csv.subarray(0, 3)]).toEqual(BOM);
  const fromCsv = Papa.parse<string[]>(new TextDecoder('utf-8', { fatal: true }).decode(csv.subarray(3)), {
    skipEmptyLines: true,
  }).data;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await resultsXlsx(results)).slice().buffer);
  const ws = wb.worksheets[0];
  const fromXlsx: string[][] = [];
  ws.eachRow((row) =>
    fromXlsx.push(Array.from({ length: RESULT_COLUMNS.length }, (_, i) => row.getCell(i + 1).text)),
  );
  for (const table of [fromCsv, fromXlsx]) {
    expect(table[0]).toEqual([
      '公民身份号码',
      '姓名',
      '核验事项',
      '子女公民身份号码',
      '核验日期',
      '核验结果',
      '未通过条件',
      '有效期至',
      '决定编号',
    ]);
    expect(table).toHaveLength(sent.length + 1);
    for (const [i, row] of table.slice(1).entries()) {
      const q = sent[i];
      const a = answers[i];
      expect(row.slice(0, 4)).toEqual([
        q.input.citizenIdNumber,
        q.input.holderName,
        q.input.entitlement,
        q.input.dependentCitizenIdNumber,
      ]);
      expect(row[4]).toBe(a.asOf);
      expect(row[5]).toBe(a.eligible ? '符合' : '不符合');
      const failed = a.reasons.filter((r) => !r.passed);
      expect(row[6] === '').toBe(failed.length === 0);
      for (const f of failed) expect(row[6]).toContain(`${f.messageZh}（${citationZh(f.citation)}）`);
      expect(row[7]).toBe(a.permit?.validThrough ?? '');
      expect(row[8]).toBe(a.decisionId);
    }
  }
  // the ID cells of the XLSX are text, formatted as text
  expect(ws.getCell('A2').type).toBe(ExcelJS.ValueType.String);
  expect(ws.getCell('A2').numFmt).toBe('@');
  return results;
}

describe('the results downloads', () => {
  it('carry the input columns and the answer, and parse back (made-up answers)', async () => {
    const v = validateRows((await parsedOk(fixtureCsv(ROWS, 'utf-8'))).rows, {
      entitlements: SCOPE,
      today: TODAY,
    });
    const answers: EligibilityDecisionLike[] = v.accepted.map((r, i) => ({
      decisionId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      eligible: i % 2 === 0,
      entitlementCode: HOUSING,
      asOf: r.query.asOf ?? TODAY,
      permit:
        i % 2 === 0 ? { maskedCitizenIdNumber: 'x', status: 'VALID', validThrough: '2027-03-01' } : null,
      reasons:
        i % 2 === 0
          ? [{ code: 'PERMIT_VALID', passed: true, messageZh: '居住证有效', citation: { article: 13 } }]
          : [
              {
                code: 'PERMIT_FOUND',
                passed: false,
                messageZh: '未找到居住证',
                citation: { article: 18, paragraph: 1 },
              },
              {
                code: 'IN_REGION',
                passed: false,
                messageZh: '不在本区域',
                citation: { article: 18, paragraph: 1, clause: 3 },
              },
            ],
    }));
    const results = await exportsReadBack(v.accepted, answers);
    expect(results[1].failed).toBe('未找到居住证（第十八条第一款）；不在本区域（第十八条第一款第三项）');
    expect(() => resultRows(v.accepted, answers.slice(1))).toThrow();
  });
});

const DBS = await databases();

describe.each(DBS)('end to end on %s: the valid rows through verifyEligibilityBatch over HTTP', (db) => {
  let g: TestGateway;
  let housing: string;
  let school: string;
  beforeAll(async () => {
    g = await startGateway(db, { seed: 'demo' });
    housing = await g.token(CALLERS.housing);
    school = await g.token(CALLERS.school);
  });
  afterAll(async () => {
    await g?.stop();
  });

  const BATCH = `query Batch($queries: [EligibilityQuery!]!) {
    verifyEligibilityBatch(queries: $queries) {
      decisionId eligible entitlementCode asOf
      permit { maskedCitizenIdNumber status validThrough region { code nameZh } }
      reasons { code passed messageZh messageEn citation { article paragraph clause textZh } }
    }
  }`;

  /** A runBatch as the page gets it: one request, the answers, or an error carrying the gateway's code. */
  const runBatch =
    (token: string) =>
    async (queries: EligibilityQuery[]): Promise<EligibilityDecisionLike[]> => {
      const r = await g.gql<{ verifyEligibilityBatch: EligibilityDecisionLike[] }>(BATCH, { queries }, token);
      if (r.body.errors?.length)
        throw Object.assign(new Error(r.body.errors[0].message), { errors: r.body.errors });
      return r.body.data!.verifyEligibilityBatch;
    };

  it('280 answers in the order asked, exported and read back', async () => {
    const v = validateRows((await parsedOk(fixtureCsv(ROWS, 'gb18030'))).rows, {
      entitlements: SCOPE,
      today: TODAY,
    });
    expect(v.accepted).toHaveLength(280);
    const answers = await runBatch(housing)(v.accepted.map((r) => r.query));
    expect(answers).toHaveLength(280);
    expect(answers.every((a) => a.entitlementCode === HOUSING && a.asOf === TODAY)).toBe(true);
    const results = await exportsReadBack(v.accepted, answers);
    // the demo states: a valid permit is eligible, a lapsed or confiscated one is not
    const stateOf = new Map(VALID.map((r) => [r.rowNumber, r.person.state]));
    for (const r of results) {
      const state = stateOf.get(r.rowNumber)!;
      if (state === 'VALID') expect(r.eligible, `row ${r.rowNumber}`).toBe(true);
      if (state === 'LAPSED' || state === 'CONFISCATED' || state === 'REGISTERED_ONLY')
        expect(r.eligible, `row ${r.rowNumber}`).toBe(false);
      expect(r.failed === '').toBe(r.eligible);
    }
    expect(results.filter((r) => r.eligible).length).toBeGreaterThan(100);
    expect(results.filter((r) => !r.eligible).length).toBeGreaterThan(30);
  });

  it('a batch the gateway refuses becomes a sentence with its code', async () => {
    const v = validateRows((await parsedOk(fixtureCsv(ROWS, 'utf-8'))).rows, {
      entitlements: SCOPE,
      today: TODAY,
    });
    // the school may not check public rental housing: shield refuses the whole batch
    const e = await runBatch(school)(v.accepted.slice(0, 3).map((r) => r.query)).then(
      () => null,
      (err: unknown) => err,
    );
    expect(batchErrorSentence(e, 'zh-CN')).toEqual({
      code: 'FORBIDDEN',
      sentence: '您无权核验其中的核验事项。（错误代码：FORBIDDEN）',
    });
    expect(batchErrorSentence(e, 'en').sentence).toBe(
      'You may not check one of these entitlements. (error code: FORBIDDEN)',
    );
    expect(batchErrorSentence(new TypeError('fetch failed'), 'zh-CN').code).toBe('NETWORK');
  });
});
