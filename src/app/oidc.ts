/**
 * OpenID Connect discovery for the gateway as a resource server: GATEWAY_OIDC_ISSUER names the
 * issuer, whose `/.well-known/openid-configuration` gives the `jwks_uri` its access tokens are
 * verified with. Discovery is lazy and never blocks the start: the first token (or the warm-up the
 * server starts without awaiting it) fetches the document, bounded by a timeout; a failure is
 * remembered for a short cooldown, then the next token tries again. So a start while the issuer is
 * down neither hangs nor crashes: tokens from the issuer are refused (SERVICE_UNAVAILABLE, saying
 * why) until it answers, and HS256 service tokens keep working meanwhile.
 */
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

/** What the console needs (published by /console/config.json) and what the verifier checks. */
export interface OidcSettings {
  /** as configured; the discovery document's `issuer` must be the same URL (OIDC Discovery 4.3) */
  readonly issuer: string;
  /** the console's public client (authorization code + PKCE) */
  readonly clientId: string;
  /** the `aud` an access token must carry: GATEWAY_OIDC_AUDIENCE, else the client id */
  readonly audience: string;
  /** the issuer's origin, for the console's CSP (connect-src, form-action) */
  readonly origin: string;
}

export interface OidcKeys {
  /** the discovery document's `issuer`, exactly: the only accepted `iss` */
  readonly issuer: string;
  readonly jwks: JWTVerifyGetKey;
  /** the asymmetric algorithms the issuer offers; never HS* or none */
  readonly algorithms: string[];
}

export interface OidcIssuer extends OidcSettings {
  /** the issuer's keys, discovering them first when needed; rejects with a readable Error */
  keys(): Promise<OidcKeys>;
}

/** JWS algorithms with a public verification key (what a resource server can check alone). */
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
] as const;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The settings from the environment, checked; null without GATEWAY_OIDC_ISSUER. */
export function oidcSettings(env: NodeJS.ProcessEnv, production: boolean): OidcSettings | null {
  const issuer = env.GATEWAY_OIDC_ISSUER?.trim();
  if (!issuer) return null;
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error(`GATEWAY_OIDC_ISSUER must be an absolute URL (got "${issuer}")`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (!production || LOOPBACK.has(url.hostname))))
    throw new Error(
      'GATEWAY_OIDC_ISSUER must be an https:// URL in production (http:// only on a loopback host)',
    );
  if (url.search || url.hash) throw new Error('GATEWAY_OIDC_ISSUER has no query or fragment');
  const clientId = env.GATEWAY_OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new Error('GATEWAY_OIDC_CLIENT_ID is required with GATEWAY_OIDC_ISSUER');
  const audience = env.GATEWAY_OIDC_AUDIENCE?.trim() || clientId;
  return { issuer, clientId, audience, origin: url.origin };
}

export interface DiscoveryOptions {
  /** each discovery attempt gives up after this long */
  timeoutMs?: number;
  /** after a failed attempt, tokens are refused at once for this long before the next attempt */
  retryAfterMs?: number;
  fetch?: typeof fetch;
}

/** The same issuer identifier, up to URL normalisation (`https://idp` and `https://idp/`). */
export function sameIssuer(a: unknown, b: string): boolean {
  if (typeof a !== 'string') return false;
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
}

/** The discovery document's URL: the issuer without a trailing slash, + /.well-known/openid-configuration. */
export function discoveryUrl(issuer: string): URL {
  return new URL(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
}

export function oidcIssuer(settings: OidcSettings, o: DiscoveryOptions = {}): OidcIssuer {
  const timeoutMs = o.timeoutMs ?? 5000;
  const retryAfterMs = o.retryAfterMs ?? 5000;
  const doFetch = o.fetch ?? fetch;
  let found: OidcKeys | null = null;
  let inFlight: Promise<OidcKeys> | null = null;
  let failed: { at: number; error: Error } | null = null;

  async function discover(): Promise<OidcKeys> {
    const url = discoveryUrl(settings.issuer);
    let doc: Record<string, unknown>;
    try {
      const res = await doFetch(url, {
        headers: { accept: 'application/json' },
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      doc = (await res.json()) as Record<string, unknown>;
    } catch (e) {
      const why =
        e instanceof Error && e.name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : String(e);
      throw new Error(`the OpenID Connect discovery document ${url.href} could not be read (${why})`);
    }
    if (doc === null || typeof doc !== 'object')
      throw new Error(`the discovery document at ${url.href} is not a JSON object`);
    if (typeof doc.issuer !== 'string' || !sameIssuer(doc.issuer, settings.issuer))
      throw new Error(
        `the discovery document names the issuer "${String(doc.issuer)}", not GATEWAY_OIDC_ISSUER "${settings.issuer}"`,
      );
    if (typeof doc.jwks_uri !== 'string') throw new Error('the discovery document has no jwks_uri');
    const jwksUri = new URL(doc.jwks_uri);
    if (jwksUri.protocol !== 'https:' && new URL(settings.issuer).protocol === 'https:')
      throw new Error(`the discovery document's jwks_uri ${jwksUri.href} is not https`);
    const offered = Array.isArray(doc.id_token_signing_alg_values_supported)
      ? doc.id_token_signing_alg_values_supported.filter((a): a is string => typeof a === 'string')
      : [...ASYMMETRIC_ALGORITHMS];
    const algorithms = offered.filter((a) => (ASYMMETRIC_ALGORITHMS as readonly string[]).includes(a));
    if (algorithms.length === 0)
      throw new Error(
        `the issuer offers no asymmetric signing algorithm (offered: ${offered.join(', ') || 'none'}); HS* and none are never accepted from it`,
      );
    return {
      issuer: doc.issuer,
      jwks: createRemoteJWKSet(jwksUri, { timeoutDuration: timeoutMs }),
      algorithms,
    };
  }

  return {
    ...settings,
    keys() {
      if (found) return Promise.resolve(found);
      if (inFlight) return inFlight;
      if (failed && Date.now() - failed.at < retryAfterMs) return Promise.reject(failed.error);
      inFlight = discover().then(
        (k) => {
          found = k;
          failed = null;
          inFlight = null;
          return k;
        },
        (e: Error) => {
          failed = { at: Date.now(), error: e };
          inFlight = null;
          throw e;
        },
      );
      return inFlight;
    },
  };
}
