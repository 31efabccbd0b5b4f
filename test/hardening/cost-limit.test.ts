/**
 * The query-cost limit over HTTP (src/graphql/cost-limit.ts, graphql-armor's rule): a page size weighs
 * the same whether written in the query or passed as a variable, so the largest page SPEC allows
 * (`first: 1000`) is served either way; a query whose shape is too costly (hundreds of fields deep in
 * nested objects) is refused either way, with BAD_USER_INPUT (a validation error), no data, nothing
 * executed and nothing audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLERS, databases, startGateway, type TestGateway } from '../support/gateway';
import { allAuditEntries } from '../e2e/helpers';

const DBS = await databases();

const vars = (first: string) => (first.startsWith('$') ? '($n: Int)' : '');
const PAGE = (first: string) =>
  `query${vars(first)} { endorsementsDue(from: "2026-01-01", to: "2026-12-31", first: ${first}) { id validThrough holder { name citizenIdNumber } } }`;

/** 800 scalars six objects deep: armor weighs each 1.5^6 ≈ 11, some 9 100 in all (the limit is 5 000) */
const DEEP = (first: string) => `query${vars(first)} {
  openApplications(first: ${first}) { holder { permits { holder { permits { holder { ${'name '.repeat(400)}${'citizenIdNumber '.repeat(400)} } } } } } }
}`;

describe.each(DBS)('the cost limit on %s', (db) => {
  let g: TestGateway;
  let ps: string;
  let auditor: string;
  beforeAll(async () => {
    g = await startGateway(db);
    ps = await g.token(CALLERS.psCity);
    auditor = await g.token(CALLERS.auditor);
  });
  afterAll(async () => {
    await g?.stop();
  });

  it('first: 1000 written in the query is served, as first: $n with n = 1000 is', async () => {
    const literal = await g.gql(PAGE('1000'), {}, ps);
    expect(literal.body.errors).toBeUndefined();
    expect(Array.isArray(literal.body.data.endorsementsDue)).toBe(true);
    const variable = await g.gql(PAGE('$n'), { n: 1000 }, ps);
    expect(variable.body.errors).toBeUndefined();
    expect(variable.body.data).toEqual(literal.body.data);
  });

  it('a shape too costly is refused whether its page size is written or a variable; nothing runs', async () => {
    const before = (await allAuditEntries(g, auditor)).length;
    // the same shape through a fragment, whose page size is written in it
    const inFragment = `query { ...Deep }
fragment Deep on Query { ${DEEP('1').slice(DEEP('1').indexOf('{') + 1, DEEP('1').lastIndexOf('}'))} }`;
    for (const [query, variables] of [
      [DEEP('1'), {}],
      [DEEP('$n'), { n: 1 }],
      [inFragment, {}],
    ] as const) {
      const res = await g.gql(query, variables, ps);
      expect(res.status).toBe(400);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        graphqlCode: 'GRAPHQL_VALIDATION_FAILED',
      });
      expect(JSON.stringify(res.body)).not.toMatch(/stack|at \//);
    }
    expect((await allAuditEntries(g, auditor)).length).toBe(before);
  });
});
