/**
 * Production mode and the abuse limits external GraphQL scanners probe: introspection off, no
 * suggestions, no stack traces, demo tokens refused, CSRF prevention, no GET mutations, no batched
 * HTTP requests, body size capped, alias/depth/directive/token limits — each refused with a code.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../src/app/auth';
import { createGateway } from '../../src/server';
import {
  CALLERS,
  TEST_SECRET,
  databases,
  signingKeyFile,
  startGateway,
  type TestGateway,
} from '../support/gateway';

const [DB] = await databases();

describe('production mode', () => {
  let g: TestGateway;
  let ps: string;
  beforeAll(async () => {
    g = await startGateway(DB, {
      env: {
        NODE_ENV: 'production',
        GATEWAY_JWT_SECRET: TEST_SECRET,
        GATEWAY_SIGNING_KEY_FILE: signingKeyFile(),
      },
      bodyLimit: 64 * 1024,
    });
    ps = await g.token(CALLERS.psCity);
  });
  afterAll(async () => {
    await g?.stop();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(g.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ps}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('refuses introspection', async () => {
    const r = await g.gql('{ __schema { types { name } } }', {}, ps);
    expect(r.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      graphqlCode: 'GRAPHQL_VALIDATION_FAILED',
    });
    expect(r.body.data).toBeUndefined();
  });

  it('gives no field suggestions and no stack traces', async () => {
    const r = await g.gql('{ regionz { code } }', {}, ps);
    expect(r.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
    expect(JSON.stringify(r.body)).not.toMatch(/stack/i);
  });

  it('refuses demo tokens', async () => {
    const demo = await signToken(g.gateway.auth, { ...CALLERS.psCity, demo: true });
    const r = await g.gql('{ regions { code } }', {}, demo);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a GET mutation and a url-encoded POST (CSRF prevention)', async () => {
    const get = await fetch(
      `${g.url}?query=${encodeURIComponent('mutation { issuePermit(applicationId: "1") { id } }')}`,
      { headers: { authorization: `Bearer ${ps}`, 'apollo-require-preflight': 'true' } },
    );
    expect(get.status).toBe(405);
    const form = await fetch(g.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${ps}` },
      body: 'query=%7B%20regions%20%7B%20code%20%7D%20%7D',
    });
    expect(form.status).toBe(400);
  });

  it('refuses batched HTTP requests and oversized bodies', async () => {
    const batched = await post([{ query: '{ regions { code } }' }, { query: '{ regions { code } }' }]);
    expect(batched.status).toBe(400);
    const huge = await post({
      query: `{ permitHolder(citizenIdNumber: "${'1'.repeat(100_000)}") { name } }`,
    });
    expect(huge.status).toBe(413);
  });

  it.each([
    ['100 aliases', `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: regions { code }`).join(' ')} }`],
    ['1000 duplicated fields', `{ regions { ${'code '.repeat(1000)} } }`],
    ['directive overloading', `{ regions { code ${'@include(if: true) '.repeat(50)} } }`],
    [
      'deep nesting',
      `{ permitHolder(citizenIdNumber: "x") { permits { holder { permits { holder { permits { holder { permits { holder { name } } } } } } } } } }`,
    ],
    ['circular fragments', 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }'],
  ])('refuses %s with a code, executing nothing', async (_name, query) => {
    const r = await g.gql(query, {}, ps);
    expect(r.status).toBeLessThan(500);
    expect(r.body.data ?? null).toBeNull();
    expect(r.body.errors?.[0]?.extensions?.code).toEqual(expect.any(String));
  });
});

describe('per-caller rate limit', () => {
  let g: TestGateway;
  beforeAll(async () => {
    g = await startGateway(DB, { rateLimitPerMinute: 5 });
  });
  afterAll(async () => {
    await g?.stop();
  });

  it('answers RATE_LIMITED (HTTP 429) past the limit, for that caller only', async () => {
    const housing = await g.token(CALLERS.housing);
    const other = await g.token(CALLERS.psCity);
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 7; i += 1) {
      const r = await g.gql('{ regions { code } }', {}, housing);
      codes.push(r.body.errors?.[0]?.extensions?.code);
      if (i === 6) expect(r.status).toBe(429);
    }
    expect(codes.slice(0, 5)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(codes.slice(5)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    expect((await g.gql('{ regions { code } }', {}, other)).body.errors).toBeUndefined();
  });
});

describe('RS256 tokens from an identity provider (GATEWAY_JWKS_URL)', () => {
  it('accepts a token signed with a published key and refuses one signed with another', async () => {
    const { generateKeyPair, exportJWK, SignJWT } = await import('jose');
    const { createServer } = await import('node:http');
    const good = await generateKeyPair('RS256');
    const bad = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(good.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const idp = createServer((_q, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => idp.listen(0, '127.0.0.1', r));
    const jwksUrl = `http://127.0.0.1:${(idp.address() as { port: number }).port}/jwks.json`;
    const g = await startGateway(DB, {
      env: {
        NODE_ENV: 'production',
        GATEWAY_JWKS_URL: jwksUrl,
        GATEWAY_SIGNING_KEY_FILE: signingKeyFile(),
        GATEWAY_SHARE_CODE_KEY: 'share-code-key-for-the-rs256-only-test-0123456789',
      },
    });
    try {
      const sign = (key: Parameters<InstanceType<typeof SignJWT>['sign']>[0]) =>
        new SignJWT({ ...CALLERS.housing })
          .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
          .setSubject(CALLERS.housing.sub)
          .setExpirationTime('5m')
          .sign(key);
      const ok = await g.gql('{ regions { code } }', {}, await sign(good.privateKey));
      expect(ok.body.errors).toBeUndefined();
      const refused = await g.gql('{ regions { code } }', {}, await sign(bad.privateKey));
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await g.stop();
      idp.close();
    }
  });
});

describe('production receipt keys', () => {
  it('refuses to start without GATEWAY_SIGNING_KEY_FILE, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-nokey-'));
    await expect(
      createGateway({
        databaseUrl: join(dir, 'x.sqlite'),
        dataDir: dir,
        env: { NODE_ENV: 'production', GATEWAY_JWT_SECRET: TEST_SECRET },
      }),
    ).rejects.toThrow(/GATEWAY_SIGNING_KEY_FILE .*required when NODE_ENV=production/);
    await expect(
      createGateway({
        databaseUrl: join(dir, 'x.sqlite'),
        dataDir: dir,
        env: {
          NODE_ENV: 'production',
          GATEWAY_JWT_SECRET: TEST_SECRET,
          GATEWAY_SIGNING_KEY_FILE: join(dir, 'missing.pem'),
        },
      }),
    ).rejects.toThrow(/GATEWAY_SIGNING_KEY_FILE: cannot read/);
  });

  it('refuses to start on a key that is not Ed25519 or a previous-keys file that is not a set of Ed25519 public keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-badkey-'));
    const start = (extra: Record<string, string>) =>
      createGateway({
        databaseUrl: join(dir, 'x.sqlite'),
        dataDir: dir,
        env: { NODE_ENV: 'production', GATEWAY_JWT_SECRET: TEST_SECRET, ...extra },
      });
    const rsa = join(dir, 'rsa.pem');
    writeFileSync(
      rsa,
      generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    await expect(start({ GATEWAY_SIGNING_KEY_FILE: rsa })).rejects.toThrow(
      /GATEWAY_SIGNING_KEY_FILE: not an Ed25519 private key/,
    );
    const key = signingKeyFile();
    const priv = createPrivateKey(readFileSync(key, 'utf8'));
    const previous = (keys: unknown) => {
      const f = join(dir, `prev-${Math.random()}.json`);
      writeFileSync(f, JSON.stringify(keys));
      return f;
    };
    const other = generateKeyPairSync('ed25519');
    await expect(
      start({
        GATEWAY_SIGNING_KEY_FILE: key,
        GATEWAY_PREVIOUS_KEYS_FILE: previous({ keys: [other.privateKey.export({ format: 'jwk' })] }),
      }),
    ).rejects.toThrow(/holds a private key/);
    await expect(
      start({
        GATEWAY_SIGNING_KEY_FILE: key,
        GATEWAY_PREVIOUS_KEYS_FILE: previous({
          keys: [{ ...other.publicKey.export({ format: 'jwk' }), kid: 'k1' }],
        }),
      }),
    ).rejects.toThrow(/not the key's RFC 7638 thumbprint/);
    await expect(
      start({
        GATEWAY_SIGNING_KEY_FILE: key,
        GATEWAY_PREVIOUS_KEYS_FILE: previous([createPublicKey(priv).export({ format: 'jwk' })]),
      }),
    ).rejects.toThrow(/must be a JWKS/);
  });

  it('serves the key set at /.well-known/jwks.json without a token', async () => {
    const g = await startGateway(DB, {
      env: {
        NODE_ENV: 'production',
        GATEWAY_JWT_SECRET: TEST_SECRET,
        GATEWAY_SIGNING_KEY_FILE: signingKeyFile(),
      },
    });
    try {
      const r = await fetch(g.url.replace('/graphql', '/.well-known/jwks.json'));
      expect(r.status).toBe(200);
      const { keys } = (await r.json()) as { keys: Record<string, string>[] };
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatchObject({
        kty: 'OKP',
        crv: 'Ed25519',
        alg: 'EdDSA',
        use: 'sig',
        kid: g.gateway.receipts.kid,
      });
      expect(keys[0]).not.toHaveProperty('d');
    } finally {
      await g.stop();
    }
  });
});
