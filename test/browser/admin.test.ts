/**
 * 地方事项 in Chromium against the real gateway (fresh SQLite database, demo data, the built console):
 * the city government (demo caller) defines a local item (Art. 18(12)) in force from today, for the
 * education department, in the whole city; the Jianxi school (the demo school's claims, with the new
 * item's code added to its scope: a department's token names the entitlements it may check, and no
 * demo token can name an item defined after it was issued) checks the demo holder (郭伟, 涧西区) for
 * it through 资格核验 and gets 符合 citing 第十八条第（十二）项, and that decision is among the school's
 * (decisionsMade with its token); the city government ends it from today+30 and sees the end listed;
 * an end in the past is refused with the sentence, the article and the code. A department opening
 * /console/local by URL sees the refusal and no list. No request to another origin, no CSP
 * violation; screenshots under test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoPeople } from '../../seeds/demo';
import { DEMO_CALLERS } from '../../src/app/demo-callers';
import { addDays, todayInShanghai } from '../../src/law/date';
import { startGateway, type TestGateway } from '../support/gateway';
import {
  buildConsole,
  chooseOption,
  chromiumAvailable,
  launchBrowser,
  screenshot,
  signInDemo,
  signInWithToken,
  type Watched,
} from '../support/browser';

const HAVE_CHROMIUM = chromiumAvailable();
const SUBMIT = /^(loading )?核验$/;
const CODE = 'LUOYANG_MUSEUM_PASS';
const PAST = 'LUOYANG_PARK_PASS';
const guo = demoPeople().find((p) => p.name === '郭伟' && p.state === 'WITH_CHILDREN')!;
/** the demo school: education, 涧西区 (where 郭伟 lives) */
const SCHOOL = DEMO_CALLERS.find((c) => c.id === 'school-jianxi')!;

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
    const { page, watched: w, response } = await signInDemo(browser, origin, label, heading);
    watched.push(w);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    return page;
  }

  const row = (page: Page) => page.getByTestId('local-list').locator('tbody tr', { hasText: CODE });

  it('the city government defines an item, the school checks it, the item is ended; the past refused', async () => {
    const today = todayInShanghai(Date.now);
    const admin = await signedIn('市人民政府（管理）', '地方事项');
    // the ADMIN's menu is its own page only
    expect(await admin.getByRole('link', { name: '资格核验' }).count()).toBe(0);
    await expect.poll(() => admin.getByTestId('local-list').innerText()).toContain('本地区尚未规定地方事项');

    const define = admin.locator('.ant-card', { hasText: '规定地方事项' });
    await define.getByLabel('事项代码').fill(CODE);
    await define.getByLabel('中文名称').fill('博物馆免费参观');
    await define.getByLabel('英文名称').fill('Free museum entry');
    await chooseOption(admin, '主管部门', '教育');
    await chooseOption(admin, '适用地区', '洛阳市');
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

    // the school, whose scope now names the item, checks the demo holder for it through 资格核验
    const token = await g.token({
      ...SCHOOL.claims,
      sub: 'test:school-jianxi-museum',
      scope: `${SCHOOL.claims.scope} ${CODE}`,
    });
    const signed = await signInWithToken(browser, origin, token, SCHOOL.labelZh, '资格核验');
    watched.push(signed.watched);
    expect(signed.response?.headers()['content-security-policy']).toContain("default-src 'self'");
    const school = signed.page;
    await school.getByLabel('公民身份号码', { exact: true }).fill(guo.citizenIdNumber);
    await school.getByLabel('姓名', { exact: true }).fill(guo.name);
    await school.getByLabel('核验事项', { exact: true }).fill('博物馆');
    await school
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '博物馆免费参观' })
      .click();
    await school.getByRole('button', { name: SUBMIT }).click();
    await school.getByTestId('verdict').waitFor();
    expect(await school.getByTestId('verdict').getAttribute('data-eligible')).toBe('true');
    const reasons = await school.getByTestId('reasons').innerText();
    expect(reasons).not.toContain('未通过');
    expect(reasons).toContain('第十八条第（十二）项');
    const decisionId = (await school.getByTestId('decision-id').innerText()).trim();
    await screenshot(school, 'console-local-checked');
    await school.context().close();
    // the check really happened: it is the school's latest decision, for the new item, eligible
    const made = await g.gql<{
      decisionsMade: { decisionId: string; entitlementCode: string; eligible: boolean }[];
    }>('{ decisionsMade(first: 5) { decisionId entitlementCode eligible } }', {}, token);
    expect(made.body.errors).toBeUndefined();
    expect(made.body.data!.decisionsMade[0]).toEqual({ decisionId, entitlementCode: CODE, eligible: true });

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
    await chooseOption(admin, '主管部门', '文化旅游');
    await chooseOption(admin, '适用地区', '洛阳市');
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
    await school.getByTestId('role-refused').waitFor();
    const refused = await school.getByTestId('role-refused').innerText();
    expect(refused).toContain('无权访问此页面');
    expect(refused).toContain('人民政府');
    expect(await school.getByTestId('local-list').count()).toBe(0);
    await screenshot(school, 'console-local-refused-department');
    await school.context().close();
  });

  it('no request to another origin, no CSP violation', () => {
    expect(watched.flatMap((w) => w.foreign)).toEqual([]);
    expect(watched.flatMap((w) => w.cspViolations)).toEqual([]);
  });
});
