/**
 * 持证人档案 in Chromium against the real gateway (fresh SQLite database, demo data, the built console):
 * 市公安局 finds demo holders by name (按姓名查找), opens each file from the results, and for the demo
 * people in states IN_WINDOW, LAPSED, CONFISCATED, MOVED_TO_COUNTY and REPLACED_CARD the timeline bar
 * shows the expected markers and windows, and under it the sentence why the permit is (not) valid
 * today with its article. The reads really happened: the audit log (read with an auditor's token)
 * holds a READ_HOLDER entry for each. 街道办事处（洛龙区，受委托） has no search box, opens a holder of
 * 洛龙区 by ID number, and a holder outside its region is refused with a sentence (FORBIDDEN) and no
 * data, recorded as refused. No request to another origin, no CSP violation; screenshots under
 * test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { demoPeople, type DemoPerson, type DemoState } from '../../seeds/demo';
import { maskCitizenId } from '../../src/law/citizen-id';
import { addDays, addYears, d, todayInShanghai } from '../../src/law/date';
import { CALLERS, startGateway, type TestGateway } from '../support/gateway';
import {
  buildConsole,
  chromiumAvailable,
  launchBrowser,
  screenshot,
  signInDemo,
  type Watched,
} from '../support/browser';

const HAVE_CHROMIUM = chromiumAvailable();
const PSB = '市公安局';
const AGENCY = '街道办事处（洛龙区，受委托）';
const LUOLONG = '410311';

const people = demoPeople();
const first = (state: DemoState, where: (p: DemoPerson) => boolean = () => true) =>
  people.find((p) => p.state === state && where(p))!;

describe.skipIf(!HAVE_CHROMIUM)('持证人档案 (PUBLIC_SECURITY, DELEGATED_AGENCY) in Chromium', () => {
  let g: TestGateway;
  let origin: string;
  let browser: Browser;
  const watched: Watched[] = [];
  let today = '';

  beforeAll(async () => {
    const consoleDir = buildConsole();
    // the real clock: the demo seed is dated relative to today, as the page's today is
    g = await startGateway('sqlite', { seed: 'demo', clock: Date.now, consoleDir });
    origin = new URL(g.url).origin;
    browser = await launchBrowser();
    today = todayInShanghai(Date.now);
  });
  afterAll(async () => {
    await browser?.close();
    await g?.stop();
  });

  async function openFilePage(label: string): Promise<Page> {
    const { page, watched: w } = await signInDemo(browser, origin, label, '资格核验');
    watched.push(w);
    await page.getByRole('link', { name: '持证人档案' }).click();
    await page.getByRole('heading', { name: '持证人档案', level: 2 }).waitFor();
    return page;
  }

  /** 按姓名查找 → the row with the person's ID number (下一页 until it is listed) → 查看档案. */
  async function findAndOpen(page: Page, p: DemoPerson): Promise<Locator> {
    const search = page.getByTestId('holder-search');
    await search.getByLabel('姓名', { exact: true }).fill(p.name);
    await search.getByRole('button', { name: /查\s*找/ }).click();
    const results = page.getByTestId('holder-search-results');
    await results.waitFor();
    const row = results.locator('tbody tr', { hasText: p.citizenIdNumber });
    for (let i = 0; i < 20 && (await row.count()) === 0; i += 1) {
      await results.locator('tbody tr').first().waitFor();
      if ((await row.count()) > 0) break;
      await results.getByRole('button', { name: /下一页/ }).click();
    }
    expect(await row.innerText()).toContain(p.name);
    await row.getByRole('button', { name: /查看档案/ }).click();
    const file = page.getByTestId('holder-file');
    await expect.poll(() => file.getByTestId('holder-name').first().innerText()).toBe(p.name);
    expect(await file.innerText()).toContain(p.citizenIdNumber);
    return file;
  }

  /** The permit that counts today: the file's last (latest issued) permit. */
  const permitOf = (file: Locator) => file.getByTestId('holder-permit').last();
  const events = (permit: Locator): Promise<string[]> =>
    permit
      .getByTestId('permit-timeline-events')
      .locator('li')
      .evaluateAll((lis) =>
        lis.map((li) => `${li.getAttribute('data-kind')}@${li.getAttribute('data-date')}`),
      );

  async function readsRecorded(citizenIdNumber: string, role: string) {
    const token = await g.token(CALLERS.auditor);
    const r = await g.gql<{ auditLog: { outcome: string; role: string }[] }>(
      `query ($subject: String) { auditLog(action: "READ_HOLDER", subject: $subject, first: 50) { outcome role } }`,
      { subject: maskCitizenId(citizenIdNumber) },
      token,
    );
    expect(r.body.errors).toBeUndefined();
    return r.body.data!.auditLog.filter((e) => e.role === role).map((e) => e.outcome);
  }

  it('public security finds holders by name and sees each permit’s timeline and why it is (not) valid', async () => {
    const page = await openFilePage(PSB);
    await page.getByTestId('holder-search').waitFor();

    // IN_WINDOW: valid, window 1 open today, only 发证 so far
    const inWindow = first('IN_WINDOW');
    let file = await findAndOpen(page, inWindow);
    let permit = permitOf(file);
    expect(await permit.getAttribute('data-status')).toBe('VALID');
    expect(await permit.getByTestId('holder-permit-status').innerText()).toBe('有效');
    let ev = await events(permit);
    // the seed issued it a year less 12 days ago
    expect(ev.filter((e) => !e.startsWith('window') && !e.startsWith('today'))).toEqual([
      `issue@${addDays(addYears(d(today), -1), 12)}`,
    ]);
    expect(ev.some((e) => e.startsWith('window-open@'))).toBe(true);
    expect(ev).toContain(`today@${today}`);
    let reason = await permit.getByTestId('permit-reason').innerText();
    const inWindowReason = reason;
    expect(reason).toContain('今日有效：正在签注期');
    expect(reason).toContain('第十三条');
    const svg = permit.getByTestId('permit-timeline-svg');
    expect(await svg.getAttribute('aria-label')).toContain('今日状态：有效');
    expect(await svg.locator('[data-kind="window-open"]').count()).toBe(1);
    expect(await svg.locator('[data-kind="today"]').count()).toBe(1);
    expect(await permit.getByTestId('permit-timeline-legend').innerText()).toContain('签注期（未签注）');
    await screenshot(page, 'police-file-in-window');

    // LAPSED: the window closed unendorsed, 失效 the day after the last valid day
    const lapsed = first('LAPSED');
    file = await findAndOpen(page, lapsed);
    permit = permitOf(file);
    expect(await permit.getAttribute('data-status')).toBe('LAPSED');
    const through = await permit.getByTestId('holder-permit-valid-through').innerText();
    ev = await events(permit);
    expect(ev).toContain(`lapse@${addDays(d(through), 1)}`);
    expect(ev.some((e) => e.startsWith('window-missed@'))).toBe(true);
    expect(ev.some((e) => e.startsWith('endorse@'))).toBe(false);
    reason = await permit.getByTestId('permit-reason').innerText();
    const lapsedReason = reason;
    expect(reason).toContain('期满未申办签注');
    expect(reason).toContain(`${addDays(d(through), 1)} 起自动失效`);
    expect(reason).toContain('第十三条');
    expect(await permit.getByTestId('permit-timeline-svg').locator('[data-kind="lapsed"]').count()).toBe(1);
    await screenshot(page, 'police-file-lapsed');

    // CONFISCATED: endorsed years, then 收缴 20 days ago, with the reason and Art. 21 para 2
    const confiscated = first('CONFISCATED');
    file = await findAndOpen(page, confiscated);
    permit = permitOf(file);
    expect(await permit.getAttribute('data-status')).toBe('CONFISCATED');
    ev = await events(permit);
    const confiscatedOn = addDays(d(today), -20);
    expect(ev).toContain(`confiscate@${confiscatedOn}`);
    expect(ev.some((e) => e.startsWith('endorse@'))).toBe(true);
    expect(ev.some((e) => e.startsWith('window-endorsed@'))).toBe(true);
    reason = await permit.getByTestId('permit-reason').innerText();
    expect(reason).toContain(`居住证已于 ${confiscatedOn} 由公安机关收缴`);
    expect(reason).toContain('骗领的居住证');
    expect(reason).toContain('第二十一条第二款');
    expect(await permit.getByTestId('permit-timeline-events').innerText()).toContain(`${confiscatedOn} 收缴`);
    await screenshot(page, 'police-file-confiscated');

    // MOVED_TO_COUNTY: 迁移 60 days ago, from the district to the county; still valid
    const moved = first('MOVED_TO_COUNTY');
    file = await findAndOpen(page, moved);
    permit = permitOf(file);
    expect(await permit.getAttribute('data-status')).toBe('VALID');
    const movedOn = addDays(d(today), -60);
    expect(await events(permit)).toContain(`move@${movedOn}`);
    const moveText = await permit
      .getByTestId('permit-timeline-events')
      .locator('li[data-kind="move"]')
      .innerText();
    expect(moveText).toMatch(new RegExp(`^${movedOn} 迁移：.+区 → .+县（变更登记）$`));
    reason = await permit.getByTestId('permit-reason').innerText();
    expect(reason).toContain('今日有效');
    expect(reason).toContain('第十三条');
    expect(await file.getByTestId('holder-history').innerText()).toContain('变更');
    await screenshot(page, 'police-file-moved');

    // REPLACED_CARD: reported 40 days ago, the new card issued 33 days ago; card version 2
    const replaced = first('REPLACED_CARD');
    file = await findAndOpen(page, replaced);
    permit = permitOf(file);
    const replacedOn = addDays(d(today), -33);
    expect(await events(permit)).toContain(`replace@${replacedOn}`);
    const replaceText = await permit
      .getByTestId('permit-timeline-events')
      .locator('li[data-kind="replace"]')
      .innerText();
    expect(replaceText).toMatch(new RegExp(`^${replacedOn} (补领|换领)$`));
    expect(await permit.innerText()).toContain('第 2 版');
    expect(await permit.getByTestId('permit-reason').innerText()).toContain('第十三条');
    await screenshot(page, 'police-file-replaced');

    // the windows drawn are the gateway's own (endorsementWindows), read with a real token
    const token = await g.token(CALLERS.psCity);
    const windowsOf = async (citizenIdNumber: string) => {
      const r = await g.gql<{
        permitHolder: { permits: { endorsementWindows: { from: string; to: string }[] }[] };
      }>(
        `query ($id: String!) { permitHolder(citizenIdNumber: $id) { permits { endorsementWindows { from to } } } }`,
        { id: citizenIdNumber },
        token,
      );
      expect(r.body.errors).toBeUndefined();
      return r.body.data!.permitHolder.permits.at(-1)!.endorsementWindows;
    };
    const lapsedWindows = await windowsOf(lapsed.citizenIdNumber);
    expect(lapsedWindows).toHaveLength(1);
    const confiscatedWindows = await windowsOf(confiscated.citizenIdNumber);
    expect(confiscatedWindows.length).toBeGreaterThan(1);
    expect(lapsedReason).toContain(
      `签注期（${lapsedWindows[0].from} 至 ${lapsedWindows[0].to}）期满未申办签注`,
    );
    const inWindowWindows = await windowsOf(inWindow.citizenIdNumber);
    expect(inWindowWindows).toHaveLength(1);
    expect(inWindowReason).toContain(`${inWindowWindows[0].from} 至 ${inWindowWindows[0].to}`);

    // each file was really read: the audit log holds the public security reads
    for (const p of [inWindow, lapsed, confiscated, moved, replaced])
      expect(await readsRecorded(p.citizenIdNumber, 'PUBLIC_SECURITY')).toContain('READ');
    await page.context().close();
  });

  it('the delegated agency has no search box; a holder outside its region is refused with a sentence', async () => {
    const page = await openFilePage(AGENCY);
    await page.getByTestId('holder-lookup').waitFor();
    expect(await page.getByTestId('holder-search').count()).toBe(0);
    expect(await page.getByText('按姓名查找').count()).toBe(0);

    // its own district's holder opens
    const own = first('VALID', (p) => p.regionCode === LUOLONG);
    const lookup = page.getByTestId('holder-lookup');
    await lookup.getByLabel('公民身份号码', { exact: true }).fill(own.citizenIdNumber);
    await lookup.getByRole('button', { name: /调阅档案/ }).click();
    await expect.poll(() => page.getByTestId('holder-name').first().innerText()).toBe(own.name);
    expect(await page.getByTestId('holder-permit').count()).toBeGreaterThan(0);

    // a holder residing elsewhere: a sentence and the code, no file shown
    const outside = first('VALID', (p) => p.regionCode !== LUOLONG && p.name !== own.name);
    await lookup.getByLabel('公民身份号码', { exact: true }).fill(outside.citizenIdNumber);
    await lookup.getByRole('button', { name: /调阅档案/ }).click();
    await page.getByTestId('gateway-error').waitFor();
    const err = await page.getByTestId('gateway-error').innerText();
    expect(err).toContain('您无权进行此项操作。');
    expect(err).toContain('FORBIDDEN');
    expect(await page.getByTestId('holder-forbidden').innerText()).toBe(
      '该持证人不在您的辖区，不能调阅其档案。',
    );
    expect(await page.getByTestId('holder-file').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain(outside.name);
    await screenshot(page, 'police-file-agency-refused');

    expect(await readsRecorded(own.citizenIdNumber, 'DELEGATED_AGENCY')).toContain('READ');
    expect(await readsRecorded(outside.citizenIdNumber, 'DELEGATED_AGENCY')).toContain(
      'FORBIDDEN outside region',
    );
    await page.context().close();
  });

  it('made no request to another origin and no CSP violation', () => {
    expect(watched.length).toBeGreaterThan(0);
    for (const w of watched) {
      expect(w.foreign).toEqual([]);
      expect(w.cspViolations).toEqual([]);
    }
  });
});
