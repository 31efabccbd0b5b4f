/**
 * The console in a real browser (Debian's Chromium through playwright-core) against the real gateway
 * on a fresh SQLite database with the demo data, the built console served by the gateway: a school
 * signs in as a demo caller and gets an eligible and a not-eligible answer with their reasons and
 * articles, prints the receipt, lists its decisions; an expired token goes back to sign-in with a
 * message; the explorer runs a query with the console's token. On every page: no request to any other
 * origin, no CSP violation, the CSP header present, and a screenshot under test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SignJWT } from 'jose';
import { demoPeople } from '../../seeds/demo';
import { TEST_SECRET, signingKeyFile, startGateway, type TestGateway } from '../support/gateway';
import {
  buildConsole,
  chromiumAvailable,
  launchBrowser,
  screenshot,
  signInDemo,
  watch,
  type Watched,
} from '../support/browser';

const HAVE_CHROMIUM = chromiumAvailable();

/**
 * The 核验 button. After an answer, Ant Design's loading icon can linger in the button in its leave
 * motion (its aria-label "loading" then prefixes the name); 正在核验… while a check runs does not match.
 */
const SUBMIT = /^(loading )?核验$/;

const people = demoPeople();
const guo = people.find((p) => p.name === '郭伟' && p.state === 'WITH_CHILDREN')!;
const lapsed = people.find((p) => p.state === 'LAPSED')!;

describe.skipIf(!HAVE_CHROMIUM)('the console in Chromium', () => {
  let g: TestGateway;
  let origin: string;
  let browser: Browser;
  const watched: { page: string; w: Watched }[] = [];

  beforeAll(async () => {
    const consoleDir = buildConsole();
    // the real clock: the demo data is laid out around today, and the page's 核验日期 is today (CST)
    g = await startGateway('sqlite', { seed: 'demo', clock: Date.now, consoleDir });
    origin = new URL(g.url).origin;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await g?.stop();
  });

  async function open(
    name: string,
    path: string,
    o: { context?: BrowserContext; viewport?: { width: number; height: number } } = {},
  ): Promise<Page> {
    const context =
      o.context ??
      (await browser.newContext({ viewport: o.viewport ?? { width: 1366, height: 768 }, locale: 'zh-CN' }));
    const page = await context.newPage();
    watched.push({ page: name, w: watch(page, origin) });
    const res = await page.goto(`${origin}${path}`);
    expect(res?.headers()['content-security-policy']).toContain("default-src 'self'");
    return page;
  }

  /** signed in as a demo caller (test/support/browser.ts signInDemo), landing on 资格核验; the CSP checked */
  async function signedIn(
    name: string,
    label: string,
    o: { viewport?: { width: number; height: number }; beforeSignIn?: (page: Page) => Promise<unknown> } = {},
  ): Promise<Page> {
    const { page, watched: w, response } = await signInDemo(browser, origin, label, '资格核验', o);
    watched.push({ page: name, w });
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    return page;
  }

  async function check(page: Page, id: string, name: string, child: string) {
    await page.getByLabel('公民身份号码', { exact: true }).fill(id);
    await page.getByLabel('姓名', { exact: true }).fill(name);
    await page.getByLabel('子女公民身份号码').fill(child);
    await page.getByRole('button', { name: SUBMIT }).click();
    await page.getByTestId('verdict').waitFor();
  }

  it('serves the console with a nonce CSP, and the explorer with its own', async () => {
    const res = await fetch(`${origin}/console/check`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(res.status).toBe(200);
    expect(csp).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).toContain(`content="${/nonce-([^']+)'/.exec(csp)![1]}"`);
    const ex = await fetch(`${origin}/explorer/`);
    expect(ex.status).toBe(200);
    expect(ex.headers.get('content-security-policy')).toContain("style-src 'self' 'unsafe-inline'");
  });

  it('a school signs in and gets 符合 with every condition and its article', async () => {
    const page = await signedIn('signin', '学校（涧西区教育局）', {
      beforeSignIn: (p) => screenshot(p, 'console-signin'),
    });
    // the school's one entitlement is chosen already; 核验日期 is today in China Standard Time
    await expect.poll(() => page.locator('.ant-select').innerText()).toContain('子女义务教育阶段入学和中考');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    expect(await page.getByLabel('核验日期').inputValue()).toBe(today);
    await screenshot(page, 'console-check-form');

    await check(page, guo.citizenIdNumber, guo.name, guo.children[0].citizenIdNumber);
    const verdict = page.getByTestId('verdict');
    expect(await verdict.getAttribute('data-eligible')).toBe('true');
    expect(await verdict.innerText()).toContain('符合');
    const reasons = page.getByTestId('reasons');
    const text = await reasons.innerText();
    expect(text).not.toContain('未通过');
    expect((text.match(/通过/g) ?? []).length).toBeGreaterThanOrEqual(5);
    expect(text).toContain('第十八条');
    expect(text).toContain('第十三条');
    // the masked ID number, never the number itself
    const decision = await page.getByTestId('decision').innerText();
    expect(decision).not.toContain(guo.citizenIdNumber);
    expect(decision).toMatch(/\*{4,}/);
    expect(decision).toContain('涧西区');
    // the article's text on hover
    await page.locator('.citation', { hasText: '第十八条' }).first().hover();
    await expect.poll(() => page.locator('.ant-tooltip').last().innerText()).toContain('子女');
    await screenshot(page, 'console-check-eligible');

    // 打印回执: the A4 view with the signed receipt as a QR code
    await page.getByRole('button', { name: '打印回执' }).click();
    await page.getByTestId('receipt').waitFor();
    expect(await page.getByTestId('receipt-verdict').innerText()).toBe('符合');
    const qrDrawn = await page
      .getByTestId('receipt-qr')
      .evaluate((c: any) => c.width > 100 && c.toDataURL().length > 2000);
    expect(qrDrawn).toBe(true);
    await screenshot(page, 'console-receipt');
    // printed: the tools are hidden, the receipt alone on the page
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: '打印', exact: true }).isVisible()).toBe(false);
    await screenshot(page, 'console-receipt-print');
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: '返回' }).click();
    await page.getByRole('heading', { name: '资格核验' }).waitFor();

    // not eligible: a lapsed permit, the failed condition visible
    await check(page, lapsed.citizenIdNumber, lapsed.name, guo.children[0].citizenIdNumber);
    await expect.poll(() => page.getByTestId('verdict').getAttribute('data-eligible')).toBe('false');
    expect(await page.getByTestId('verdict').innerText()).toContain('不符合');
    const failed = await page.getByTestId('reasons').innerText();
    expect(failed).toContain('未通过');
    expect(failed).toContain('第十三条');
    await screenshot(page, 'console-check-not-eligible');

    // 已核验记录: both decisions, newest first, reprintable
    await page.getByRole('link', { name: '已核验记录' }).click();
    await page.getByRole('heading', { name: '已核验记录' }).waitFor();
    const rows = page.getByTestId('decisions').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).innerText()).toContain('不符合');
    expect(await rows.nth(1).innerText()).toContain('符合');
    await screenshot(page, 'console-decisions');
    await rows.nth(1).getByRole('button', { name: '重新打印' }).click();
    expect(await page.getByTestId('receipt-verdict').innerText()).toBe('符合');
    await page.getByRole('button', { name: '返回' }).click();

    // 待复核: nothing confiscated since
    await page.getByRole('link', { name: '待复核' }).click();
    await page.getByRole('heading', { name: '待复核' }).waitFor();
    await expect.poll(() => page.getByTestId('review').innerText()).toContain('没有需要复核的决定');
    await screenshot(page, 'console-review');
    await page.getByRole('link', { name: '批量核验' }).click();
    await page.getByRole('heading', { name: '批量核验' }).waitFor();
    await screenshot(page, 'console-bulk');
    await page.context().close();
  });

  it('已核验记录 in pages of 20: 加载更多 shows the rest', async () => {
    const config: any = await (await fetch(`${origin}/console/config.json`)).json();
    const school = config.demoCallers.find((c: any) => c.id === 'school-jianxi').token;
    const made = async () =>
      (await g.gql('{ decisionsMade(first: 1000) { decisionId } }', {}, school)).body.data.decisionsMade
        .length;
    for (let i = 0; i < 21; i++) {
      const r = await g.gql(
        `query($q: EligibilityQuery!) { verifyEligibility(query: $q) { decisionId } }`,
        {
          q: {
            citizenIdNumber: guo.citizenIdNumber,
            holderName: guo.name,
            entitlement: 'CHILD_EDUCATION_AND_ZHONGKAO',
            dependentCitizenIdNumber: guo.children[0].citizenIdNumber,
          },
        },
        school,
      );
      expect(r.body.errors).toBeUndefined();
    }
    const total = await made();
    expect(total).toBeGreaterThan(20);
    expect(total).toBeLessThanOrEqual(40);
    const page = await signedIn('decisions-paged', '学校（涧西区教育局）');
    await page.getByRole('link', { name: '已核验记录' }).click();
    const rows = page.getByTestId('decisions').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(20);
    await page.getByRole('button', { name: '加载更多' }).click();
    await expect.poll(() => rows.count()).toBe(total);
    expect(await page.getByRole('button', { name: '加载更多' }).count()).toBe(0);
    const ids = await page
      .getByTestId('decisions')
      .locator('tbody tr.ant-table-row')
      .evaluateAll((trs) => trs.map((tr: any) => tr.getAttribute('data-row-key')));
    expect(new Set(ids).size).toBe(total);
    await page.context().close();
  });

  it('亮证码: the school checks the holder by the code the holder shows', async () => {
    const holder = await g.token({
      sub: 'test:holder-guo',
      role: 'HOLDER',
      citizenIdNumber: guo.citizenIdNumber,
    });
    const made = await g.gql(
      'mutation($input: CreateShareCodeInput) { createShareCode(input: $input) { code } }',
      { input: { entitlement: 'CHILD_EDUCATION_AND_ZHONGKAO' } },
      holder,
    );
    expect(made.body.errors).toBeUndefined();
    const code: string = made.body.data.createShareCode.code;
    const page = await signedIn('check-share-code', '学校（涧西区教育局）');
    await page.locator('label', { hasText: '亮证码' }).first().click();
    await expect.poll(() => page.getByLabel('公民身份号码', { exact: true }).count()).toBe(0);
    await page.getByRole('textbox', { name: '亮证码' }).fill(code.toLowerCase());
    await page.getByLabel('子女公民身份号码').fill(guo.children[0].citizenIdNumber);
    await page.getByRole('button', { name: SUBMIT }).click();
    await page.getByTestId('verdict').waitFor();
    expect(await page.getByTestId('verdict').getAttribute('data-eligible')).toBe('true');
    await screenshot(page, 'console-check-share-code');
    // the code is used up: a second check says so, with the gateway's code
    await page.getByRole('button', { name: SUBMIT }).click();
    await page.getByTestId('gateway-error').waitFor();
    expect(await page.getByTestId('gateway-error').innerText()).toMatch(/错误代码：[A-Z_]+/);
    await screenshot(page, 'console-check-error');
    await page.context().close();
  });

  it('the ID number is checked in the page (check character) before anything is sent', async () => {
    const page = await signedIn('check-invalid-id', '学校（涧西区教育局）', {
      viewport: { width: 768, height: 1024 },
    });
    const bad = guo.citizenIdNumber.slice(0, 17) + (guo.citizenIdNumber[17] === '1' ? '2' : '1');
    const sent: string[] = [];
    page.on('request', (r) => r.url().endsWith('/graphql') && sent.push(r.postData() ?? ''));
    // keyboard only: type into the fields and submit with Enter
    await page.getByLabel('公民身份号码', { exact: true }).focus();
    await page.keyboard.type(bad);
    await page.keyboard.press('Tab');
    await page.keyboard.type(guo.name);
    await page.keyboard.press('Enter');
    await page.getByText('校验码').first().waitFor();
    await page.getByText('请填写子女公民身份号码').waitFor();
    expect(sent.filter((b) => b.includes('verifyEligibility'))).toEqual([]);
    await screenshot(page, 'console-check-tablet-invalid-id');
    await page.context().close();
  });

  it('keyboard only: sign in, check, open the receipt', async () => {
    const page = await open('keyboard', '/console/');
    await page.getByRole('radio', { name: '学校（涧西区教育局）' }).focus();
    // the housing bureau is the next radio; back up to the school, then the 登录 button
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '资格核验' }).waitFor();
    expect(await page.locator('.console-header-user').innerText()).toContain('学校（涧西区教育局）');
    await page.getByLabel('公民身份号码', { exact: true }).focus();
    await page.keyboard.type(guo.citizenIdNumber);
    await page.keyboard.press('Tab');
    await page.keyboard.type(guo.name);
    await page.getByLabel('子女公民身份号码').focus();
    await page.keyboard.type(guo.children[0].citizenIdNumber);
    await page.keyboard.press('Enter');
    await page.getByTestId('verdict').waitFor();
    // the answer has the focus; the next stop that acts is 打印回执
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.dataset?.testid)).toBe(
      'verdict',
    );
    await page.getByRole('button', { name: '打印回执' }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('receipt').waitFor();
    await page.context().close();
  });

  it('English switch: the same page in English', async () => {
    const page = await signedIn('check-english', '学校（涧西区教育局）');
    await page.getByRole('button', { name: '切换为英文界面' }).click();
    await page.getByRole('heading', { name: 'Eligibility check' }).waitFor();
    await screenshot(page, 'console-check-english');
    await page.context().close();
  });

  it('an expired token sends the user back to sign-in with a message', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    // a token the gateway signed that has expired; the page believes it still valid until the gateway says so
    const past = Math.floor(Date.now() / 1000) - 60;
    const expired = await new SignJWT({
      role: 'DEPARTMENT',
      region: '410305',
      department: 'EDUCATION',
      scope: 'CHILD_EDUCATION_AND_ZHONGKAO',
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('test:school-expired')
      .setIssuedAt(past - 3600)
      .setExpirationTime(past)
      .sign(new TextEncoder().encode(TEST_SECRET));
    await context.addInitScript((token: string) => {
      // in the page (no DOM types in the tests' tsconfig)
      const sessionStorage = (globalThis as any).sessionStorage;
      if (!sessionStorage.getItem('luoyang.console.token'))
        sessionStorage.setItem(
          'luoyang.console.token',
          JSON.stringify({ token, label: 'expired', expiresAt: Date.now() + 3600_000 }),
        );
    }, expired);
    const page = await open('expired', '/console/check', { context });
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await page.getByText('登录已过期，请重新登录。').waitFor();
    expect(
      await page.evaluate(() => (globalThis as any).sessionStorage.getItem('luoyang.console.token')),
    ).toBeNull();
    expect(await page.evaluate(() => Object.keys((globalThis as any).localStorage))).toEqual([]);
    await screenshot(page, 'console-expired');
    await context.close();
  });

  it('the explorer runs a query with the signed-in token', async () => {
    const page = await signedIn('explorer-signin', '市住房和城乡建设局');
    await page.goto(`${origin}/explorer/`);
    const run = page.locator('.graphiql-execute-button');
    await run.waitFor();
    await page.locator('.graphiql-query-editor .monaco-editor').first().waitFor();
    await run.click();
    await expect
      .poll(() => page.locator('.graphiql-response').innerText(), { timeout: 30_000 })
      .toContain('PUBLIC_RENTAL_HOUSING');
    expect(await page.locator('.graphiql-response').innerText()).not.toContain('UNAUTHENTICATED');
    await screenshot(page, 'explorer');
    await page.context().close();
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

describe.skipIf(!HAVE_CHROMIUM)('the console in production, in Chromium', () => {
  let g: TestGateway;
  let origin: string;
  let browser: Browser;
  beforeAll(async () => {
    const consoleDir = buildConsole();
    g = await startGateway('sqlite', {
      consoleDir,
      env: {
        NODE_ENV: 'production',
        GATEWAY_JWT_SECRET: TEST_SECRET,
        GATEWAY_SIGNING_KEY_FILE: signingKeyFile(),
        GATEWAY_OIDC_ISSUER: 'http://127.0.0.1:9/realms/luoyang',
        GATEWAY_OIDC_CLIENT_ID: 'console',
      },
    });
    origin = new URL(g.url).origin;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await g?.stop();
  });

  it('sign-in offers the OIDC issuer only, no demo callers; the CSP names the issuer', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const w = watch(page, origin);
    const res = await page.goto(`${origin}/console/check`);
    const csp = res!.headers()['content-security-policy'];
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:9;");
    expect(csp).toContain("form-action 'self' http://127.0.0.1:9;");
    await page.getByRole('button', { name: '统一身份认证登录' }).waitFor();
    expect(await page.getByRole('radio').count()).toBe(0);
    expect(await page.content()).not.toContain('演示用户');
    await screenshot(page, 'console-signin-production');
    expect(w.foreign).toEqual([]);
    expect(w.cspViolations).toEqual([]);
    expect((await fetch(`${origin}/explorer/`)).status).toBe(404);
    await context.close();
  });
});
