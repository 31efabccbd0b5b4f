/**
 * The console's session (console/src/auth/session.ts) reads a token's entitlement codes as the
 * gateway does: from the OIDC issuer's tokens the `entitlements` claim only (never the OAuth
 * `scope`), from the gateway's own HS256 tokens `scope`. Tokens from the real local provider
 * (test/support/oidc.ts) and from the gateway's signer. A sign-in through the issuer keeps its ID
 * token in sessionStorage (for the issuer's sign-out), nothing in localStorage.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { authConfig, signToken } from '../../src/app/auth';
import { CALLERS, TEST_ENV } from '../support/gateway';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc';
import {
  TOKEN_KEY,
  getSession,
  sessionFromToken,
  signIn,
  signOut,
  takeSignedOutReason,
} from '../../console/src/auth/session';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

describe('console session: entitlements as the gateway reads them', () => {
  let idp: TestOidcProvider;
  const session = new MemoryStorage();
  const local = new MemoryStorage();
  beforeAll(async () => {
    idp = await startOidcProvider({ clientId: 'luoyang-console' });
    vi.stubGlobal('sessionStorage', session);
    vi.stubGlobal('localStorage', local);
  });
  afterAll(async () => {
    vi.unstubAllGlobals();
    await idp?.stop();
  });

  it("the issuer's token: the `entitlements` claim", async () => {
    const { accessToken } = await idp.signIn('school');
    const s = sessionFromToken(accessToken, null, undefined, { fromIssuer: true });
    expect(s?.entitlements).toEqual(['CHILD_EDUCATION_AND_ZHONGKAO']);
    expect(s?.fromIssuer).toBe(true);
  });

  it("the issuer's token with the codes only in its OAuth scope: no entitlements", async () => {
    const t = await idp.signIn('school-no-entitlements', { scope: 'openid CHILD_EDUCATION_AND_ZHONGKAO' });
    // the provider did put the code in the access token's scope
    const payload = JSON.parse(Buffer.from(t.accessToken.split('.')[1], 'base64url').toString('utf8'));
    expect(payload.scope).toContain('CHILD_EDUCATION_AND_ZHONGKAO');
    const s = sessionFromToken(t.accessToken, null, undefined, { fromIssuer: true });
    expect(s?.role).toBe('DEPARTMENT');
    expect(s?.entitlements).toEqual([]);
  });

  it("the gateway's own HS256 token: `scope`", async () => {
    const token = await signToken(authConfig(TEST_ENV), CALLERS.school);
    const s = sessionFromToken(token);
    expect(s?.entitlements).toEqual(['CHILD_EDUCATION_AND_ZHONGKAO']);
    expect(s?.fromIssuer).toBe(false);
    expect(s?.idToken).toBeNull();
  });

  it('a sign-in through the issuer keeps the ID token in sessionStorage; sign-out forgets both', async () => {
    const t = await idp.signIn('school');
    expect(t.idToken).toBeTruthy();
    const s = signIn(t.accessToken, null, Date.now() + 60_000, { fromIssuer: true, idToken: t.idToken });
    expect(s?.idToken).toBe(t.idToken);
    const saved = JSON.parse(session.getItem(TOKEN_KEY)!);
    expect(saved).toMatchObject({ token: t.accessToken, fromIssuer: true, idToken: t.idToken });
    // a reload (memory gone, sessionStorage kept) gives the same session back
    const raw = session.getItem(TOKEN_KEY)!;
    signOut('signedOut');
    expect(session.getItem(TOKEN_KEY)).toBeNull();
    expect(takeSignedOutReason()).toBe('signedOut');
    session.setItem(TOKEN_KEY, raw);
    const again = getSession();
    expect(again?.idToken).toBe(t.idToken);
    expect(again?.entitlements).toEqual(['CHILD_EDUCATION_AND_ZHONGKAO']);
    signOut('signedOut');
    expect(local.items.size).toBe(0);
  });
});
