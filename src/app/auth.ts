/**
 * Bearer tokens, verified with `jose`, from one of three sources:
 * - an OpenID Connect issuer (GATEWAY_OIDC_ISSUER): JWT access tokens (RFC 9068, `typ: at+jwt`)
 *   signed with a key from the issuer's discovered `jwks_uri`, with an algorithm the issuer offers
 *   that is asymmetric, `iss` exactly the issuer and `aud` GATEWAY_OIDC_AUDIENCE (default the
 *   client id). Entitlement codes come from the `entitlements` claim; the OAuth `scope` claim is
 *   the issuer's business, never read as entitlements. It supersedes GATEWAY_JWKS_URL.
 * - HS256 JWTs signed with GATEWAY_JWT_SECRET (development and service tokens), entitlements in
 *   `scope`. One naming the OIDC issuer as `iss` is refused: the issuer's tokens carry its keys.
 * - RS256 JWTs whose keys are published at GATEWAY_JWKS_URL (no OIDC issuer), entitlements in `scope`.
 * Claims: sub, role, region (6-digit code), department (DEPARTMENT), entitlement codes
 * (space-separated), exp. A HOLDER token carries citizenIdNumber (GB 11643, checked) instead of a
 * region; a region claim on it is ignored. Demo tokens (claim `demo: true`) exist only in development.
 */
import {
  SignJWT,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  jwtVerify,
  errors as joseErrors,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import {
  DEPARTMENTS,
  ROLES,
  parseCitizenId,
  resolveRegionCode,
  todayInShanghai,
  type Clock,
  type Department,
  type Role,
} from '../law';
import type { Caller } from './caller';
import { AppError } from './errors';
import { oidcIssuer, oidcSettings, sameIssuer, type DiscoveryOptions, type OidcIssuer } from './oidc';

export interface AuthConfig {
  readonly secret: Uint8Array;
  readonly production: boolean;
  /** RS256 keys from an identity provider, when GATEWAY_JWKS_URL is set and no OIDC issuer */
  readonly jwks: JWTVerifyGetKey | null;
  /**
   * The OpenID Connect issuer, when GATEWAY_OIDC_ISSUER is set: `issuer`, `clientId` and `origin`
   * are what the console's config and CSP need; `keys()` discovers lazily (see ./oidc).
   */
  readonly oidc: OidcIssuer | null;
}

export const DEV_SECRET = 'luoyang-gateway-development-secret-do-not-use-in-production';

export function authConfig(env: NodeJS.ProcessEnv, discovery: DiscoveryOptions = {}): AuthConfig {
  const production = env.NODE_ENV === 'production';
  const secret = env.GATEWAY_JWT_SECRET;
  const settings = oidcSettings(env, production);
  // the OIDC issuer supersedes GATEWAY_JWKS_URL
  const jwksUrl = settings ? undefined : env.GATEWAY_JWKS_URL;
  if (production && !jwksUrl && !settings && (!secret || secret.length < 32)) {
    throw new Error(
      'GATEWAY_JWT_SECRET (at least 32 characters), GATEWAY_OIDC_ISSUER or GATEWAY_JWKS_URL is required when NODE_ENV=production',
    );
  }
  if (production && secret && secret.length < 32)
    throw new Error('GATEWAY_JWT_SECRET must have at least 32 characters when NODE_ENV=production');
  return {
    secret: new TextEncoder().encode(secret || (production ? '' : DEV_SECRET)),
    production,
    jwks: jwksUrl ? createRemoteJWKSet(new URL(jwksUrl)) : null,
    oidc: settings ? oidcIssuer(settings, discovery) : null,
  };
}

export interface TokenClaims {
  sub: string;
  role: Role;
  /** every office; not a HOLDER */
  region?: string;
  /** HOLDER only: the holder's own ID number */
  citizenIdNumber?: string;
  department?: Department;
  scope?: string;
  demo?: boolean;
}

export async function signToken(cfg: AuthConfig, claims: TokenClaims, expiresIn = '12h'): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(cfg.secret);
}

const unauth = (why: string) => new AppError('UNAUTHENTICATED', why);

/** A token from the OIDC issuer: verified against its discovered keys, with readable refusals. */
async function verifyFromIssuer(oidc: OidcIssuer, token: string): Promise<JWTPayload> {
  let keys;
  try {
    keys = await oidc.keys();
  } catch (e) {
    throw new AppError(
      'SERVICE_UNAVAILABLE',
      `The sign-in service cannot be checked now: ${(e as Error).message}; try again`,
    );
  }
  try {
    const { payload } = await jwtVerify(token, keys.jwks, {
      issuer: keys.issuer,
      audience: oidc.audience,
      algorithms: keys.algorithms,
      typ: 'at+jwt',
      requiredClaims: ['sub', 'exp', 'iss', 'aud'],
    });
    return payload;
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) throw unauth('The token has expired; sign in again');
    if (e instanceof joseErrors.JWTClaimValidationFailed) {
      if (e.reason === 'missing') throw unauth(`The token has no "${e.claim}" claim`);
      if (e.claim === 'iss') throw unauth(`The token is from another issuer, not ${keys.issuer}`);
      if (e.claim === 'aud') throw unauth(`The token is for another audience, not ${oidc.audience}`);
      if (e.claim === 'typ')
        throw unauth('The token is not an access token (RFC 9068: its header typ must be at+jwt)');
      throw unauth(`The token's "${e.claim}" claim is not valid (${e.reason})`);
    }
    if (e instanceof joseErrors.JOSEAlgNotAllowed)
      throw unauth(`The token's algorithm is not one the issuer signs with (${keys.algorithms.join(', ')})`);
    if (e instanceof joseErrors.JWKSNoMatchingKey || e instanceof joseErrors.JWKSMultipleMatchingKeys)
      throw unauth('The token is signed with a key the issuer does not publish (unknown key)');
    if (e instanceof joseErrors.JWSSignatureVerificationFailed)
      throw unauth("The token's signature does not verify with the issuer's key");
    if (e instanceof joseErrors.JWKSTimeout || !(e instanceof joseErrors.JOSEError))
      throw new AppError('SERVICE_UNAVAILABLE', "The issuer's keys cannot be fetched now; try again");
    throw unauth('The token is not valid');
  }
}

export async function callerFromAuthorization(
  cfg: AuthConfig,
  header: string | undefined,
  clock: Clock = Date.now,
): Promise<Caller | null> {
  if (!header) return null;
  const m = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(header.trim());
  if (!m) throw unauth('Authorization must be "Bearer <JWT>"');
  const token = m[1];
  let alg: string | undefined;
  let claimedIss: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
    claimedIss = decodeJwt(token).iss;
  } catch {
    throw unauth('The token is not valid');
  }
  // with an OIDC issuer every token not HS256 is the issuer's (its algorithm list then refuses HS384, none...)
  const fromIssuer = cfg.oidc !== null && alg !== 'HS256';
  let payload: Record<string, unknown>;
  if (fromIssuer) {
    payload = await verifyFromIssuer(cfg.oidc, token);
  } else {
    if (cfg.oidc !== null && sameIssuer(claimedIss, cfg.oidc.issuer))
      throw unauth(`A token from ${cfg.oidc.issuer} must be signed with the issuer's keys, never HS256`);
    try {
      if (cfg.jwks !== null && alg === 'RS256') {
        ({ payload } = await jwtVerify(token, cfg.jwks, {
          algorithms: ['RS256'],
          requiredClaims: ['sub', 'exp'],
        }));
      } else {
        if (cfg.secret.length === 0) throw new Error('no HS256 secret configured');
        ({ payload } = await jwtVerify(token, cfg.secret, {
          algorithms: ['HS256'],
          requiredClaims: ['sub', 'exp'],
        }));
      }
    } catch (e) {
      throw unauth(e instanceof joseErrors.JWTExpired ? 'The token has expired' : 'The token is not valid');
    }
  }
  if (cfg.production && payload.demo === true) throw unauth('Demo tokens are not accepted in production');
  const role = payload.role as Role;
  if (!ROLES.includes(role)) throw unauth('The token has no known role');
  const sub = String(payload.sub).slice(0, 128);
  if (role === 'HOLDER') {
    // the number is never echoed; a region claim is ignored (a holder acts for no region)
    const id =
      typeof payload.citizenIdNumber === 'string'
        ? parseCitizenId(payload.citizenIdNumber, todayInShanghai(clock))
        : null;
    if (!id || !id.ok) throw unauth('A HOLDER token carries a valid citizenIdNumber');
    return { sub, role, region: null, department: null, scope: new Set(), citizenIdNumber: id.value };
  }
  const region = typeof payload.region === 'string' ? resolveRegionCode(payload.region) : undefined;
  if (!region) throw unauth('The token has no Luoyang region');
  const department = payload.department as Department | undefined;
  if (role === 'DEPARTMENT' && (!department || !DEPARTMENTS.includes(department)))
    throw unauth('A DEPARTMENT token names its department');
  // the issuer's OAuth `scope` is about its own API permissions, not the regulation's entitlements
  const codes = fromIssuer ? payload.entitlements : payload.scope;
  if (codes !== undefined && typeof codes !== 'string')
    throw unauth(`The token's ${fromIssuer ? 'entitlements' : 'scope'} claim must be space-separated codes`);
  const scope = codes ? codes.split(/\s+/).filter(Boolean) : [];
  return { sub, role, region, department: department ?? null, scope: new Set(scope) };
}
