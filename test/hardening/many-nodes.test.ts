/**
 * Many nodes as one: two real gateway processes on one database.
 * - Concurrent endorsements of one permit spread over both nodes: exactly one succeeds.
 * - Verifications on both nodes: one intact audit chain, the same entry count read from either.
 * - Two nodes started at the same moment on an EMPTY database: both come up, the schema is
 *   migrated once and the reference data and the demo set are seeded once (the startup lock).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authConfig, signToken } from '../../src/app/auth';
import { CATALOGUE, REGIONS } from '../../src/law';
import { DEMO_HOLDERS } from '../../seeds/demo';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from '../../src/db/migrations';
import { CALLERS, PG_ADMIN_URL, TEST_SECRET, databases, type Db } from '../support/gateway';
import { buildServer, post, startNode, type Node } from '../support/nodes';
import { APPLY, ISSUE, REGISTER, idNumber, registration } from '../support/people';

const DBS = await databases();
const AUTH = authConfig({ NODE_ENV: 'test', GATEWAY_JWT_SECRET: TEST_SECRET });
const token = (claims: (typeof CALLERS)[keyof typeof CALLERS]) => signToken(AUTH, claims);

/** An empty database (no schema): a new PostgreSQL database, or a path in a new temp folder. */
async function emptyDatabase(db: Db): Promise<{ url: string; drop(): Promise<void> }> {
  if (db === 'postgresql') {
    const name = `gw_nodes_${randomBytes(6).toString('hex')}`;
    const admin = new Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    return {
      url: PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`),
      async drop() {
        const c = new Client({ connectionString: PG_ADMIN_URL });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'gw-nodes-'));
  return { url: join(dir, 'nodes.sqlite'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** Counts rows straight from the database (not through either node). */
async function count(db: Db, url: string, sql: string): Promise<number> {
  if (db === 'sqlite') {
    const c = new Database(url, { readonly: true });
    try {
      return Number((c.prepare(sql).get() as { n: number }).n);
    } finally {
      c.close();
    }
  }
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query(sql)).rows[0].n);
  } finally {
    await c.end();
  }
}

beforeAll(() => buildServer(), 240_000);

// Several processes writing one SQLite file at once are not a supported deployment (see README).
describe.each(DBS.filter((d) => d === 'postgresql'))('two nodes on one %s database', (db) => {
  let database: { url: string; drop(): Promise<void> };
  let a: Node;
  let b: Node;
  let ps: string;
  let auditor: string;
  let housing: string;
  beforeAll(async () => {
    database = await emptyDatabase(db);
    a = await startNode(database.url, { SEED: 'reference' });
    b = await startNode(database.url, { SEED: 'reference' });
    ps = await token(CALLERS.psCity);
    auditor = await token(CALLERS.auditor);
    housing = await token(CALLERS.housing);
  }, 120_000);
  afterAll(async () => {
    await a?.kill();
    await b?.kill();
    await database?.drop();
  });

  it('concurrent endorsements of one permit across both nodes: exactly one succeeds', async () => {
    const id = idNumber('411302', '1988-04-04', 501);
    expect(
      (await post(a.url, REGISTER, { input: registration(id, '双节点', '410305', '2024-01-02') }, ps)).body
        .errors,
    ).toBeUndefined();
    const app = await post(b.url, APPLY, { input: { citizenIdNumber: id, appliedOn: '2024-08-01' } }, ps);
    expect(app.body.data.applyForPermit.status).toBe('ACCEPTED');
    const permit = await post(a.url, ISSUE, { id: app.body.data.applyForPermit.id, on: '2024-12-10' }, ps);
    const permitId = permit.body.data.issuePermit.id;
    // year-1 window: 2025-11-11 .. 2025-12-10; 40 attempts, alternating nodes, all at once
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        post(
          i % 2 ? a.url : b.url,
          'mutation($p: ID!) { endorsePermit(permitId: $p, endorsedOn: "2025-11-20") { endorsements { endorsedOn } } }',
          { p: permitId },
          ps,
        ),
      ),
    );
    expect(
      results.every((r) => r.status < 500),
      JSON.stringify(results.map((r) => r.status)),
    ).toBe(true);
    const succeeded = results.filter((r) => !r.body.errors);
    const codes = results.filter((r) => r.body.errors).map((r) => r.body.errors![0].extensions!.code);
    expect(succeeded).toHaveLength(1);
    expect(
      codes.every((c) => c === 'CONFLICT' || c === 'RULE_VIOLATION'),
      JSON.stringify(codes),
    ).toBe(true);
    // either node reads the one endorsement
    for (const url of [a.url, b.url]) {
      const seen = await post(
        url,
        `{ permitHolder(citizenIdNumber: "${id}") { permits { endorsements { endorsedOn } } } }`,
        {},
        ps,
      );
      expect(seen.body.data.permitHolder.permits[0].endorsements).toEqual([{ endorsedOn: '2025-11-20' }]);
    }
    expect(
      await count(db, database.url, `select count(*) n from endorsement where permit_id = '${permitId}'`),
    ).toBe(1);
  });

  it('verifications on both nodes: one intact chain, the same count from either node', async () => {
    const id = idNumber('411302', '1989-05-05', 502);
    await post(a.url, REGISTER, { input: registration(id, '双节点核验', '410305', '2024-01-02') }, ps);
    const before = await post(a.url, '{ verifyAuditChain { entries intact firstBrokenAt } }', {}, auditor);
    const q = `{ verifyEligibility(query: { citizenIdNumber: "${id}", holderName: "双节点核验", entitlement: "PUBLIC_RENTAL_HOUSING" }) { decisionId eligible } }`;
    const batch = `{ verifyEligibilityBatch(queries: [${Array.from({ length: 5 }, () => `{ citizenIdNumber: "${id}", holderName: "双节点核验", entitlement: "PUBLIC_RENTAL_HOUSING" }`).join(', ')}]) { decisionId } }`;
    // 30 single verifications and 10 batches of 5, spread over both nodes, all at once
    const results = await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => post(i % 2 ? a.url : b.url, q, {}, housing)),
      ...Array.from({ length: 10 }, (_, i) => post(i % 2 ? b.url : a.url, batch, {}, housing)),
    ]);
    expect(results.map((r) => r.body.errors?.[0]?.extensions?.code ?? null)).toEqual(results.map(() => null));
    const decisions = new Set(
      results.flatMap((r) =>
        r.body.data.verifyEligibility
          ? [r.body.data.verifyEligibility.decisionId]
          : r.body.data.verifyEligibilityBatch.map((d: { decisionId: string }) => d.decisionId),
      ),
    );
    expect(decisions.size).toBe(30 + 10 * 5);
    const fromA = (await post(a.url, '{ verifyAuditChain { entries intact firstBrokenAt } }', {}, auditor))
      .body.data.verifyAuditChain;
    const fromB = (await post(b.url, '{ verifyAuditChain { entries intact firstBrokenAt } }', {}, auditor))
      .body.data.verifyAuditChain;
    expect(fromA).toEqual({ entries: fromA.entries, intact: true, firstBrokenAt: null });
    expect(fromB).toEqual(fromA);
    // every verification left its entry, in one chain (no fork: sequence numbers unique and gapless)
    expect(fromA.entries).toBeGreaterThanOrEqual(before.body.data.verifyAuditChain.entries + 30 + 10);
    expect(await count(db, database.url, 'select count(*) n from audit_entry')).toBe(fromA.entries);
    expect(await count(db, database.url, 'select count(distinct sequence) n from audit_entry')).toBe(
      fromA.entries,
    );
    expect(await count(db, database.url, 'select max(sequence) n from audit_entry')).toBe(fromA.entries);
  });
});

describe.each(DBS)('two nodes started at the same moment on an empty %s database', (db) => {
  let database: { url: string; drop(): Promise<void> };
  let nodes: Node[] = [];
  afterAll(async () => {
    for (const n of nodes) await n.kill();
    await database?.drop();
  });

  it('both come up; migrations run once, reference data and the demo set are seeded once', async () => {
    database = await emptyDatabase(db);
    // the default start (no SEED): reference data and the demo set
    const started = await Promise.allSettled([startNode(database.url), startNode(database.url)]);
    nodes = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    expect(started.map((s) => (s.status === 'rejected' ? String(s.reason).slice(0, 1000) : 'up'))).toEqual([
      'up',
      'up',
    ]);
    for (const n of nodes) expect((await fetch(n.url.replace('/graphql', '/readyz'))).status).toBe(200);
    const migrations = db === 'sqlite' ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS;
    expect(await count(db, database.url, 'select count(*) n from mikro_orm_migrations')).toBe(
      migrations.length,
    );
    expect(await count(db, database.url, 'select count(*) n from region')).toBe(REGIONS.length);
    expect(await count(db, database.url, 'select count(*) n from entitlement where local = false')).toBe(
      CATALOGUE.length,
    );
    expect(await count(db, database.url, 'select count(*) n from holder')).toBe(DEMO_HOLDERS);
    expect(
      await count(db, database.url, "select count(*) n from audit_entry where action = 'REGISTER_RESIDENCE'"),
    ).toBe(DEMO_HOLDERS);
    // both serve the one register: the same chain, intact
    const auditor = await token(CALLERS.auditor);
    const chains = await Promise.all(
      nodes.map((n) => post(n.url, '{ verifyAuditChain { entries intact } }', {}, auditor)),
    );
    expect(chains[0].body.data.verifyAuditChain.intact).toBe(true);
    expect(chains[1].body.data).toEqual(chains[0].body.data);
  }, 300_000);
});
