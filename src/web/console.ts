/**
 * The console and the explorer, served by the gateway itself (issue 10): the files Vite built into
 * dist/console, under /console/ (index.html for every client route) and /explorer/, with a
 * Content-Security-Policy that lets nothing load from another origin except the OIDC issuer, and a
 * per-response nonce for Ant Design's CSS-in-JS. GET /console/config.json tells the page how to sign in.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OidcSettings } from '../app/oidc';

/** What the console needs of AuthConfig.oidc (src/app/oidc.ts): published issuer and client, the CSP's origin. */
export type ConsoleOidc = Pick<OidcSettings, 'issuer' | 'clientId' | 'origin'>;

export interface PublicDemoCaller {
  readonly id: string;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly role: string;
  readonly token: string;
}

export interface ConsoleOptions {
  /** the built console (dist/console); null: not built */
  readonly dir: string | null;
  readonly production: boolean;
  /** GraphiQL at /explorer/: development by default, production only with EXPLORER=on */
  readonly explorer: boolean;
  /** AuthConfig.oidc: GATEWAY_OIDC_* as src/app/oidc.ts checked them; null without an issuer */
  readonly oidc: ConsoleOidc | null;
  /** development only: the demo callers with fresh tokens; null in production */
  readonly demoCallers: (() => Promise<PublicDemoCaller[]>) | null;
}

/**
 * EXPLORER; a bad value stops the start. The OIDC settings are not read here: they are checked once,
 * by src/app/oidc.ts (AuthConfig.oidc), and handed to consoleHandler as they are.
 */
export function consoleEnv(env: NodeJS.ProcessEnv, production: boolean): { explorer: boolean } {
  const flag = env.EXPLORER;
  if (flag !== undefined && flag !== '' && flag !== 'on' && flag !== 'off')
    throw new Error(`EXPLORER must be "on" or "off" (got "${flag.slice(0, 20)}")`);
  return { explorer: flag === 'on' || (!production && flag !== 'off') };
}

/** dist/console of the project this module is part of (src/web or dist/src/web), or null when not built. */
export function builtConsoleDir(): string | null {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) {
      const built = join(dir, 'dist', 'console');
      return existsSync(join(built, 'index.html')) ? built : null;
    }
    dir = dirname(dir);
  }
  return null;
}

const gzipAsync = promisify(gzip);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.graphql': 'text/plain; charset=utf-8',
};

/**
 * The policy of a page: the console's (a style nonce) or the explorer's (Monaco's inline styles and
 * workers); `issuerOrigin` (AuthConfig.oidc.origin) is the one other origin, in connect-src and form-action.
 */
export function contentSecurityPolicy(o: {
  nonce?: string;
  explorer?: boolean;
  issuerOrigin?: string | null;
}): string {
  const issuer = o.issuerOrigin ? ` ${o.issuerOrigin}` : '';
  const style = o.explorer ? "'self' 'unsafe-inline'" : o.nonce ? `'self' 'nonce-${o.nonce}'` : "'self'";
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src ${style}`,
    "img-src 'self' data:",
    o.explorer ? "font-src 'self' data:" : "font-src 'self'",
    `connect-src 'self'${issuer}`,
    ...(o.explorer ? ["worker-src 'self' blob:"] : []),
    `form-action 'self'${issuer}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

function securityHeaders(res: ServerResponse, csp: string) {
  res.setHeader('content-security-policy', csp);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('referrer-policy', 'no-referrer');
}

function plain(res: ServerResponse, status: number, text: string, csp: string) {
  securityHeaders(res, csp);
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/** A path under `root`, or null when it would leave it (.., encoded or not) or is not a plain name. */
export function safeJoin(root: string, relative: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((part) => part === '..' || part.startsWith('.'))) return null;
  const full = resolve(root, `.${sep}${decoded}`);
  return full === root || full.startsWith(root + sep) ? full : null;
}

/**
 * The handler for `/`, `/console…` and `/explorer…`: true when it answered, false for any other path
 * (which the gateway then answers itself).
 */
export function consoleHandler(o: ConsoleOptions) {
  const root = o.dir ? resolve(o.dir) : null;
  const issuerOrigin = o.oidc?.origin ?? null;
  const baseCsp = contentSecurityPolicy({ issuerOrigin });
  // the console's sign-in: the issuer and the client id, nothing else of the settings
  const publicOidc = o.oidc ? { issuer: o.oidc.issuer, clientId: o.oidc.clientId } : null;

  const sendPage = async (res: ServerResponse, file: string, explorer: boolean, head: boolean) => {
    if (!root || !existsSync(join(root, file)))
      return plain(res, 503, 'The console is not built: run `npm run build`.', baseCsp);
    const nonce = randomBytes(16).toString('base64');
    const html = (await readFile(join(root, file), 'utf8')).replaceAll('__CSP_NONCE__', nonce);
    securityHeaders(res, contentSecurityPolicy({ nonce, explorer, issuerOrigin }));
    res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
    res.end(head ? undefined : html);
  };

  // hashed assets never change: each is compressed once, on first request (a slow office network
  // gets ~376 kB instead of ~1.2 MB for the console)
  const gzipped = new Map<string, Promise<Buffer>>();
  const sendFile = async (
    req: IncomingMessage,
    res: ServerResponse,
    relative: string,
    head: boolean,
  ): Promise<boolean> => {
    if (!root) return false;
    const full = safeJoin(root, relative);
    if (!full || full.endsWith('.html')) return false;
    const info = await stat(full).catch(() => null);
    if (!info?.isFile()) return false;
    securityHeaders(res, baseCsp);
    // Vite's file names under assets/ carry a content hash: they never change
    const immutable = relative.startsWith('assets/');
    const type = TYPES[extname(full)] ?? 'application/octet-stream';
    const compressible = /^(text\/|application\/json|image\/svg)/.test(type) && info.size > 1024;
    const gzipOk = compressible && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    let body: Buffer | null = null;
    if (gzipOk) {
      let z = gzipped.get(full);
      if (!z) {
        z = readFile(full).then((b) => gzipAsync(b, { level: 9 }));
        gzipped.set(full, z);
      }
      body = await z;
    }
    res.writeHead(200, {
      'content-type': type,
      'content-length': body ? body.length : info.size,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(compressible ? { vary: 'accept-encoding' } : {}),
      ...(body ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(head ? undefined : (body ?? (await readFile(full))));
    return true;
  };

  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    const inConsole = pathname === '/console' || pathname.startsWith('/console/');
    const inExplorer = pathname === '/explorer' || pathname.startsWith('/explorer/');
    if (pathname !== '/' && !inConsole && !inExplorer) return false;
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.setHeader('allow', 'GET, HEAD');
      plain(res, 405, 'GET or HEAD only', baseCsp);
      return true;
    }
    if (pathname === '/' || pathname === '/console') {
      res.writeHead(302, { location: '/console/' });
      res.end();
      return true;
    }
    if (inExplorer) {
      if (!o.explorer) {
        plain(res, 404, 'not found', baseCsp);
        return true;
      }
      if (pathname === '/explorer') {
        res.writeHead(302, { location: '/explorer/' });
        res.end();
        return true;
      }
      await sendPage(res, 'explorer.html', true, head);
      return true;
    }
    if (pathname === '/console/config.json') {
      const body = {
        production: o.production,
        oidc: publicOidc,
        explorer: o.explorer,
        ...(o.demoCallers && !o.production ? { demoCallers: await o.demoCallers() } : {}),
      };
      securityHeaders(res, baseCsp);
      res.writeHead(200, { 'content-type': TYPES['.json'], 'cache-control': 'no-store' });
      res.end(head ? undefined : JSON.stringify(body));
      return true;
    }
    const relative = pathname.slice('/console/'.length);
    if (relative !== '' && (await sendFile(req, res, relative, head))) return true;
    // a missing hashed asset (or a dotfile, or a file name) is a 404, not the page shell; every
    // other path is a client route
    if (relative.startsWith('assets/') || extname(relative) !== '' || /(^|\/)\./.test(relative)) {
      plain(res, 404, 'not found', baseCsp);
      return true;
    }
    await sendPage(res, 'index.html', false, head);
    return true;
  };
}
