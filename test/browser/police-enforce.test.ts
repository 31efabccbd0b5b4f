/**
 * 违法处理 and 收缴 in Chromium against the real gateway (fresh SQLite database, demo data, the built
 * console), one life through the forms: the school (学校（涧西区教育局）) checks the demo holder through
 * 资格核验 and gets 符合; 市公安局 finds the holder on 违法处理 (name and current permit), a fine outside
 * Art. 20's range is refused with the sentence before anything is sent, a penalty dated after today is
 * refused by the gateway and shown, a valid Art. 21(1) penalty is recorded and listed; on 收缴 the
 * permit is confiscated after the confirmation dialog, and the school's decision is listed for review
 * (department, entitlement, day, decision id); the school's 待复核 page shows it. A delegated agency
 * opening either page by URL sees a refusal, not data. No request to another origin, no CSP violation;
 * screenshots under test-results/police-*.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoPeople } from '../../seeds/demo';
import { DEMO_CALLERS } from '../../src/app/demo-callers';
import { addDays, todayInShanghai } from '../../src/law/date';
import { startGateway, type TestGateway } from '../support/gateway';
import { idNumber } from '../support/people';
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
const guo = demoPeople().find((p) => p.name === '郭伟' && p.state === 'WITH_CHILDREN')!;
const button = (name: string) => new RegExp(`^(loading )?${name}$`);
const claims = (id: string) => DEMO_CALLERS.find((c) => c.id === id)!.claims;

describe.skipIf(!HAVE_CHROMIUM)('违法处理 and 收缴 (PUBLIC_SECURITY) in Chromium', () => {
  let g: TestGateway;
  let origin: string;
  let browser: Browser;
  const watched: Watched[] = [];
  let decisionId = '';

  beforeAll(async () => {
    const consoleDir = buildConsole();
    // the real clock: the demo data is laid out around today, and the pages' dates are today (CST)
    g = await startGateway('sqlite', { seed: 'demo', clock: Date.now, consoleDir });
    origin = new URL(g.url).origin;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await g?.stop();
  });

  async function signIn(label: string, heading: string, path?: string): Promise<Page> {
    const { page, watched: w } = await signInDemo(browser, origin, label, heading, { path });
    watched.push(w);
    return page;
  }

  /** the bodies of the GraphQL requests the page sends from now on */
  function sent(page: Page): string[] {
    const bodies: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/graphql') && r.method() === 'POST') bodies.push(r.postData() ?? '');
    });
    return bodies;
  }

  async function lookUp(page: Page) {
    const card = page.locator('.ant-card', { hasText: '按公民身份号码查询' });
    await card.getByLabel('公民身份号码', { exact: true }).fill(guo.citizenIdNumber);
    await card.getByRole('button', { name: button('查询') }).click();
    await page.getByTestId('holder').waitFor();
    const holder = await page.getByTestId('holder').innerText();
    expect(holder).toContain(guo.name);
    expect(holder).toContain('居住证编号');
    return holder;
  }

  it('the school checks the holder: 符合', async () => {
    const school = await signIn('学校（涧西区教育局）', '资格核验');
    await expect
      .poll(() => school.locator('.ant-select').innerText())
      .toContain('子女义务教育阶段入学和中考');
    await school.getByLabel('公民身份号码', { exact: true }).fill(guo.citizenIdNumber);
    await school.getByLabel('姓名', { exact: true }).fill(guo.name);
    await school.getByLabel('子女公民身份号码').fill(guo.children[0].citizenIdNumber);
    await school.getByRole('button', { name: button('核验') }).click();
    await school.getByTestId('verdict').waitFor();
    expect(await school.getByTestId('verdict').getAttribute('data-eligible')).toBe('true');
    decisionId = (await school.getByTestId('decision-id').innerText()).trim();
    expect(decisionId).not.toBe('');
    await school.context().close();
  });

  it('public security records a penalty: out of range refused before sending, then a valid one', async () => {
    const today = todayInShanghai(Date.now);
    const psb = await signIn('市公安局', '资格核验');
    await psb.getByRole('link', { name: '违法处理' }).click();
    await psb.getByRole('heading', { name: '违法处理' }).waitFor();
    // a number with no record here: said so, and the penalty form still offered on that number
    const stranger = idNumber('411502', '1990-05-06', 987);
    const lookup = psb.locator('.ant-card', { hasText: '按公民身份号码查询' });
    await lookup.getByLabel('公民身份号码', { exact: true }).fill(stranger);
    await lookup.getByRole('button', { name: button('查询') }).click();
    await psb.getByTestId('holder-not-found').waitFor();
    await expect.poll(() => psb.locator('form#violation').count()).toBe(1);
    expect(await psb.locator('.ant-card', { hasText: '处罚决定' }).innerText()).toContain(
      `${stranger} 在本市没有居住登记或居住证`,
    );
    expect(await psb.getByTestId('holder').count()).toBe(0);
    const holder = await lookUp(psb);
    expect(holder).toContain('有效');
    await screenshot(psb, 'police-violation-found');

    const form = psb.locator('form#violation');
    expect(await psb.getByTestId('fine-range').innerText()).toContain('请先选择条款');
    await chooseOption(psb, '违法行为（条款）', '第二十条第（二）项');
    // the choice is drawn on the next render: asked until it shows (a loaded machine is slow)
    await expect
      .poll(() => psb.getByTestId('fine-range').innerText())
      .toBe('第二十条：罚款 0 元至 200 元（含本数），并给予警告。');
    await expect.poll(() => psb.getByTestId('warning').innerText()).toContain('给予警告');
    const bodies = sent(psb);
    await form.getByLabel('罚款（元）').fill('5000');
    await form.getByRole('button', { name: button('记录处罚') }).click();
    await expect.poll(() => form.innerText()).toContain('罚款应在0元至200元之间（含本数）');
    expect(bodies.filter((b) => b.includes('recordViolation'))).toEqual([]);
    await screenshot(psb, 'police-violation-out-of-range');

    // Art. 21(1): 200–1000 and no warning; 5000 is still refused, 500 fits
    await chooseOption(psb, '违法行为（条款）', '第二十一条第一款第（一）项');
    await expect
      .poll(() => psb.getByTestId('fine-range').innerText())
      .toBe('第二十一条：罚款 200 元至 1000 元（含本数），不予警告。');
    await expect.poll(() => psb.getByTestId('warning').innerText()).toContain('不予警告');
    await expect.poll(() => form.innerText()).toContain('罚款应在200元至1000元之间（含本数）');
    await form.getByLabel('罚款（元）').fill('500');
    await form.getByLabel('没收违法所得（元）').fill('300');

    // a penalty dated after today: the gateway refuses it, and the page says so
    await form.getByLabel('处罚日期').fill(addDays(today, 1));
    await form.getByRole('button', { name: button('记录处罚') }).click();
    await psb.getByTestId('gateway-error').waitFor();
    const refused = await psb.getByTestId('gateway-error').innerText();
    expect(refused).toContain('填写的内容有误');
    expect(refused).toContain('BAD_USER_INPUT');
    expect(bodies.filter((b) => b.includes('recordViolation'))).toHaveLength(1);
    expect(await psb.getByTestId('violations').innerText()).toContain('没有处罚记录');
    await screenshot(psb, 'police-violation-refused');

    await form.getByLabel('处罚日期').fill(today);
    await form.getByRole('button', { name: button('记录处罚') }).click();
    await psb.getByTestId('violation-done').waitFor();
    const done = await psb.getByTestId('violation-done').innerText();
    expect(done).toContain('处罚已记录');
    expect(done).toContain('第二十一条第一款第（一）项');
    const listed = psb.getByTestId('violations').locator('tbody tr.ant-table-row');
    await expect.poll(() => listed.count()).toBe(1);
    const row = await listed.innerText();
    expect(row).toContain('第二十一条第一款第（一）项');
    expect(row).toContain('500');
    expect(row).toContain('300');
    expect(row).toContain(today);
    await screenshot(psb, 'police-violation-recorded');

    // the act really happened: read back with a public-security token of its own
    const token = await g.token(claims('psb-city'));
    const r = await g.gql(
      `query($id: String!) { permitHolder(citizenIdNumber: $id) { violations { citation { article clause } warning fineYuan illegalGainsYuan occurredOn } } }`,
      { id: guo.citizenIdNumber },
      token,
    );
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.permitHolder.violations).toEqual([
      {
        citation: { article: 21, clause: 1 },
        warning: false,
        fineYuan: 500,
        illegalGainsYuan: 300,
        occurredOn: today,
      },
    ]);
    await psb.context().close();
  });

  it('public security confiscates the permit after confirming; the school’s decision is listed to review', async () => {
    const today = todayInShanghai(Date.now);
    const psb = await signIn('市公安局', '资格核验');
    await psb.getByRole('link', { name: '收缴' }).click();
    await psb.getByRole('heading', { name: '收缴' }).waitFor();
    await lookUp(psb);
    const permitId = (await psb.getByTestId('permit-id').innerText()).trim();

    const form = psb.locator('form#confiscate');
    await form.getByRole('button', { name: '骗领的居住证（第二十一条第一款第一项）' }).click();
    expect(await form.getByLabel('收缴原因').inputValue()).toBe('骗领的居住证（第二十一条第一款第一项）');
    expect(await form.getByLabel('收缴日期').inputValue()).toBe(today);
    const bodies = sent(psb);
    await form.getByRole('button', { name: button('收缴') }).click();
    const dialog = psb.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('不可撤销');
    await screenshot(psb, 'police-confiscate-confirm');
    // cancelling sends nothing
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(bodies.filter((b) => b.includes('confiscatePermit'))).toEqual([]);

    await form.getByRole('button', { name: button('收缴') }).click();
    await psb
      .getByRole('dialog')
      .getByRole('button', { name: button('确认收缴') })
      .click();
    await psb.getByTestId('confiscate-done').waitFor();
    expect(await psb.getByTestId('confiscate-done').innerText()).toContain(`自 ${today} 起无效`);
    await expect.poll(() => psb.getByTestId('permit-status').innerText()).toBe('已收缴');
    expect(bodies.filter((b) => b.includes('confiscatePermit'))).toHaveLength(1);

    const affected = psb.getByTestId('affected');
    const row = affected.locator(`tbody tr[data-row-key="${decisionId}"]`);
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.innerText()).toContain('教育');
    const text = await row.innerText();
    expect(text).toContain('子女义务教育阶段入学和中考');
    expect(text).toContain(today);
    expect(text).toContain(decisionId);
    await screenshot(psb, 'police-confiscate-affected');

    // the act really happened: the permit is CONFISCATED on today, and the gateway lists the decision
    const token = await g.token(claims('psb-city'));
    const r = await g.gql(
      `query($id: ID!) { affectedDecisions(permitId: $id) { decisionId } }`,
      { id: permitId },
      token,
    );
    expect(r.body.data.affectedDecisions.map((d: { decisionId: string }) => d.decisionId)).toContain(
      decisionId,
    );

    // opened again later: the confiscation is shown, no form to confiscate twice
    await psb.reload();
    await psb.getByRole('heading', { name: '收缴' }).waitFor();
    await lookUp(psb);
    await psb.getByTestId('already-confiscated').waitFor();
    expect(await psb.getByTestId('already-confiscated').innerText()).toContain(today);
    expect(await psb.locator('form#confiscate').count()).toBe(0);
    await expect.poll(() => row.count()).toBe(1);
    await psb.context().close();
  });

  it('the school’s 待复核 page shows its decision', async () => {
    const school = await signIn('学校（涧西区教育局）', '资格核验');
    await school.getByRole('link', { name: '待复核' }).click();
    await school.getByRole('heading', { name: '待复核' }).waitFor();
    const row = school.getByTestId('review').locator(`tbody tr[data-row-key="${decisionId}"]`);
    await expect.poll(() => row.count()).toBe(1);
    // the row is the decision as made (符合, the permit as it was that day), listed now for review
    const text = await row.innerText();
    expect(text).toContain('子女义务教育阶段入学和中考');
    expect(text).toContain('符合');
    await screenshot(school, 'police-confiscate-review');
    await school.context().close();
  });

  it('a delegated agency opening 违法处理 or 收缴 by URL sees a refusal, not data', async () => {
    const agency = await signIn('街道办事处（洛龙区，受委托）', '资格核验');
    expect(await agency.getByRole('link', { name: '违法处理' }).count()).toBe(0);
    expect(await agency.getByRole('link', { name: '收缴' }).count()).toBe(0);
    for (const [path, name] of [
      ['violation', 'police-violation-refused-agency'],
      ['confiscate', 'police-confiscate-refused-agency'],
    ]) {
      const bodies = sent(agency);
      await agency.goto(`${origin}/console/${path}`);
      await agency.getByTestId('role-refused').waitFor();
      const text = await agency.getByTestId('role-refused').innerText();
      expect(text).toContain('您的角色无权使用此页面');
      expect(text).toContain('公安');
      expect(await agency.getByText('按公民身份号码查询').count()).toBe(0);
      expect(bodies.filter((b) => /permitHolder|affectedDecisions/.test(b))).toEqual([]);
      await screenshot(agency, name);
    }
    await agency.context().close();
  });

  it('no request to another origin, no CSP violation', () => {
    expect(watched.flatMap((w) => w.foreign)).toEqual([]);
    expect(watched.flatMap((w) => w.cspViolations)).toEqual([]);
  });
});
