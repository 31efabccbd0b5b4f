/**
 * The hot path on prepared statements (src/db/sql.ts, issue 8): a verification compiles its
 * statements once per connection, then only executes them — better-sqlite3 `prepare` is not called
 * again, PostgreSQL gets named statements — and the answers stay those of the rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { CALLERS, databases, startGateway, type TestGateway } from '../support/gateway';
import { demoPeople } from '../../seeds/demo';

const DBS = await databases();
const VERIFY = `query($q: EligibilityQuery!) { verifyEligibility(query: $q) { decisionId eligible reasons { code passed } permit { status } } }`;

describe.each(DBS)('verification statements on %s', (db) => {
  let g: TestGateway;
  const statements: string[] = [];
  beforeAll(async () => {
    g = await startGateway(db, { seed: 'demo', onQuery: (sql) => statements.push(sql) });
  });
  afterAll(async () => {
    await g?.stop();
  });

  it('compiles a check’s statements once, then only runs them (same texts each time)', async () => {
    const token = await g.token(CALLERS.housing);
    const people = demoPeople();
    const valid = people.find((p) => p.state === 'VALID')!;
    const lapsed = people.find((p) => p.state === 'LAPSED')!;
    const check = async (p: (typeof people)[number]) => {
      const r = await g.gql(
        VERIFY,
        {
          q: { citizenIdNumber: p.citizenIdNumber, holderName: p.name, entitlement: 'PUBLIC_RENTAL_HOUSING' },
        },
        token,
      );
      expect(r.body.errors).toBeUndefined();
      return r.body.data.verifyEligibility as { eligible: boolean; permit: { status: string } | null };
    };
    await check(valid); // the first check compiles
    await g.gateway.decisions.flush();
    const prepares = { sqlite: 0, pg: 0, named: 0 };
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be put back after the check
    const sqlitePrepare = Database.prototype.prepare;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be put back after the check
    const pgQuery = Client.prototype.query;
    Database.prototype.prepare = function (this: Database.Database, source: string) {
      prepares.sqlite += 1;
      return sqlitePrepare.call(this, source);
    } as typeof sqlitePrepare;
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      const q = args[0] as { name?: string } | string;
      if (typeof q === 'object' && q.name?.startsWith('gw_')) prepares.named += 1;
      else prepares.pg += 1;
      return (pgQuery as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof pgQuery;
    statements.length = 0;
    let answers: Awaited<ReturnType<typeof check>>[];
    try {
      answers = [await check(valid), await check(lapsed)];
      await g.gateway.decisions.flush();
    } finally {
      Database.prototype.prepare = sqlitePrepare;
      Client.prototype.query = pgQuery;
    }
    expect(answers[0].eligible).toBe(true);
    expect(answers[0].permit?.status).toBe('VALID');
    expect(answers[1].eligible).toBe(false);
    if (db === 'sqlite') {
      expect(prepares.sqlite).toBe(0);
    } else {
      // the reads and the group by name (one statement once the writer knows the chain's head);
      // at most begin and commit as plain text, should a group have to go the long way
      expect(prepares.named).toBeGreaterThanOrEqual(2 * 5);
      expect(prepares.pg).toBeLessThanOrEqual(2 * 2);
    }
    // each check: 4 reads, then its group, the same texts
    const esc = String.fromCharCode(27);
    const plain = statements.map((s) =>
      s
        .split(esc)
        .map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;]*m/, '')))
        .join('')
        .replace(/ \[took [^\]]*\]$/, ''),
    );
    if (process.env.SHOW_SQL) process.stderr.write(plain.map((s) => s.slice(0, 90)).join('\n') + '\n');
    const reads = plain.filter((s) => /^\[query\] select\b/i.test(s) && !/audit_entry|pg_advisory/.test(s));
    expect(reads).toHaveLength(8);
    expect(new Set(reads).size).toBe(4);
  });
});
