/**
 * The holder's pages in a real browser (Debian's Chromium through playwright-core) against the real
 * gateway on a fresh SQLite database with the demo data: the demo holder (郭伟) signs in from
 * /console/config.json's demo callers, sees the permit, creates a share code (shown large, as a QR
 * code, with a countdown); the Jianxi school, in a second browser context, checks by that code in
 * 资格核验's 亮证码 mode and gets its answer; 核验记录 shows that check; a revoked code is refused to the
 * school with the gateway's error shown; a department opening /console/my-permit by URL is refused.
 * Screenshots under test-results/; no request to another origin, no CSP violation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoPeople } from '../../seeds/demo';
import { startGateway, type TestGateway } from '../support/gateway';
import {
  buildConsole,
  chooseOption,
  chromiumAvailable,
  launchBrowser,
  screenshot,
  signInDemo,
  type Watched,
} from '../support/browser';

const HAVE_CHROMIUM = chromiumAvailable();
const SUBMIT = /^(loading )?核验$/;
const HOLDER = '持证人（郭伟，涧西区）';
const SCHOOL = '学校（涧西区教育局）';
const guo = demoPeople().find((p) => p.name === '郭伟' && p.state === 'WITH_CHILDREN')!;

describe.skipIf(!HAVE_CHROMIUM)('the holder pages in Chromium', () => {
  let g: TestGateway;
  let origin: string;
  let browser: Browser;
  let holderContext: BrowserContext;
  let holder: Page;
  let school: Page;
  const watched: { page: string; w: Watched }[] = [];
  let firstCode = '';

  beforeAll(async () => {
    const consoleDir = buildConsole();
    // the real clock: the demo data is laid out around today
    g = await startGateway('sqlite', { seed: 'demo', clock: Date.now, consoleDir });
    origin = new URL(g.url).origin;
    browser = await launchBrowser();
    holderContext = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  });
  afterAll(async () => {
    await browser?.close();
    await g?.stop();
  });

  /** signed in as a demo caller (test/support/browser.ts signInDemo) in `context` */
  async function signedIn(name: string, context: BrowserContext, label: string, heading: string) {
    const { page, watched: w } = await signInDemo(browser, origin, label, heading, { context });
    watched.push({ page: name, w });
    await page.getByRole('heading', { name: heading, exact: true }).waitFor();
    return page;
  }

  async function schoolChecksBy(code: string) {
    // a fresh page each time: no answer or error left from the check before
    await school.goto(`${origin}/console/check`);
    await school.getByRole('heading', { name: '资格核验', exact: true }).waitFor();
    await school.locator('label', { hasText: '亮证码' }).first().click();
    await school.getByRole('textbox', { name: '亮证码' }).fill(code);
    await school.getByLabel('子女公民身份号码').fill(guo.children[0].citizenIdNumber);
    await school.getByRole('button', { name: SUBMIT }).click();
  }

  const menu = (page: Page) => page.getByRole('navigation').innerText();

  it('the demo holder signs in and sees the permit: status, valid through, the next window with its days', async () => {
    holder = await signedIn('holder-signin', holderContext, HOLDER, '我的居住证');
    const permit = holder.getByTestId('my-permit');
    await permit.waitFor();
    expect(await holder.getByTestId('my-permit-status').innerText()).toBe('有效');
    expect(await holder.getByTestId('my-permit-valid-through').innerText()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await holder.getByTestId('my-permit-window').innerText()).toMatch(
      /\d{4}-\d{2}-\d{2} — \d{4}-\d{2}-\d{2}.*(距签注期开始还有 \d+ 天|距截止还有 \d+ 天|签注期已过)/,
    );
    expect(await permit.innerText()).toContain('涧西区');
    // the holder's menu: its own pages only
    const m = await menu(holder);
    expect(m).toContain('亮证');
    expect(m).toContain('核验记录');
    expect(m).not.toContain('资格核验');
    await screenshot(holder, 'holder-my-permit');
  });

  it('亮证: a code shown large and as a QR code with a countdown, listed among the live codes', async () => {
    await holder.getByRole('link', { name: '亮证', exact: true }).click();
    await holder.getByRole('heading', { name: '亮证', exact: true }).waitFor();
    await holder.getByRole('button', { name: /生成亮证码/ }).click();
    await holder.getByTestId('share-code-made').waitFor();
    firstCode = (await holder.getByTestId('share-code').innerText()).trim();
    expect(firstCode).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/);
    expect(await holder.getByTestId('share-code-countdown').innerText()).toMatch(/^剩余有效时间 \d+:\d{2}$/);
    const qrDrawn = await holder
      .getByTestId('share-code-qr')
      .evaluate((c: any) => c.width > 100 && c.toDataURL().length > 1000);
    expect(qrDrawn).toBe(true);
    await expect
      .poll(() => holder.getByTestId('share-codes').innerText())
      .toContain(`******${firstCode.slice(-2)}`);
    // the full code only in the answer to createShareCode, never in the list
    expect(await holder.getByTestId('share-codes').innerText()).not.toContain(firstCode);
    await screenshot(holder, 'holder-share-code');
  });

  it('the school checks by that code in 亮证码 mode and gets its answer', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    school = await signedIn('school', ctx, SCHOOL, '资格核验');
    await schoolChecksBy(firstCode.toLowerCase());
    await school.getByTestId('verdict').waitFor();
    expect(await school.getByTestId('verdict').getAttribute('data-eligible')).toBe('true');
    await screenshot(school, 'holder-school-checks-by-code');
  });

  it('核验记录: the holder sees that check (the school, the entitlement, the date, the result)', async () => {
    await holder.getByRole('link', { name: '核验记录' }).click();
    await holder.getByRole('heading', { name: '核验记录', exact: true }).waitFor();
    const rows = holder.getByTestId('my-checks').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const top = await rows.first().innerText();
    expect(top).toContain('教育部门（涧西区）');
    expect(top).toContain('子女义务教育阶段入学和中考');
    expect(top).toContain('符合');
    expect(top).toContain('亮证码');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(top).toContain(today);
    await screenshot(holder, 'holder-my-checks');
  });

  it('a revoked code: gone from the live codes, and the school is refused with the error shown', async () => {
    await holder.getByRole('link', { name: '亮证', exact: true }).click();
    await holder.getByRole('button', { name: /生成亮证码/ }).click();
    await holder.getByTestId('share-code-made').waitFor();
    const code = (await holder.getByTestId('share-code').innerText()).trim();
    expect(code).not.toBe(firstCode);
    const list = holder.getByTestId('share-codes');
    const id = await holder.getByTestId('share-code-made').getAttribute('data-code-id');
    const row = list.locator(`tr[data-row-key="${id}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain(`******${code.slice(-2)}`);
    await row.getByRole('button', { name: '撤销' }).click();
    await holder
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await holder.getByTestId('share-code-made').waitFor({ state: 'detached' });
    await expect.poll(() => list.locator(`tr[data-row-key="${id}"]`).count()).toBe(0);
    await screenshot(holder, 'holder-share-code-revoked');

    await schoolChecksBy(code);
    const err = school.getByTestId('gateway-error');
    await err.waitFor();
    expect(await err.innerText()).toContain('错误代码：BAD_USER_INPUT');
    expect(await school.getByTestId('verdict').count()).toBe(0);
    await screenshot(school, 'holder-school-revoked-code');
  });

  it('a code bound to another department (CreateShareCodeInput.department): the school is refused', async () => {
    await holder.getByRole('link', { name: '亮证', exact: true }).click();
    await chooseOption(holder, '限定部门', '交通运输部门');
    await holder.getByRole('button', { name: /生成亮证码/ }).click();
    await expect.poll(() => holder.getByTestId('share-code-made').innerText()).toContain('交通运输部门');
    const code = (await holder.getByTestId('share-code').innerText()).trim();
    const id = await holder.getByTestId('share-code-made').getAttribute('data-code-id');
    await expect
      .poll(() => holder.getByTestId('share-codes').locator(`tr[data-row-key="${id}"]`).innerText())
      .toContain('交通运输部门');
    await screenshot(holder, 'holder-share-code-bound');

    await schoolChecksBy(code);
    await school.getByTestId('gateway-error').waitFor();
    expect(await school.getByTestId('gateway-error').innerText()).toContain('错误代码：BAD_USER_INPUT');
    expect(await school.getByTestId('verdict').count()).toBe(0);
  });

  it('a department opening /console/my-permit by URL sees a refusal, not data', async () => {
    const sent: string[] = [];
    school.on('request', (r) => r.url().endsWith('/graphql') && sent.push(r.postData() ?? ''));
    await school.goto(`${origin}/console/my-permit`);
    await school.getByTestId('role-refused').waitFor();
    expect(await school.getByTestId('role-refused').innerText()).toContain('无权访问此页面');
    expect(await school.getByTestId('my-permit').count()).toBe(0);
    expect(sent.filter((b) => b.includes('MyPermit'))).toEqual([]);
    expect(await menu(school)).not.toContain('我的居住证');
    await screenshot(school, 'holder-refused-to-department');
  });

  it('no page requested another origin or broke the CSP', () => {
    expect(watched.length).toBeGreaterThan(0);
    for (const { page, w } of watched) {
      expect(w.requests.length, page).toBeGreaterThan(0);
      expect(w.foreign, page).toEqual([]);
      expect(w.cspViolations, page).toEqual([]);
    }
  });
});
