/**
 * What an external GraphQL scanner finds in production: the twelve checks graphql-cop
 * (dolevf/graphql-cop) runs, with its payloads and the way it sends them (a JSON POST with
 * operationName "cop", a batch of ten, GET with ?query=, a url-encoded POST, GET with Accept
 * text/html), each judged by graphql-cop's own criterion for a finding — and none is found. Then the
 * four payloads of issue 7 with exact answers. Every check runs without a token and with a
 * department's token; nothing executes, so the audit log does not grow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CALLERS,
  TEST_SECRET,
  databases,
  signingKeyFile,
  startGateway,
  type TestGateway,
} from '../support/gateway';
import { REGISTER, allAuditEntries, idNumber, registration } from '../e2e/helpers';

const DBS = await databases();

type Answer = { status: number; text: string; json: any };

/** The values of ResidenceBasis: none may be named in an answer to a misspelled one. */
const BASIS_VALUES = ['STABLE_EMPLOYMENT', 'STABLE_RESIDENCE', 'CONTINUOUS_STUDY'];

describe.each(DBS)('graphql-cop checks against a production gateway on %s', (db) => {
  let g: TestGateway;
  let auditor: string;
  let auditBefore = 0;
  const callers: [string, () => Record<string, string>][] = [
    ['without a token', () => ({})],
    ['with a department token', () => ({ authorization: `Bearer ${department}` })],
  ];
  let department = '';

  beforeAll(async () => {
    g = await startGateway(db, {
      env: {
        NODE_ENV: 'production',
        GATEWAY_JWT_SECRET: TEST_SECRET,
        GATEWAY_SIGNING_KEY_FILE: signingKeyFile(),
      },
    });
    department = await g.token(CALLERS.housing);
    auditor = await g.token(CALLERS.auditor);
    // something in the log to begin with: a registration by public security
    const ps = await g.token(CALLERS.psLaocheng);
    const reg = await g.gql(
      REGISTER,
      { input: registration(idNumber('411302', '19900101', '321'), '扫描前', '410302', '2026-05-01') },
      ps,
    );
    expect(reg.body.errors).toBeUndefined();
    auditBefore = (await allAuditEntries(g, auditor)).length;
    expect(auditBefore).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await g?.stop();
  });

  const answer = async (res: Response): Promise<Answer> => {
    const text = await res.text();
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* graphql-cop's criteria then do not match either */
    }
    return { status: res.status, text, json };
  };
  /** graphql-cop's graph_query: a JSON POST of {query, operationName: "cop"}, or a list of ten {query}. */
  const graphQuery = (headers: Record<string, string>, payload: string, batch = false) =>
    post(
      headers,
      batch
        ? Array.from({ length: 10 }, () => ({ query: payload }))
        : { query: payload, operationName: 'cop' },
    );
  const post = (headers: Record<string, string>, body: unknown) =>
    fetch(g.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }).then(answer);
  /** graphql-cop's request: GET with ?query=, or a form-encoded POST. */
  const getQuery = (headers: Record<string, string>, query?: string) =>
    fetch(query === undefined ? g.url : `${g.url}?${new URLSearchParams({ query }).toString()}`, {
      headers,
    }).then(answer);
  const formPost = (headers: Record<string, string>, query: string) =>
    fetch(g.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ query }).toString(),
    }).then(answer);

  /** Every answer: no HTTP 500, no stack trace, no exception. */
  const clean = (a: Answer) => {
    expect(a.status, a.text).toBeLessThan(500);
    expect(a.text).not.toMatch(/stack|exception/i);
    return a;
  };

  describe.each(callers)('%s', (_who, headers) => {
    it('Alias Overloading (HIGH): 101 aliases of __typename, data.alias100 absent', async () => {
      let aliases = '';
      for (let i = 0; i < 101; i += 1) aliases += `alias${i}:__typename \n`;
      const a = clean(await graphQuery(headers(), `query cop { ${aliases} }`));
      expect(a.json?.data?.alias100).toBeUndefined();
      expect(a.json.data).toBeUndefined();
      expect(a.json.errors).toHaveLength(1);
      expect(a.json.errors[0].extensions.code).toEqual(
        expect.stringMatching(/^(BAD_USER_INPUT|UNAUTHENTICATED)$/),
      );
    });

    it('Array-based Query Batching (HIGH): ten queries in one request, not ten answers', async () => {
      const a = clean(await graphQuery(headers(), 'query cop { __typename }', true));
      expect(Array.isArray(a.json)).toBe(false);
      expect(a.status).toBe(headers().authorization ? 400 : 401);
      expect(a.json.data).toBeUndefined();
    });

    it('Introspection-based Circular Query (HIGH): no __schema.types', async () => {
      const a = clean(
        await graphQuery(
          headers(),
          'query cop { __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }',
        ),
      );
      expect(a.json?.data?.__schema?.types).toBeUndefined();
      expect(a.json.data).toBeUndefined();
    });

    it('Directive Overloading (HIGH): ten duplicated unknown directives, not ten errors', async () => {
      const a = clean(await graphQuery(headers(), 'query cop { __typename @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }'));
      expect(a.json.errors.length).not.toBe(10);
      expect(a.json.errors).toHaveLength(1);
      expect(a.json.data).toBeUndefined();
    });

    it('Field Suggestions (LOW): no "Did you mean"', async () => {
      const a = clean(await graphQuery(headers(), 'query cop { __schema { directive } }'));
      expect(a.json.errors[0].message).not.toContain('Did you mean');
      expect(a.text).not.toContain('Did you mean');
    });

    it('Mutation is allowed over GET (MEDIUM): no data', async () => {
      const a = clean(await getQuery(headers(), 'mutation cop {__typename}'));
      expect(a.json?.data?.__typename).toBeUndefined();
      expect(a.json?.data).toBeUndefined();
      expect(a.status).toBe(400);
    });

    it('GET Method Query Support (MEDIUM): no data', async () => {
      const a = clean(await getQuery(headers(), 'query cop {__typename}'));
      expect(a.json?.data?.__typename).toBeUndefined();
      expect(a.json?.data).toBeUndefined();
      expect(a.status).toBe(400);
    });

    it('GraphQL IDE (LOW): none of the GraphiQL/Playground heuristics in a GET with Accept text/html', async () => {
      const a = clean(await getQuery({ ...headers(), accept: 'text/html' }));
      for (const word of ['graphiql.min.css', 'GraphQL Playground', 'GraphiQL', 'graphql-playground'])
        expect(a.text).not.toContain(word);
      expect(a.status).toBeGreaterThanOrEqual(400);
    });

    it('Introspection (HIGH): no __schema.types', async () => {
      const a = clean(
        await graphQuery(headers(), 'query cop { __schema { types { name fields { name } } } }'),
      );
      expect(a.json?.data?.__schema?.types).toBeUndefined();
      expect(a.json.data).toBeUndefined();
    });

    it('POST based url-encoded query (MEDIUM): no data', async () => {
      const a = clean(await formPost(headers(), 'query cop { __typename }'));
      expect(a.json?.data?.__typename).toBeUndefined();
      expect(a.json?.data).toBeUndefined();
      expect(a.status).toBe(400);
    });

    it('Trace Mode (INFO): no tracing extension', async () => {
      const a = clean(await graphQuery(headers(), 'query cop { __typename }'));
      expect(a.json.errors?.[0]?.extensions?.tracing).toBeUndefined();
      expect(a.json.extensions?.tracing).toBeUndefined();
      expect(a.text.toLowerCase()).not.toContain('"tracing"');
    });

    it('Unhandled Errors Detection (INFO): no exception extension', async () => {
      const a = clean(await graphQuery(headers(), 'qwerty cop { abc }'));
      expect(a.json.errors[0].extensions.exception).toBeUndefined();
      expect(a.text.toLowerCase()).not.toContain('"exception"');
      expect(a.json.errors).toHaveLength(1);
      expect(a.json.errors[0].extensions.code).toEqual(
        expect.stringMatching(/^(BAD_USER_INPUT|UNAUTHENTICATED)$/),
      );
      expect(a.json.data).toBeUndefined();
    });

    // ---------------------------------------------------------------- issue 7's payloads, exact answers

    it('101 __typename aliases are refused with a code before execution', async () => {
      const q = `{ ${Array.from({ length: 101 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
      const a = clean(await post(headers(), { query: q }));
      expect(a.json.data).toBeUndefined();
      expect(a.json.errors).toHaveLength(1);
      if (headers().authorization) {
        expect(a.status).toBe(400);
        expect(a.json.errors[0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          graphqlCode: 'GRAPHQL_VALIDATION_FAILED',
        });
        // the limit itself is not told (exposeLimits: false)
        expect(a.json.errors[0].message).not.toMatch(/15|101/);
      } else {
        expect(a.status).toBe(401);
        expect(a.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      }
    });

    it('10 duplicated unknown directives answer exactly one error', async () => {
      const a = clean(await post(headers(), { query: '{ __typename @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }' }));
      expect(a.json.data).toBeUndefined();
      expect(a.json.errors).toHaveLength(1);
      expect(a.json.errors[0].extensions.code).toBe(
        headers().authorization ? 'BAD_USER_INPUT' : 'UNAUTHENTICATED',
      );
    });

    it('a misspelled enum value in variables: BAD_USER_INPUT, no suggestion, no enum value named', async () => {
      const input = {
        ...registration(idNumber('411302', '19910101', '654'), '拼错者', '410302', '2026-05-01'),
        basis: ['STABLE_EMPLOYMEN'],
      };
      const a = clean(await post(headers(), { query: REGISTER, variables: { input } }));
      expect(a.json.data).toBeUndefined();
      expect(a.json.errors).toHaveLength(1);
      expect(a.text).not.toContain('Did you mean');
      for (const v of BASIS_VALUES) expect(a.text).not.toContain(v);
      if (headers().authorization) {
        expect(a.status).toBe(400);
        expect(a.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
        expect(a.json.errors[0].message).toMatch(/\$input/);
      } else {
        expect(a.status).toBe(401);
        expect(a.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      }
    });
  });

  it('an anonymous { __typename } is UNAUTHENTICATED, with no data', async () => {
    const a = clean(await post({}, { query: '{ __typename }' }));
    expect(a.status).toBe(401);
    expect(a.json).toEqual({
      errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }],
    });
    // a wrong token is the same as none
    const wrong = clean(await post({ authorization: 'Bearer not.a.token' }, { query: '{ __typename }' }));
    expect(wrong.json.data).toBeUndefined();
    expect(wrong.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    // the department's token does execute it: the refusal above is the token, not the query
    const dept = clean(await post({ authorization: `Bearer ${department}` }, { query: '{ __typename }' }));
    expect(dept.json).toEqual({ data: { __typename: 'Query' } });
  });

  it('nothing executed: the audit log did not grow', async () => {
    expect((await allAuditEntries(g, auditor)).length).toBe(auditBefore);
  });
});
