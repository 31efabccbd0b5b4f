/**
 * verifyEligibilityBatch runs a constant number of SQL statements whatever the number of queries:
 * counted through the ORM's query logger for N = 10 and N = 1000 (equal, and at most 10).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLERS, databases, startGateway, type TestGateway } from '../support/gateway';
import { ADD_DEPENDENT, APPLY, ISSUE, REGISTER, idNumber, registration } from '../support/people';

const DBS = await databases();
const HOLDERS = 20;

const BATCH = `query($qs: [EligibilityQuery!]!) { verifyEligibilityBatch(queries: $qs) { decisionId eligible entitlementCode reasons { code passed } permit { status } } }`;
/** the same with every decision's receipt: signing is no statement */
const BATCH_WITH_RECEIPTS = BATCH.replace('decisionId eligible', 'decisionId eligible receipt');

describe.each(DBS)('verifyEligibilityBatch on %s', (db) => {
  let g: TestGateway;
  const statements: string[] = [];
  let counting = false;
  const people = Array.from({ length: HOLDERS }, (_, i) => ({
    id: idNumber('411302', `1985-0${1 + (i % 9)}-1${i % 10}`, 100 + i),
    name: `测试${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅卯辰巳午未申酉'[Math.floor(i / 10)]}`,
    child: idNumber('411302', `2015-0${1 + (i % 9)}-0${1 + (i % 9)}`, 500 + i),
  }));

  beforeAll(async () => {
    g = await startGateway(db, {
      onQuery: (sql) => {
        if (counting) statements.push(sql);
      },
    });
    const ps = await g.token(CALLERS.psCity);
    for (const [i, p] of people.entries()) {
      const reg = await g.gql(
        REGISTER,
        { input: registration(p.id, p.name, i % 2 ? '410302' : '410323', '2025-01-10') },
        ps,
      );
      expect(reg.body.errors, JSON.stringify(reg.body.errors)).toBeUndefined();
      const app = await g.gql(APPLY, { input: { citizenIdNumber: p.id, appliedOn: '2025-08-01' } }, ps);
      expect(app.body.data.applyForPermit.status).toBe('ACCEPTED');
      const issued = await g.gql(ISSUE, { id: app.body.data.applyForPermit.id, on: '2025-08-04' }, ps);
      expect(issued.body.errors).toBeUndefined();
      await g.gql(
        ADD_DEPENDENT,
        { input: { holderCitizenIdNumber: p.id, citizenIdNumber: p.child, name: '测试子女' } },
        ps,
      );
    }
  });
  afterAll(async () => {
    await g?.stop();
  });

  function queries(n: number) {
    const codes = [
      'PUBLIC_RENTAL_HOUSING',
      'CHILD_EDUCATION_AND_ZHONGKAO',
      'TRANSIT_CONCESSIONS_AND_TOURISM_PASS',
      'DRIVING_LICENCE',
    ];
    return Array.from({ length: n }, (_, i) => {
      const p = people[i % HOLDERS];
      const code = codes[i % codes.length];
      return {
        citizenIdNumber: i % 17 === 5 ? idNumber('110105', '1970-01-01', 900 + (i % 100)) : p.id,
        holderName: i % 13 === 7 ? '错误姓名' : p.name,
        entitlement: code,
        asOf: i % 3 === 0 ? '2026-06-01' : null,
        dependentCitizenIdNumber: code === 'CHILD_EDUCATION_AND_ZHONGKAO' ? p.child : null,
      };
    });
  }

  async function run(n: number, doc = BATCH) {
    const t = await g.token(CALLERS.psCity);
    statements.length = 0;
    counting = true;
    const started = performance.now();
    const r = await g.gql(doc, { qs: queries(n) }, t);
    const ms = performance.now() - started;
    counting = false;
    expect(r.body.errors).toBeUndefined();
    return {
      decisions: r.body.data.verifyEligibilityBatch as {
        decisionId: string;
        eligible: boolean;
        entitlementCode: string;
        receipt?: string;
      }[],
      statements: statements.length,
      ms,
    };
  }

  /** An audit entry by another extender than the decision writer: it no longer knows the chain's head. */
  let registered = 0;
  async function workflowAct() {
    registered += 1;
    const r = await g.gql(
      REGISTER,
      {
        input: registration(
          idNumber('411302', '1990-02-02', 700 + registered),
          '测试登记',
          '410302',
          '2025-01-10',
        ),
      },
      await g.token(CALLERS.psCity),
    );
    expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  }

  it('runs the same number of statements, at most 10, for 10 and for 1000 queries, whether the writer knows the chain’s head or not', async () => {
    // the head not known: another extender wrote last (the long way: lock and head read in a transaction)
    await workflowAct();
    const coldSmall = await run(10);
    await workflowAct();
    const coldLarge = await run(1000);
    expect(coldLarge.statements).toBe(coldSmall.statements);
    expect(coldLarge.statements).toBeLessThanOrEqual(10);
    // the head known: the writer's own group was the last (on PostgreSQL, a group is one statement)
    const small = await run(10);
    const large = await run(1000);
    expect(small.decisions).toHaveLength(10);
    expect(large.decisions).toHaveLength(1000);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(10);
    if (db === 'postgresql') expect(large.statements).toBe(coldLarge.statements - 5);
    // answers come in the order asked
    expect(large.decisions.map((d) => d.entitlementCode)).toEqual(queries(1000).map((q) => q.entitlement));
    expect(large.decisions.some((d) => d.eligible)).toBe(true);
    expect(large.decisions.some((d) => !d.eligible)).toBe(true);
    if (process.env.SHOW_SQL) process.stderr.write(statements.map((s) => s.slice(0, 90)).join('\n') + '\n');
    process.stderr.write(
      `[batch ${db}] statements N=10: ${small.statements}, N=1000: ${large.statements} (head not known: ${coldSmall.statements}, ${coldLarge.statements}); 1000-query batch ${large.ms.toFixed(0)} ms\n`,
    );
  });

  it('signs a receipt for each of 1000 decisions with the same statements as without, at most 10, for 10 and 1000', async () => {
    const plain = await run(1000);
    const small = await run(10, BATCH_WITH_RECEIPTS);
    const large = await run(1000, BATCH_WITH_RECEIPTS);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBe(plain.statements);
    expect(large.statements).toBeLessThanOrEqual(10);
    expect(new Set(large.decisions.map((d) => d.receipt)).size).toBe(1000);
    for (const d of large.decisions) {
      expect(JSON.parse(Buffer.from(d.receipt!.split('.')[1], 'base64url').toString('utf8'))).toMatchObject({
        jti: d.decisionId,
        elig: d.eligible,
        ent: d.entitlementCode,
      });
    }
    process.stderr.write(
      `[batch ${db}] with receipts: statements N=10: ${small.statements}, N=1000: ${large.statements}; 1000-query batch ${large.ms.toFixed(0)} ms (without: ${plain.ms.toFixed(0)} ms)\n`,
    );
  });

  it('writes one decision and one audit entry per query', async () => {
    const auditor = await g.token(CALLERS.auditor);
    const before = await g.gql('{ verifyAuditChain { entries intact } }', {}, auditor);
    await run(10);
    const after = await g.gql('{ verifyAuditChain { entries intact } }', {}, auditor);
    expect(after.body.data.verifyAuditChain.entries - before.body.data.verifyAuditChain.entries).toBe(10);
    expect(after.body.data.verifyAuditChain.intact).toBe(true);
  });

  it('refuses 1001 queries with BAD_USER_INPUT', async () => {
    const t = await g.token(CALLERS.psCity);
    const r = await g.gql(BATCH, { qs: queries(1001) }, t);
    expect(r.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
