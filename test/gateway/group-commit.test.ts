/**
 * Group commit (issue 8): concurrent verifications share one transaction and one extension of the
 * audit chain; a write is answered only after it is committed; a failed group fails every write in
 * it and commits none; close() drains the queue; on PostgreSQL two processes' writers keep one chain.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initORM } from '../../src/db/orm';
import { Audit, Decision, type DecisionRow } from '../../src/db/entities';
import { DecisionWriteFailed, DecisionWriter, type DecisionWrite } from '../../src/db/decision-writer';
import { AUDIT_CHAIN_LOCK, auditTuple, chainRows } from '../../src/db/audit-chain';
import { Client } from 'pg';
import { CALLERS, databases, startGateway, type TestGateway } from '../support/gateway';
import { APPLY, ISSUE, REGISTER, idNumber, registration } from '../support/people';

const DBS = await databases();

/** The whole chain checked over the API, as an auditor. */
async function chainOf(
  g: TestGateway,
): Promise<{ entries: number; intact: boolean; firstBrokenAt: number | null }> {
  const r = await g.gql(
    '{ verifyAuditChain { entries intact firstBrokenAt } }',
    {},
    await g.token(CALLERS.auditor),
  );
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  return r.body.data.verifyAuditChain;
}

function decisionWrite(tag: string, decisionId: string = randomUUID()): DecisionWrite {
  const row: DecisionRow = {
    decisionId,
    entitlementCode: 'PUBLIC_RENTAL_HOUSING',
    asOf: '2026-11-28',
    permitId: null,
    eligible: false,
    body: JSON.stringify({ tag }),
    actor: 'test:writer',
    role: 'DEPARTMENT',
    department: 'HOUSING_AND_URBAN_RURAL_DEVELOPMENT',
    actorRegionCode: '410300',
    createdAt: new Date().toISOString(),
    holderId: null,
    byShareCode: false,
  };
  return {
    decisions: [row],
    audit: [
      {
        actor: 'test:writer',
        role: 'DEPARTMENT',
        action: 'VERIFY_ELIGIBILITY',
        subject: `decision:${decisionId}`,
        outcome: tag,
        at: new Date(),
      },
    ],
  };
}

describe.each(DBS)('the decision writer on %s', (db) => {
  let g: TestGateway;
  const statements: string[] = [];
  let counting = false;
  beforeAll(async () => {
    g = await startGateway(db, {
      onQuery: (sql) => {
        if (counting) statements.push(sql);
      },
    });
  });
  afterAll(async () => {
    await g?.stop();
  });

  const subjects = async () =>
    (await g.gateway.orm.em.fork().find(Audit, {}, { orderBy: { sequence: 'asc' } })).map((a) => a.subject);

  it('commits writes queued together in one transaction, the chain in queue order', async () => {
    const writer = new DecisionWriter(g.gateway.orm);
    const writes = Array.from({ length: 20 }, (_, i) => decisionWrite(`w${i}`));
    statements.length = 0;
    counting = true;
    await Promise.all(writes.map((w) => writer.write(w)));
    counting = false;
    if (process.env.SHOW_SQL) process.stderr.write(statements.map((s) => s.slice(0, 90)).join('\n') + '\n');
    // the logger's colour codes off (ESC, then [ … m)
    const esc = String.fromCharCode(27);
    const plain = statements.map((s) =>
      s
        .split(esc)
        .map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;]*m/, '')))
        .join(''),
    );
    expect(plain.filter((s) => /^\[query\] begin\b/i.test(s))).toHaveLength(1);
    expect(plain.filter((s) => /^\[query\] commit\b/i.test(s))).toHaveLength(1);
    expect(plain.filter((s) => /insert into .eligibility_decision/.test(s))).toHaveLength(1);
    const order = (await subjects()).filter((s) => writes.some((w) => w.audit[0].subject === s));
    expect(order).toEqual(writes.map((w) => w.audit[0].subject));
    const rows = await g.gateway.orm.em
      .fork()
      .find(Decision, { decisionId: { $in: writes.map((w) => w.decisions[0].decisionId) } });
    expect(rows).toHaveLength(20);
    expect((await chainOf(g)).intact).toBe(true);
    await writer.close();
  });

  it('fails every write of a group whose commit fails, and commits none of them', async () => {
    const writer = new DecisionWriter(g.gateway.orm);
    const taken = decisionWrite('first');
    await writer.write(taken);
    const before = await subjects();
    const group = [
      decisionWrite('a'),
      decisionWrite('duplicate id', taken.decisions[0].decisionId),
      decisionWrite('c'),
    ];
    const settled = await Promise.allSettled(group.map((w) => writer.write(w)));
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const s of settled) expect((s as PromiseRejectedResult).reason).toBeInstanceOf(DecisionWriteFailed);
    expect(await subjects()).toEqual(before);
    expect(
      await g.gateway.orm.em.fork().count(Decision, { decisionId: group[0].decisions[0].decisionId }),
    ).toBe(0);
    // the writer goes on with the next group
    const next = decisionWrite('after');
    await writer.write(next);
    expect((await subjects()).at(-1)).toBe(next.audit[0].subject);
    expect((await chainOf(g)).intact).toBe(true);
    await writer.close();
  });

  it('close() commits what is queued, then refuses new writes', async () => {
    const writer = new DecisionWriter(g.gateway.orm);
    const writes = Array.from({ length: 5 }, (_, i) => decisionWrite(`closing ${i}`));
    const pending = writes.map((w) => writer.write(w));
    await writer.close();
    await Promise.all(pending);
    const all = await subjects();
    for (const w of writes) expect(all).toContain(w.audit[0].subject);
    await expect(writer.write(decisionWrite('late'))).rejects.toBeInstanceOf(DecisionWriteFailed);
  });
});

describe.runIf(DBS.includes('postgresql'))('two processes writing to one PostgreSQL database', () => {
  let g: TestGateway;
  const statements: string[] = [];
  beforeAll(async () => {
    g = await startGateway('postgresql', { onQuery: (sql) => statements.push(sql) });
  });
  afterAll(async () => {
    await g?.stop();
  });

  it('keep one chain: every entry follows the one before, whichever node wrote it', async () => {
    // a second ORM (its own pool and writer) stands in for a second node
    const other = await initORM({ databaseUrl: g.databaseUrl });
    const a = new DecisionWriter(g.gateway.orm);
    const b = new DecisionWriter(other);
    const before = (await chainOf(g)).entries;
    const rounds = Array.from({ length: 10 }, (_, i) =>
      Promise.all([
        ...Array.from({ length: 5 }, (_, j) => a.write(decisionWrite(`a${i}.${j}`))),
        ...Array.from({ length: 5 }, (_, j) => b.write(decisionWrite(`b${i}.${j}`))),
      ]),
    );
    await Promise.all(rounds);
    await a.close();
    await b.close();
    const report = await chainOf(g);
    expect(report).toMatchObject({ intact: true, firstBrokenAt: null, entries: before + 100 });
    await other.close(true);
  });

  it('write a group at the head they know in one statement, and the long way when another node moved it', async () => {
    // another node, as its writer or a workflow act extends the chain: lock, head, the next entry
    const node = new Client({ connectionString: g.databaseUrl });
    await node.connect();
    const extendOnOtherNode = async (tag: string) => {
      await node.query('select pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
      const { rows } = await node.query(
        'select sequence, hash from audit_entry order by sequence desc limit 1',
      );
      const head = rows[0] ? { sequence: Number(rows[0].sequence), hash: String(rows[0].hash) } : null;
      const [entry] = chainRows(head, decisionWrite(tag).audit);
      await node.query(
        'insert into audit_entry (sequence, at, actor, role, action, subject, outcome, prev_hash, hash) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
        auditTuple(entry),
      );
    };
    const a = new DecisionWriter(g.gateway.orm);
    const before = (await chainOf(g)).entries;
    const groupStatements = async (write: Promise<void>) => {
      statements.length = 0;
      await write;
      return statements.filter((q) => /eligibility_decision|audit_entry|pg_advisory|begin|commit/i.test(q))
        .length;
    };
    // head not known yet: begin, lock, head, two inserts, commit
    expect(await groupStatements(a.write(decisionWrite('g1')))).toBe(6);
    // head known: one statement
    expect(await groupStatements(a.write(decisionWrite('g2')))).toBe(1);
    // the other node wrote: the one statement finds the head moved and writes nothing, then the long way
    await node.query('begin');
    await extendOnOtherNode('g3');
    await node.query('commit');
    expect(await groupStatements(a.write(decisionWrite('g4')))).toBe(7);
    // the other node commits the next entry while this node's statement waits for the chain's lock:
    // the statement fails on the entry's key, nothing of it is kept, and the long way writes the group
    await groupStatements(a.write(decisionWrite('g4b'))); // the head known again
    await node.query('begin');
    await extendOnOtherNode('g5');
    statements.length = 0;
    const waiting = a.write(decisionWrite('g6'));
    await new Promise((r) => setTimeout(r, 300));
    await node.query('commit');
    await waiting;
    expect(
      statements.filter((q) => /eligibility_decision|audit_entry|pg_advisory|begin|commit/i.test(q)),
    ).toHaveLength(7);
    await node.end();
    await a.close();
    const report = await chainOf(g);
    expect(report).toMatchObject({ intact: true, firstBrokenAt: null, entries: before + 7 });
    const outcomes = (await g.gateway.orm.em.fork().find(Audit, {}, { orderBy: { sequence: 'asc' } }))
      .slice(-7)
      .map((e) => e.outcome);
    expect(outcomes).toEqual(['g1', 'g2', 'g3', 'g4', 'g4b', 'g5', 'g6']);
    // each of this node's groups wrote its decision once: none of the refused statement was kept
    const tags = (await g.gateway.orm.em.fork().find(Decision, { actor: 'test:writer' })).map(
      (d) => (JSON.parse(d.body) as { tag: string }).tag,
    );
    expect(tags.filter((t) => /^g/.test(t)).sort()).toEqual(['g1', 'g2', 'g4', 'g4b', 'g6']);
  });
});

describe.each(DBS)('concurrent verifications over HTTP on %s', (db) => {
  let g: TestGateway;
  const people = Array.from({ length: 6 }, (_, i) => ({
    id: idNumber('411302', `1986-0${1 + i}-1${i}`, 400 + i),
    name: `并发${'甲乙丙丁戊己'[i]}`,
  }));
  beforeAll(async () => {
    g = await startGateway(db);
    const ps = await g.token(CALLERS.psCity);
    for (const p of people) {
      await g.gql(REGISTER, { input: registration(p.id, p.name, '410302', '2025-01-10') }, ps);
      const app = await g.gql(APPLY, { input: { citizenIdNumber: p.id, appliedOn: '2025-08-01' } }, ps);
      await g.gql(ISSUE, { id: app.body.data.applyForPermit.id, on: '2025-08-04' }, ps);
    }
  });
  afterAll(async () => {
    await g?.stop();
  });

  it('answers each after its rows are committed: every decision audited once, the chain intact', async () => {
    const housing = await g.token(CALLERS.housing);
    const auditor = await g.token(CALLERS.auditor);
    const before = (await g.gql('{ verifyAuditChain { entries } }', {}, auditor)).body.data.verifyAuditChain
      .entries;
    const single = 'query($q: EligibilityQuery!) { verifyEligibility(query: $q) { decisionId eligible } }';
    const batch =
      'query($qs: [EligibilityQuery!]!) { verifyEligibilityBatch(queries: $qs) { decisionId eligible } }';
    const status =
      'query($id: String!, $n: String!) { permitStatus(citizenIdNumber: $id, holderName: $n, asOf: "2026-03-01") { status } }';
    const q = (i: number) => ({
      citizenIdNumber: people[i % 6].id,
      holderName: people[i % 6].name,
      entitlement: 'PUBLIC_RENTAL_HOUSING',
      asOf: '2026-03-01',
    });
    const answers = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => g.gql(single, { q: q(i) }, housing)),
      ...Array.from({ length: 3 }, (_, i) =>
        g.gql(batch, { qs: Array.from({ length: 10 }, (_, j) => q(i + j)) }, housing),
      ),
      ...Array.from({ length: 6 }, (_, i) => g.gql(status, { id: people[i].id, n: people[i].name }, housing)),
    ]);
    for (const a of answers) expect(a.body.errors, JSON.stringify(a.body.errors)).toBeUndefined();
    const ids = [
      ...answers.slice(0, 30).map((a) => a.body.data.verifyEligibility.decisionId as string),
      ...answers
        .slice(30, 33)
        .flatMap((a) =>
          (a.body.data.verifyEligibilityBatch as { decisionId: string }[]).map((d) => d.decisionId),
        ),
    ];
    expect(answers.slice(0, 30).every((a) => a.body.data.verifyEligibility.eligible === true)).toBe(true);
    expect(answers.slice(33).every((a) => a.body.data.permitStatus.status === 'VALID')).toBe(true);
    const chain = (await g.gql('{ verifyAuditChain { entries intact firstBrokenAt } }', {}, auditor)).body
      .data.verifyAuditChain;
    expect(chain).toMatchObject({ intact: true, firstBrokenAt: null, entries: before + 30 + 30 + 6 });
    const log = (await g.gql(`{ auditLog(after: ${before}, first: 1000) { action subject } }`, {}, auditor))
      .body.data.auditLog as { action: string; subject: string }[];
    const audited = log.filter((e) => e.action === 'VERIFY_ELIGIBILITY').map((e) => e.subject);
    expect([...audited].sort()).toEqual(ids.map((id) => `decision:${id}`).sort());
    expect(log.filter((e) => e.action === 'PERMIT_STATUS')).toHaveLength(6);
  });
});
