/** The schema builds and the ORM boots under vitest (decorator metadata via SWC, one graphql realm). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLERS, databases, startGateway, type TestGateway } from '../support/gateway';

const DBS = await databases();

describe.each(DBS)('boot on %s', (db) => {
  let g: TestGateway;
  beforeAll(async () => {
    g = await startGateway(db);
  });
  afterAll(async () => {
    await g?.stop();
  });

  it('serves the catalogue and regions to an authenticated caller', async () => {
    const t = await g.token(CALLERS.housing);
    const r = await g.gql(
      '{ regions { code nameZh kind } entitlements { code kind department citation { article clause textZh } } }',
      {},
      t,
    );
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.regions).toHaveLength(15);
    expect(r.body.data.entitlements).toHaveLength(16);
    expect(r.body.data.entitlements[6]).toMatchObject({
      code: 'CHILD_EDUCATION_AND_ZHONGKAO',
      citation: { article: 18, clause: 7 },
    });
  });

  it('refuses an unauthenticated caller', async () => {
    const r = await g.gql('{ regions { code } }');
    expect(r.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers /healthz and /readyz', async () => {
    const base = g.url.replace('/graphql', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });
});
