/**
 * Sign-in through OpenID Connect in a real browser (issue 10, items 2 and 8): Debian's Chromium
 * (playwright-core) against the real gateway serving the built console, trusting a real local
 * provider (oidc-provider 8.8.1, test/support/oidc.ts) started on 127.0.0.1 by the test. The school
 * clicks 统一身份认证登录, signs in at the provider, lands back signed in and gets 符合 with its
 * articles; 退出登录 goes through the provider's end-session page back to sign-in; an account whose
 * access tokens live one second is sent back to sign-in with a message once its token has expired.
 * In development and in production (no HS256 secret: the issuer alone). On every page: requests
 * only to the gateway's origin and the issuer's, no CSP violation, a screenshot under test-results/.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoPeople } from '../../seeds/demo';
import { TEST_ENV, signingKeyFile, startGateway, type TestGateway } from '../support/gateway';
import { freePort } from '../support/process';
import { OIDC_ACCOUNTS, startOidcProvider, type TestOidcProvider } from '../support/oidc';
import {
  buildConsole,
  chromiumAvailable,
  launchBrowser,
  screenshot,
  watch,
  type Watched,
} from '../support/browser';

const HAVE_CHROMIUM = chromiumAvailable();
const CLIENT_ID = 'luoyang-console';
/** the 核验 button (Ant Design's leave motion can keep its loading icon's label a moment) */
const SUBMIT = /^(loading )?核验$/;
const TOKEN_KEY = 'luoyang.console.token';

/** a demo holder with children living in the district of the provider's `school` (老城区) */
const parent = demoPeople().find(
  (p) => p.state === 'WITH_CHILDREN' && p.regionCode === OIDC_ACCOUNTS.school.region,
)!;

describe.skipIf(!HAVE_CHROMIUM).each(['development', 'production'] as const)(
  'OIDC sign-in in Chromium (%s)',
  (mode) => {
    let idp: TestOidcProvider;
    let g: TestGateway;
    let origin: string;
    let browser: Browser;
    const watched: { page: string; w: Watched }[] = [];

    beforeAll(async () => {
      expect(parent).toBeDefined();
      const consoleDir = buildConsole();
      // the redirect URI must be registered when the provider starts: the gateway's port first
      const port = await freePort();
      origin = `http://127.0.0.1:${port}`;
      idp = await startOidcProvider({
        clientId: CLIENT_ID,
        redirectUris: [`${origin}/console/callback`],
        postLogoutRedirectUris: [`${origin}/console/`],
      });
      const env =
        mode === 'production'
          ? {
              NODE_ENV: 'production',
              GATEWAY_SIGNING_KEY_FILE: signingKeyFile(),
              GATEWAY_SHARE_CODE_KEY: randomBytes(32).toString('hex'),
              ...idp.env,
            }
          : { ...TEST_ENV, ...idp.env };
      // the real clock: the demo data is laid out around today, and so are the tokens
      g = await startGateway('sqlite', { port, env, seed: 'demo', clock: Date.now, consoleDir });
      expect(new URL(g.url).origin).toBe(origin);
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await g?.stop();
      await idp?.stop();
    });

    async function open(name: string): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
      const page = await context.newPage();
      watched.push({ page: name, w: watch(page, origin, [idp.issuer]) });
      const res = await page.goto(`${origin}/console/`);
      const csp = res!.headers()['content-security-policy'];
      expect(csp).toContain(`connect-src 'self' ${idp.issuer};`);
      expect(csp).toContain(`form-action 'self' ${idp.issuer};`);
      return page;
    }

    /** 统一身份认证登录 → the provider's sign-in and consent pages as `login` → back at the console. */
    async function signInAtProvider(page: Page, login: string, shot?: string) {
      await page.getByRole('button', { name: '统一身份认证登录' }).click();
      await page.waitForURL(`${idp.issuer}/interaction/**`);
      await page.fill('input[name="login"]', login);
      await page.fill('input[name="password"]', 'x');
      if (shot) await screenshot(page, `${shot}-provider`);
      await page.click('button[type="submit"]');
      await page.waitForSelector('input[name="prompt"][value="consent"]', { state: 'attached' });
      await page.click('button[type="submit"]');
      await page.waitForURL(`${origin}/console/**`);
    }

    it('the school signs in at the provider, gets 符合 with its articles, and signs out there', async () => {
      const page = await open('school');
      await page.getByRole('button', { name: '统一身份认证登录' }).waitFor();
      // production offers the issuer only; development the demo callers beside it
      const radios = await page.getByRole('radio').count();
      if (mode === 'production') expect(radios).toBe(0);
      else expect(radios).toBeGreaterThan(0);
      await screenshot(page, `oidc-signin-${mode}`);
      await signInAtProvider(page, 'school', `oidc-signin-${mode}`);
      await page.getByRole('heading', { name: '资格核验' }).waitFor();
      expect(await page.locator('.console-header-user').innerText()).toContain('school');
      // the entitlement comes from the token's `entitlements` claim
      await expect
        .poll(() => page.locator('.ant-select').innerText())
        .toContain('子女义务教育阶段入学和中考');

      await page.getByLabel('公民身份号码', { exact: true }).fill(parent.citizenIdNumber);
      await page.getByLabel('姓名', { exact: true }).fill(parent.name);
      await page.getByLabel('子女公民身份号码').fill(parent.children[0].citizenIdNumber);
      await page.getByRole('button', { name: SUBMIT }).click();
      const verdict = page.getByTestId('verdict');
      await verdict.waitFor();
      expect(await verdict.getAttribute('data-eligible')).toBe('true');
      expect(await verdict.innerText()).toContain('符合');
      const reasons = await page.getByTestId('reasons').innerText();
      expect(reasons).not.toContain('未通过');
      expect(reasons).toContain('第十八条');
      expect(reasons).toContain('第十三条');
      await screenshot(page, `oidc-signin-${mode}-eligible`);
      // the token is in sessionStorage only
      expect(
        await page.evaluate((k) => (globalThis as any).sessionStorage.getItem(k), TOKEN_KEY),
      ).not.toBeNull();
      expect(await page.evaluate(() => Object.keys((globalThis as any).localStorage))).toEqual([]);

      // 退出登录: through the provider's end-session page, back to sign-in
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.waitForURL(`${idp.issuer}/session/end**`);
      await page.locator('button[name="logout"]').waitFor();
      await screenshot(page, `oidc-signin-${mode}-provider-signout`);
      await page.click('button[name="logout"]');
      await page.waitForURL(`${origin}/console/signin`);
      await page.getByText('您已退出登录。').waitFor();
      await page.getByRole('button', { name: '统一身份认证登录' }).waitFor();
      expect(await page.evaluate((k) => (globalThis as any).sessionStorage.getItem(k), TOKEN_KEY)).toBeNull();
      await screenshot(page, `oidc-signin-${mode}-signed-out`);
      // signed out at the provider too: the next sign-in asks for the login again
      await page.getByRole('button', { name: '统一身份认证登录' }).click();
      await page.waitForURL(`${idp.issuer}/interaction/**`);
      await page.locator('input[name="login"]').waitFor();
      await page.context().close();
    });

    it('an expired token from the issuer sends the user back to sign-in with a message', async () => {
      const page = await open('short-lived');
      await signInAtProvider(page, 'school-short-lived');
      // its token lives one second: the console may see it expired on arrival already
      const checkPage = page.getByRole('heading', { name: '资格核验' });
      const expiredMessage = page.getByText('登录已过期，请重新登录。');
      await checkPage.or(expiredMessage).first().waitFor();
      if (await checkPage.isVisible()) {
        const expiresAt = await page.evaluate(
          (k) => JSON.parse((globalThis as any).sessionStorage.getItem(k)).expiresAt as number,
          TOKEN_KEY,
        );
        await new Promise((r) => setTimeout(r, Math.max(0, expiresAt - Date.now()) + 1500));
        // the gateway refuses the expired token: back to sign-in, saying why
        await page.getByLabel('公民身份号码', { exact: true }).fill(parent.citizenIdNumber);
        await page.getByLabel('姓名', { exact: true }).fill(parent.name);
        await page.getByLabel('子女公民身份号码').fill(parent.children[0].citizenIdNumber);
        await page.getByRole('button', { name: SUBMIT }).click();
      }
      await expiredMessage.waitFor();
      await page.getByRole('button', { name: '统一身份认证登录' }).waitFor();
      expect(page.url()).toBe(`${origin}/console/signin`);
      expect(await page.evaluate((k) => (globalThis as any).sessionStorage.getItem(k), TOKEN_KEY)).toBeNull();
      expect(await page.evaluate(() => Object.keys((globalThis as any).localStorage))).toEqual([]);
      await screenshot(page, `oidc-signin-${mode}-expired`);
      await page.context().close();
    });

    it('no page requested an origin other than the gateway and the issuer, nor broke the CSP', () => {
      expect(watched.length).toBe(2);
      for (const { page, w } of watched) {
        expect(
          w.requests.some((u) => u.startsWith(idp.issuer)),
          page,
        ).toBe(true);
        expect(
          w.requests.some((u) => u.startsWith(origin)),
          page,
        ).toBe(true);
        expect(w.foreign, page).toEqual([]);
        expect(w.cspViolations, page).toEqual([]);
      }
    });
  },
);
