/**
 * The signed-in token: in memory and in sessionStorage (shared with the explorer, gone when the tab
 * closes), never in localStorage. Its claims are read here only to shape the pages (menu, scope);
 * the gateway verifies the token on every request and stays the authority. The entitlement codes
 * are read as the gateway reads them: from the OIDC issuer's tokens the `entitlements` claim only
 * (its OAuth `scope` is about the issuer's own permissions), from the gateway's own (HS256) tokens
 * `scope`. A sign-in through the issuer also keeps its ID token (sessionStorage, with the access
 * token) for the issuer's sign-out (oidcSignOutUrl's id_token_hint).
 */
export const TOKEN_KEY = 'luoyang.console.token';
const SIGNED_OUT_REASON_KEY = 'luoyang.console.signedOutReason';

export type Role = 'DEPARTMENT' | 'PUBLIC_SECURITY' | 'DELEGATED_AGENCY' | 'AUDITOR' | 'ADMIN' | 'HOLDER';

export interface Session {
  readonly token: string;
  readonly role: Role;
  readonly sub: string;
  readonly region: string | null;
  readonly department: string | null;
  /** the entitlement codes the token carries: `entitlements` from the issuer, `scope` otherwise */
  readonly entitlements: readonly string[];
  /** signed in through the OIDC issuer (finishOidcSignIn), not with a token of the gateway's */
  readonly fromIssuer: boolean;
  /** the issuer's ID token, for its end-session endpoint; null otherwise */
  readonly idToken: string | null;
  /** epoch ms; null when the token has no exp */
  readonly expiresAt: number | null;
  readonly label: string | null;
}

export type SignedOutReason = 'expired' | 'signedOut';

let current: Session | null = null;

/** The tab's sessionStorage, reached through globalThis so that the Node tests can run this file too. */
interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}
const store = (): KeyValueStore =>
  (globalThis as unknown as { sessionStorage: KeyValueStore }).sessionStorage;

function decodePayload(token: string): Record<string, unknown> | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
    const json: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** How a token was obtained: through the OIDC issuer (with its ID token), or not. */
export interface TokenOrigin {
  readonly fromIssuer?: boolean;
  readonly idToken?: string | null;
}

/** The session a token makes, or null when it is not a JWT with a role. */
export function sessionFromToken(
  token: string,
  label: string | null = null,
  expiresAt?: number,
  origin: TokenOrigin = {},
): Session | null {
  const p = decodePayload(token);
  if (!p) return null;
  const role = str(p.role) as Role | null;
  if (!role) return null;
  const fromIssuer = origin.fromIssuer === true;
  const codes = (fromIssuer ? str(p.entitlements) : str(p.scope)) ?? '';
  return {
    token,
    role,
    sub: str(p.sub) ?? '',
    region: str(p.region),
    department: str(p.department),
    entitlements: codes.split(/\s+/).filter(Boolean),
    fromIssuer,
    idToken: fromIssuer ? (origin.idToken ?? null) : null,
    expiresAt: expiresAt ?? (typeof p.exp === 'number' ? p.exp * 1000 : null),
    label,
  };
}

export function getSession(): Session | null {
  if (current) return current;
  const raw = store().getItem(TOKEN_KEY);
  if (!raw) return null;
  try {
    const saved = JSON.parse(raw) as {
      token: string;
      label: string | null;
      expiresAt: number | null;
      fromIssuer?: boolean;
      idToken?: string | null;
    };
    current = sessionFromToken(saved.token, saved.label, saved.expiresAt ?? undefined, saved);
  } catch {
    current = null;
  }
  return current;
}

export function isExpired(s: Session, now = Date.now()): boolean {
  return s.expiresAt !== null && s.expiresAt <= now;
}

export function signIn(
  token: string,
  label: string | null,
  expiresAt?: number,
  origin: TokenOrigin = {},
): Session | null {
  // an expiry in seconds (as a JWT's exp, or an OAuth expires_at) is taken as such
  const ms = expiresAt !== undefined && expiresAt < 1e12 ? expiresAt * 1000 : expiresAt;
  const s = sessionFromToken(token, label, ms, origin);
  if (!s) return null;
  current = s;
  store().setItem(
    TOKEN_KEY,
    JSON.stringify({
      token,
      label,
      expiresAt: s.expiresAt,
      ...(s.fromIssuer ? { fromIssuer: true, idToken: s.idToken } : {}),
    }),
  );
  store().removeItem(SIGNED_OUT_REASON_KEY);
  return s;
}

export function signOut(reason: SignedOutReason): void {
  current = null;
  store().removeItem(TOKEN_KEY);
  store().setItem(SIGNED_OUT_REASON_KEY, reason);
}

/** Why the last session ended (shown once on the sign-in page). */
export function takeSignedOutReason(): SignedOutReason | null {
  const r = store().getItem(SIGNED_OUT_REASON_KEY);
  store().removeItem(SIGNED_OUT_REASON_KEY);
  return r === 'expired' || r === 'signedOut' ? r : null;
}

/** The token the explorer sends (the same key as the console). */
export function storedToken(): string | null {
  return getSession()?.token ?? null;
}
