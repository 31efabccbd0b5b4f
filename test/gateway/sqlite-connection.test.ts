/**
 * SQLite's one connection, used well (issue 8, src/db/sql.ts and src/db/sqlite-wal.ts):
 * - a check reads on the connection at once while it is idle, and waits its turn while another
 *   request holds a transaction open on it, so it never sees what that transaction has not committed;
 * - the write-ahead log is copied back into the database by the checkpointer thread, not by a
 *   commit on the event loop (the server's own connection would do it only past 10 000 pages).
 */
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/core';
import { CALLERS, startGateway, type TestGateway } from '../support/gateway';
import { demoPeople } from '../../seeds/demo';

type SqlEm = EntityManager & { execute(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]> };
const VERIFY = `query($q: EligibilityQuery!) { verifyEligibility(query: $q) { eligible permit { status } reasons { code passed } } }`;

describe('the SQLite connection', () => {
  let g: TestGateway;
  beforeAll(async () => {
    g = await startGateway('sqlite', { seed: 'demo' });
  });
  afterAll(async () => {
    await g?.stop();
  });

  const person = () => demoPeople().find((p) => p.state === 'VALID')!;
  const check = async (token: string, p = person()) => {
    const r = await g.gql(
      VERIFY,
      { q: { citizenIdNumber: p.citizenIdNumber, holderName: p.name, entitlement: 'PUBLIC_RENTAL_HOUSING' } },
      token,
    );
    expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
    return r.body.data.verifyEligibility as { eligible: boolean; permit: { status: string } | null };
  };

  it('a check made while another transaction is open does not see its uncommitted confiscation', async () => {
    const token = await g.token(CALLERS.housing);
    expect((await check(token)).eligible).toBe(true); // the connection has been seen idle
    const p = person();
    let answer: Promise<{ eligible: boolean; permit: { status: string } | null }> | null = null;
    const rolledBack = await g.gateway.orm.em
      .fork()
      .transactional(async (tem) => {
        const em = tem as SqlEm;
        const [permit] = await em.execute(
          `select p.id from permit p join holder h on h.id = p.holder_id where h.citizen_id_number = ?
            order by p.issued_on desc, p.id desc limit 1`,
          [p.citizenIdNumber],
        );
        await em.execute(
          `insert into confiscation (permit_id, confiscated_on, reason, actor, created_at) values (?, ?, ?, ?, ?)`,
          [permit.id, '2026-01-01', 'test: never committed', 'test', new Date().toISOString()],
        );
        // the check starts while this transaction holds the connection with the row in it
        answer = check(token);
        await new Promise((r) => setTimeout(r, 300));
        throw new Error('rolled back on purpose');
      })
      .then(
        () => false,
        (e: Error) => e.message === 'rolled back on purpose',
      );
    expect(rolledBack).toBe(true);
    const seen = await answer!;
    expect(seen.eligible).toBe(true);
    expect(seen.permit?.status).toBe('VALID');
    const [{ n }] = await (g.gateway.orm.em.fork() as SqlEm).execute(
      `select count(*) as n from confiscation where reason = 'test: never committed'`,
    );
    expect(Number(n)).toBe(0);
  });

  it('copies the write-ahead log back into the database file by itself, well before 10 000 pages', async () => {
    const token = await g.token(CALLERS.housing);
    const file = g.databaseUrl;
    // the start's own writes copied back first (the thread checkpoints every 100 ms)
    let before = statSync(file).size;
    for (let k = 0; k < 50; k += 1) {
      await new Promise((r) => setTimeout(r, 100));
      const now = statSync(file).size;
      if (now === before && k > 5) break;
      before = now;
    }
    const people = demoPeople();
    for (let k = 0; k < 300; k += 1) await check(token, people[k % people.length]);
    await g.gateway.decisions.flush();
    const wal = statSync(`${file}-wal`).size;
    expect(wal).toBeLessThan(10_000 * 4096); // the server's own backstop has not been reached
    let after = statSync(file).size;
    for (let k = 0; k < 100 && after <= before; k += 1) {
      await new Promise((r) => setTimeout(r, 100));
      after = statSync(file).size;
    }
    expect(after).toBeGreaterThan(before); // 300 decisions and their audit entries are in the file itself
  });
});
