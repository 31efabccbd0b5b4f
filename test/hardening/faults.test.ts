/**
 * Faults: the database unreachable → SERVICE_UNAVAILABLE (and /readyz failing on PostgreSQL), then
 * recovery without a restart; a server killed with SIGKILL during a stream of writes loses no
 * committed act (answered verifications included) and leaves no half-written one; a verification
 * whose group commit fails is answered SERVICE_UNAVAILABLE. Logs: JSON lines with a request id, and no
 * personal data in any of them.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../src/server';
import { CALLERS, TEST_SECRET, databases, startGateway, type TestGateway } from '../support/gateway';
import { APPLY, REGISTER, idNumber, registration } from '../support/people';

const DBS = await databases();
const ROOT = join(__dirname, '..', '..');

/** A loopback TCP proxy to PostgreSQL that the test can cut and restore. */
class CuttableProxy {
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  constructor(
    readonly port: number,
    private readonly target: number,
  ) {}
  async open() {
    this.server = createServer((client) => {
      const upstream = connect(this.target, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }
  async cut() {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function eventually<T>(fn: () => Promise<T>, ok: (t: T) => boolean, tries = 60): Promise<T> {
  let last!: T;
  for (let i = 0; i < tries; i += 1) {
    last = await fn();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  return last;
}

const VERIFY_ID =
  '{ verifyEligibility(query: { citizenIdNumber: "%ID%", holderName: "断电测试", entitlement: "PUBLIC_RENTAL_HOUSING" }) { decisionId eligible } }';
const VERIFY =
  '{ verifyEligibility(query: { citizenIdNumber: "%ID%", holderName: "故障测试", entitlement: "PUBLIC_RENTAL_HOUSING" }) { eligible } }';

describe.runIf(DBS.includes('postgresql'))('PostgreSQL unreachable, then back', () => {
  let g: TestGateway;
  let gw: Gateway;
  let proxy: CuttableProxy;
  beforeAll(async () => {
    proxy = new CuttableProxy(await freePort(), 5432);
    await proxy.open();
    g = await startGateway('postgresql'); // makes the database (dropped in afterAll)
    await g.gateway.close();
    gw = await createGateway({
      databaseUrl: g.databaseUrl.replace('127.0.0.1:5432', `127.0.0.1:${proxy.port}`),
      env: { NODE_ENV: 'test', GATEWAY_JWT_SECRET: TEST_SECRET },
      logger: pino({ level: 'silent' }),
      dataDir: mkdtempSync(join(tmpdir(), 'gw-data-')),
    });
  });
  afterAll(async () => {
    await gw?.close();
    await g?.stop();
  });

  it('answers SERVICE_UNAVAILABLE and fails /readyz while down, and recovers without a restart', async () => {
    const ps = await g.token(CALLERS.psCity);
    const q = VERIFY.replace('%ID%', idNumber('411302', '1980-01-01', 11));
    const gql = async () => {
      const r = await fetch(gw.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ps}` },
        body: JSON.stringify({ query: q }),
      });
      return {
        status: r.status,
        body: (await r.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] },
      };
    };
    const readyz = () => fetch(gw.url.replace('/graphql', '/readyz')).then((r) => r.status);
    expect((await gql()).body.errors).toBeUndefined();
    expect(await readyz()).toBe(200);
    await proxy.cut();
    const down = await gql();
    expect(down.status).toBeLessThan(500);
    expect(down.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(await readyz()).toBe(503);
    await proxy.open();
    expect(await eventually(readyz, (s) => s === 200)).toBe(200);
    const back = await eventually(gql, (r) => !r.body.errors);
    expect(back.body.errors).toBeUndefined();
    expect(back.body.data.verifyEligibility.eligible).toBe(false);
  });
});

describe('SQLite locked by another process, then released', () => {
  let g: TestGateway;
  beforeAll(async () => {
    g = await startGateway('sqlite');
  });
  afterAll(async () => {
    await g?.stop();
  });

  it('answers SERVICE_UNAVAILABLE for writes while locked, and recovers', async () => {
    const ps = await g.token(CALLERS.psCity);
    const other = new Database(g.databaseUrl, { timeout: 100 });
    other.exec('begin exclusive');
    const id = idNumber('411302', '1981-02-02', 12);
    const locked = await g.gql(REGISTER, { input: registration(id, '故障测试', '410302', '2026-01-05') }, ps);
    expect(locked.status).toBeLessThan(500);
    expect(locked.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    other.exec('rollback');
    other.close();
    const after = await g.gql(REGISTER, { input: registration(id, '故障测试', '410302', '2026-01-05') }, ps);
    expect(after.body.errors).toBeUndefined();
  });

  it('answers SERVICE_UNAVAILABLE for verifications whose group cannot commit, never a silent success', async () => {
    const housing = await g.token(CALLERS.housing);
    const auditor = await g.token(CALLERS.auditor);
    const entries = async () =>
      (await g.gql('{ verifyAuditChain { entries intact } }', {}, auditor)).body.data.verifyAuditChain as {
        entries: number;
        intact: boolean;
      };
    const before = (await entries()).entries;
    const other = new Database(g.databaseUrl, { timeout: 100 });
    other.exec('begin exclusive');
    const id = idNumber('411302', '1981-02-02', 12);
    const locked = await Promise.all([1, 2, 3].map(() => g.gql(VERIFY.replace('%ID%', id), {}, housing)));
    other.exec('rollback');
    other.close();
    for (const r of locked) {
      expect(r.status).toBeLessThan(500);
      expect(r.body.data?.verifyEligibility ?? null).toBeNull();
      expect(r.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    }
    // nothing of them was written; the next verification is answered and audited
    expect((await entries()).entries).toBe(before);
    const after = await g.gql(VERIFY.replace('%ID%', id), {}, housing);
    expect(after.body.errors).toBeUndefined();
    expect(await entries()).toEqual({ entries: before + 1, intact: true });
  });
});

describe.each(DBS)('SIGKILL during a stream of writes on %s', (db) => {
  let g: TestGateway;
  let child: ChildProcess | null = null;
  beforeAll(() => {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'ignore' });
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await g?.stop();
  });

  async function startChild(databaseUrl: string): Promise<string> {
    const port = await freePort();
    child = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: ROOT,
      // the data folder (the development receipt key) in a temp folder, never the repository's data/
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl,
        GATEWAY_DATA_DIR: mkdtempSync(join(tmpdir(), 'gw-child-data-')),
        PORT: String(port),
        SEED: 'reference',
        GATEWAY_JWT_SECRET: TEST_SECRET,
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      child!.stderr!.on('data', (b: Buffer) => {
        if (b.toString().includes('gateway: http')) resolve();
      });
      child!.on('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    return `http://127.0.0.1:${port}/graphql`;
  }

  it('loses no committed act and leaves no half-written one', async () => {
    g = await startGateway(db); // makes (and later drops) the database; the child serves it
    await g.gateway.close();
    const url = await startChild(g.databaseUrl);
    const ps = await g.token(CALLERS.psCity);
    const post = (query: string, variables: unknown) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ps}` },
        body: JSON.stringify({ query, variables }),
      }).then((r) => r.json() as Promise<{ data?: any; errors?: unknown[] }>);
    const housing = await g.token(CALLERS.housing);
    const verify = (id: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${housing}` },
        body: JSON.stringify({ query: VERIFY_ID.replace('%ID%', id) }),
      }).then((r) => r.json() as Promise<{ data?: any; errors?: unknown[] }>);
    const committed: string[] = [];
    const decided: string[] = []; // decision ids answered: each must survive the kill
    let n = 0;
    let killed = false;
    const worker = async (w: number) => {
      while (!killed) {
        const id = idNumber('411302', `1990-0${1 + w}-1${w}`, n++ % 1000);
        try {
          const r = await post(REGISTER, { input: registration(id, '断电测试', '410305', '2026-01-05') });
          if (!r.errors) committed.push(id);
          await post(APPLY, { input: { citizenIdNumber: id, appliedOn: '2026-09-01' } });
        } catch {
          return;
        }
      }
    };
    // verifications in the same stream, several at once so that they share group commits
    const verifier = async () => {
      while (!killed) {
        const id =
          committed[decided.length % Math.max(1, committed.length)] ?? idNumber('411302', '1990-01-10', 0);
        try {
          const r = await verify(id);
          if (!r.errors && r.data?.verifyEligibility?.decisionId)
            decided.push(r.data.verifyEligibility.decisionId);
        } catch {
          return;
        }
      }
    };
    const workers = [...[0, 1, 2, 3].map(worker), verifier(), verifier(), verifier(), verifier()];
    while (committed.length < 40 || decided.length < 40) await new Promise((r) => setTimeout(r, 20));
    killed = true;
    child!.kill('SIGKILL');
    await Promise.all(workers);
    // the same database, served again
    const url2 = await startChild(g.databaseUrl);
    const ask = (query: string, token: string) =>
      fetch(url2, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      }).then((r) => r.json() as Promise<any>);
    for (const id of committed) {
      const r = await ask(`{ permitHolder(citizenIdNumber: "${id}") { name } }`, ps);
      expect(r.data?.permitHolder?.name, id).toBe('断电测试');
    }
    const auditor = await g.token(CALLERS.auditor);
    const chain = await ask('{ verifyAuditChain { entries intact firstBrokenAt } }', auditor);
    expect(chain.data.verifyAuditChain).toMatchObject({ intact: true, firstBrokenAt: null });
    // no half-written act: every holder has its registration row, every act its audit entry
    const entries: { action: string; subject: string | null }[] = [];
    for (let after = 0; ; after += 1000) {
      const page = (await ask(`{ auditLog(after: ${after}, first: 1000) { action subject } }`, auditor)).data
        .auditLog;
      entries.push(...page);
      if (page.length < 1000) break;
    }
    const registrations = entries.filter((e) => e.action === 'REGISTER_RESIDENCE').length;
    const applications = entries.filter((e) => e.action === 'APPLY_FOR_PERMIT').length;
    expect(registrations).toBeGreaterThanOrEqual(committed.length);
    // every answered verification: its audit entry and its decision row
    const audited = new Set(entries.filter((e) => e.action === 'VERIFY_ELIGIBILITY').map((e) => e.subject));
    for (const d of decided) expect(audited.has(`decision:${d}`), d).toBe(true);
    const { Client } = await import('pg');
    const counts =
      db === 'sqlite'
        ? (() => {
            const c = new Database(g.databaseUrl, { readonly: true });
            const r = {
              h: (c.prepare('select count(*) n from holder').get() as { n: number }).n,
              r: (
                c.prepare("select count(*) n from residence_record where kind = 'REGISTRATION'").get() as {
                  n: number;
                }
              ).n,
              a: (c.prepare('select count(*) n from permit_application').get() as { n: number }).n,
              d: (c.prepare('select count(*) n from eligibility_decision').get() as { n: number }).n,
            };
            c.close();
            return r;
          })()
        : await (async () => {
            const c = new Client({ connectionString: g.databaseUrl });
            await c.connect();
            const q = async (s: string) => Number((await c.query(s)).rows[0].n);
            const r = {
              h: await q('select count(*) n from holder'),
              r: await q("select count(*) n from residence_record where kind = 'REGISTRATION'"),
              a: await q('select count(*) n from permit_application'),
              d: await q('select count(*) n from eligibility_decision'),
            };
            await c.end();
            return r;
          })();
    expect(counts.h).toBe(registrations);
    expect(counts.r).toBe(registrations);
    expect(counts.a).toBe(applications);
    expect(counts.d).toBe(audited.size); // a decision row exactly for each VERIFY_ELIGIBILITY entry
    expect(counts.d).toBeGreaterThanOrEqual(decided.length);
    child!.kill('SIGKILL');
    child = null;
  });
});

describe('logs', () => {
  it('are JSON lines with a request id and hold no ID number or name', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _e, cb) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        cb();
      },
    });
    const g = await startGateway('sqlite', { logger: pino({ level: 'debug' }, sink) });
    try {
      const ps = await g.token(CALLERS.psCity);
      const housing = await g.token(CALLERS.housing);
      const id = idNumber('411302', '1979-03-03', 13);
      const name = '日志测试';
      await g.gql(REGISTER, { input: registration(id, name, '410302', '2025-01-05') }, ps);
      await g.gql(APPLY, { input: { citizenIdNumber: id, appliedOn: '2025-08-01' } }, ps);
      await g.gql(VERIFY.replace('%ID%', id).replace('故障测试', name), {}, housing);
      await g.gql(`{ permitHolder(citizenIdNumber: "${id}") { name hukouAddress } }`, {}, ps);
      await g.gql(`{ permitHolder(citizenIdNumber: "${id.slice(0, 17)}0") { name } }`, {}, ps); // a refused ID number
      const requests = lines
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.msg === 'request');
      expect(requests.length).toBeGreaterThanOrEqual(5);
      expect(requests.every((l) => typeof l.requestId === 'string' && l.requestId.length > 10)).toBe(true);
      const all = lines.join('\n');
      expect(all).not.toContain(id.slice(0, 17));
      expect(all).not.toContain(name);
    } finally {
      await g.stop();
    }
  });
});
