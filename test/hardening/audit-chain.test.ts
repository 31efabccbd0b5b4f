/**
 * Art. 22(5), SPEC "Lists that grow with the city": verifyAuditChain reads the log in chunks of at
 * most 5000 entries per statement (counted from the ORM's query log, not timed), checks it in
 * stretches that resume where the last one stopped with the same verdict as one pass, and given a
 * head recorded earlier catches a cut tail and a log rewritten with recomputed hashes. Over HTTP,
 * with real tokens, on SQLite and PostgreSQL.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryHash } from '../../src/app/audit';
import { CHUNK } from '../../src/app/audit-log/verify-chain';
import { CALLERS, databases, startGateway, type TestGateway } from '../support/gateway';
import { idNumber } from '../support/people';

const DBS = await databases();
const BATCHES = 11; // 11 000 decisions: more than two chunks
const CHAIN = `query($from: Int, $limit: Int, $head: AuditHeadInput) {
  verifyAuditChain(fromSequence: $from, limit: $limit, expectHead: $head) { entries intact firstBrokenAt headSequence headHash expectedHeadFound nextSequence } }`;

describe.each(DBS)('the audit chain in stretches on %s', (db) => {
  let g: TestGateway;
  let auditor: string;
  const statements: string[] = [];
  const logLines: Record<string, unknown>[] = [];
  let counting = false;
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const l of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(l));
        done();
      },
    });
    g = await startGateway(db, {
      onQuery: (sql) => {
        if (counting) statements.push(sql);
      },
      logger: pino({ level: 'info' }, sink),
    });
    auditor = await g.token(CALLERS.auditor);
    const ps = await g.token(CALLERS.psCity);
    const unknown = idNumber('110105', '1970-01-01', 901);
    const qs = Array.from({ length: 1000 }, () => ({
      citizenIdNumber: unknown,
      holderName: '无此人',
      entitlement: 'PUBLIC_RENTAL_HOUSING',
    }));
    for (let i = 0; i < BATCHES; i += 1) {
      const r = await g.gql(
        'query($qs: [EligibilityQuery!]!) { verifyEligibilityBatch(queries: $qs) { eligible } }',
        { qs },
        ps,
      );
      expect(r.body.errors).toBeUndefined();
    }
  }, 600_000);
  afterAll(async () => {
    await g?.stop();
  });

  const check = async (v: Record<string, unknown> = {}) => {
    const r = await g.gql(CHAIN, v, auditor);
    expect(r.status).toBeLessThan(500);
    expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
    return r.body.data.verifyAuditChain;
  };
  const exec = (sql: string, params: unknown[] = []) =>
    g.gateway.orm.em.fork().getConnection().execute(sql, params);
  const count = async () => Number((await exec('select count(*) as n from audit_entry'))[0].n);

  /** Checks the whole log in stretches of `limit`, following nextSequence; the sums and the first break. */
  async function inStretches(limit: number) {
    let from: number | null = 1;
    let entries = 0;
    const reports = [];
    while (from !== null) {
      const r = await check({ from, limit });
      reports.push(r);
      entries += r.entries;
      if (!r.intact) return { entries, intact: false, firstBrokenAt: r.firstBrokenAt, reports };
      expect(r.entries).toBeLessThanOrEqual(limit);
      from = r.nextSequence;
    }
    return { entries, intact: true, firstBrokenAt: null, reports };
  }

  it('reads the log in chunks of at most 5000 entries per statement, and logs progress', async () => {
    const n = await count();
    expect(n).toBeGreaterThan(2 * CHUNK);
    statements.length = 0;
    logLines.length = 0;
    counting = true;
    const r = await check();
    counting = false;
    expect(r).toMatchObject({
      entries: n,
      intact: true,
      firstBrokenAt: null,
      headSequence: n,
      expectedHeadFound: null,
      nextSequence: null,
    });
    expect(r.headHash).toMatch(/^[0-9a-f]{64}$/);
    const chunks = statements.filter((s) => /from audit_entry where sequence >= /.test(s));
    const rows = chunks.map((s) => Number(/\[took \d+ ms, (\d+) results?\]/.exec(s)?.[1]));
    // every entry was read once, never more than CHUNK in one statement, so never the whole log at once
    expect(rows.every((k) => k <= CHUNK)).toBe(true);
    expect(rows.reduce((a, b) => a + b, 0)).toBe(n);
    expect(chunks.length).toBe(Math.ceil(n / CHUNK));
    expect(
      statements.some((s) =>
        /select \* from audit_entry|from audit_entry order by sequence(?! desc limit 1)/.test(s),
      ),
    ).toBe(false);
    const progress = logLines.filter((l) => l.msg === 'audit chain check in progress');
    expect(progress.map((l) => l.checked)).toEqual([10_000]);
    expect(progress[0]).toMatchObject({ headSequence: n });
    expect(progress[0].requestId).toBeDefined();
  });

  it('checked in stretches, the log gives the same verdict as in one pass', async () => {
    const whole = await check();
    for (const limit of [3000, 4999, 7001]) {
      const walk = await inStretches(limit);
      expect(walk).toMatchObject({ entries: whole.entries, intact: true, firstBrokenAt: null });
      expect(walk.reports.length).toBe(Math.ceil(whole.headSequence / limit));
      expect(walk.reports.at(-1)).toMatchObject({
        nextSequence: null,
        headSequence: whole.headSequence,
        headHash: whole.headHash,
      });
      // each stretch resumes right after the last one
      for (const [i, r] of walk.reports.slice(0, -1).entries())
        expect(r.nextSequence).toBe(1 + (i + 1) * limit);
    }
    // a stretch starting at the head + 1 has nothing to check and has reached the head
    expect(await check({ from: whole.headSequence + 1 })).toMatchObject({
      entries: 0,
      intact: true,
      nextSequence: null,
    });
  });

  it('says whether a head recorded earlier is still in the chain', async () => {
    const now = await check();
    const head = { sequence: now.headSequence, hash: now.headHash };
    expect((await check({ head })).expectedHeadFound).toBe(true);
    expect((await check({ head: { ...head, hash: head.hash.toUpperCase() } })).expectedHeadFound).toBe(true);
    expect((await check({ head: { ...head, hash: 'f'.repeat(64) } })).expectedHeadFound).toBe(false);
    expect((await check({ head: { sequence: head.sequence + 1, hash: head.hash } })).expectedHeadFound).toBe(
      false,
    );
    // an older entry of the chain is found too, also from a stretch that does not contain it
    const [e5] = await exec('select hash from audit_entry where sequence = 5');
    expect(
      (await check({ from: 9000, limit: 10, head: { sequence: 5, hash: e5.hash } })).expectedHeadFound,
    ).toBe(true);
  });

  it('refuses bad arguments with BAD_USER_INPUT and writes nothing', async () => {
    const before = await count();
    const bad: Record<string, unknown>[] = [
      { from: 0 },
      { from: -1 },
      { limit: 0 },
      { limit: -5 },
      { limit: 1_000_001 },
      { head: { sequence: 1, hash: 'xyz' } },
      { head: { sequence: 1, hash: 'g'.repeat(64) } },
      { head: { sequence: 0, hash: 'a'.repeat(64) } },
      { head: { sequence: -3, hash: 'a'.repeat(64) } },
    ];
    for (const v of bad) {
      const r = await g.gql(CHAIN, v, auditor);
      expect(r.status, JSON.stringify(v)).toBeLessThan(500);
      expect(r.body.errors?.[0]?.extensions?.code, JSON.stringify(v)).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(r.body.errors)).not.toMatch(/stack/i);
    }
    expect(await count()).toBe(before);
  });

  it('a log rewritten from some entry on, hashes recomputed, is intact but has lost the recorded head', async () => {
    const recorded = await check();
    const head = { sequence: recorded.headSequence, hash: recorded.headHash };
    // the insider rewrites entry 7000 and recomputes every hash after it, so the chain links up again
    const rows = await exec('select * from audit_entry where sequence >= 7000 order by sequence');
    let prev = String((await exec('select hash from audit_entry where sequence = 6999'))[0].hash);
    for (const r of rows) {
      const e = {
        sequence: Number(r.sequence),
        at: String(r.at),
        actor: String(r.actor),
        role: String(r.role),
        action: String(r.action),
        subject: r.subject,
        outcome: Number(r.sequence) === 7000 ? 'rewritten' : String(r.outcome),
      };
      const hash = entryHash(prev, e);
      await exec('update audit_entry set outcome = ?, prev_hash = ?, hash = ? where sequence = ?', [
        e.outcome,
        prev,
        hash,
        e.sequence,
      ]);
      prev = hash;
    }
    const after = await check({ head });
    expect(after).toMatchObject({ intact: true, headSequence: head.sequence, expectedHeadFound: false });
    expect(after.headHash).not.toBe(head.hash);
    // the auditor's next recorded head is the rewritten one
    head.hash = after.headHash;
    // a cut tail: the last 50 entries deleted; the chain that is left is intact, the head is gone
    await exec('delete from audit_entry where sequence > ?', [head.sequence - 50]);
    const cut = await check({ head });
    expect(cut).toMatchObject({
      intact: true,
      headSequence: head.sequence - 50,
      expectedHeadFound: false,
      nextSequence: null,
    });
  });

  it('an edited entry breaks the chain at itself, in one pass and in stretches', async () => {
    await exec(`update audit_entry set outcome = 'tampered' where sequence = 4321`);
    const whole = await check();
    expect(whole).toMatchObject({ intact: false, firstBrokenAt: 4321, entries: 4320, nextSequence: null });
    const walk = await inStretches(1000);
    expect(walk).toMatchObject({ intact: false, firstBrokenAt: 4321, entries: 4320 });
    // a stretch that starts after it checks from the edited entry's stored hash, so it passes
    expect(await check({ from: 4322, limit: 100 })).toMatchObject({
      intact: true,
      entries: 100,
      nextSequence: 4422,
    });
    // an entry whose content was edited is not the head that was recorded, even with its hash kept
    const [e] = await exec('select hash from audit_entry where sequence = 4321');
    expect((await check({ head: { sequence: 4321, hash: e.hash } })).expectedHeadFound).toBe(false);
  });

  it('deleted entries break the chain at the first missing sequence; a stretch after them at its starting point', async () => {
    await exec('delete from audit_entry where sequence >= 200 and sequence < 205');
    expect(await check()).toMatchObject({ intact: false, firstBrokenAt: 200, entries: 199 });
    expect(await inStretches(150)).toMatchObject({ intact: false, firstBrokenAt: 200, entries: 199 });
    expect(await check({ from: 205, limit: 10 })).toMatchObject({
      intact: false,
      firstBrokenAt: 204,
      entries: 0,
      nextSequence: null,
    });
  });
});
