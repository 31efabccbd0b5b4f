/**
 * 地方事项 in Chromium against the real gateway (fresh SQLite database, demo data, the built console):
 * the city government (demo caller) defines a local item (Art. 18(12)) in force from today; public
 * security (demo caller, which may check every entitlement) checks the demo holder for it through
 * 资格核验 and gets 符合 citing 第十八条第（十二）项; the city government ends it from today+30 and sees
 * the end listed; an end in the past is refused with the sentence, the article and the code. A
 * department opening /console/local by URL sees a refusal and no list. No request to another origin,
 * no CSP violation; screenshots under test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoPeople } from '../../seeds/demo';
import { addDays, todayInShanghai } from '../../src/law/date';
import { startGateway, type TestGateway } from '../support/gateway';
import {
  buildConsole,
  chromiumAvailable,
  launchBrowser,
  screenshot,
  watch,
  type Watched,
} from '../support/browser';

const HAVE_CHROMIUM = chromiumAvailable();
const SUBMIT = /^(loading )?核验$/;
const CODE = 'LUOYANG_MUSEUM_PASS';
const PAST = 'LUOYANG_PARK_PASS';
const guo = demoPeople().find((p) => p.name === '郭伟' && p.state === 'WITH_CHILDREN')!;

describe.skipIf(!HAVE_CHROMIUM)('地方事项 (ADMIN) in Chromium', () => {
  let g: TestGateway;
  let origin: string;
  let browser: Browser;
  const watched: Watched[] = [];

  beforeAll(async () => {
    const consoleDir = buildConsole();
    // the real clock: the page's dates are today in China Standard Time
    g = await startGateway('sqlite', { seed: 'demo', clock: Date.now, consoleDir });
    origin = new URL(g.url).origin;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await g?.stop();
  });

  async function signedIn(label: string, heading: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const page = await context.newPage();
    watched.push(watch(page, origin));
    const res = await page.goto(`${origin}/console/`);
    expect(res?.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.getByRole('radio', { name: label }).check();
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('heading', { name: heading }).waitFor();
    return page;
  }

  async function choose(page: Page, label: string, option: string) {
    await page.getByLabel(label, { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).click();
  }

  const row = (page: Page) => page.getByTestId('local-list').locator('tbody tr', { hasText: CODE });

  it('the city government defines an item, public security checks it, the item is ended; the past refused', async () => {
    const today = todayInShanghai(Date.now);
    const admin = await signedIn('市人民政府（管理）', '地方事项');
    // the ADMIN's menu is its own page only
    expect(await admin.getByRole('link', { name: '资格核验' }).count()).toBe(0);
    await expect.poll(() => admin.getByTestId('local-list').innerText()).toContain('本地区尚未规定地方事项');

    const define = admin.locator('.ant-card', { hasText: '规定地方事项' });
    await define.getByLabel('事项代码').fill(CODE);
    await define.getByLabel('中文名称').fill('博物馆免费参观');
    await define.getByLabel('英文名称').fill('Free museum entry');
    await choose(admin, '主管部门', '文化旅游');
    await choose(admin, '适用地区', '洛阳市');
    expect(await define.getByLabel('生效日期').inputValue()).toBe(today);
    await define.getByRole('button', { name: '规定事项' }).click();
    await admin.getByTestId('local-done').waitFor();
    expect(await admin.getByTestId('local-done').innerText()).toContain(CODE);
    await expect.poll(() => row(admin).count()).toBe(1);
    const listed = await row(admin).innerText();
    expect(listed).toContain('博物馆免费参观');
    expect(listed).toContain('第十八条第（十二）项');
    expect(listed).toContain(today);
    expect(listed).toContain('长期');
    expect(await admin.getByTestId(`state-${CODE}`).innerText()).toBe('今日有效');
    await screenshot(admin, 'console-local-defined');

    // public security checks the demo holder for the new item through 资格核验
    const psb = await signedIn('市公安局', '资格核验');
    await psb.getByLabel('公民身份号码', { exact: true }).fill(guo.citizenIdNumber);
    await psb.getByLabel('姓名', { exact: true }).fill(guo.name);
    await psb.getByLabel('核验事项', { exact: true }).fill('博物馆');
    await psb
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '博物馆免费参观' })
      .click();
    await psb.getByRole('button', { name: SUBMIT }).click();
    await psb.getByTestId('verdict').waitFor();
    expect(await psb.getByTestId('verdict').getAttribute('data-eligible')).toBe('true');
    const reasons = await psb.getByTestId('reasons').innerText();
    expect(reasons).not.toContain('未通过');
    expect(reasons).toContain('第十八条第（十二）项');
    await screenshot(psb, 'console-local-checked');
    await psb.context().close();

    // the city government ends it: in force through today+30, listed, still in force today
    const until = addDays(today, 30);
    await row(admin).getByRole('button', { name: '终止' }).click();
    const end = admin.locator('.ant-card', { hasText: '终止地方事项' });
    expect(await end.getByLabel('事项代码').inputValue()).toBe(CODE);
    await end.getByLabel('有效至（含当日）').fill(until);
    await end.getByRole('button', { name: '终止事项' }).click();
    await admin.getByTestId('local-done').waitFor();
    await expect.poll(() => row(admin).innerText()).toContain(until);
    expect(await row(admin).innerText()).not.toContain('长期');
    expect(await admin.getByTestId(`state-${CODE}`).innerText()).toBe('今日有效');
    await screenshot(admin, 'console-local-ended');

    // an end in the past, before this item's start (today): END_BEFORE_START, 18(12), shown as a sentence
    const refusal = admin.getByTestId('local-end-error');
    await end.getByLabel('有效至（含当日）').fill(addDays(today, -1));
    await end.getByRole('button', { name: '终止事项' }).click();
    await refusal.waitFor();
    const before = await refusal.innerText();
    expect(before).toContain('终止日期不能早于该事项的生效日期');
    expect(before).toContain('第十八条第（十二）项');
    expect(before).toContain('END_BEFORE_START');
    expect(before).toContain('RULE_VIOLATION');
    // nothing changed: the end stays today+30
    expect(await row(admin).innerText()).toContain(until);

    // an item in force since ten days ago (a convenience, 19(6)) ended yesterday: END_DATE_IN_PAST, Art. 23
    await define.getByLabel('事项代码').fill(PAST);
    await define.getByLabel('便利（第十九条第（六）项）').check();
    await define.getByLabel('中文名称').fill('公园年卡优惠');
    await define.getByLabel('英文名称').fill('Park pass discount');
    await choose(admin, '主管部门', '文化旅游');
    await choose(admin, '适用地区', '洛阳市');
    await define.getByLabel('生效日期').fill(addDays(today, -10));
    await define.getByRole('button', { name: '规定事项' }).click();
    await expect.poll(() => admin.getByTestId('local-done').innerText()).toContain(PAST);
    expect(await admin.getByTestId(`state-${PAST}`).innerText()).toBe('今日有效');
    expect(await admin.getByTestId('local-list').innerText()).toContain('第十九条第（六）项');
    await admin
      .getByTestId('local-list')
      .locator('tbody tr', { hasText: PAST })
      .getByRole('button', { name: '终止' })
      .click();
    expect(await end.getByLabel('事项代码').inputValue()).toBe(PAST);
    await end.getByLabel('有效至（含当日）').fill(addDays(today, -1));
    await end.getByRole('button', { name: '终止事项' }).click();
    await expect.poll(() => refusal.innerText()).toContain('END_DATE_IN_PAST');
    const past = await refusal.innerText();
    expect(past).toContain('终止日期不能早于今天');
    expect(past).toContain('第二十三条');
    expect(past).toContain('RULE_VIOLATION');
    expect(
      await admin.getByTestId('local-list').locator('tbody tr', { hasText: PAST }).innerText(),
    ).toContain('长期');
    await screenshot(admin, 'console-local-refused');
    await admin.context().close();
  });

  it('a department opening 地方事项 by URL sees a refusal, not the list', async () => {
    const school = await signedIn('学校（涧西区教育局）', '资格核验');
    expect(await school.getByRole('link', { name: '地方事项' }).count()).toBe(0);
    await school.goto(`${origin}/console/local`);
    await school.getByTestId('page-refused').waitFor();
    expect(await school.getByTestId('page-refused').innerText()).toContain('无权访问');
    expect(await school.getByTestId('local-list').count()).toBe(0);
    await screenshot(school, 'console-local-refused-department');
    await school.context().close();
  });

  it('no request to another origin, no CSP violation', () => {
    expect(watched.flatMap((w) => w.foreign)).toEqual([]);
    expect(watched.flatMap((w) => w.cspViolations)).toEqual([]);
  });
});
