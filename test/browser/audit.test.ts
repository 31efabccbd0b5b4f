/**
 * The auditor's pages and the public receipt check in Chromium against the real gateway (fresh SQLite
 * database, demo data, the built console): the auditor filters the audit log (action, role, a date
 * range), exports what the filters select as CSV (UTF-8 with BOM) and it parses back to the same
 * entries the API gives; runs the chain check in stretches to the end, sees the head, and gives it
 * back as expectHead; a school's real receipt (verifyEligibility over HTTP with the school's demo
 * token) verifies on /console/verify-receipt without sign-in, and a tampered one is refused; a school
 * opening the auditor's page by URL gets a refusal, not data. No request to another origin, no CSP
 * violation; screenshots under test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { demoPeople } from '../../seeds/demo';
import { todayInShanghai } from '../../src/law/date';
import { startGateway, type TestGateway } from '../support/gateway';
import {
  buildConsole,
  chooseOption,
  chromiumAvailable,
  launchBrowser,
  screenshot,
  signInDemo,
  watch,
  type Watched,
} from '../support/browser';

const HAVE_CHROMIUM = chromiumAvailable();
const people = demoPeople();
const guo = people.find((p) => p.name === '郭伟' && p.state === 'WITH_CHILDREN')!;
const lapsed = people.find((p) => p.state === 'LAPSED')!;

const VERIFY = `query V($q: EligibilityQuery!) { verifyEligibility(query: $q) { decisionId eligible receipt } }`;
const LOG = `query L($action: String, $role: String, $from: Date, $to: Date, $first: Int) {
  auditLog(action: $action, role: $role, from: $from, to: $to, first: $first) { sequence action role actor hash } }`;

/** The receipt with one claim changed and the signature kept: what a forger would try. */
function tampered(receipt: string): string {
  const [h, p, s] = receipt.split('.');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf-8')) as Record<string, unknown>;
  claims.elig = !claims.elig;
  claims.failed = claims.elig ? [] : ['PERMIT_VALID'];
  return [h, Buffer.from(JSON.stringify(claims)).toString('base64url'), s].join('.');
}

describe.skipIf(!HAVE_CHROMIUM)('审计日志, 校验审计链 and 回执验证 in Chromium', () => {
  let g: TestGateway;
  let origin: string;
  let browser: Browser;
  let tokens: Record<string, string>;
  const watched: Watched[] = [];
  const today = todayInShanghai(Date.now);

  beforeAll(async () => {
    const consoleDir = buildConsole();
    g = await startGateway('sqlite', { seed: 'demo', clock: Date.now, consoleDir });
    origin = new URL(g.url).origin;
    const config = (await (await fetch(`${origin}/console/config.json`)).json()) as {
      demoCallers: { id: string; token: string }[];
    };
    tokens = Object.fromEntries(config.demoCallers.map((c) => [c.id, c.token]));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await g?.stop();
  });

  /** a page without sign-in (回执验证) */
  async function open(path: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    watched.push(watch(page, origin));
    await page.goto(`${origin}${path}`);
    return page;
  }

  /** signed in as a demo caller (test/support/browser.ts signInDemo) */
  async function signedIn(label: string, heading: string, acceptDownloads = false): Promise<Page> {
    const { page, watched: w } = await signInDemo(browser, origin, label, heading, { acceptDownloads });
    watched.push(w);
    return page;
  }

  async function schoolChecks(): Promise<{ eligible: string; refused: string; decisionId: string }> {
    const ask = async (id: string, name: string, child: string) => {
      const r = await g.gql<{
        verifyEligibility: { decisionId: string; eligible: boolean; receipt: string };
      }>(
        VERIFY,
        {
          q: {
            citizenIdNumber: id,
            holderName: name,
            entitlement: 'CHILD_EDUCATION_AND_ZHONGKAO',
            dependentCitizenIdNumber: child,
          },
        },
        tokens['school-jianxi'],
      );
      expect(r.body.errors).toBeUndefined();
      return r.body.data!.verifyEligibility;
    };
    const yes = await ask(guo.citizenIdNumber, guo.name, guo.children[0].citizenIdNumber);
    const no = await ask(lapsed.citizenIdNumber, lapsed.name, guo.children[0].citizenIdNumber);
    expect([yes.eligible, no.eligible]).toEqual([true, false]);
    return { eligible: yes.receipt, refused: no.receipt, decisionId: yes.decisionId };
  }

  it('the auditor filters the log, exports the selection as CSV and it parses back', async () => {
    await schoolChecks();
    const page = await signedIn('监督部门（审计）', '审计日志', true);
    // the auditor's menu: its two pages only
    const menu = await page
      .getByRole('navigation', { name: '功能菜单' })
      .getByRole('menuitem')
      .allInnerTexts();
    expect(menu.filter((m) => m !== '接口调试')).toEqual(['审计日志', '校验审计链']);
    await page.getByTestId('audit-shown').waitFor();
    await screenshot(page, 'audit-log');

    await page.getByLabel('操作', { exact: true }).fill('verify_eligibility');
    await chooseOption(page, '角色', '职能部门');
    await page.getByLabel('起始日期', { exact: true }).fill(today);
    await page.getByLabel('截止日期', { exact: true }).fill(today);
    await page.getByRole('button', { name: /查询/ }).click();

    const api = await g.gql<{ auditLog: { sequence: number; action: string; role: string; hash: string }[] }>(
      LOG,
      { action: 'VERIFY_ELIGIBILITY', role: 'DEPARTMENT', from: today, to: today, first: 1000 },
      tokens.auditor,
    );
    expect(api.body.errors).toBeUndefined();
    const expected = api.body.data!.auditLog;
    expect(expected.length).toBeGreaterThanOrEqual(2);
    // the table shows the filtered page: the same sequences the API gives, each a department's check
    const column = (n: number) => page.locator(`.ant-table-tbody tr.ant-table-row td:nth-child(${n})`);
    await expect
      .poll(async () => (await column(1).allInnerTexts()).map(Number))
      .toEqual(expected.slice(0, 50).map((e) => e.sequence));
    expect(new Set(await column(5).allInnerTexts())).toEqual(new Set(['VERIFY_ELIGIBILITY']));
    expect(new Set(await column(4).allInnerTexts())).toEqual(new Set(['DEPARTMENT']));
    await page.getByText(`已显示 ${Math.min(expected.length, 50)} 条`).waitFor();
    await screenshot(page, 'audit-log-filtered');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导出 CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`audit-log-${today}.csv`);
    await page.getByText(`已导出 ${expected.length} 条审计记录。`).waitFor();
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = Papa.parse<string[]>(bytes.subarray(3).toString('utf-8'), { skipEmptyLines: true }).data;
    expect(table[0]).toEqual(['序号', '时间', '操作者', '角色', '操作', '对象', '结果', '哈希']);
    expect(table.slice(1).map((r) => [Number(r[0]), r[3], r[4], r[7]])).toEqual(
      expected.map((e) => [e.sequence, e.role, e.action, e.hash]),
    );
    expect(table.slice(1).some((r) => r[2] === 'demo:school-jianxi')).toBe(true);

    // a range after today selects nothing
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('起始日期', { exact: true }).fill(tomorrow);
    await page.getByLabel('截止日期', { exact: true }).fill(tomorrow);
    await page.getByRole('button', { name: /查询/ }).click();
    await page.getByText('没有符合条件的审计记录。').waitFor();
    // a range that ends before it starts is refused in the form
    await page.getByLabel('截止日期', { exact: true }).fill(today);
    await page.getByRole('button', { name: /查询/ }).click();
    await page.getByText('起始日期不能晚于截止日期').waitFor();
    await page.context().close();
  });

  it('the auditor checks the chain in stretches to the head, then again with that head', async () => {
    const head = await g.gql<{ verifyAuditChain: { headSequence: number } }>(
      `{ verifyAuditChain { headSequence } }`,
      {},
      tokens.auditor,
    );
    const known = head.body.data!.verifyAuditChain.headSequence;
    expect(known).toBeGreaterThan(4);
    const stretch = Math.ceil(known / 4);

    const page = await signedIn('监督部门（审计）', '审计日志');
    let stretches = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/graphql') && (r.postData() ?? '').includes('verifyAuditChain')) stretches++;
    });
    await page.getByRole('menuitem', { name: /校验审计链/ }).click();
    await page.getByRole('heading', { name: '校验审计链' }).waitFor();
    await page.getByLabel('每段条数').fill(String(stretch));
    await page.getByRole('button', { name: /开始校验/ }).click();
    const result = page.getByTestId('chain-result');
    await result.waitFor();
    expect(await result.getAttribute('data-intact')).toBe('true');
    await page.getByText('审计链完整').waitFor();
    expect(stretches).toBeGreaterThanOrEqual(4);
    expect(await page.getByTestId('chain-progress').innerText()).toContain('100%');
    const seq = (await page.getByTestId('chain-head-sequence').innerText()).trim();
    const hash = (await page.getByTestId('chain-head-hash').innerText()).trim();
    expect(Number(seq)).toBeGreaterThanOrEqual(known);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    await expect.poll(() => page.getByRole('button', { name: /开始校验/ }).isEnabled()).toBe(true);
    await screenshot(page, 'audit-chain');

    // next visit: the head written down is given back; still in the chain
    await page.getByLabel('上次记录的链头序号').fill(seq);
    await page.getByLabel('上次记录的链头哈希').fill(hash);
    await page.getByRole('button', { name: /开始校验/ }).click();
    await page.getByText('上次记录的链头仍在链中，哈希一致。').waitFor();
    // a head that never was: refused as not found
    await page.getByLabel('上次记录的链头哈希').fill('0'.repeat(64));
    await page.getByRole('button', { name: /开始校验/ }).click();
    await page.getByTestId('chain-expect-missing').waitFor();
    await screenshot(page, 'audit-chain-expect-missing');
    await page.context().close();
  });

  it('a page of the auditor opened by URL by a school shows a refusal, not data', async () => {
    const page = await signedIn('学校（涧西区教育局）', '资格核验');
    let asked = false;
    page.on('request', (r) => {
      if ((r.postData() ?? '').includes('auditLog')) asked = true;
    });
    await page.goto(`${origin}/console/audit-log`);
    await page.getByText('您的角色无权使用此页面。').waitFor();
    await page.goto(`${origin}/console/audit-chain`);
    await page.getByText('此页面仅供以下角色使用：监督部门').waitFor();
    expect(asked).toBe(false);
    await screenshot(page, 'audit-refused');
    await page.context().close();
  });

  it('回执验证 without sign-in: a real receipt verifies, a tampered one is refused', async () => {
    const { eligible, refused, decisionId } = await schoolChecks();
    const page = await open('/console/verify-receipt');
    await page.getByRole('heading', { name: '回执验证' }).waitFor();
    const box = page.getByLabel('回执内容');
    await box.fill(eligible);
    await page.getByRole('button', { name: /验证/ }).click();
    const valid = page.getByTestId('receipt-valid');
    await valid.waitFor();
    expect(await valid.getAttribute('data-eligible')).toBe('true');
    const text = await valid.innerText();
    expect(text).toContain('回执有效');
    expect(text).toContain('子女义务教育阶段入学和中考');
    expect(text).toContain(today);
    expect(text).toMatch(/\d{6}\*{8}\d{3}[\dX]/);
    expect(text).not.toContain(guo.citizenIdNumber);
    expect(await page.getByTestId('receipt-decision-id').innerText()).toBe(decisionId);
    await screenshot(page, 'verify-receipt-valid');

    await box.fill(refused);
    await page.getByRole('button', { name: /验证/ }).click();
    await expect.poll(() => valid.getAttribute('data-eligible')).toBe('false');
    expect(await valid.innerText()).toContain('不符合享受该项服务的条件');

    await box.fill(tampered(eligible));
    await page.getByRole('button', { name: /验证/ }).click();
    const invalid = page.getByTestId('receipt-invalid');
    await invalid.waitFor();
    expect(await invalid.innerText()).toContain('签名不匹配');
    expect(await valid.count()).toBe(0);
    await screenshot(page, 'verify-receipt-tampered');

    await box.fill('not a receipt');
    await page.getByRole('button', { name: /验证/ }).click();
    await page.getByText('这不是本平台的回执（格式不正确或无法读取）。').waitFor();
    // no sign-in happened, and nothing but the key set was fetched for the checks
    expect(await page.evaluate("sessionStorage.getItem('luoyang.console.token')")).toBeNull();
    await page.context().close();
  });

  it('no request to another origin, no CSP violation', () => {
    for (const w of watched) {
      expect(w.foreign).toEqual([]);
      expect(w.cspViolations).toEqual([]);
    }
  });
});
