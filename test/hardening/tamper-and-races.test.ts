/**
 * Art. 22(5): editing or deleting an audit row directly in the database shows in verifyAuditChain.
 * Races: 50 concurrent endorsements of one permit → exactly one succeeds; concurrent applications
 * for one holder → one accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLERS, databases, startGateway, type TestGateway } from '../support/gateway';
import { APPLY, ISSUE, REGISTER, idNumber, registration } from '../support/people';

const DBS = await databases();

describe.each(DBS)('tamper evidence and races on %s', (db) => {
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

  const chain = async () =>
    (await g.gql('{ verifyAuditChain { entries intact firstBrokenAt } }', {}, auditor)).body.data
      .verifyAuditChain;
  const exec = (sql: string) => g.gateway.orm.em.fork().getConnection().execute(sql);

  it('50 concurrent endorsements of one permit: exactly one succeeds', async () => {
    const id = idNumber('411302', '1988-04-04', 401);
    await g.gql(REGISTER, { input: registration(id, '并发测试', '410305', '2024-01-02') }, ps);
    const app = await g.gql(APPLY, { input: { citizenIdNumber: id, appliedOn: '2024-08-01' } }, ps);
    const permit = await g.gql(ISSUE, { id: app.body.data.applyForPermit.id, on: '2024-12-10' }, ps);
    const permitId = permit.body.data.issuePermit.id;
    // year-1 window: 2025-11-11 .. 2025-12-10
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        g.gql(
          'mutation($p: ID!) { endorsePermit(permitId: $p, endorsedOn: "2025-11-20") { endorsements { endorsedOn } } }',
          { p: permitId },
          ps,
        ),
      ),
    );
    const ok = results.filter((r) => !r.body.errors);
    const codes = results.filter((r) => r.body.errors).map((r) => r.body.errors![0].extensions!.code);
    expect(ok).toHaveLength(1);
    expect(codes.every((c) => c === 'CONFLICT' || c === 'RULE_VIOLATION')).toBe(true);
    expect(results.every((r) => r.status < 500)).toBe(true);
  });

  it('concurrent applications for one holder: one is accepted', async () => {
    const id = idNumber('411302', '1989-05-05', 402);
    await g.gql(REGISTER, { input: registration(id, '并发申请', '410305', '2024-01-02') }, ps);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        g.gql(APPLY, { input: { citizenIdNumber: id, appliedOn: '2024-08-01' } }, ps),
      ),
    );
    const accepted = results.filter((r) => r.body.data?.applyForPermit?.status === 'ACCEPTED');
    expect(accepted).toHaveLength(1);
    expect(
      results.filter((r) => r.body.errors).every((r) => r.body.errors![0].extensions!.code === 'CONFLICT'),
    ).toBe(true);
  });

  it('the chain is intact after all this, and shows an edited row', async () => {
    const before = await chain();
    expect(before).toMatchObject({ intact: true, firstBrokenAt: null });
    expect(before.entries).toBeGreaterThan(3);
    await exec(`update audit_entry set outcome = 'tampered' where sequence = 3`);
    expect(await chain()).toMatchObject({ intact: false, firstBrokenAt: 3 });
  });

  it('shows a deleted row', async () => {
    await exec(`delete from audit_entry where sequence < 3`);
    expect(await chain()).toMatchObject({ intact: false, firstBrokenAt: 1 });
  });
});
