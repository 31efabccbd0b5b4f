/**
 * 变更登记, 挂失/补领 and 子女登记 in Chromium against the real gateway (fresh SQLite database, demo
 * data, the built console), whole lives through the forms:
 * - a move to a county: 市公安局 finds a 涧西区 holder with a school-age child by 公民身份号码, the
 *   page says the move needs change registration (第十四条第一款), the move is recorded and the file
 *   shows the county; the 涧西区 school's 资格核验 for the child, 符合 before, is 不符合 after with
 *   居住地 (IN_REGION, 第十四条第一款) not met; a GraphQL read shows the county and the move.
 *   The 洛龙区 street office moving a 洛龙区 holder to a county is refused (new residence's office).
 * - a loss and replacement: report 遗失 → the deadline shown is 15 working days on (第十四条第二款) →
 *   the same lookup finds the open request → 核发新证 → card 2, listed as issued; GraphQL agrees. A
 *   confiscated permit's loss report is refused with the sentence and the article.
 * - a child registered: the school's check for a new child is 不符合 (DEPENDENT_CHILD) before, the
 *   child is registered through 子女登记 (birth date and 18th birthday shown), then 符合 with
 *   第十八条第（七）项. No request to another origin, no CSP violation; screenshots under test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoPeople } from '../../seeds/demo';
import { addYears, d, todayInShanghai } from '../../src/law/date';
import { replacementDeadline } from '../../src/law/rules/deadlines';
import { OFFICIAL_CALENDAR } from '../../src/calendar/official';
import { CALLERS, startGateway, type TestGateway } from '../support/gateway';
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
const SUBMIT = /^(loading )?核验$/;
const PSB = '市公安局';
const AGENCY = '街道办事处（洛龙区，受委托）';
const SCHOOL = '学校（涧西区教育局）';
const people = demoPeople();
// 郭伟 is the demo holder other tests sign in as: leave him alone
const notGuo = people.filter((p) => p.name !== '郭伟');
const mover = notGuo.find((p) => p.state === 'WITH_CHILDREN' && p.regionCode === '410305')!;
const moverChild = mover.children.find((c) => c.name.endsWith('小明'))!; // born 2014: under 18
const loser = notGuo.find((p) => p.state === 'VALID' && p.regionCode === '410303')!;
const confiscated = notGuo.find((p) => p.state === 'CONFISCATED')!;
const parent = notGuo.find((p) => p.state === 'VALID' && p.regionCode === '410305')!;
const luolong = notGuo.find((p) => p.state === 'VALID' && p.regionCode === '410311')!;
const newChild = { citizenIdNumber: idNumber('410305', '2016-05-05', 901), name: '测试小宝' };

const HOLDER = `query($id: String!) { permitHolder(citizenIdNumber: $id) {
  residenceRegion { code nameZh }
  dependents { citizenIdNumber name birthDate }
  permits { id cardVersion region { code nameZh } moves { toRegion { code } changeRegistration }
    replacementRequests { id kind reportedOn deadline issuedOn } } } }`;

describe.skipIf(!HAVE_CHROMIUM)('变更登记, 挂失/补领, 子女登记 in Chromium', () => {
  let g: TestGateway;
  let origin: string;
  let browser: Browser;
  let psbToken: string;
  const watched: Watched[] = [];

  beforeAll(async () => {
    const consoleDir = buildConsole();
    // the real clock: the demo data is laid out around today, and the pages' dates are today
    g = await startGateway('sqlite', { seed: 'demo', clock: Date.now, consoleDir });
    origin = new URL(g.url).origin;
    browser = await launchBrowser();
    psbToken = await g.token(CALLERS.psCity);
  });
  afterAll(async () => {
    await browser?.close();
    await g?.stop();
  });

  async function signedIn(label: string, heading: string): Promise<Page> {
    const { page, watched: w } = await signInDemo(browser, origin, label, heading);
    watched.push(w);
    return page;
  }

  /** signs in and opens a page from the menu */
  async function open(label: string, menu: string): Promise<Page> {
    const page = await signedIn(label, '资格核验');
    await page.getByRole('link', { name: menu }).click();
    await page.getByRole('heading', { name: menu, level: 2 }).waitFor();
    return page;
  }

  async function lookUp(page: Page, citizenIdNumber: string) {
    const form = page.locator('form#changesLookup');
    await form.getByLabel('公民身份号码', { exact: true }).fill(citizenIdNumber);
    await form.getByRole('button', { name: /查\s*询/ }).click();
    await page.getByTestId('changes-holder').waitFor();
  }

  /** the school's 资格核验 for 18(7) with a child: the verdict and the reasons' text */
  async function schoolCheck(
    school: Page,
    holder: { citizenIdNumber: string; name: string },
    child: string,
  ): Promise<{ eligible: string | null; reasons: string }> {
    await school.getByLabel('公民身份号码', { exact: true }).fill(holder.citizenIdNumber);
    await school.getByLabel('姓名', { exact: true }).fill(holder.name);
    await school.getByLabel('子女公民身份号码', { exact: true }).fill(child);
    await school.getByRole('button', { name: SUBMIT }).click();
    await school.getByTestId('verdict').waitFor();
    const eligible = await school.getByTestId('verdict').getAttribute('data-eligible');
    return { eligible, reasons: await school.getByTestId('reasons').innerText() };
  }

  it('a move to a county: change registration, the file shows the county, the school check fails IN_REGION', async () => {
    const school = await signedIn(SCHOOL, '资格核验');
    const before = await schoolCheck(school, mover, moverChild.citizenIdNumber);
    expect(before.eligible).toBe('true');

    const psb = await open(PSB, '变更登记');
    await lookUp(psb, mover.citizenIdNumber);
    const card = psb.getByTestId('changes-holder');
    expect(await card.getByTestId('changes-name').innerText()).toBe(mover.name);
    expect(await card.getByTestId('changes-permit-region').innerText()).toContain('涧西区');
    expect(await card.getByTestId('changes-status').innerText()).toBe('有效');
    const validThrough = await card.getByTestId('changes-valid-through').innerText();
    await screenshot(psb, 'police-change-found');

    await chooseOption(psb, '新居住地', '嵩县');
    const preview = await psb.getByTestId('change-kind-preview').innerText();
    expect(preview).toContain('由涧西区迁至嵩县');
    expect(preview).toContain('须在新居住地办理变更登记');
    expect(preview).toContain('第十四条第一款');
    await psb.getByLabel('新居住地址', { exact: true }).fill('嵩县测试路8号');
    expect(await psb.getByLabel('迁居日期', { exact: true }).inputValue()).toBe(todayInShanghai(Date.now));
    await psb.getByRole('button', { name: /办理变更/ }).click();
    await psb.getByTestId('change-done').waitFor();
    const done = await psb.getByTestId('change-done').innerText();
    expect(done).toContain('变更登记');
    expect(done).toContain('涧西区 → 嵩县');
    expect(done).toContain('第十四条第一款');
    expect(done).toContain(validThrough); // the endorsement cycle is unchanged
    expect(await psb.getByTestId('change-done-region').innerText()).toBe('嵩县 · 县（市）');
    // the file, read again, shows the county; the move is listed
    await expect.poll(() => card.getByTestId('changes-permit-region').innerText()).toBe('嵩县 · 县（市）');
    expect(await card.getByTestId('changes-residence').innerText()).toContain('嵩县');
    expect(await psb.getByTestId('change-moves').innerText()).toContain('嵩县测试路8号');
    // the form is ready for the next move: nothing chosen, so no stale preview
    expect(await psb.getByTestId('change-kind-preview').count()).toBe(0);
    await screenshot(psb, 'police-change-moved');

    // the act happened: GraphQL with a real token
    const read = await g.gql(HOLDER, { id: mover.citizenIdNumber }, psbToken);
    const h = read.body.data.permitHolder;
    expect(h.residenceRegion.code).toBe('410325');
    expect(h.permits[0].region.code).toBe('410325');
    expect(h.permits[0].moves.at(-1)).toEqual({ toRegion: { code: '410325' }, changeRegistration: true });

    // the Jianxi school no longer covers the permit: 居住地 not met, 第十四条第一款
    const after = await schoolCheck(school, mover, moverChild.citizenIdNumber);
    expect(after.eligible).toBe('false');
    const inRegionRow = school.getByTestId('reasons').locator('tr', { hasText: '第十四条第一款' });
    expect(await inRegionRow.innerText()).toContain('未通过');
    await screenshot(school, 'police-change-school-check');
    await school.context().close();
    await psb.context().close();
  });

  it('a delegated agency cannot record a move to another region: refused, the article shown, nothing changed', async () => {
    const agency = await open(AGENCY, '变更登记');
    await lookUp(agency, luolong.citizenIdNumber);
    // inside the urban area: an address update only
    await chooseOption(agency, '新居住地', '西工区');
    expect(await agency.getByTestId('change-kind-preview').innerText()).toContain(
      '由洛龙区迁至西工区：城市区内迁居，只更新居住地址，不办理变更登记',
    );
    await chooseOption(agency, '新居住地', '栾川县');
    await agency.getByLabel('新居住地址', { exact: true }).fill('栾川县测试路1号');
    await agency.getByRole('button', { name: /办理变更/ }).click();
    const refusal = agency.getByTestId('change-error');
    await refusal.waitFor();
    const text = await refusal.innerText();
    expect(text).toContain('变更登记由新居住地的县级公安机关或受托机构办理');
    expect(text).toContain('第十四条第一款');
    expect(text).toContain('FORBIDDEN');
    expect(await agency.getByTestId('change-done').count()).toBe(0);
    await screenshot(agency, 'police-change-refused');
    const read = await g.gql(HOLDER, { id: luolong.citizenIdNumber }, psbToken);
    expect(read.body.data.permitHolder.residenceRegion.code).toBe('410311');
    await agency.context().close();
  });

  it('a loss and replacement: the deadline shown, the open request found again, the new card', async () => {
    const today = todayInShanghai(Date.now);
    const deadline = replacementDeadline(OFFICIAL_CALENDAR, today).date;
    const psb = await open(PSB, '挂失/补领');
    await lookUp(psb, loser.citizenIdNumber);
    expect(await psb.getByTestId('changes-permit').innerText()).toContain('第1张卡');
    expect(await psb.getByTestId('loss-requests').innerText()).toContain('此证没有补领或换领申请');
    await psb.getByLabel('遗失（补领）').check();
    expect(await psb.getByLabel('受理日期', { exact: true }).inputValue()).toBe(today);
    await psb.getByRole('button', { name: /受理申请/ }).click();
    await psb.getByTestId('loss-accepted').waitFor();
    const accepted = await psb.getByTestId('loss-accepted').innerText();
    expect(accepted).toContain('遗失（补领）');
    expect(accepted).toContain(`应于 ${deadline} 前（含当日）核发新证`);
    expect(accepted).toContain('第十四条第二款');
    await screenshot(psb, 'police-loss-reported');

    // the act happened
    const read = await g.gql(HOLDER, { id: loser.citizenIdNumber }, psbToken);
    const [req] = read.body.data.permitHolder.permits[0].replacementRequests;
    expect(req).toMatchObject({ kind: 'LOST', reportedOn: today, deadline, issuedOn: null });

    // a later visit: the same lookup finds the open request and its deadline
    await psb.reload();
    await psb.getByRole('heading', { name: '挂失/补领', level: 2 }).waitFor();
    await lookUp(psb, loser.citizenIdNumber);
    const row = psb.getByTestId('loss-requests').locator('tbody tr', { hasText: req.id });
    expect(await row.innerText()).toContain('待核发');
    expect(await psb.getByTestId(`loss-deadline-${req.id}`).innerText()).toBe(deadline);
    const issueForm = psb.getByTestId('loss-issue-form');
    expect(await issueForm.innerText()).toContain(deadline);
    expect(await issueForm.getByLabel('核发日期', { exact: true }).inputValue()).toBe(today);
    await screenshot(psb, 'police-loss-open');
    await issueForm.getByRole('button', { name: /核发新证/ }).click();
    await psb.getByTestId('loss-issued').waitFor();
    expect(await psb.getByTestId('loss-new-card').innerText()).toContain('第2张卡');
    expect(await psb.getByTestId('loss-issued').innerText()).toContain(today);
    await expect.poll(() => row.innerText()).toContain(`已于 ${today} 核发`);
    expect(await psb.getByTestId('changes-permit').innerText()).toContain('第2张卡');
    // no open request left: the report form is back
    await psb.getByTestId('loss-form').waitFor();
    await screenshot(psb, 'police-loss-issued');

    const again = await g.gql(HOLDER, { id: loser.citizenIdNumber }, psbToken);
    const p = again.body.data.permitHolder.permits[0];
    expect(p.cardVersion).toBe(2);
    expect(p.replacementRequests[0].issuedOn).toBe(today);

    // a confiscated permit: refused with the sentence, the article and the code
    await lookUp(psb, confiscated.citizenIdNumber);
    expect(await psb.getByTestId('changes-status').first().innerText()).toBe('已收缴');
    await psb.getByLabel('损毁（换领）').check();
    await psb.getByRole('button', { name: /受理申请/ }).click();
    const refusal = psb.getByTestId('loss-error');
    await refusal.waitFor();
    const text = await refusal.innerText();
    expect(text).toContain('不符合办法的规定');
    expect(text).toContain('居住证当日无效，不能换领或补领');
    expect(text).toContain('第十四条第二款');
    expect(text).toContain('RULE_VIOLATION');
    await screenshot(psb, 'police-loss-refused');
    const none = await g.gql(HOLDER, { id: confiscated.citizenIdNumber }, psbToken);
    expect(none.body.data.permitHolder.permits[0].replacementRequests).toEqual([]);
    await psb.context().close();
  });

  it("a child registered: the school's check for the child's schooling fails before and passes after", async () => {
    const school = await signedIn(SCHOOL, '资格核验');
    const before = await schoolCheck(school, parent, newChild.citizenIdNumber);
    expect(before.eligible).toBe('false');
    expect(before.reasons).toContain('所列子女不是持证人登记的随迁子女');

    const psb = await open(PSB, '子女登记');
    await lookUp(psb, parent.citizenIdNumber);
    expect(await psb.getByTestId('changes-name').innerText()).toBe(parent.name);
    expect(await psb.getByTestId('dependent-list').innerText()).toContain('尚未登记子女');
    const form = psb.getByTestId('dependent-form');
    await form.getByLabel('子女公民身份号码', { exact: true }).fill(newChild.citizenIdNumber);
    await form.getByLabel('子女姓名', { exact: true }).fill(newChild.name);
    await form.getByRole('button', { name: /登记子女/ }).click();
    await psb.getByTestId('dependent-done').waitFor();
    const done = await psb.getByTestId('dependent-done').innerText();
    const adultOn = addYears(d('2016-05-05'), 18);
    expect(done).toContain(newChild.name);
    expect(done).toContain(newChild.citizenIdNumber);
    expect(done).toContain('2016-05-05');
    expect(done).toContain(adultOn);
    expect(done).toContain('第十八条第（七）项');
    const listed = await psb.getByTestId('dependent-list').innerText();
    expect(listed).toContain(newChild.name);
    expect(listed).toContain('未满十八周岁');
    await screenshot(psb, 'police-dependent-registered');

    const read = await g.gql(HOLDER, { id: parent.citizenIdNumber }, psbToken);
    expect(read.body.data.permitHolder.dependents).toEqual([
      { citizenIdNumber: newChild.citizenIdNumber, name: newChild.name, birthDate: '2016-05-05' },
    ]);

    // a second registration of the same child is refused, shown as a sentence
    await form.getByLabel('子女公民身份号码', { exact: true }).fill(newChild.citizenIdNumber);
    await form.getByLabel('子女姓名', { exact: true }).fill(newChild.name);
    await form.getByRole('button', { name: /登记子女/ }).click();
    await psb.getByTestId('dependent-error').waitFor();
    const refused = await psb.getByTestId('dependent-error').innerText();
    expect(refused).toContain('该子女已登记在此持证人名下');
    expect(refused).toContain('第十八条第（七）项');
    expect(refused).toContain('CONFLICT');
    const once = await g.gql(HOLDER, { id: parent.citizenIdNumber }, psbToken);
    expect(once.body.data.permitHolder.dependents).toHaveLength(1);
    await screenshot(psb, 'police-dependent-refused');

    const after = await schoolCheck(school, parent, newChild.citizenIdNumber);
    expect(after.eligible).toBe('true');
    const childRow = school.getByTestId('reasons').locator('tr', { hasText: '第十八条第（七）项' }).last();
    expect(await childRow.innerText()).toContain('所列子女为持证人随迁子女且未满十八周岁');
    await screenshot(school, 'police-dependent-school-check');
    await school.context().close();
    await psb.context().close();
  });

  it('no request to another origin, no CSP violation', () => {
    expect(watched.flatMap((w) => w.foreign)).toEqual([]);
    expect(watched.flatMap((w) => w.cspViolations)).toEqual([]);
  });
});
