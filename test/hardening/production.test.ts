/**
 * Production mode and the abuse limits external GraphQL scanners probe: introspection off, no
 * suggestions, no stack traces, demo tokens refused, CSRF prevention, no GET mutations, no batched
 * HTTP requests, body size capped, alias/depth/directive/token limits — each refused with a code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../src/app/auth';
import { CALLERS, TEST_SECRET, databases, startGateway, type TestGateway } from '../support/gateway';

const [DB] = await databases();

describe('production mode', () => {
  let g: TestGateway;
  let ps: string;
  beforeAll(async () => {
    g = await startGateway(DB!, { env: { NODE_ENV: 'production', GATEWAY_JWT_SECRET: TEST_SECRET }, bodyLimit: 64 * 1024 });
    ps = await g.token(CALLERS.psCity);
  });
  afterAll(async () => { await g?.stop(); });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(g.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ps}`, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('refuses introspection', async () => {
    const r = await g.gql('{ __schema { types { name } } }', {}, ps);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
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
    const get = await fetch(`${g.url}?query=${encodeURIComponent('mutation { issuePermit(applicationId: "1") { id } }')}`, { headers: { authorization: `Bearer ${ps}`, 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(405);
    const form = await fetch(g.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${ps}` }, body: 'query=%7B%20regions%20%7B%20code%20%7D%20%7D' });
    expect(form.status).toBe(400);
  });

  it('refuses batched HTTP requests and oversized bodies', async () => {
    const batched = await post([{ query: '{ regions { code } }' }, { query: '{ regions { code } }' }]);
    expect(batched.status).toBe(400);
    const huge = await post({ query: `{ permitHolder(citizenIdNumber: "${'1'.repeat(100_000)}") { name } }` });
    expect(huge.status).toBe(413);
  });

  it.each([
    ['100 aliases', `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: regions { code }`).join(' ')} }`],
    ['1000 duplicated fields', `{ regions { ${'code '.repeat(1000)} } }`],
    ['directive overloading', `{ regions { code ${'@include(if: true) '.repeat(50)} } }`],
    ['deep nesting', `{ permitHolder(citizenIdNumber: "x") { permits { holder { permits { holder { permits { holder { permits { holder { name } } } } } } } } } }`],
    ['circular fragments', 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }'],
  ])('refuses %s with a code, executing nothing', async (_name, query) => {
    const r = await g.gql(query, {}, ps);
    expect(r.status).toBeLessThan(500);
    expect(r.body.data ?? null).toBeNull();
    expect(r.body.errors?.[0]?.extensions?.code).toEqual(expect.any(String));
  });
});
