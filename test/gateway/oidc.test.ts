/**
 * Sign-in through OpenID Connect (issue 10, item 2), end to end over HTTP: a real local provider
 * (oidc-provider 8.8.1, test/support/oidc.ts) issues JWT access tokens through the authorization
 * code + PKCE flow; the gateway, given GATEWAY_OIDC_ISSUER, discovers the issuer's keys and takes
 * the caller's role, region, department and entitlements from the token. Refused, each with its
 * own message: another audience, another issuer (even one signing with the same keys), an expired
 * token, an ID token, an unknown key, an HS256 token carrying the issuer's claims, and entitlement
 * codes found only in the OAuth `scope`. Once as a real production process (no HS256 secret), where
 * demo tokens are refused.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { SignJWT, decodeJwt, exportJWK, generateKeyPair, importJWK } from 'jose';
import { authConfig, callerFromAuthorization, DEV_SECRET } from '../../src/app/auth';
import { oidcIssuer, type OidcSettings } from '../../src/app/oidc';
import { composeCitizenId } from '../../src/law';
import {
  CALLERS,
  TEST_ENV,
  TEST_SECRET,
  freshDatabase,
  signingKeyFile,
  startGateway,
} from '../support/gateway';
import type { TestGateway } from '../support/gateway';
import { freePort, spawnServer } from '../support/process';
import { driveSignIn, freshSigningKey, startOidcProvider, type TestOidcProvider } from '../support/oidc';
import {
  OidcSignInError,
  PENDING_KEY,
  beginOidcSignIn,
  finishOidcSignIn,
  oidcSignOutUrl,
} from '../../console/src/auth/oidc';

const CLIENT_ID = 'luoyang-console';
/** the console's redirect URI as a browser test registers it (the origin is never contacted here) */
const CONSOLE_ORIGIN = 'http://127.0.0.1:9';
const CONSOLE_CALLBACK = `${CONSOLE_ORIGIN}/console/callback`;
const VERIFY = `query($q: EligibilityQuery!) { verifyEligibility(query: $q) { decisionId eligible entitlementCode reasons { code passed } } }`;
/** a valid ID number with no permit: the school gets an answer (not eligible), which is all this needs */
const NOBODY = { citizenIdNumber: composeCitizenId('411302', '19900101', 123), holderName: '无此人' };
const schoolQuery = { ...NOBODY, entitlement: 'CHILD_EDUCATION_AND_ZHONGKAO' };

type Answer = {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
};
const code = (r: Answer) => r.body.errors?.[0]?.extensions?.code as string | undefined;
const message = (r: Answer) => r.body.errors?.[0]?.message ?? '';

async function gql(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: JSON.parse(await res.text()) };
}

describe('a gateway trusting an OpenID Connect issuer (GATEWAY_OIDC_ISSUER)', () => {
  let idp: TestOidcProvider;
  /** another issuer with the very same signing keys: only `iss` tells them apart */
  let twin: TestOidcProvider;
  let g: TestGateway;

  beforeAll(async () => {
    idp = await startOidcProvider({
      clientId: CLIENT_ID,
      redirectUris: [CONSOLE_CALLBACK],
      postLogoutRedirectUris: [`${CONSOLE_ORIGIN}/console/`],
    });
    twin = await startOidcProvider({ clientId: CLIENT_ID, keys: idp.keys });
    // the HS256 service secret stays configured beside the issuer
    g = await startGateway('sqlite', { env: { ...TEST_ENV, ...idp.env } });
  });
  afterAll(async () => {
    await g?.stop();
    await idp?.stop();
    await twin?.stop();
  });

  it("accepts the provider's access token and takes the entitlements from its `entitlements` claim", async () => {
    const { accessToken } = await idp.signIn('school');
    const answer = await g.gql(VERIFY, { q: schoolQuery }, accessToken);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.verifyEligibility).toMatchObject({
      eligible: false,
      entitlementCode: 'CHILD_EDUCATION_AND_ZHONGKAO',
    });
    expect(answer.body.data.verifyEligibility.decisionId).toEqual(expect.any(String));
    // an entitlement outside the claim stays outside the school's scope
    const housing = await g.gql(
      VERIFY,
      { q: { ...NOBODY, entitlement: 'PUBLIC_RENTAL_HOUSING' } },
      accessToken,
    );
    expect(code(housing)).toBe('FORBIDDEN');
  });

  it('answers public security (no entitlements claim needed) and the housing bureau with their own scope', async () => {
    const psb = await g.gql(VERIFY, { q: schoolQuery }, (await idp.signIn('psb')).accessToken);
    expect(psb.body.errors).toBeUndefined();
    const housing = (await idp.signIn('housing')).accessToken;
    const rental = await g.gql(VERIFY, { q: { ...NOBODY, entitlement: 'PUBLIC_RENTAL_HOUSING' } }, housing);
    expect(rental.body.errors).toBeUndefined();
    expect(code(await g.gql(VERIFY, { q: schoolQuery }, housing))).toBe('FORBIDDEN');
  });

  it('signs a permit holder in too (role HOLDER with citizenIdNumber)', async () => {
    const { accessToken } = await idp.signIn('holder');
    const r = await g.gql('{ me { id } }', {}, accessToken);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.me).toBeNull();
    // and the holder is no department: verifying is not theirs
    expect(code(await g.gql(VERIFY, { q: schoolQuery }, accessToken))).toBe('FORBIDDEN');
  });

  it('does not read the OAuth `scope` claim as entitlement codes', async () => {
    const t = await idp.signIn('school-no-entitlements', { scope: 'openid CHILD_EDUCATION_AND_ZHONGKAO' });
    // the provider did put the code in `scope`: the refusal below is the gateway's choice
    expect(String(decodeJwt(t.accessToken).scope).split(' ')).toContain('CHILD_EDUCATION_AND_ZHONGKAO');
    expect(decodeJwt(t.accessToken).entitlements).toBeUndefined();
    const r = await g.gql(VERIFY, { q: schoolQuery }, t.accessToken);
    expect(code(r)).toBe('FORBIDDEN');
    // the token itself is good: the caller is signed in, only without entitlements
    expect((await g.gql('{ regions { code } }', {}, t.accessToken)).body.errors).toBeUndefined();
  });

  it('refuses a token for another audience', async () => {
    const t = await idp.signIn('school', { resource: 'urn:example:another-api' });
    expect(decodeJwt(t.accessToken).aud).toBe('urn:example:another-api');
    const r = await g.gql(VERIFY, { q: schoolQuery }, t.accessToken);
    expect(r.status).toBe(401);
    expect(code(r)).toBe('UNAUTHENTICATED');
    expect(message(r)).toMatch(/another audience, not luoyang-console/);
  });

  it('refuses a token from another issuer, even one signed with the same keys', async () => {
    const t = await twin.signIn('school');
    const r = await g.gql(VERIFY, { q: schoolQuery }, t.accessToken);
    expect(code(r)).toBe('UNAUTHENTICATED');
    expect(message(r)).toMatch(/another issuer/);
  });

  it('refuses an expired token', async () => {
    const t = await idp.signIn('school-short-lived');
    const exp = decodeJwt(t.accessToken).exp! * 1000;
    await new Promise((r) => setTimeout(r, Math.max(0, exp - Date.now()) + 1100));
    const r = await g.gql(VERIFY, { q: schoolQuery }, t.accessToken);
    expect(r.status).toBe(401);
    expect(code(r)).toBe('UNAUTHENTICATED');
    expect(message(r)).toMatch(/expired/);
  });

  it('refuses the ID token in place of the access token (same issuer, same keys, aud = client id)', async () => {
    const t = await idp.signIn('school');
    expect(decodeJwt(t.idToken!).aud).toBe(CLIENT_ID);
    const r = await g.gql('{ regions { code } }', {}, t.idToken);
    expect(code(r)).toBe('UNAUTHENTICATED');
    expect(message(r)).toMatch(/not an access token/);
  });

  it('refuses an HS256 token carrying the issuer’s claims, whatever its key', async () => {
    const claims = decodeJwt((await idp.signIn('school')).accessToken);
    const hs256 = (key: Uint8Array) =>
      new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).sign(key);
    // even with the gateway's own HS256 secret: the issuer's tokens carry the issuer's keys
    const withSecret = await g.gql(
      VERIFY,
      { q: schoolQuery },
      await hs256(new TextEncoder().encode(TEST_SECRET)),
    );
    expect(code(withSecret)).toBe('UNAUTHENTICATED');
    expect(message(withSecret)).toMatch(/must be signed with the issuer's keys, never HS256/);
    // algorithm confusion: the issuer's public key as an HMAC secret
    const publicN = new TextEncoder().encode(String(idp.keys[0].n));
    expect(code(await g.gql(VERIFY, { q: schoolQuery }, await hs256(publicN)))).toBe('UNAUTHENTICATED');
    // and HS384, which goes the issuer's way and is not among its algorithms
    const hs384 = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS384', typ: 'at+jwt' })
      .sign(new TextEncoder().encode(TEST_SECRET));
    const r384 = await g.gql(VERIFY, { q: schoolQuery }, hs384);
    expect(code(r384)).toBe('UNAUTHENTICATED');
    expect(message(r384)).toMatch(/algorithm is not one the issuer signs with/);
  });

  it('refuses a token signed with a key the issuer does not publish, or with a published kid and another key', async () => {
    const claims = decodeJwt((await idp.signIn('school')).accessToken);
    const own = await freshSigningKey();
    const sign = async (kid: string) =>
      new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid })
        .sign(await importJWK(own, 'RS256'));
    const unknown = await g.gql(VERIFY, { q: schoolQuery }, await sign(own.kid!));
    expect(code(unknown)).toBe('UNAUTHENTICATED');
    expect(message(unknown)).toMatch(/unknown key/);
    const borrowedKid = await g.gql(VERIFY, { q: schoolQuery }, await sign(idp.keys[0].kid!));
    expect(code(borrowedKid)).toBe('UNAUTHENTICATED');
    expect(message(borrowedKid)).toMatch(/signature does not verify/);
  });

  describe("the console's browser client (console/src/auth/oidc.ts), run here with a sessionStorage and a location", () => {
    const store = new Map<string, string>();
    const page = { href: `${CONSOLE_ORIGIN}/console/signin`, assigned: '' };
    const cfg = () => ({
      issuer: idp.issuer,
      clientId: CLIENT_ID,
      redirectUri: CONSOLE_CALLBACK,
      postLogoutRedirectUri: `${CONSOLE_ORIGIN}/console/`,
    });
    beforeAll(() => {
      vi.stubGlobal('sessionStorage', {
        getItem: (k: string) => store.get(k) ?? null,
        setItem: (k: string, v: string) => void store.set(k, v),
        removeItem: (k: string) => void store.delete(k),
      });
      vi.stubGlobal('location', {
        get href() {
          return page.href;
        },
        assign: (url: string) => void (page.assigned = url),
      });
      vi.stubGlobal('isSecureContext', true);
    });
    afterEach(() => store.clear());
    afterAll(() => vi.unstubAllGlobals());

    /** beginOidcSignIn, then the person signs in as `login`: the page is now the callback */
    async function signInAs(login: string): Promise<URL> {
      page.href = `${CONSOLE_ORIGIN}/console/signin`;
      await beginOidcSignIn(cfg());
      const authorize = new URL(page.assigned);
      expect(authorize.origin).toBe(idp.issuer);
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(JSON.parse(store.get(PENDING_KEY)!).state).toBe(authorize.searchParams.get('state'));
      const pages: string[] = [];
      page.href = await driveSignIn(page.assigned, login, [CONSOLE_CALLBACK], pages);
      // the login and consent pages, with nothing fetched from another origin (no web font)
      expect(pages).toHaveLength(2);
      expect(pages[0]).toMatch(/name="login"/);
      for (const html of pages) expect(html).not.toMatch(/googleapis|@import/);
      return new URL(page.href);
    }

    it('signs in: PKCE + state kept in sessionStorage, code exchanged, the token accepted by the gateway', async () => {
      page.href = `${CONSOLE_ORIGIN}/console/`;
      expect(await finishOidcSignIn(cfg())).toBeNull();
      await signInAs('school');
      const first = finishOidcSignIn(cfg());
      // a second call for the same answer (a re-render) is the same exchange, not a second use of the code
      expect(finishOidcSignIn(cfg())).toBe(first);
      const result = (await first)!;
      expect(store.has(PENDING_KEY)).toBe(false);
      expect(result.expiresAt).toBeLessThanOrEqual(decodeJwt(result.accessToken).exp! * 1000);
      expect(result.expiresAt).toBeGreaterThan(Date.now());
      const answer = await g.gql(VERIFY, { q: schoolQuery }, result.accessToken);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data.verifyEligibility.entitlementCode).toBe('CHILD_EDUCATION_AND_ZHONGKAO');

      const out = new URL((await oidcSignOutUrl(cfg(), result.idToken))!);
      expect(out.origin).toBe(idp.issuer);
      expect(out.searchParams.get('client_id')).toBe(CLIENT_ID);
      expect(out.searchParams.get('id_token_hint')).toBe(result.idToken);
      expect(out.searchParams.get('post_logout_redirect_uri')).toBe(`${CONSOLE_ORIGIN}/console/`);
    });

    it('refuses a callback whose state is not the one this tab sent, or with nothing sent, in Chinese and English', async () => {
      const callback = await signInAs('school');
      callback.searchParams.set('state', 'another-state');
      page.href = callback.href;
      const e = await finishOidcSignIn(cfg()).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(OidcSignInError);
      expect((e as Error).message).toMatch(/登录请求已失效.*sign in again/);
      expect(store.has(PENDING_KEY)).toBe(false);
      // the same callback again (the verifier is gone): refused, not exchanged
      page.href = `${callback.href}&again=1`;
      await expect(finishOidcSignIn(cfg())).rejects.toThrow(/重新登录/);
    });

    it("shows the issuer's refusal (access_denied) readably", async () => {
      page.href = `${CONSOLE_ORIGIN}/console/signin`;
      await beginOidcSignIn(cfg());
      const state = new URL(page.assigned).searchParams.get('state')!;
      const denied = new URL(CONSOLE_CALLBACK);
      denied.search = new URLSearchParams({
        error: 'access_denied',
        error_description: 'End-User aborted interaction',
        state,
        iss: idp.issuer,
      }).toString();
      page.href = denied.href;
      await expect(finishOidcSignIn(cfg())).rejects.toThrow(/登录已取消或被拒绝.*access_denied/);
    });

    it('refuses to start without a secure origin (no WebCrypto for PKCE)', async () => {
      vi.stubGlobal('isSecureContext', false);
      try {
        await expect(beginOidcSignIn(cfg())).rejects.toThrow(/HTTPS/);
      } finally {
        vi.stubGlobal('isSecureContext', true);
      }
    });
  });

  it('keeps accepting HS256 service tokens (entitlements in `scope`, as before)', async () => {
    const r = await g.gql(VERIFY, { q: schoolQuery }, await g.token(CALLERS.school));
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.verifyEligibility.entitlementCode).toBe('CHILD_EDUCATION_AND_ZHONGKAO');
  });
});

describe('the issuer unreachable at start', () => {
  it('starts at once, refuses the issuer’s tokens as SERVICE_UNAVAILABLE meanwhile, and accepts them once it answers', async () => {
    const port = await freePort();
    const env = {
      ...TEST_ENV,
      GATEWAY_OIDC_ISSUER: `http://127.0.0.1:${port}`,
      GATEWAY_OIDC_CLIENT_ID: CLIENT_ID,
    };
    const g = await startGateway('sqlite', { env });
    let idp: TestOidcProvider | null = null;
    try {
      const { privateKey } = await generateKeyPair('RS256');
      const early = await new SignJWT({ ...CALLERS.school, entitlements: CALLERS.school.scope })
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: 'k' })
        .setIssuer(env.GATEWAY_OIDC_ISSUER)
        .setAudience(CLIENT_ID)
        .setSubject('early')
        .setExpirationTime('5m')
        .sign(privateKey);
      const refused = await g.gql(VERIFY, { q: schoolQuery }, early);
      expect(refused.status).toBe(503);
      expect(code(refused)).toBe('SERVICE_UNAVAILABLE');
      expect(message(refused)).toContain(`http://127.0.0.1:${port}/.well-known/openid-configuration`);
      // service tokens do not wait for the issuer
      expect(
        (await g.gql(VERIFY, { q: schoolQuery }, await g.token(CALLERS.school))).body.errors,
      ).toBeUndefined();

      idp = await startOidcProvider({ clientId: CLIENT_ID, port });
      const { accessToken } = await idp.signIn('school');
      // a failed discovery is retried after a short cooldown (5 s): poll until it is
      let answer = await g.gql(VERIFY, { q: schoolQuery }, accessToken);
      for (let i = 0; i < 100 && code(answer) === 'SERVICE_UNAVAILABLE'; i += 1) {
        await new Promise((r) => setTimeout(r, 200));
        answer = await g.gql(VERIFY, { q: schoolQuery }, accessToken);
      }
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data.verifyEligibility.entitlementCode).toBe('CHILD_EDUCATION_AND_ZHONGKAO');
    } finally {
      await g.stop();
      await idp?.stop();
    }
  });
});

describe('OIDC settings', () => {
  const base = {
    GATEWAY_OIDC_ISSUER: 'https://idp.example.gov.cn/realms/luoyang',
    GATEWAY_OIDC_CLIENT_ID: 'console',
  };

  it('publishes issuer, client id, audience and origin; the audience defaults to the client id', () => {
    const cfg = authConfig({ NODE_ENV: 'production', ...base });
    expect(cfg.oidc).toMatchObject({
      issuer: base.GATEWAY_OIDC_ISSUER,
      clientId: 'console',
      audience: 'console',
      origin: 'https://idp.example.gov.cn',
    });
    expect(authConfig({ ...base, GATEWAY_OIDC_AUDIENCE: 'gateway-api' }).oidc?.audience).toBe('gateway-api');
  });

  it('refuses to start on a missing client id, a plain-http issuer in production, or a short production secret', () => {
    expect(() => authConfig({ GATEWAY_OIDC_ISSUER: base.GATEWAY_OIDC_ISSUER })).toThrow(
      /GATEWAY_OIDC_CLIENT_ID is required/,
    );
    expect(() =>
      authConfig({ NODE_ENV: 'production', ...base, GATEWAY_OIDC_ISSUER: 'http://idp.example.gov.cn' }),
    ).toThrow(/https:\/\/ URL in production/);
    expect(() => authConfig({ ...base, GATEWAY_OIDC_ISSUER: 'not a url' })).toThrow(/absolute URL/);
    expect(() => authConfig({ NODE_ENV: 'production', ...base, GATEWAY_JWT_SECRET: 'short' })).toThrow(
      /at least 32 characters/,
    );
  });

  it('supersedes GATEWAY_JWKS_URL: an RS256 token good for that key set is checked against the issuer instead', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'legacy', alg: 'RS256' };
    const { createServer } = await import('node:http');
    const legacy = createServer((_q, res) => res.end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((r) => legacy.listen(0, '127.0.0.1', r));
    const jwksUrl = `http://127.0.0.1:${(legacy.address() as { port: number }).port}/jwks.json`;
    const token = await new SignJWT({ ...CALLERS.housing })
      .setProtectedHeader({ alg: 'RS256', kid: 'legacy' })
      .setSubject(CALLERS.housing.sub)
      .setExpirationTime('5m')
      .sign(privateKey);
    try {
      const alone = authConfig({ NODE_ENV: 'test', GATEWAY_JWKS_URL: jwksUrl });
      expect((await callerFromAuthorization(alone, `Bearer ${token}`))?.role).toBe('DEPARTMENT');
      const both = authConfig({ NODE_ENV: 'test', GATEWAY_JWKS_URL: jwksUrl, ...base });
      expect(both.jwks).toBeNull();
      await expect(callerFromAuthorization(both, `Bearer ${token}`)).rejects.toMatchObject({
        code: expect.stringMatching(/UNAUTHENTICATED|SERVICE_UNAVAILABLE/),
      });
    } finally {
      legacy.close();
    }
  });
});

describe('discovery (src/app/oidc.ts), with discovery documents made by the test', () => {
  const settings: OidcSettings = {
    issuer: 'https://idp.example.gov.cn/realms/luoyang',
    clientId: 'console',
    audience: 'console',
    origin: 'https://idp.example.gov.cn',
  };
  const good = {
    issuer: settings.issuer,
    jwks_uri: 'https://idp.example.gov.cn/realms/luoyang/certs',
    id_token_signing_alg_values_supported: ['HS256', 'RS256', 'ES256', 'none'],
  };
  /** a fetch answering `docs` in turn, counting the calls and the URLs asked */
  const serving = (...docs: (Record<string, unknown> | Error)[]) => {
    const asked: string[] = [];
    const f = (async (url: URL | string) => {
      asked.push(String(url));
      const d = docs[Math.min(asked.length - 1, docs.length - 1)];
      if (d instanceof Error) throw d;
      return new Response(JSON.stringify(d), { headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    return { f, asked };
  };

  it('reads <issuer>/.well-known/openid-configuration once, keeping only asymmetric algorithms', async () => {
    const { f, asked } = serving(good);
    const issuer = oidcIssuer(settings, { fetch: f });
    const [a, b] = await Promise.all([issuer.keys(), issuer.keys()]);
    expect(a).toBe(b);
    expect(a.algorithms).toEqual(['RS256', 'ES256']);
    expect(a.issuer).toBe(settings.issuer);
    await issuer.keys();
    expect(asked).toEqual(['https://idp.example.gov.cn/realms/luoyang/.well-known/openid-configuration']);
  });

  it('refuses a document naming another issuer, one without jwks_uri, one offering only HS256/none', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        { ...good, issuer: 'https://evil.example/realms/luoyang' },
        /names the issuer "https:\/\/evil\.example/,
      ],
      [{ ...good, jwks_uri: undefined }, /no jwks_uri/],
      [{ ...good, jwks_uri: 'http://idp.example.gov.cn/certs' }, /is not https/],
      [
        { ...good, id_token_signing_alg_values_supported: ['HS256', 'none'] },
        /no asymmetric signing algorithm/,
      ],
    ];
    for (const [doc, why] of cases)
      await expect(oidcIssuer(settings, { fetch: serving(doc).f }).keys()).rejects.toThrow(why);
  });

  it('after a failure, refuses at once during the cooldown, then tries again', async () => {
    const { f, asked } = serving(new TypeError('fetch failed'), good);
    const cooling = oidcIssuer(settings, { fetch: f, retryAfterMs: 60_000 });
    await expect(cooling.keys()).rejects.toThrow(/could not be read \(TypeError: fetch failed\)/);
    await expect(cooling.keys()).rejects.toThrow(/could not be read/);
    expect(asked).toHaveLength(1);
    const { f: f2, asked: asked2 } = serving(new TypeError('fetch failed'), good);
    const retrying = oidcIssuer(settings, { fetch: f2, retryAfterMs: 0 });
    await expect(retrying.keys()).rejects.toThrow(/could not be read/);
    expect((await retrying.keys()).algorithms).toEqual(['RS256', 'ES256']);
    expect(asked2).toHaveLength(2);
  });
});

describe('a production process (NODE_ENV=production) with only an OIDC issuer', () => {
  it("starts without an HS256 secret, answers the issuer's token, and refuses demo and HS256 tokens", async () => {
    const idp = await startOidcProvider({ clientId: CLIENT_ID });
    const db = await freshDatabase('sqlite');
    const server = await spawnServer({
      NODE_ENV: 'production',
      DATABASE_URL: join(db.dir, 'prod.sqlite'),
      GATEWAY_SIGNING_KEY_FILE: signingKeyFile(),
      GATEWAY_SHARE_CODE_KEY: 'share-code-key-for-the-oidc-production-test-0123456789',
      ...idp.env,
    });
    try {
      await server.waitForLog((l) => l.msg === 'OIDC issuer discovered');
      const { accessToken } = await idp.signIn('school');
      const answer = await gql(server.url, VERIFY, { q: schoolQuery }, accessToken);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data.verifyEligibility).toMatchObject({
        eligible: false,
        entitlementCode: 'CHILD_EDUCATION_AND_ZHONGKAO',
      });
      // a demo token, signed as `npm start` signs them in development
      const demo = await new SignJWT({ ...CALLERS.school, demo: true })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject('demo:school-jianxi')
        .setExpirationTime('12h')
        .sign(new TextEncoder().encode(DEV_SECRET));
      const refused = await gql(server.url, VERIFY, { q: schoolQuery }, demo);
      expect(refused.status).toBe(401);
      expect(code(refused)).toBe('UNAUTHENTICATED');
      // no secret configured: no HS256 token at all, not even one with the test secret
      const service = await new SignJWT({ ...CALLERS.school })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(CALLERS.school.sub)
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(TEST_SECRET));
      expect(code(await gql(server.url, VERIFY, { q: schoolQuery }, service))).toBe('UNAUTHENTICATED');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      await idp.stop();
      await db.drop();
    }
  });
});
