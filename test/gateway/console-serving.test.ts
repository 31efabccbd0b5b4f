/**
 * The gateway serves the built console itself (issue 10): /console/ and its client routes get the
 * page shell with a per-response style nonce in its CSP, hashed assets a long cache and their content
 * type, nothing outside dist/console is reachable, /console/config.json offers demo callers only
 * outside production, and the explorer answers in production only with EXPLORER=on.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENV, TEST_SECRET, signingKeyFile, startGateway, type TestGateway } from '../support/gateway';
import { safeJoin } from '../../src/web/console';

/** A stand-in for Vite's output: the two pages with the nonce placeholder, one hashed asset. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gw-console-'));
  mkdirSync(join(dir, 'assets'));
  const page = (title: string) =>
    `<!doctype html><html><head><meta name="csp-nonce" content="__CSP_NONCE__"><title>${title}</title></head><body></body></html>`;
  writeFileSync(join(dir, 'index.html'), page('console'));
  writeFileSync(join(dir, 'explorer.html'), page('explorer'));
  writeFileSync(join(dir, 'assets', 'index-AbC123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'assets', 'index-AbC123.css'), 'body{}');
  writeFileSync(join(dir, 'assets', 'big-AbC123.js'), `// ${'洛阳市居住证 '.repeat(2000)}\n`);
  // beside the build: must never be served
  writeFileSync(join(dir, '..', 'secret-beside-console.txt'), 'secret');
  return dir;
}

const raw = async (base: string, path: string, init?: RequestInit) => {
  const res = await fetch(`${base}${path}`, { redirect: 'manual', ...init });
  return { status: res.status, headers: res.headers, text: await res.text() };
};

describe('the console served in development', () => {
  let g: TestGateway;
  let base: string;
  beforeAll(async () => {
    g = await startGateway('sqlite', {
      consoleDir: fakeBuild(),
      env: {
        ...TEST_ENV,
        GATEWAY_OIDC_ISSUER: 'https://sso.example.gov.cn/realms/ly',
        GATEWAY_OIDC_CLIENT_ID: 'console',
      },
    });
    base = new URL(g.url).origin;
  });
  afterAll(async () => {
    await g?.stop();
  });

  it('/ and /console redirect to /console/', async () => {
    for (const p of ['/', '/console']) {
      const r = await raw(base, p);
      expect(r.status).toBe(302);
      expect(r.headers.get('location')).toBe('/console/');
    }
  });

  it.each(['/console/', '/console/check', '/console/decisions/more'])(
    '%s: the page shell, a fresh nonce',
    async (p) => {
      const a = await raw(base, p);
      const b = await raw(base, p);
      expect(a.status).toBe(200);
      expect(a.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(a.headers.get('cache-control')).toBe('no-store');
      const csp = a.headers.get('content-security-policy')!;
      const nonce = /'nonce-([^']+)'/.exec(csp)![1];
      expect(a.text).toContain(`content="${nonce}"`);
      expect(a.text).not.toContain('__CSP_NONCE__');
      expect(b.headers.get('content-security-policy')).not.toContain(nonce);
      expect(csp.split('; ')).toEqual([
        "default-src 'self'",
        "script-src 'self'",
        `style-src 'self' 'nonce-${nonce}'`,
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self' https://sso.example.gov.cn",
        "form-action 'self' https://sso.example.gov.cn",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
      ]);
      expect(a.headers.get('x-frame-options')).toBe('DENY');
      expect(a.headers.get('x-content-type-options')).toBe('nosniff');
    },
  );

  it('hashed assets: their content type and a year-long immutable cache', async () => {
    const js = await raw(base, '/console/assets/index-AbC123.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.text).toBe('console.log(1)');
    const css = await raw(base, '/console/assets/index-AbC123.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await raw(base, '/console/assets/missing-XyZ.js')).status).toBe(404);
  });

  it('a large asset is sent gzip-compressed to a browser that accepts it, as is otherwise', async () => {
    const { request } = await import('node:http');
    const { gunzipSync } = await import('node:zlib');
    const get = (encoding: string | null) =>
      new Promise<{ headers: Record<string, any>; body: Buffer }>((resolveGet, reject) => {
        const r = request(
          `${base}/console/assets/big-AbC123.js`,
          { headers: encoding ? { 'accept-encoding': encoding } : {} },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolveGet({ headers: res.headers, body: Buffer.concat(chunks) }));
          },
        );
        r.on('error', reject);
        r.end();
      });
    const plainOne = await get(null);
    expect(plainOne.headers['content-encoding']).toBeUndefined();
    const zipped = await get('gzip, deflate, br');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
    expect(zipped.body.length).toBeLessThan(plainOne.body.length / 10);
    expect(gunzipSync(zipped.body).equals(plainOne.body)).toBe(true);
  });

  it.each([
    '/console/../secret-beside-console.txt',
    '/console/%2e%2e/secret-beside-console.txt',
    '/console/assets/%2e%2e/%2e%2e/secret-beside-console.txt',
    '/console/assets/..%2f..%2fsecret-beside-console.txt',
    '/console/assets/%5c..%5csecret-beside-console.txt',
    '/console/%00index.html',
    '/console/.env',
  ])('no directory traversal: %s', async (p) => {
    const r = await raw(base, p);
    expect(r.text).not.toContain('secret');
    expect([302, 404]).toContain(r.status);
  });

  it('safeJoin keeps every path inside the folder', () => {
    expect(safeJoin('/srv/c', 'assets/a.js')).toBe('/srv/c/assets/a.js');
    for (const bad of [
      '../x',
      'a/../../x',
      '%2e%2e/x',
      '..%2fx',
      'a\\..\\x',
      '%00',
      '.git/config',
      '%E0%A4%A',
    ])
      expect(safeJoin('/srv/c', bad)).toBeNull();
  });

  it('GET and HEAD only', async () => {
    const r = await raw(base, '/console/', { method: 'POST', body: 'x' });
    expect(r.status).toBe(405);
    const h = await fetch(`${base}/console/check`, { method: 'HEAD' });
    expect(h.status).toBe(200);
    expect(h.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('config: OIDC issuer and client, explorer on, demo callers with tokens the gateway accepts', async () => {
    const r = await raw(base, '/console/config.json');
    expect(r.headers.get('cache-control')).toBe('no-store');
    const c = JSON.parse(r.text);
    expect(c.production).toBe(false);
    expect(c.explorer).toBe(true);
    expect(c.oidc).toEqual({ issuer: 'https://sso.example.gov.cn/realms/ly', clientId: 'console' });
    const school = c.demoCallers.find((d: any) => d.id === 'school-jianxi');
    expect(school).toMatchObject({ role: 'DEPARTMENT', labelZh: '学校（涧西区教育局）' });
    const answer = await g.gql('{ entitlements { code } }', {}, school.token);
    expect(answer.body.errors).toBeUndefined();
  });

  it('the explorer at /explorer/: unsafe-inline styles there only, Monaco workers from self', async () => {
    expect((await raw(base, '/explorer')).headers.get('location')).toBe('/explorer/');
    const r = await raw(base, '/explorer/');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<title>explorer</title>');
    const csp = r.headers.get('content-security-policy')!;
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("worker-src 'self' blob:");
    expect(csp).toContain("script-src 'self';");
  });

  it('no Apollo landing page: GET /graphql with Accept text/html serves no page from a CDN', async () => {
    const r = await raw(base, '/graphql', { headers: { accept: 'text/html' } });
    expect(r.text).not.toContain('apollographql.com');
    expect(r.text).not.toContain('<html');
  });
});

describe.each([
  ['off by default', {}, 404],
  ['EXPLORER=on', { EXPLORER: 'on' }, 200],
] as const)('production, explorer %s', (_name, extra, explorerStatus) => {
  let g: TestGateway;
  let base: string;
  beforeAll(async () => {
    g = await startGateway('sqlite', {
      consoleDir: fakeBuild(),
      env: {
        NODE_ENV: 'production',
        GATEWAY_JWT_SECRET: TEST_SECRET,
        GATEWAY_SIGNING_KEY_FILE: signingKeyFile(),
        ...extra,
      },
    });
    base = new URL(g.url).origin;
  });
  afterAll(async () => {
    await g?.stop();
  });

  it('serves the console; no demo callers in its config', async () => {
    expect((await raw(base, '/console/check')).status).toBe(200);
    const c = JSON.parse((await raw(base, '/console/config.json')).text);
    expect(c).toEqual({ production: true, oidc: null, explorer: explorerStatus === 200 });
    expect(JSON.stringify(c)).not.toContain('demo');
  });

  it(`/explorer/ answers ${explorerStatus}`, async () => {
    const r = await raw(base, '/explorer/');
    expect(r.status).toBe(explorerStatus);
    if (explorerStatus === 404) expect(r.text).not.toMatch(/graphiql|explorer/i);
  });
});

describe('not built', () => {
  it('/console/ says how to build it', async () => {
    const g = await startGateway('sqlite', { consoleDir: null });
    try {
      const r = await raw(new URL(g.url).origin, '/console/');
      expect(r.status).toBe(503);
      expect(r.text).toContain('npm run build');
    } finally {
      await g.stop();
    }
  });
});

describe('one set of OIDC rules: the console publishes the settings the gateway verifies with', () => {
  it('padded values: config.json and the CSP carry them as src/app/oidc.ts read them', async () => {
    const env = {
      ...TEST_ENV,
      GATEWAY_OIDC_ISSUER: '  https://sso.example.gov.cn:8443/realms/ly \n',
      GATEWAY_OIDC_CLIENT_ID: ' console ',
    };
    const g = await startGateway('sqlite', { consoleDir: fakeBuild(), env });
    try {
      const base = new URL(g.url).origin;
      expect(g.gateway.auth.oidc).toMatchObject({
        issuer: 'https://sso.example.gov.cn:8443/realms/ly',
        clientId: 'console',
      });
      const c = JSON.parse((await raw(base, '/console/config.json')).text);
      // exactly the issuer and client the gateway checks tokens against (nothing else of the settings)
      expect(c.oidc).toEqual({
        issuer: g.gateway.auth.oidc!.issuer,
        clientId: g.gateway.auth.oidc!.clientId,
      });
      const csp = (await raw(base, '/console/')).headers.get('content-security-policy')!;
      expect(csp).toContain("connect-src 'self' https://sso.example.gov.cn:8443;");
      expect(csp).toContain("form-action 'self' https://sso.example.gov.cn:8443;");
    } finally {
      await g.stop();
    }
  });
});

describe('bad console settings stop the start', () => {
  it.each([
    [{ EXPLORER: 'yes' }, /EXPLORER must be "on" or "off"/],
    [
      { GATEWAY_OIDC_ISSUER: 'not a url', GATEWAY_OIDC_CLIENT_ID: 'c' },
      /GATEWAY_OIDC_ISSUER must be an absolute URL/,
    ],
    [{ GATEWAY_OIDC_ISSUER: 'https://sso.example.gov.cn' }, /GATEWAY_OIDC_CLIENT_ID is required/],
    [
      { GATEWAY_OIDC_ISSUER: 'https://sso.example.gov.cn', GATEWAY_OIDC_CLIENT_ID: '  ' },
      /GATEWAY_OIDC_CLIENT_ID is required/,
    ],
    [
      { GATEWAY_OIDC_ISSUER: 'https://sso.example.gov.cn/?realm=ly', GATEWAY_OIDC_CLIENT_ID: 'c' },
      /GATEWAY_OIDC_ISSUER has no query or fragment/,
    ],
  ])('%o', async (extra, message) => {
    await expect(
      startGateway('sqlite', { consoleDir: null, env: { ...TEST_ENV, ...extra } }),
    ).rejects.toThrow(message);
  });
});
