/**
 * Browser tests: Debian's Chromium driven by playwright-core (never `playwright install`), against
 * the real gateway serving the built console. The console is built here when dist/console is older
 * than its sources or the schema, so `npm test` works from a clean clone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import {
  Kind,
  parse,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { chromium, type Browser, type BrowserContext, type Page, type Response } from 'playwright-core';
import { TOKEN_KEY } from '../../console/src/auth/session';
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
 * A new browser context (zh-CN, 1366×768 unless told; or the `context` given) on the console's
 * sign-in page (or `path`), signed in as the demo caller whose radio button reads `label`; resolves
 * once the heading `heading` is shown. Every request and CSP violation is recorded in the returned
 * `watched`; `response` is the first page's (its headers carry the CSP).
 */
export async function signInDemo(
  browser: Browser,
  origin: string,
  label: string,
  heading: string,
  o: {
    viewport?: { width: number; height: number };
    path?: string;
    acceptDownloads?: boolean;
    context?: BrowserContext;
    /** run on the sign-in page before choosing the caller (a screenshot of it) */
    beforeSignIn?: (page: Page) => Promise<unknown>;
  } = {},
): Promise<{ page: Page; watched: Watched; response: Response | null }> {
  const context =
    o.context ??
    (await browser.newContext({
      viewport: o.viewport ?? { width: 1366, height: 768 },
      locale: 'zh-CN',
      acceptDownloads: o.acceptDownloads ?? false,
    }));
  const page = await context.newPage();
  const watched = watch(page, origin);
  const response = await page.goto(`${origin}/console${o.path ?? '/'}`);
  if (o.beforeSignIn) {
    await page.getByRole('radio', { name: label }).waitFor();
    await o.beforeSignIn(page);
  }
  await page.getByRole('radio', { name: label }).check();
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('heading', { name: heading }).first().waitFor();
  return { page, watched, response };
}

/**
 * Like signInDemo, for a caller the test made its own token for (a scope no demo caller has): the
 * token is put where the console keeps a signed-in token (sessionStorage) before the console loads,
 * as its sign-in page does; resolves once the heading `heading` is shown.
 */
export async function signInWithToken(
  browser: Browser,
  origin: string,
  token: string,
  label: string,
  heading: string,
  o: { viewport?: { width: number; height: number }; path?: string } = {},
): Promise<{ page: Page; watched: Watched; response: Response | null }> {
  const context = await browser.newContext({
    viewport: o.viewport ?? { width: 1366, height: 768 },
    locale: 'zh-CN',
  });
  await context.addInitScript(
    ({ key, saved }: { key: string; saved: string }) => {
      // in the page (no DOM types in the tests' tsconfig)
      const store = (
        globalThis as unknown as {
          sessionStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void };
        }
      ).sessionStorage;
      if (!store.getItem(key)) store.setItem(key, saved);
    },
    { key: TOKEN_KEY, saved: JSON.stringify({ token, label, expiresAt: null }) },
  );
  const page = await context.newPage();
  const watched = watch(page, origin);
  const response = await page.goto(`${origin}/console${o.path ?? '/'}`);
  await page.getByRole('heading', { name: heading }).first().waitFor();
  return { page, watched, response };
}

/** Ant Design's Select: opens the one labelled `label` and picks the visible option reading `option`. */
export async function chooseOption(page: Page, label: string, option: string | RegExp): Promise<void> {
  const select = page.getByLabel(label, { exact: true });
  // the Select's root shows the chosen option's label once the choice is taken
  const root = select.locator(
    'xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  const shown = (text: string) => (typeof option === 'string' ? text.includes(option) : option.test(text));
  // on a loaded machine a click can land while the dropdown still moves in and be lost: try again
  for (let attempt = 1; ; attempt += 1) {
    await select.click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
      .first()
      .click();
    for (let i = 0; i < 50; i += 1) {
      if (shown(await root.innerText())) return;
      await page.waitForTimeout(100);
    }
    if (attempt === 3) throw new Error(`${label}: the option ${String(option)} was not taken`);
  }
}

// ---------------------------------------------------------------------------------------------------
// The console's pages and the GraphQL operations each sends (test/console/reachability.test.ts,
// test/browser/roles.test.ts): read from the sources, not from a table kept beside them.

/** One operation of a `graphql(\`...\`)` document: its name, `query`/`mutation`, and its root fields. */
export interface ConsoleOperation {
  readonly name: string;
  readonly type: 'query' | 'mutation' | 'subscription';
  readonly rootFields: readonly string[];
  readonly file: string;
}

export interface ConsolePage {
  readonly key: string;
  /** the files App.tsx routes this page to (behind RequirePage), relative to the repository */
  readonly entries: readonly string[];
  /**
   * every console module the page's entries import, following relative imports (not `import type`),
   * but not into another page's entry file
   */
  readonly files: readonly string[];
  readonly operations: readonly ConsoleOperation[];
}

const CONSOLE_SRC = join(ROOT, 'console', 'src');
const rel = (p: string) => relative(ROOT, p).split(sep).join('/');

function resolveModule(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const p of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')])
    if (existsSync(p) && statSync(p).isFile()) return p;
  return undefined;
}

/** The relative modules a file imports at run time (static, dynamic and re-exports; type-only skipped). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf-8');
  const specs = [
    ...[...text.matchAll(/^\s*import\s+(?!type\s)[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => m[1]),
    ...[...text.matchAll(/^\s*import\s+'(\.[^']+)'/gm)].map((m) => m[1]),
    ...[...text.matchAll(/^\s*export\s+(?!type\s)[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => m[1]),
    ...[...text.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g)].map((m) => m[1]),
  ];
  return specs
    .map((s) => resolveModule(file, s))
    .filter((p): p is string => p !== undefined)
    .filter((p) => p.startsWith(CONSOLE_SRC + sep) && !p.startsWith(join(CONSOLE_SRC, 'gql') + sep));
}

/** Every `graphql(\`...\`)` document of a console file, parsed: its operations and their root fields. */
export function operationsIn(file: string): ConsoleOperation[] {
  const text = readFileSync(file, 'utf-8');
  const docs = [...text.matchAll(/\bgraphql\(\s*`([^`]*)`\s*\)/g)].map((m) => parse(m[1]));
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of docs)
    for (const def of d.definitions)
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const fieldsOf = (set: SelectionSetNode, seen: Set<string>): string[] =>
    set.selections.flatMap((s: SelectionNode) => {
      if (s.kind === Kind.FIELD) return s.name.value === '__typename' ? [] : [s.name.value];
      if (s.kind === Kind.INLINE_FRAGMENT) return fieldsOf(s.selectionSet, seen);
      const f = fragments.get(s.name.value);
      if (!f || seen.has(f.name.value)) return [];
      return fieldsOf(f.selectionSet, new Set([...seen, f.name.value]));
    });
  return docs.flatMap((d) =>
    d.definitions
      .filter((def): def is OperationDefinitionNode => def.kind === Kind.OPERATION_DEFINITION)
      .map((op) => ({
        name: op.name?.value ?? '(anonymous)',
        type: op.operation,
        rootFields: [...new Set(fieldsOf(op.selectionSet, new Set()))],
        file: rel(file),
      })),
  );
}

/** Every .ts/.tsx file of console/src but the generated console/src/gql/. */
export function consoleFiles(dir = CONSOLE_SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (p === join(CONSOLE_SRC, 'gql')) return [];
    if (statSync(p).isDirectory()) return consoleFiles(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

/**
 * The pages as App.tsx routes them: the PAGE_COMPONENTS table (page key → component) and every other
 * `<RequirePage page="…"><Component` route, each component traced to the file it is imported from;
 * then every module each page's files import, and the operations of their documents.
 */
export function consolePages(): ConsolePage[] {
  const app = join(CONSOLE_SRC, 'App.tsx');
  const text = readFileSync(app, 'utf-8');
  const fromFile = new Map<string, string>();
  for (const m of text.matchAll(/^import\s+\{([^}]*)\}\s+from\s+'(\.[^']+)'/gm))
    for (const name of m[1].split(',').map((n) =>
      n
        .trim()
        .split(/\s+as\s+/)
        .pop()!,
    ))
      if (name && !name.startsWith('type ')) {
        const p = resolveModule(app, m[2]);
        if (p) fromFile.set(name, p);
      }
  // the lazy ones: const X = lazy(() => import('./…').then((m) => ({ default: m.X })))
  for (const m of text.matchAll(/const\s+(\w+)\s*=\s*lazy\(\(\)\s*=>\s*import\('(\.[^']+)'\)/g)) {
    const p = resolveModule(app, m[2]);
    if (p) fromFile.set(m[1], p);
  }
  const table = /const PAGE_COMPONENTS\b[^\n]*\{\n([\s\S]*?)\n\};/.exec(text);
  if (!table) throw new Error('console/src/App.tsx: no PAGE_COMPONENTS table');
  const routed: [string, string][] = [
    ...[...table[1].matchAll(/^\s*(\w+):\s*(\w+),/gm)].map((m): [string, string] => [m[1], m[2]]),
    ...[...text.matchAll(/<RequirePage\s+page="(\w+)">\s*<(\w+)/g)].map((m): [string, string] => [
      m[1],
      m[2],
    ]),
  ];
  const entries = new Map<string, Set<string>>();
  for (const [key, component] of routed) {
    const file = fromFile.get(component);
    if (!file) throw new Error(`console/src/App.tsx: page ${key}'s ${component} is imported from no file`);
    entries.set(key, (entries.get(key) ?? new Set()).add(file));
  }
  // another page's file imported for a helper (MyChecks takes departmentText from ShareCodes) is not
  // followed: what that file sends is its own page's
  const allEntries = new Set([...entries.values()].flatMap((s) => [...s]));
  return [...entries].map(([key, starts]) => {
    const files = new Set<string>();
    const queue = [...starts];
    while (queue.length) {
      const f = queue.pop()!;
      if (files.has(f)) continue;
      files.add(f);
      queue.push(...importsOf(f).filter((i) => starts.has(i) || !allEntries.has(i)));
    }
    return {
      key,
      entries: [...starts].map(rel),
      files: [...files].map(rel).sort(),
      operations: [...files].sort().flatMap(operationsIn),
    };
  });
}
