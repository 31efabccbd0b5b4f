/**
 * The console's OpenID Connect client (browser): authorization code with PKCE (S256) and `state`
 * against the issuer the gateway publishes in /console/config.json, through `oauth4webapi`.
 *
 * - beginOidcSignIn: discovery, a fresh PKCE verifier and state kept in sessionStorage (never
 *   localStorage), then the browser goes to the issuer's authorization endpoint.
 * - finishOidcSignIn: on /console/callback, checks the state (and the issuer's `iss` answer),
 *   exchanges the code with the verifier, clears what beginOidcSignIn kept, and returns the access
 *   token (a JWT for the gateway) and when it expires. Null when the page is not a callback.
 * - oidcSignOutUrl: the issuer's end_session_endpoint (RP-initiated logout), when it has one.
 *
 * Every failure is an OidcSignInError whose message is Chinese, then English. The browser's
 * WebCrypto (PKCE's SHA-256) exists only on a secure origin: production runs behind TLS; plain
 * http is accepted only for an issuer on a loopback host (tests, a developer's machine).
 *
 * Browser globals are reached through `globalThis` with the few members used, so that this file
 * also runs in the Node tests (with a sessionStorage and a location of theirs) against the real
 * local provider.
 */
import * as oauth from 'oauth4webapi';

export interface OidcClientConfig {
  /** GATEWAY_OIDC_ISSUER, exactly */
  issuer: string;
  /** GATEWAY_OIDC_CLIENT_ID: a public client (no secret) registered with this redirect URI */
  clientId: string;
  /** `<origin>/console/callback` */
  redirectUri: string;
  /** where the issuer sends the browser after sign-out (registered with it), e.g. `<origin>/console/` */
  postLogoutRedirectUri?: string;
  /** the OAuth scope asked for (default `openid`); the gateway never reads it as entitlements */
  scope?: string;
}

export interface OidcSignInResult {
  /** the issuer's access token (a JWT), sent to the gateway as `Authorization: Bearer …` */
  accessToken: string;
  /** epoch milliseconds */
  expiresAt: number;
  /** for oidcSignOutUrl's id_token_hint, when the issuer gave one */
  idToken?: string;
}

/** A sign-in failure, readable: `messageZh (messageEn)`. */
export class OidcSignInError extends Error {
  constructor(
    readonly messageZh: string,
    readonly messageEn: string,
    options?: { cause?: unknown },
  ) {
    super(`${messageZh}（${messageEn}）`, options);
    this.name = 'OidcSignInError';
  }
}

interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}
interface BrowserGlobals {
  sessionStorage: KeyValueStore;
  location: { href: string; assign(url: string): void };
  isSecureContext?: boolean;
  crypto?: { subtle?: unknown };
}
const browser = () => globalThis as unknown as BrowserGlobals;

/** What beginOidcSignIn keeps for the callback (sessionStorage: this tab only, gone when it closes). */
export const PENDING_KEY = 'luoyang.console.oidc.pending';

interface Pending {
  issuer: string;
  clientId: string;
  redirectUri: string;
  state: string;
  verifier: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function requestOptions(issuer: URL): { [oauth.allowInsecureRequests]?: boolean } {
  return issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname)
    ? { [oauth.allowInsecureRequests]: true }
    : {};
}

function issuerUrl(cfg: OidcClientConfig): URL {
  try {
    return new URL(cfg.issuer);
  } catch (e) {
    throw new OidcSignInError('统一身份认证服务地址配置有误', `the issuer "${cfg.issuer}" is not a URL`, {
      cause: e,
    });
  }
}

const discovered = new Map<string, Promise<oauth.AuthorizationServer>>();

/** The issuer's metadata, fetched once per page (a failure is forgotten, so a retry fetches again). */
function discover(cfg: OidcClientConfig): Promise<oauth.AuthorizationServer> {
  const cached = discovered.get(cfg.issuer);
  if (cached) return cached;
  const url = issuerUrl(cfg);
  const p = (async () => {
    try {
      const res = await oauth.discoveryRequest(url, { ...requestOptions(url), algorithm: 'oidc' });
      return await oauth.processDiscoveryResponse(url, res);
    } catch (e) {
      throw new OidcSignInError(
        '无法连接统一身份认证服务，请稍后重试或联系管理员',
        `the sign-in service at ${cfg.issuer} cannot be reached or answered unexpectedly`,
        { cause: e },
      );
    }
  })();
  discovered.set(cfg.issuer, p);
  p.catch(() => discovered.delete(cfg.issuer));
  return p;
}

function requireSecureCrypto(): void {
  const g = browser();
  if (g.isSecureContext === false || !g.crypto?.subtle)
    throw new OidcSignInError(
      '浏览器只在安全连接（HTTPS）下支持此登录方式，请通过 https:// 地址访问本系统',
      'sign-in needs a secure origin (HTTPS): the browser offers no WebCrypto here',
    );
}

/** Starts the sign-in: the browser leaves for the issuer's authorization endpoint. */
export async function beginOidcSignIn(cfg: OidcClientConfig): Promise<void> {
  requireSecureCrypto();
  const as = await discover(cfg);
  if (!as.authorization_endpoint)
    throw new OidcSignInError(
      '统一身份认证服务缺少授权端点',
      'the issuer publishes no authorization_endpoint',
    );
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const challenge = await oauth.calculatePKCECodeChallenge(verifier);
  const pending: Pending = {
    issuer: cfg.issuer,
    clientId: cfg.clientId,
    redirectUri: cfg.redirectUri,
    state,
    verifier,
  };
  browser().sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', cfg.clientId);
  url.searchParams.set('redirect_uri', cfg.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', cfg.scope ?? 'openid');
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  browser().location.assign(url.href);
}

const stale = (cause?: unknown) =>
  new OidcSignInError(
    '登录请求已失效或与本页面不符，请重新登录',
    'this sign-in answer does not match a sign-in started in this tab; sign in again',
    { cause },
  );

function takePending(): Pending | null {
  const store = browser().sessionStorage;
  const raw = store.getItem(PENDING_KEY);
  store.removeItem(PENDING_KEY);
  if (!raw) return null;
  try {
    const p = JSON.parse(raw) as Partial<Pending>;
    return typeof p.state === 'string' && typeof p.verifier === 'string' ? (p as Pending) : null;
  } catch {
    return null;
  }
}

/** The `exp` of a JWT in epoch ms, or null. */
function jwtExpiry(token: string): number | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
    const exp = (JSON.parse(new TextDecoder().decode(bytes)) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

async function finish(cfg: OidcClientConfig, here: URL): Promise<OidcSignInResult> {
  const pending = takePending();
  if (
    !pending ||
    pending.issuer !== cfg.issuer ||
    pending.clientId !== cfg.clientId ||
    pending.redirectUri !== cfg.redirectUri
  )
    throw stale();
  const as = await discover(cfg);
  const client: oauth.Client = { client_id: cfg.clientId };
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, client, here, pending.state);
  } catch (e) {
    if (e instanceof oauth.AuthorizationResponseError) {
      const why = e.error_description ? `${e.error}: ${e.error_description}` : e.error;
      throw new OidcSignInError(
        e.error === 'access_denied' ? '登录已取消或被拒绝' : '统一身份认证服务未完成登录',
        `the sign-in service answered ${why}`,
        { cause: e },
      );
    }
    throw stale(e);
  }
  let result: oauth.TokenEndpointResponse;
  try {
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.None(),
      params,
      cfg.redirectUri,
      pending.verifier,
      requestOptions(issuerUrl(cfg)),
    );
    result = await oauth.processAuthorizationCodeResponse(as, client, response);
  } catch (e) {
    const why =
      e instanceof oauth.ResponseBodyError
        ? `${e.error}${e.error_description ? `: ${e.error_description}` : ''}`
        : String(e);
    throw new OidcSignInError(
      '登录凭证兑换失败，请重新登录',
      `the code could not be exchanged for a token (${why})`,
      {
        cause: e,
      },
    );
  }
  const accessToken = result.access_token;
  const exp = jwtExpiry(accessToken);
  if (exp === null)
    throw new OidcSignInError(
      '统一身份认证服务签发的访问令牌不是本系统可用的 JWT，请联系管理员',
      'the access token is not a JWT with an expiry (the issuer must issue JWT access tokens for the gateway)',
    );
  const expiresAt =
    typeof result.expires_in === 'number' ? Math.min(exp, Date.now() + result.expires_in * 1000) : exp;
  return { accessToken, expiresAt, ...(result.id_token ? { idToken: result.id_token } : {}) };
}

let finishing: { href: string; result: Promise<OidcSignInResult> } | null = null;

/**
 * On the redirect URI: the token, or null when this page is no callback (no `code` or `error`).
 * Called twice for the same answer (a re-render), it returns the same promise: a code is used once.
 */
export function finishOidcSignIn(cfg: OidcClientConfig): Promise<OidcSignInResult | null> {
  const here = new URL(browser().location.href);
  const expected = new URL(cfg.redirectUri);
  const isCallback =
    here.origin === expected.origin &&
    here.pathname === expected.pathname &&
    (here.searchParams.has('code') || here.searchParams.has('error'));
  if (!isCallback) return Promise.resolve(null);
  if (finishing?.href !== here.href) finishing = { href: here.href, result: finish(cfg, here) };
  return finishing.result;
}

/**
 * The issuer's sign-out address (RP-initiated logout) with the client id, the ID token as a hint
 * and cfg.postLogoutRedirectUri, or null when the issuer has no end_session_endpoint. The console
 * forgets its token first in any case.
 */
export async function oidcSignOutUrl(cfg: OidcClientConfig, idToken?: string): Promise<string | null> {
  const as = await discover(cfg);
  if (!as.end_session_endpoint) return null;
  const url = new URL(as.end_session_endpoint);
  url.searchParams.set('client_id', cfg.clientId);
  if (idToken) url.searchParams.set('id_token_hint', idToken);
  if (cfg.postLogoutRedirectUri) url.searchParams.set('post_logout_redirect_uri', cfg.postLogoutRedirectUri);
  return url.href;
}
