/**
 * A real OpenID Connect provider for the tests: `oidc-provider` 8.8.1 in-process on 127.0.0.1 (a
 * random port unless given), issuer `http://127.0.0.1:<port>`, with one public client
 * (`token_endpoint_auth_method: 'none'`, authorization code + PKCE S256 only) and JWT access
 * tokens (RFC 9068, `typ: at+jwt`, RS256 with a key made for this provider) for the gateway's
 * resource `GATEWAY_RESOURCE`, whose `aud` is the client id (or `audience`). The gateway's claims
 * (role, region, department, entitlements, citizenIdNumber) go into the access token from the
 * account table (`extraTokenClaims`).
 *
 * Sign-in is oidc-provider's built-in development interaction ("devInteractions"), which a
 * browser test can drive:
 * - the login page (`/interaction/<uid>`, title "Sign-in") has one form, posting to the same
 *   `/interaction/<uid>`, with `input[name="login"]` (any login name: it becomes the account id, so
 *   `school`, `housing`, `psb`... pick an entry of `accounts`), `input[name="password"]` (anything,
 *   not checked), a hidden `prompt=login`, and `button[type="submit"]` ("Sign-in");
 * - then the consent page (`/interaction/<new uid>`, title "Authorize"): a form with a hidden
 *   `prompt=consent` and `button[type="submit"]` ("Continue"); an "abort" link
 *   (`/interaction/<uid>/abort`) sends the browser back with `error=access_denied`;
 * - then a redirect to the client's redirect URI with `code`, `state` and `iss`;
 * - sign-out (oidcSignOutUrl → `/session/end?...`): a page with `button[name="logout"]` ("Yes, sign
 *   me out"), then a redirect to the post-logout redirect URI (register it: `postLogoutRedirectUris`).
 * A login name not in `accounts` signs in as an account without gateway claims (the gateway then
 * refuses the token: no role).
 *
 * In Playwright (tried in Debian's Chromium with console/src/auth/oidc.ts under the console's CSP):
 * `await page.waitForURL(`${idp.issuer}/interaction/**`)`, `page.fill('input[name="login"]',
 * 'school')`, `page.fill('input[name="password"]', 'x')`, `page.click('button[type="submit"]')`;
 * then `page.waitForSelector('input[name="prompt"][value="consent"]', { state: 'attached' })` and
 * `page.click('button[type="submit"]')`; then `page.waitForURL(`${consoleOrigin}/console/callback**`)`.
 * The redirect URI must be known when the provider starts: take the gateway's port first
 * (`freePort()`), start the provider with `redirectUris: [`${consoleOrigin}/console/callback`]` (that
 * origin is then also allowed by CORS at the token endpoint, which the page calls), then the gateway
 * on that port with `env: { ...TEST_ENV, ...idp.env }`. Requests to `idp.issuer` are the one other
 * origin the pages may reach.
 *
 * Node tests get a token without a browser through `provider.signIn(login)`: the same authorize
 * → login form → consent → callback steps driven with fetch and a cookie jar, and the code
 * exchanged with `oauth4webapi` as the client would.
 */
import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import * as oauth from 'oauth4webapi';
import Provider from 'oidc-provider';
import { composeCitizenId } from '../../src/law';
import { CALLERS } from './gateway';

/** The gateway's claims for one login name. */
export interface OidcAccount {
  role: string;
  region?: string;
  department?: string;
  /** space-separated entitlement codes */
  entitlements?: string;
  citizenIdNumber?: string;
  /** access-token lifetime in seconds (default 600) */
  accessTokenTtl?: number;
}

/** The resource indicator of the gateway at the provider (the default resource of every request). */
export const GATEWAY_RESOURCE = 'urn:luoyang:residence-permit-gateway';

/** The redirect URI the node-side sign-in uses (registered on the client besides the ones given). */
export const NODE_REDIRECT_URI = 'http://127.0.0.1/oidc-test/callback';

/** Entitlement codes a client may ask for as OAuth scopes (to show they are not read as entitlements). */
const SCOPE_CODES = [
  'CHILD_EDUCATION_AND_ZHONGKAO',
  'PUBLIC_RENTAL_HOUSING',
  'TRANSIT_CONCESSIONS_AND_TOURISM_PASS',
];

/** Test accounts named after CALLERS, their `scope` as the `entitlements` claim. */
export const OIDC_ACCOUNTS = {
  school: { ...claimsOf(CALLERS.school), entitlements: CALLERS.school.scope },
  housing: { ...claimsOf(CALLERS.housing), entitlements: CALLERS.housing.scope },
  transit: { ...claimsOf(CALLERS.transitLaocheng), entitlements: CALLERS.transitLaocheng.scope },
  psb: claimsOf(CALLERS.psCity),
  agency: claimsOf(CALLERS.agencyLaocheng),
  /** a permit holder (no region; the ID number is checked by the gateway) */
  holder: { role: 'HOLDER', citizenIdNumber: composeCitizenId('411302', '19900101', 123) },
  /** the school with no entitlements claim (ask for the codes as OAuth scope instead) */
  'school-no-entitlements': claimsOf(CALLERS.school),
  /** the school whose access tokens live one second */
  'school-short-lived': {
    ...claimsOf(CALLERS.school),
    entitlements: CALLERS.school.scope,
    accessTokenTtl: 1,
  },
} satisfies Record<string, OidcAccount>;

function claimsOf(c: { role: string; region?: string; department?: string }): OidcAccount {
  return {
    role: c.role,
    ...(c.region ? { region: c.region } : {}),
    ...(c.department ? { department: c.department } : {}),
  };
}

export interface OidcProviderOptions {
  port?: number;
  clientId: string;
  /** the console's `<origin>/console/callback`, for a browser test; NODE_REDIRECT_URI is always added */
  redirectUris?: string[];
  postLogoutRedirectUris?: string[];
  accounts?: Record<string, OidcAccount>;
  /** the `aud` of the gateway's access tokens (default: the client id) */
  audience?: string;
  /** the signing keys (private JWKs); default: a fresh RS256 key. Share them to make a second issuer with the same keys */
  keys?: JWK[];
}

export interface SignInOptions {
  /** an OAuth scope (default `openid`) */
  scope?: string;
  /** a resource indicator other than the gateway's (its tokens get that as `aud`) */
  resource?: string;
}

export interface OidcTokens {
  accessToken: string;
  idToken: string | undefined;
  expiresIn: number | undefined;
  scope: string | undefined;
}

export interface TestOidcProvider {
  /** `http://127.0.0.1:<port>` (no trailing slash), as GATEWAY_OIDC_ISSUER */
  readonly issuer: string;
  readonly clientId: string;
  readonly keys: JWK[];
  /** the env a gateway needs to trust this provider */
  readonly env: { GATEWAY_OIDC_ISSUER: string; GATEWAY_OIDC_CLIENT_ID: string };
  /** signs in as `login` through the real authorization code + PKCE flow, without a browser */
  signIn(login: string, o?: SignInOptions): Promise<OidcTokens>;
  stop(): Promise<void>;
}

export async function startOidcProvider(o: OidcProviderOptions): Promise<TestOidcProvider> {
  const accounts: Record<string, OidcAccount> = o.accounts ?? OIDC_ACCOUNTS;
  const audience = o.audience ?? o.clientId;
  const keys = o.keys ?? [await freshSigningKey()];
  let handler: RequestListener | null = null;
  const server: Server = createServer((req, res) => {
    if (handler) handler(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const redirectUris = [...(o.redirectUris ?? []), NODE_REDIRECT_URI];
  const allowedOrigins = new Set(redirectUris.map((u) => new URL(u).origin));

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: o.clientId,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: redirectUris,
        post_logout_redirect_uris: o.postLogoutRedirectUris ?? [],
      },
    ],
    jwks: { keys },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { methods: ['S256'], required: () => true },
    scopes: ['openid', ...SCOPE_CODES],
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => GATEWAY_RESOURCE,
        // the console asks only for `openid`; its access token is the gateway's, not userinfo's
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, indicator: string) => ({
          scope: SCOPE_CODES.join(' '),
          audience: indicator === GATEWAY_RESOURCE ? audience : indicator,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    // the console (a page on another origin) calls the token endpoint from the browser
    clientBasedCORS: (_ctx: unknown, origin: string) => allowedOrigins.has(origin),
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub }) }),
    extraTokenClaims: (_ctx: unknown, token: { kind: string; accountId?: string }) => {
      if (token.kind !== 'AccessToken' || !token.accountId) return undefined;
      const { accessTokenTtl: _ttl, ...claims } = accounts[token.accountId] ?? {};
      return claims;
    },
    ttl: {
      AccessToken: (_ctx: unknown, token: { accountId?: string }) =>
        (token.accountId && accounts[token.accountId]?.accessTokenTtl) || 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
  });
  const callback = provider.callback();
  handler = (req, res) => {
    offlinePage(res);
    callback(req, res);
  };

  return {
    issuer,
    clientId: o.clientId,
    keys,
    env: { GATEWAY_OIDC_ISSUER: issuer, GATEWAY_OIDC_CLIENT_ID: o.clientId },
    signIn: (login, so = {}) => signInWithoutBrowser(issuer, o.clientId, login, so),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const WEB_FONT = /@import url\(https:\/\/fonts\.googleapis\.com[^)]*\);/;

/**
 * oidc-provider's pages (devInteractions' sign-in and consent, errors, sign-out) import a web font
 * from fonts.googleapis.com: blank it (same byte length, so Content-Length still holds) so they
 * fetch nothing from another origin, as the offline network and the browser test's check want.
 */
function offlinePage(res: ServerResponse): void {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : null;
    if (text !== null && WEB_FONT.test(text)) {
      const blanked = text.replace(WEB_FONT, (m) => ' '.repeat(m.length));
      return end(typeof chunk === 'string' ? blanked : Buffer.from(blanked, 'utf8'), ...rest);
    }
    return end(chunk, ...rest);
  }) as ServerResponse['end'];
}

/** A fresh RS256 signing key as a private JWK with a kid. */
export async function freshSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
}

const insecure = { [oauth.allowInsecureRequests]: true };

/** authorize → login form → consent form → callback → token, with fetch, a cookie jar and oauth4webapi. */
async function signInWithoutBrowser(
  issuer: string,
  clientId: string,
  login: string,
  o: SignInOptions,
): Promise<OidcTokens> {
  const issuerUrl = new URL(issuer);
  const as = await oauth.processDiscoveryResponse(
    issuerUrl,
    await oauth.discoveryRequest(issuerUrl, insecure),
  );
  const client: oauth.Client = { client_id: clientId };
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const authorize = new URL(as.authorization_endpoint!);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: NODE_REDIRECT_URI,
    response_type: 'code',
    scope: o.scope ?? 'openid',
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...(o.resource ? { resource: o.resource } : {}),
  }).toString();
  const callback = await driveSignIn(authorize.href, login, [NODE_REDIRECT_URI]);
  const params = oauth.validateAuthResponse(as, client, new URL(callback), state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.None(),
    params,
    NODE_REDIRECT_URI,
    verifier,
    insecure,
  );
  const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
  return {
    accessToken: tokens.access_token,
    idToken: tokens.id_token,
    expiresIn: tokens.expires_in,
    scope: tokens.scope,
  };
}

/**
 * What a person does in the browser, with fetch and a cookie jar: from the authorization URL
 * through the login form (as `login`) and the consent form, to the redirect back to one of
 * `redirectUris`, whose full URL (with code, state, iss) is returned.
 */
export async function driveSignIn(
  authorizeUrl: string,
  login: string,
  redirectUris: string[],
  /** the HTML of each page on the way (login, consent), when given */
  pages: string[] = [],
): Promise<string> {
  const jar = new Map<string, string>();
  const send = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };

  let url = authorizeUrl;
  let res = await send(url);
  for (let step = 0; step < 12; step += 1) {
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location')!, url).href;
      if (redirectUris.some((r) => url.startsWith(r))) return url;
      res = await send(url);
      continue;
    }
    const html = await res.text();
    pages.push(html);
    if (res.status !== 200)
      throw new Error(`the provider answered ${res.status} at ${url}: ${html.slice(0, 300)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([a-z]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`no interaction form at ${url}: ${html.slice(0, 300)}`);
    const form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
    res = await send(new URL(action.replace(/&amp;/g, '&'), url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
  }
  throw new Error('the sign-in did not reach a redirect URI in 12 steps');
}
