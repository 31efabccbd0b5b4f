/**
 * A permit's whole life through the console's forms, in Chromium against the real gateway (fresh
 * SQLite database, demo data, the built console), with the gateway's clock and the browser's clock
 * moved together from day to day (both in the past, so the demo token the console holds is never
 * expired to either):
 *
 * 市公安局 registers a new person on 2025-01-06 through 居住登记 (the proof, 已现场采集本人照片) and
 * is told the person may apply from 2025-07-07 (Art. 2's six months); on 2025-02-05 the application
 * through 申领受理 is 不予受理, citing 第二条 (six months not reached, with that day); on 2025-07-07
 * it is 受理 with the Art. 11 deadline, which a GraphQL read with a real token confirms; the 受理回执
 * shows the office, the name and full ID number, 受理日期, 发证期限 and the articles, and the URL
 * carries no ID number. On 2025-07-10 待发证 lists the application 期限内 and 发证 issues the permit
 * (on record with that day); on 2026-06-22, in the window before the first anniversary (Art. 13),
 * 签注 by ID number endorses it and the permit is valid through year 2's window. No request to another origin, no CSP violation; screenshots under
 * test-results/police-life-*.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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
const PERSON_ID = idNumber('411302', '19910412', '527');
const PERSON_NAME = '林晓雨';
const REGISTERED_ON = '2025-01-06';
const TOO_EARLY = '2025-02-05';

/** noon in China Standard Time on that day */
const noon = (day: string) => Date.parse(`${day}T12:00:00+08:00`);

const HOLDER = `query($id: String!) { permitHolder(citizenIdNumber: $id) {
  name registrations { registeredOn eligibleToApplyOn basis }
  applications { id appliedOn status issueDeadline deadlineProvisional permit { id issuedOn } }
  permits { id issuedOn endorsements { endorsedOn } } } }`;

describe.skipIf(!HAVE_CHROMIUM)('a permit from registration on, through the forms', () => {
  let g: TestGateway;
  let origin: string;
  let browser: Browser;
  let now = noon(REGISTERED_ON);
  let page: Page;
  let watched: Watched;
  let token: string;

  beforeAll(async () => {
    const consoleDir = buildConsole();
    g = await startGateway('sqlite', { seed: 'demo', clock: () => now, consoleDir });
    origin = new URL(g.url).origin;
    browser = await launchBrowser();
    token = await g.token(CALLERS.psCity);
    ({ page, watched } = await signInDemo(browser, origin, '市公安局', '资格核验'));
  });
  afterAll(async () => {
    await browser?.close();
    await g?.stop();
  });

  /** The gateway and the browser move to noon of `day` (CST). */
  async function travelTo(day: string) {
    now = noon(day);
    await page.clock.setFixedTime(now);
  }

  async function openPage(menu: string) {
    await page.getByRole('link', { name: menu, exact: true }).click();
    await page.getByRole('heading', { name: menu, level: 2 }).waitFor();
  }

  const qualifiesOn = eligibleToApplyOn(REGISTERED_ON as never);

  it('居住登记 on day D shows the day from which the person may apply', async () => {
    await travelTo(REGISTERED_ON);
    await openPage('居住登记');
    await page.getByLabel('公民身份号码', { exact: true }).fill(PERSON_ID);
    await page.getByLabel('姓名', { exact: true }).fill(PERSON_NAME);
    await page.getByLabel('户籍地址', { exact: true }).fill('河南省南阳市卧龙区车站南路12号');
    await chooseOption(page, '居住地（区、县）', '涧西区');
    await page.getByLabel('居住地址', { exact: true }).fill('洛阳市涧西区中州西路45号3单元');
    await page.getByRole('checkbox', { name: '稳定就业' }).check();
    expect(await page.getByLabel('登记日期', { exact: true }).inputValue()).toBe(REGISTERED_ON);
    await page.getByLabel('证明材料种类', { exact: true }).fill('劳动合同');
    await page.getByLabel('证明材料编号', { exact: true }).fill('LY-2025-0106-01');
    await page.getByRole('checkbox', { name: '已现场采集本人照片' }).check();
    await screenshot(page, 'police-life-register-filled');
    await page.getByRole('button', { name: /^(loading )?登\s*记$/ }).click();
    await page.getByTestId('register-done').waitFor();
    expect(await page.getByTestId('eligible-to-apply-on').innerText()).toContain(qualifiesOn);
    const shown = await page.getByTestId('registration').innerText();
    expect(shown).toContain(PERSON_NAME);
    expect(shown).toContain(REGISTERED_ON);
    expect(shown).toContain('涧西区');
    expect(shown).toContain('稳定就业');
    await screenshot(page, 'police-life-register-done');

    // it happened: the registration is on record with that day
    const h = (await ok(g, HOLDER, { id: PERSON_ID }, token)).permitHolder;
    expect(h.name).toBe(PERSON_NAME);
    expect(h.registrations).toEqual([
      { registeredOn: REGISTERED_ON, eligibleToApplyOn: qualifiesOn, basis: ['STABLE_EMPLOYMENT'] },
    ]);
  });

  async function lookUp() {
    await page.getByLabel('公民身份号码', { exact: true }).fill(PERSON_ID);
    await page.getByRole('button', { name: /^(loading )?查\s*询$/ }).click();
    await page.getByTestId('holder').waitFor();
    expect(await page.getByTestId('holder').innerText()).toContain(PERSON_NAME);
  }

  it('申领受理 thirty days later: 不予受理, citing 第二条 and the day it can be met', async () => {
    await travelTo(TOO_EARLY);
    await openPage('申领受理');
    await lookUp();
    expect(await page.getByTestId('registrations').innerText()).toContain(qualifiesOn);
    await page.getByRole('button', { name: /^(loading )?提交申领$/ }).click();
    const verdict = page.getByTestId('application-verdict');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-status')).toBe('REFUSED');
    expect(await verdict.innerText()).toContain('不予受理');
    const reasons = await page.getByTestId('application-reasons').innerText();
    expect(reasons).toContain('未通过');
    expect(reasons).toContain('第二条');
    expect(reasons).toContain(qualifiesOn);
    // only the failed conditions are listed: every row reads 未通过
    const rows = page.getByTestId('application-reasons').locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.filter({ hasText: '未通过' }).count()).toBe(await rows.count());
    // a refusal has no receipt and no deadline
    expect(await page.getByRole('button', { name: '打印受理回执' }).count()).toBe(0);
    expect(await page.getByTestId('issue-deadline').count()).toBe(0);
    await screenshot(page, 'police-life-apply-refused');

    const h = (await ok(g, HOLDER, { id: PERSON_ID }, token)).permitHolder;
    expect(h.applications.map((a: { status: string }) => a.status)).toEqual(['REFUSED']);
  });

  it('申领受理 on the day six months are met: 受理 with the Art. 11 deadline, and the 受理回执', async () => {
    await travelTo(qualifiesOn);
    await openPage('居住登记');
    await openPage('申领受理');
    await lookUp();
    expect(await page.getByTestId('applications').innerText()).toContain(`${TOO_EARLY} 不予受理`);
    await page.getByRole('button', { name: /^(loading )?提交申领$/ }).click();
    const verdict = page.getByTestId('application-verdict');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-status')).toBe('ACCEPTED');

    const h = (await ok(g, HOLDER, { id: PERSON_ID }, token)).permitHolder;
    const accepted = h.applications[1];
    expect(accepted).toMatchObject({ appliedOn: qualifiesOn, status: 'ACCEPTED', permit: null });
    expect(accepted.issueDeadline > qualifiesOn).toBe(true);
    const deadline: string = accepted.issueDeadline;
    expect(await page.getByTestId('issue-deadline').innerText()).toContain(deadline);
    expect(await page.getByTestId('application').innerText()).toContain(qualifiesOn);
    const reasons = await page.getByTestId('application-reasons').innerText();
    expect(reasons).toContain('第二条');
    expect(reasons).not.toContain('未通过');
    await screenshot(page, 'police-life-apply-accepted');

    await page.getByRole('button', { name: '打印受理回执' }).click();
    const receipt = page.getByTestId('acceptance-receipt');
    await receipt.waitFor();
    expect(page.url()).toBe(`${origin}/console/acceptance-receipt`);
    expect(page.url()).not.toContain(PERSON_ID);
    const text = await receipt.innerText();
    expect(text).toContain('居住证申领受理回执');
    expect(text).toContain('市公安局');
    expect(text).toContain(PERSON_NAME);
    expect(text).toContain(PERSON_ID);
    expect(text).toContain(accepted.id);
    expect(await page.getByTestId('receipt-applied-on').innerText()).toBe(qualifiesOn);
    expect(await page.getByTestId('receipt-deadline').innerText()).toContain(deadline);
    const articles = await page.getByTestId('receipt-articles').innerText();
    for (const a of ['第二条', '第十条', '第十一条']) expect(articles).toContain(a);
    expect(text).toContain('受理单位（盖章）');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'police-life-acceptance-receipt');
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: /返\s*回/ }).click();
    await page.getByRole('heading', { name: '申领受理', level: 2 }).waitFor();
  });

  const ISSUED_ON = '2025-07-10';
  // Art. 13: year 1's window runs from the day after A_1 minus one month to A_1 (2026-07-10, a Friday)
  const ENDORSED_ON = '2026-06-22';
  let permitId = '';

  it('待发证 three days later: 发证 from the list', async () => {
    await travelTo(ISSUED_ON);
    await openPage('待发证');
    const row = page.getByTestId('pending-list').locator('tbody tr.ant-table-row', { hasText: PERSON_ID });
    await expect.poll(() => row.count(), { timeout: 15000 }).toBe(1);
    await screenshot(page, 'police-life-pending');
    const listed = await row.innerText();
    expect(listed).toContain(PERSON_NAME);
    expect(listed).toContain('期限内');
    expect(await page.getByLabel('发证日期', { exact: true }).inputValue()).toBe(ISSUED_ON);
    await row.getByRole('button', { name: '发证' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确认发证' }).click();
    const issued = page.getByTestId('pending-issued');
    await issued.waitFor();
    expect(await issued.innerText()).toContain(PERSON_NAME);
    permitId = await page.getByTestId('pending-issued-id').innerText();
    await expect.poll(() => row.count()).toBe(0);
    await screenshot(page, 'police-life-issued');

    const h = (await ok(g, HOLDER, { id: PERSON_ID }, token)).permitHolder;
    expect(h.permits).toEqual([{ id: permitId, issuedOn: ISSUED_ON, endorsements: [] }]);
    expect(h.applications[1]).toMatchObject({
      status: 'ISSUED',
      permit: { id: permitId, issuedOn: ISSUED_ON },
    });
  });

  it('签注 in the window before the first anniversary: the permit is valid a year on', async () => {
    await travelTo(ENDORSED_ON);
    await openPage('签注');
    const byId = page.getByTestId('endorse-by-id');
    await byId.getByLabel('公民身份号码', { exact: true }).fill(PERSON_ID);
    await byId.getByRole('button', { name: '查询持证人' }).click();
    const holderShown = byId.getByTestId('endorse-by-id-holder');
    await holderShown.waitFor();
    const before = await holderShown.innerText();
    expect(before).toContain(PERSON_NAME);
    expect(before).toContain(ISSUED_ON);
    expect(before).toContain('2026-06-11');
    expect(before).toContain('2026-07-10');
    await byId.getByRole('button', { name: '签注', exact: true }).click();
    const done = byId.getByTestId('endorse-by-id-done');
    await done.waitFor();
    await screenshot(page, 'police-life-endorsed');

    const p = (
      await ok(
        g,
        `query($id: String!) { permitHolder(citizenIdNumber: $id) { permits { id status validThrough
          endorsements { endorsedOn extendsValidityThrough } } } }`,
        { id: PERSON_ID },
        token,
      )
    ).permitHolder.permits[0];
    expect(p.id).toBe(permitId);
    expect(p.status).toBe('VALID');
    expect(p.endorsements).toHaveLength(1);
    expect(p.endorsements[0].endorsedOn).toBe(ENDORSED_ON);
    // valid through year 2's window: 2027-07-10 or the next working day after it
    expect(p.validThrough >= '2027-07-10' && p.validThrough <= '2027-07-20').toBe(true);
    expect(p.endorsements[0].extendsValidityThrough).toBe(p.validThrough);
    expect(await done.innerText()).toContain(p.validThrough);
  });

  it('asked no other origin and broke no CSP rule', () => {
    expect(watched.foreign).toEqual([]);
    expect(watched.cspViolations).toEqual([]);
  });
});
