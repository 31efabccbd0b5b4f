/**
 * Roles in the browser (Chromium against the real gateway, fresh SQLite database, demo data, the
 * built console): every demo caller (src/app/demo-callers.ts, the demo holder too) signs in and sees
 * exactly its role's menu (console/src/layout/pages.ts pagesFor, labels from the Chinese strings);
 * every other page of PAGES opened by URL shows the one refusal (role-refused: 无权访问此页面 and the
 * roles the page is for), and no /graphql request carrying one of that page's operations (as the
 * console's sources give them, test/support/browser.ts consolePages) is made, nor any other; the
 * refusal's button goes back to the caller's own first page. One screenshot per caller's home page:
 * test-results/roles-<callerId>.png. No request to another origin, no CSP violation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, Kind } from 'graphql';
import type { Browser, Page } from 'playwright-core';
import { demoPeople } from '../../seeds/demo';
import { DEMO_CALLERS, demoHolderCaller } from '../../src/app/demo-callers';
import type { Role } from '../../src/law';
import { MENU_LABELS, PAGES, pagesFor } from '../../console/src/layout/pages';
import { zhCN } from '../../console/src/i18n/zh-CN';
import { startGateway, type TestGateway } from '../support/gateway';
import {
  buildConsole,
  chromiumAvailable,
  consolePages,
  launchBrowser,
  screenshot,
  signInDemo,
  type Watched,
} from '../support/browser';

const HAVE_CHROMIUM = chromiumAvailable();
const guo = demoPeople().find((p) => p.name === '郭伟' && p.state === 'WITH_CHILDREN')!;
const CALLERS = [...DEMO_CALLERS, demoHolderCaller(guo.citizenIdNumber)];
const OPERATIONS = new Map(consolePages().map((p) => [p.key, new Set(p.operations.map((o) => o.name))]));
const label = (key: (typeof PAGES)[number]['key']) => zhCN[MENU_LABELS[key]];
const roleName = (r: Role) => zhCN[`role${r}` as keyof typeof zhCN];

/** The operation names of a /graphql POST body (`{ query, variables }`), or of each entry of a batch. */
function operationNames(body: string): string[] {
  const json = JSON.parse(body) as { query?: string } | { query?: string }[];
  return (Array.isArray(json) ? json : [json]).flatMap((b) =>
    parse(b.query ?? '').definitions.flatMap((d) =>
      d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : [],
    ),
  );
}

describe.skipIf(!HAVE_CHROMIUM)('each role in the browser: its menu, and every other page refused', () => {
  let g: TestGateway;
  let origin: string;
  let browser: Browser;
  const watched: Watched[] = [];

  beforeAll(async () => {
    const consoleDir = buildConsole();
    g = await startGateway('sqlite', { seed: 'demo', clock: Date.now, consoleDir });
    origin = new URL(g.url).origin;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await g?.stop();
  });

  it('reads every page and its operations from the console', () => {
    expect(CALLERS.map((c) => c.claims.role)).toContain('HOLDER');
    expect(new Set(OPERATIONS.keys())).toEqual(new Set(PAGES.map((p) => p.key)));
  });

  it.each(CALLERS.map((c) => [c.id, c] as const))('%s', async (_id, caller) => {
    const role = caller.claims.role;
    const own = pagesFor(role);
    expect(own.length).toBeGreaterThan(0);
    const { page, watched: w } = await signInDemo(browser, origin, caller.labelZh, label(own[0].key));
    watched.push(w);
    const sent: string[][] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/graphql')
        sent.push(operationNames(r.postData() ?? '{}'));
    });

    // the menu: exactly the role's pages, in their order (the explorer's link is not a page)
    const menu = (await menuItems(page)).filter((m) => m !== zhCN.menuExplorer);
    expect(menu).toEqual(own.map((p) => label(p.key)));
    expect(new URL(page.url()).pathname).toBe(`/console${own[0].path}`);
    await screenshot(page, `roles-${caller.id}`);

    // every other page, opened by URL: the refusal, and nothing of the page asked for
    const others = PAGES.filter((p) => !p.roles.includes(role));
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) {
      sent.length = 0;
      await page.goto(`${origin}/console${other.path}`);
      const refused = page.getByTestId('role-refused');
      await refused.waitFor();
      const text = await refused.innerText();
      expect(text, other.path).toContain('无权访问此页面');
      for (const r of other.roles) expect(text, other.path).toContain(roleName(r));
      const ops = OPERATIONS.get(other.key)!;
      expect(
        sent.flat().filter((n) => ops.has(n)),
        `${other.path}: its operations sent`,
      ).toEqual([]);
      expect(sent, `${other.path}: a /graphql request while refused`).toEqual([]);
      // the menu stays the caller's own
      expect((await menuItems(page)).filter((m) => m !== zhCN.menuExplorer)).toEqual(
        own.map((p) => label(p.key)),
      );
    }

    // the refusal's way back: the caller's own first page
    await page.getByRole('button', { name: zhCN.roleRefusedBack }).click();
    await page
      .getByRole('heading', { name: label(own[0].key) })
      .first()
      .waitFor();
    expect(new URL(page.url()).pathname).toBe(`/console${own[0].path}`);
    await page.context().close();
  });

  it('no request to another origin, no CSP violation', () => {
    expect(watched.length).toBe(CALLERS.length);
    expect(watched.flatMap((w) => w.foreign)).toEqual([]);
    expect(watched.flatMap((w) => w.cspViolations)).toEqual([]);
  });
});

function menuItems(page: Page): Promise<string[]> {
  return page.getByRole('navigation', { name: zhCN.menuLabel }).getByRole('menuitem').allInnerTexts();
}
