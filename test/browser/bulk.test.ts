/**
 * 批量核验 in Chromium against the real gateway (demo data, the built console): the housing bureau
 * uploads 300 rows of which 20 are malformed (test/console/bulk-fixture.ts); the 20 are listed with
 * their row numbers and not sent; the 280 go in one verifyEligibilityBatch; the results table filters
 * 不符合; both downloads parse back; the template keeps ID columns as text. No request to another
 * origin, no CSP violation; screenshots under test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { todayInShanghai } from '../../src/law/date';
import { startGateway, type TestGateway } from '../support/gateway';
import { buildConsole, chromiumAvailable, launchBrowser, screenshot, signInDemo } from '../support/browser';
import { bulkFixture, fixtureCsv, fixtureXlsx } from '../console/bulk-fixture';

const HAVE_CHROMIUM = chromiumAvailable();
/** A downloaded file's bytes as exceljs reads them. */
const arrayBufferOf = (path: string) => new Uint8Array(readFileSync(path)).buffer;
const RESULT_HEADER = [
  '公民身份号码',
  '姓名',
  '核验事项',
  '子女公民身份号码',
  '核验日期',
  '核验结果',
  '未通过条件',
  '有效期至',
  '决定编号',
];

describe.skipIf(!HAVE_CHROMIUM)('批量核验 in Chromium', () => {
  let g: TestGateway;
  let origin: string;
  let browser: Browser;
  beforeAll(async () => {
    const consoleDir = buildConsole();
    g = await startGateway('sqlite', { seed: 'demo', clock: Date.now, consoleDir });
    origin = new URL(g.url).origin;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await g?.stop();
  });

  it('a housing bureau uploads 300 rows (20 malformed): results, both downloads parsed back', async () => {
    const today = todayInShanghai(Date.now);
    const rows = bulkFixture(today);
    const { page, watched: w } = await signInDemo(browser, origin, '市住房和城乡建设局', '资格核验', {
      acceptDownloads: true,
    });
    const context = page.context();
    let batches = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/graphql') && (r.postData() ?? '').includes('verifyEligibilityBatch')) batches++;
    });
    await page.getByRole('menuitem', { name: /批量核验/ }).click();
    await page.getByRole('heading', { name: '批量核验' }).waitFor();

    const [tpl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载模板（XLSX）' }).click(),
    ]);
    const twb = new ExcelJS.Workbook();
    await twb.xlsx.load(arrayBufferOf(await tpl.path()));
    expect(twb.worksheets[0].getRow(1).values).toEqual([undefined, ...RESULT_HEADER.slice(0, 5)]);
    expect([twb.worksheets[0].getColumn(1).numFmt, twb.worksheets[0].getColumn(4).numFmt]).toEqual([
      '@',
      '@',
    ]);
    expect(twb.worksheets[1].getRow(2).values).toEqual([
      undefined,
      'PUBLIC_RENTAL_HOUSING',
      '公共租赁住房保障',
    ]);

    await page.locator('input[type=file]').setInputFiles({
      name: '住房名单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await fixtureXlsx(rows)),
    });
    await page.getByText('共 300 行：280 行可以核验，20 行有问题，不会发送。').waitFor();
    const refused = page.getByRole('region', { name: '有问题的行（20 行，不会发送）' });
    const refusedRows = await refused.locator('.ant-table-tbody tr').allTextContents();
    expect(refusedRows.map((t) => Number(/^\d+/.exec(t)![0]))).toEqual(
      rows.filter((r) => r.expect).map((r) => r.rowNumber),
    );
    await screenshot(page, 'bulk-checked');

    await page.getByRole('button', { name: '核验 280 行' }).click();
    await page
      .getByText(/^核验结果：280 行，其中 \d+ 行符合$|错误代码/)
      .first()
      .waitFor({ timeout: 60_000 });
    await screenshot(page, 'bulk-after-run');
    expect(batches).toBe(1);
    await screenshot(page, 'bulk-results');

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载结果（CSV）' }).click(),
    ]);
    const csvBytes = readFileSync(await csv.path());
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = Papa.parse<string[]>(csvBytes.subarray(3).toString('utf-8'), { skipEmptyLines: true }).data;
    expect(table[0]).toEqual(RESULT_HEADER);
    expect(table).toHaveLength(281);
    const valid = rows.filter((r) => !r.expect);
    expect(table.slice(1).map((r) => r[0])).toEqual(valid.map((r) => r.cells[0]));
    expect(table.slice(1).every((r) => r[4] === today && /^[0-9a-f-]{36}$/.test(r[8]))).toBe(true);
    const eligible = table.slice(1).filter((r) => r[5] === '符合').length;
    expect(eligible).toBeGreaterThan(100);
    expect(
      table
        .slice(1)
        .filter((r) => r[5] === '不符合')
        .every((r) => r[6] !== ''),
    ).toBe(true);

    const [xl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载结果（XLSX）' }).click(),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(arrayBufferOf(await xl.path()));
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(281);
    for (let r = 1; r <= 281; r++)
      expect(Array.from({ length: 9 }, (_, i) => ws.getRow(r).getCell(i + 1).text)).toEqual(table[r - 1]);
    expect(ws.getCell('A2').numFmt).toBe('@');

    await page
      .getByRole('region', { name: /^核验结果/ })
      .locator('.ant-dropdown-trigger.ant-table-filter-trigger')
      .first()
      .click();
    await page.getByRole('menuitem', { name: '不符合' }).click();
    await page.getByRole('button', { name: '确定' }).click();
    const tags = await page
      .getByRole('region', { name: /^核验结果/ })
      .locator('.ant-table-tbody .ant-tag')
      .allTextContents();
    expect(tags.length).toBeGreaterThan(0);
    expect(new Set(tags)).toEqual(new Set(['不符合']));
    await screenshot(page, 'bulk-filtered');

    // a GB18030 CSV at tablet size reads the same
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.getByRole('button', { name: '重新上传' }).click();
    await page.locator('input[type=file]').setInputFiles({
      name: '住房名单.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(fixtureCsv(rows, 'gb18030')),
    });
    await page.getByText('共 300 行：280 行可以核验，20 行有问题，不会发送。').waitFor();
    await screenshot(page, 'bulk-tablet');

    expect(w.foreign).toEqual([]);
    expect(w.cspViolations).toEqual([]);
    await context.close();
  });
});
