/**
 * Browser tests: Debian's Chromium driven by playwright-core (never `playwright install`), against
 * the real gateway serving the built console. The console is built here when dist/console is older
 * than its sources or the schema, so `npm test` works from a clean clone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './process';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RESULTS = join(ROOT, 'test-results');
export const CONSOLE_DIR = join(ROOT, 'dist', 'console');

/** Chromium is there: true; missing: false with a message, and under CI=true an error (no silent skip). */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const why = `Chromium not found at ${CHROMIUM} (apt-get install chromium fonts-noto-cjk)`;
  if (process.env.CI === 'true') throw new Error(`CI=true requires the browser tests: ${why}`);
  console.warn(`browser tests skipped: ${why}`);
  return false;
}

function newestMtime(dir: string, skip: (p: string) => boolean): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (skip(p)) continue;
    const s = statSync(p);
    newest = Math.max(newest, s.isDirectory() ? newestMtime(p, skip) : s.mtimeMs);
  }
  return newest;
}

/** `npm run codegen` and the Vite build, unless dist/console is newer than console/ and the schema. */
export function buildConsole(): string {
  const built = join(CONSOLE_DIR, 'index.html');
  const sources = Math.max(
    newestMtime(join(ROOT, 'console'), (p) => p.endsWith(join('src', 'gql'))),
    statSync(join(ROOT, 'schema', 'schema.graphql')).mtimeMs,
  );
  if (
    !existsSync(built) ||
    statSync(built).mtimeMs < sources ||
    !existsSync(join(CONSOLE_DIR, 'explorer.html'))
  ) {
    execFileSync('npm', ['run', '--silent', 'codegen'], { cwd: ROOT, stdio: 'inherit' });
    execFileSync('npx', ['vite', 'build', '--config', 'console/vite.config.mts', '--logLevel', 'error'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
  }
  return CONSOLE_DIR;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // root in a container has no user namespace for the sandbox; the pages are our own
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--font-render-hinting=none', '--lang=zh-CN'],
  });
}

export interface Watched {
  /** every request to an origin other than the gateway's and the allowed ones (data: and blob: are in-page) */
  readonly foreign: string[];
  /** console messages reporting a Content-Security-Policy violation */
  readonly cspViolations: string[];
  readonly requests: string[];
}

/**
 * Records every request the page makes and every CSP violation it reports; a request to any origin
 * but the gateway's and `alsoAllowed` (the OIDC issuer's, when the test signs in there) is foreign.
 */
export function watch(page: Page, origin: string, alsoAllowed: readonly string[] = []): Watched {
  const w: Watched = { foreign: [], cspViolations: [], requests: [] };
  const allowed = new Set([origin, ...alsoAllowed]);
  page.on('request', (r) => {
    const url = r.url();
    w.requests.push(url);
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (!allowed.has(new URL(url).origin)) w.foreign.push(url);
  });
  page.on('console', (m) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) w.cspViolations.push(m.text());
  });
  return w;
}

/** A screenshot kept as a test artifact: test-results/<name>.png */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * A new browser context (zh-CN, 1366×768 unless told) on the console's sign-in page, signed in as the
 * demo caller whose radio button reads `label`; resolves once the heading `heading` is shown.
 * Every request and CSP violation is recorded in the returned `watched`.
 */
export async function signInDemo(
  browser: Browser,
  origin: string,
  label: string,
  heading: string,
  o: { viewport?: { width: number; height: number }; path?: string } = {},
): Promise<{ page: Page; watched: Watched }> {
  const context = await browser.newContext({
    viewport: o.viewport ?? { width: 1366, height: 768 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  const watched = watch(page, origin);
  await page.goto(`${origin}/console${o.path ?? '/'}`);
  await page.getByRole('radio', { name: label }).check();
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('heading', { name: heading }).first().waitFor();
  return { page, watched };
}

/** Ant Design's Select: opens the one labelled `label` and picks the visible option reading `option`. */
export async function chooseOption(page: Page, label: string, option: string | RegExp): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first()
    .click();
}
