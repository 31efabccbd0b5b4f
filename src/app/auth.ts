/**
 * Bearer tokens, verified with `jose`: HS256 JWTs signed with GATEWAY_JWT_SECRET, or RS256 JWTs
 * whose keys are published at GATEWAY_JWKS_URL (an identity provider). Claims: sub, role, region
 * (6-digit code), department (DEPARTMENT), scope (space-separated entitlement codes), exp. A
 * HOLDER token carries citizenIdNumber (GB 11643, checked) instead of a region; a region claim
 * on it is ignored. Demo tokens (claim `demo: true`) exist only in development.
 */
import { SignJWT, createRemoteJWKSet, jwtVerify, errors as joseErrors, type JWTVerifyGetKey } from 'jose';
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

export interface AuthConfig {
  readonly secret: Uint8Array;
  readonly production: boolean;
  /** RS256 keys from an identity provider, when GATEWAY_JWKS_URL is set */
  readonly jwks: JWTVerifyGetKey | null;
}

export const DEV_SECRET = 'luoyang-gateway-development-secret-do-not-use-in-production';

export function authConfig(env: NodeJS.ProcessEnv): AuthConfig {
  const production = env.NODE_ENV === 'production';
  const secret = env.GATEWAY_JWT_SECRET;
  const jwksUrl = env.GATEWAY_JWKS_URL;
  if (production && !jwksUrl && (!secret || secret.length < 32)) {
    throw new Error(
      'GATEWAY_JWT_SECRET (at least 32 characters) or GATEWAY_JWKS_URL is required when NODE_ENV=production',
    );
  }
  return {
    secret: new TextEncoder().encode(secret || (production ? '' : DEV_SECRET)),
    production,
    jwks: jwksUrl ? createRemoteJWKSet(new URL(jwksUrl)) : null,
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

export async function callerFromAuthorization(
  cfg: AuthConfig,
  header: string | undefined,
  clock: Clock = Date.now,
): Promise<Caller | null> {
  if (!header) return null;
  const m = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(header.trim());
  if (!m) throw unauth('Authorization must be "Bearer <JWT>"');
  let payload: Record<string, unknown>;
  try {
    const rs256 = cfg.jwks !== null && m[1].startsWith('eyJhbGciOiJSUzI1NiI');
    if (rs256) {
      ({ payload } = await jwtVerify(m[1], cfg.jwks, {
        algorithms: ['RS256'],
        requiredClaims: ['sub', 'exp'],
      }));
    } else {
      if (cfg.secret.length === 0) throw new Error('no HS256 secret configured');
      ({ payload } = await jwtVerify(m[1], cfg.secret, {
        algorithms: ['HS256'],
        requiredClaims: ['sub', 'exp'],
      }));
    }
  } catch (e) {
    throw unauth(e instanceof joseErrors.JWTExpired ? 'The token has expired' : 'The token is not valid');
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
  const scope = typeof payload.scope === 'string' ? payload.scope.split(/\s+/).filter(Boolean) : [];
  return { sub, role, region, department: department ?? null, scope: new Set(scope) };
}
