/**
 * GraphQL answers name people and decisions: every one, an error included, says `cache-control:
 * no-store`, so that no browser or proxy keeps it. (Apollo's cache-control plugin used to say so;
 * it is disabled since it wrapped every field's resolver for a policy that never varies, issue 8.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLERS, databases, startGateway, type TestGateway } from '../support/gateway';
import { demoPeople } from '../../seeds/demo';

const DBS = await databases();

describe.each(DBS)('GraphQL answers are not cached, on %s', (db) => {
  let g: TestGateway;
  beforeAll(async () => {
    g = await startGateway(db, { seed: 'demo' });
  });
  afterAll(async () => {
    await g?.stop();
  });

  const post = (body: unknown, token?: string) =>
    fetch(g.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  it('a verification, a refusal without a token and a syntax error all say no-store', async () => {
    const token = await g.token(CALLERS.housing);
    const p = demoPeople().find((x) => x.state === 'VALID')!;
    const answered = await post(
      {
        query: 'query($q: EligibilityQuery!) { verifyEligibility(query: $q) { eligible } }',
        variables: {
          q: { citizenIdNumber: p.citizenIdNumber, holderName: p.name, entitlement: 'PUBLIC_RENTAL_HOUSING' },
        },
      },
      token,
    );
    expect(answered.status).toBe(200);
    expect(
      ((await answered.json()) as { data: { verifyEligibility: { eligible: boolean } } }).data
        .verifyEligibility.eligible,
    ).toBe(true);
    expect(answered.headers.get('cache-control')).toBe('no-store');

    const anonymous = await post({ query: '{ __typename }' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('cache-control')).toBe('no-store');

    const broken = await post({ query: '{ verifyEligibility(' }, token);
    expect(broken.status).toBe(400);
    expect(broken.headers.get('cache-control')).toBe('no-store');
  });
});
