/**
 * 居住登记, 申领受理 and 受理回执 in Chromium against the real gateway (fresh SQLite database, demo
 * data, the built console, the real clock: the pages' today is today in China Standard Time).
 *
 * 市公安局's 居住登记: an empty form names every missing field; a wrong ID number is refused by the
 * field; unticked 已现场采集本人照片 is refused in the page (第九条) and nothing is recorded; a
 * registration dated before the Measures is refused by the gateway, shown with 第二十四条 and its
 * code, nothing recorded; dated seven months ago it is saved and shows the day it could be applied
 * for. 申领受理: an ID number never registered says so; a demo holder with a valid permit is refused
 * as a conflict, in a sentence. 街道办事处（洛龙区，受委托） may register only in 洛龙区, registers a
 * person (seven months ago), applies with a corrected address (Art. 10): 受理 with the deadline and
 * the correction noted, the correction on record (residenceHistory over GraphQL); the 受理回执 names
 * the office, the person, the full ID number, 受理日期 and 发证期限 and the articles. The receipt page
 * opened afresh (no application handed to it) says so. No request to another origin, no CSP
 * violation; screenshots under test-results/police-*.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { demoPeople } from '../../seeds/demo';
import { addMonths, todayInShanghai, type LocalDate } from '../../src/law/date';
import { eligibleToApplyOn } from '../../src/law/periods';
import { CALLERS, startGateway, type TestGateway } from '../support/gateway';
import {
  buildConsole,
  chooseOption,
  chromiumAvailable,
  launchBrowser,
  screenshot,
  signInDemo,
  type Watched,
} from '../support/browser';
import { idNumber, ok } from '../e2e/helpers';

const HAVE_CHROMIUM = chromiumAvailable();
const PSB_PERSON = idNumber('411302', '19880920', '613');
const AGENCY_PERSON = idNumber('410102', '19950703', '244');
const NEVER = idNumber('411302', '19700101', '999');
const valid = demoPeople().find((p) => p.state === 'VALID')!;
const SUBMIT_REGISTER = /^(loading )?登\s*记$/;
const LOOKUP = /^(loading )?查\s*询$/;
const APPLY = /^(loading )?提交申领$/;

const HOLDER = `query($id: String!) { permitHolder(citizenIdNumber: $id) {
  name residenceAddress registrations { registeredOn eligibleToApplyOn }
  residenceHistory { kind address effectiveOn }
  applications { id status appliedOn issueDeadline } } }`;

describe.skipIf(!HAVE_CHROMIUM)('居住登记, 申领受理, 受理回执 in Chromium', () => {
  let g: TestGateway;
  let origin: string;
  let browser: Browser;
  let token: string;
  let today: LocalDate;
  const watched: Watched[] = [];

  beforeAll(async () => {
    const consoleDir = buildConsole();
    g = await startGateway('sqlite', { seed: 'demo', clock: Date.now, consoleDir });
    origin = new URL(g.url).origin;
    browser = await launchBrowser();
    token = await g.token(CALLERS.psCity);
    today = todayInShanghai(Date.now);
  });
  afterAll(async () => {
    await browser?.close();
    await g?.stop();
  });

  const holder = async (id: string) => (await ok(g, HOLDER, { id }, token)).permitHolder;

  it('市公安局: 居住登记 refuses what the law refuses, then registers and shows the day to apply from', async () => {
    const s = await signInDemo(browser, origin, '市公安局', '资格核验');
    watched.push(s.watched);
    const page = s.page;
    await page.getByRole('link', { name: '居住登记', exact: true }).click();
    await page.getByRole('heading', { name: '居住登记', level: 2 }).waitFor();
    const form = page.locator('form#register');

    // empty: every required field says what is missing, the portrait check its article
    await page.getByRole('button', { name: SUBMIT_REGISTER }).click();
    await expect.poll(() => form.innerText()).toContain('请填写公民身份号码');
    const empty = await form.innerText();
    for (const m of ['请填写姓名', '请填写户籍地址', '请选择居住地所在的区或县', '请填写居住地址'])
      expect(empty).toContain(m);
    expect(empty).toContain('请至少选择一项居住事由');
    expect(empty).toContain('第九条：居住登记应当当场采集本人照片');

    // a wrong check character is refused by the field
    const wrong = PSB_PERSON.slice(0, 17) + (PSB_PERSON.endsWith('1') ? '2' : '1');
    await page.getByLabel('公民身份号码', { exact: true }).fill(wrong);
    await page.getByLabel('姓名', { exact: true }).click();
    const idItem = page.locator('.ant-form-item', { has: page.getByLabel('公民身份号码', { exact: true }) });
    await expect.poll(() => idItem.innerText()).toContain('校验码（最后一位）不正确');

    await page.getByLabel('公民身份号码', { exact: true }).fill(PSB_PERSON);
    await page.getByLabel('姓名', { exact: true }).fill('赵一鸣');
    await page.getByLabel('户籍地址', { exact: true }).fill('河南省南阳市卧龙区工业路8号');
    await chooseOption(page, '居住地（区、县）', '西工区');
    await page.getByLabel('居住地址', { exact: true }).fill('洛阳市西工区中州中路100号');
    await page.getByRole('checkbox', { name: '稳定住所' }).check();
    await page.getByLabel('证明材料种类', { exact: true }).fill('房屋租赁合同');
    await page.getByLabel('证明材料编号', { exact: true }).fill('ZL-7781');
    // the portrait unticked: refused in the page, nothing sent
    await page.getByRole('button', { name: SUBMIT_REGISTER }).click();
    await expect.poll(() => form.innerText()).toContain('第九条：居住登记应当当场采集本人照片');
    await expect.poll(() => idItem.locator('.ant-form-item-explain-error').count()).toBe(0);
    expect(await page.getByTestId('register-done').count()).toBe(0);
    expect(await holder(PSB_PERSON)).toBeNull();
    await screenshot(page, 'police-register-portrait-missing');

    // before the Measures were in force: the gateway refuses, with 第二十四条 and the code
    await page.getByRole('checkbox', { name: '已现场采集本人照片' }).check();
    await page.getByLabel('登记日期', { exact: true }).fill('2016-01-04');
    await page.getByRole('button', { name: SUBMIT_REGISTER }).click();
    const refusal = page.getByTestId('register-error');
    await refusal.waitFor();
    const refused = await refusal.innerText();
    expect(refused).toContain('本办法自2016年2月15日起施行');
    expect(refused).toContain('第二十四条');
    expect(refused).toContain('LAW_IN_FORCE');
    expect(refused).toContain('RULE_VIOLATION');
    expect(await holder(PSB_PERSON)).toBeNull();
    await screenshot(page, 'police-register-refused');

    // seven months ago: saved, with the day from which an application meets Art. 2
    const on = addMonths(today, -7);
    await page.getByLabel('登记日期', { exact: true }).fill(on);
    await page.getByRole('button', { name: SUBMIT_REGISTER }).click();
    await page.getByTestId('register-done').waitFor();
    const from = eligibleToApplyOn(on);
    expect(await page.getByTestId('eligible-to-apply-on').innerText()).toContain(from);
    const shown = await page.getByTestId('registration').innerText();
    for (const x of ['赵一鸣', PSB_PERSON, on, '西工区', '稳定住所']) expect(shown).toContain(x);
    await screenshot(page, 'police-register-done');
    expect((await holder(PSB_PERSON)).registrations).toEqual([{ registeredOn: on, eligibleToApplyOn: from }]);

    // 申领受理: an ID number never registered says so; a holder with a valid permit is a conflict
    await page.getByRole('button', { name: '去申领受理' }).click();
    await page.getByRole('heading', { name: '申领受理', level: 2 }).waitFor();
    await page.getByLabel('公民身份号码', { exact: true }).fill(NEVER);
    await page.getByRole('button', { name: LOOKUP }).click();
    await page.getByTestId('not-registered').waitFor();
    expect(await page.getByTestId('not-registered').innerText()).toContain('请先办理居住登记（第八条）');
    expect(await page.getByTestId('holder').count()).toBe(0);

    await page.getByLabel('公民身份号码', { exact: true }).fill(valid.citizenIdNumber);
    await page.getByRole('button', { name: LOOKUP }).click();
    await page.getByTestId('holder').waitFor();
    await page.getByRole('button', { name: APPLY }).click();
    const conflict = page.getByTestId('gateway-error');
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain('与现有记录冲突。');
    expect(await conflict.innerText()).toContain('CONFLICT');
    expect(await page.getByTestId('application-verdict').count()).toBe(0);
    await screenshot(page, 'police-apply-conflict');
    await page.context().close();
  });

  it('街道办事处（洛龙区）: registers in 洛龙区 only, applies with a corrected address, prints the 受理回执', async () => {
    const s = await signInDemo(browser, origin, '街道办事处（洛龙区，受委托）', '资格核验');
    watched.push(s.watched);
    const page = s.page;
    await page.getByRole('link', { name: '居住登记', exact: true }).click();
    await page.getByRole('heading', { name: '居住登记', level: 2 }).waitFor();
    await page.getByLabel('居住地（区、县）', { exact: true }).click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect.poll(() => options.count()).toBe(1);
    expect(await options.innerText()).toContain('洛龙区');
    await options.click();

    const on = addMonths(today, -7);
    await page.getByLabel('公民身份号码', { exact: true }).fill(AGENCY_PERSON);
    await page.getByLabel('姓名', { exact: true }).fill('钱思远');
    await page.getByLabel('户籍地址', { exact: true }).fill('河南省郑州市中原区建设路3号');
    await page.getByLabel('居住地址', { exact: true }).fill('洛阳市洛龙区开元大道1号');
    await page.getByRole('checkbox', { name: '连续就读' }).check();
    await page.getByLabel('登记日期', { exact: true }).fill(on);
    await page.getByLabel('证明材料种类', { exact: true }).fill('学校在读证明');
    await page.getByLabel('证明材料编号', { exact: true }).fill('XS-2031');
    await page.getByRole('checkbox', { name: '已现场采集本人照片' }).check();
    await page.getByRole('button', { name: SUBMIT_REGISTER }).click();
    await page.getByTestId('register-done').waitFor();

    await page.getByRole('link', { name: '申领受理', exact: true }).click();
    await page.getByRole('heading', { name: '申领受理', level: 2 }).waitFor();
    await page.getByLabel('公民身份号码', { exact: true }).fill(AGENCY_PERSON);
    await page.getByRole('button', { name: LOOKUP }).click();
    await page.getByTestId('holder').waitFor();
    const address = page.getByLabel('居住地址（有变化时更正）', { exact: true });
    expect(await address.inputValue()).toBe('洛阳市洛龙区开元大道1号');
    await address.fill('洛阳市洛龙区开元大道1号院5号楼');
    await page.getByRole('button', { name: APPLY }).click();
    const verdict = page.getByTestId('application-verdict');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-status')).toBe('ACCEPTED');
    const answer = await page.getByTestId('application').innerText();
    expect(answer).toContain('已一并更正登记内容（第十条）');
    expect(answer).toContain(today);
    const h = await holder(AGENCY_PERSON);
    expect(h.residenceAddress).toBe('洛阳市洛龙区开元大道1号院5号楼');
    expect(h.residenceHistory.map((r: { kind: string }) => r.kind)).toEqual(['REGISTRATION', 'CORRECTION']);
    expect(h.applications).toHaveLength(1);
    const app = h.applications[0];
    expect(app).toMatchObject({ status: 'ACCEPTED', appliedOn: today });
    expect(await page.getByTestId('issue-deadline').innerText()).toContain(app.issueDeadline);
    await screenshot(page, 'police-apply-accepted');

    await page.getByRole('button', { name: '打印受理回执' }).click();
    const receipt = page.getByTestId('acceptance-receipt');
    await receipt.waitFor();
    expect(page.url()).not.toContain(AGENCY_PERSON);
    const text = await receipt.innerText();
    for (const x of [
      '街道办事处',
      '洛龙区',
      '钱思远',
      AGENCY_PERSON,
      '开元大道1号院5号楼',
      app.id,
      '经办人（签名）',
    ])
      expect(text).toContain(x);
    expect(await page.getByTestId('receipt-applied-on').innerText()).toBe(today);
    expect(await page.getByTestId('receipt-deadline').innerText()).toContain(app.issueDeadline);
    const articles = await page.getByTestId('receipt-articles').innerText();
    for (const a of ['第二条', '第十条', '第十一条']) expect(articles).toContain(a);
    await screenshot(page, 'police-acceptance-receipt');

    // a reload keeps it (the session holds it); a new tab of another session has none and says so
    await page.reload();
    await receipt.waitFor();
    const other = await signInDemo(browser, origin, '街道办事处（洛龙区，受委托）', '资格核验');
    watched.push(other.watched);
    await other.page.goto(`${origin}/console/acceptance-receipt`);
    const none = other.page.getByTestId('acceptance-receipt-none');
    await none.waitFor();
    expect(await none.innerText()).toContain('没有可打印的受理回执');
    await screenshot(other.page, 'police-acceptance-receipt-none');
    await other.page.context().close();
    await page.context().close();
  });

  it('asked no other origin and broke no CSP rule', () => {
    for (const w of watched) {
      expect(w.foreign).toEqual([]);
      expect(w.cspViolations).toEqual([]);
    }
  });
});
