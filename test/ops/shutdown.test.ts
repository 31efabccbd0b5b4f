/**
 * Graceful shutdown, with real signals to a real server process on both databases: a 1000-query
 * batch in flight is answered, idle keep-alive connections close, the process exits 0 before the
 * grace period ends; past the grace period what is left is cut and it exits 1; a second signal
 * exits at once (130 / 143); SHUTDOWN_DELAY_MS keeps accepting with /readyz at 503; every verification
 * answered before the stop is committed (the group-commit writer is closed before the database).
 */
import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { signToken, authConfig } from '../../src/app/auth';
import { Decision } from '../../src/db/entities';
import {
  CALLERS,
  TEST_SECRET,
  databases,
  restartGateway,
  startGateway,
  type Db,
  type TestGateway,
} from '../support/gateway';
import { spawnServer, type ServerProcess } from '../support/process';
import { idNumber } from '../support/people';

const DBS = await databases();
const GRACE_MS = 10_000;

const BATCH = 'query($q: [EligibilityQuery!]!) { verifyEligibilityBatch(queries: $q) { eligible } }';
const batchVariables = (n: number) => ({
  q: Array.from({ length: n }, (_, i) => ({
    citizenIdNumber: idNumber('411302', '1985-05-05', i % 999),
    holderName: '停机测试',
    entitlement: 'PUBLIC_RENTAL_HOUSING',
  })),
});

/** GET on a connection of its own; resolves with status and body. */
function get(url: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    request(url, { agent: false }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    })
      .on('error', reject)
      .end();
  });
}

/**
 * POST over the given agent; resolves with status and body, or rejects on a cut connection. With
 * `hold`, the body is sent in two halves, the second only when `hold` resolves: the request is then
 * truly in flight (the server is reading it) for as long as the test wants.
 */
function post(
  url: string,
  token: string,
  query: string,
  agent: Agent,
  variables?: unknown,
  hold?: Promise<unknown>,
): Promise<{ status: number; body: any; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode!, body: JSON.parse(text), connection: res.headers.connection }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    const body = JSON.stringify({ query, variables });
    if (!hold) return void req.end(body);
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half));
    void hold.then(
      () => req.end(body.slice(half)),
      () => req.destroy(),
    );
  });
}

const received = (l: Record<string, unknown>) => l.msg === 'request received';

async function withDatabase(db: Db) {
  const g = await startGateway(db); // makes the database (dropped after); the child serves it
  await g.gateway.close();
  return g;
}

describe.each(DBS)('graceful shutdown on %s', (db) => {
  let server: ServerProcess | null = null;
  let cleanup: (() => Promise<void>) | null = null;
  let database: TestGateway | null = null;
  afterEach(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null)
      server.child.kill('SIGKILL');
    await server?.exited;
    server = null;
    await cleanup?.();
  });

  async function start(extra: Record<string, string> = {}) {
    const g = await withDatabase(db);
    database = g;
    cleanup = () => g.stop();
    server = await spawnServer({
      NODE_ENV: 'test',
      DATABASE_URL: g.databaseUrl,
      SEED: 'reference',
      GATEWAY_JWT_SECRET: TEST_SECRET,
      ...extra,
    });
    const token = await signToken(
      authConfig({ NODE_ENV: 'test', GATEWAY_JWT_SECRET: TEST_SECRET }),
      CALLERS.housing,
    );
    return { server, token };
  }

  it('SIGTERM with a 1000-query batch in flight: the batch is answered, idle keep-alive connections close, exit 0 within the grace period', async () => {
    const { server: s, token } = await start();
    const agent = new Agent({ keepAlive: true });
    // an idle keep-alive connection of its own: one answered request, then nothing; the process can
    // exit 0 only if the server closes it (http.close waits for every connection)
    const idleAgent = new Agent({ keepAlive: true });
    const idle = await post(s.url, token, '{ regions { code } }', idleAgent);
    expect(idle.status).toBe(200);
    let idleClosed = false;
    for (const socket of Object.values(idleAgent.freeSockets).flat())
      socket?.on('close', () => (idleClosed = true));
    const logCount = s.logs.filter(received).length;
    let release!: () => void;
    const signalHandled = new Promise<void>((r) => (release = r));
    const inFlight = post(s.url, token, BATCH, agent, batchVariables(1000), signalHandled);
    await s.waitForLog((l) => received(l) && s.logs.filter(received).indexOf(l) >= logCount);
    const signalled = Date.now();
    s.child.kill('SIGTERM');
    await s.waitForStderr('SIGTERM: draining');
    release(); // the rest of the batch's body, after the server began to drain
    const answer = await inFlight;
    const exit = await s.exited;
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data.verifyEligibilityBatch).toHaveLength(1000);
    expect(answer.connection).toBe('close');
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - signalled).toBeLessThan(GRACE_MS);
    expect(s.logs.some((l) => l.msg === 'drained: every request in flight was answered')).toBe(true);
    expect(idleClosed).toBe(true);
    agent.destroy();
    idleAgent.destroy();
  });

  it('SIGTERM with verifications in flight: every one answered is committed, exit 0', async () => {
    const { server: s, token } = await start();
    const agent = new Agent({ keepAlive: false });
    const single = (i: number) =>
      `{ verifyEligibility(query: { citizenIdNumber: "${idNumber('411302', '1991-01-01', i)}", holderName: "停机测试", entitlement: "PUBLIC_RENTAL_HOUSING" }) { decisionId } }`;
    const answered: string[] = [];
    const asks = Array.from({ length: 20 }, (_, i) =>
      post(s.url, token, single(i), agent).then(
        (r) => {
          const id = (r.body as { data?: { verifyEligibility?: { decisionId?: string } } }).data
            ?.verifyEligibility?.decisionId;
          if (id) answered.push(id);
        },
        () => undefined,
      ),
    );
    await asks[0];
    s.child.kill('SIGTERM');
    await Promise.all(asks);
    expect((await s.exited).code).toBe(0);
    expect(answered.length).toBeGreaterThan(0);
    const after = await restartGateway(database!);
    cleanup = () => after.stop();
    const stored = await after.gateway.orm.em.fork().find(Decision, { decisionId: { $in: answered } });
    expect(stored.map((d) => d.decisionId).sort()).toEqual([...answered].sort());
  });

  it('past SHUTDOWN_GRACE_MS what is left is cut and the process exits 1', async () => {
    const { server: s, token } = await start({ SHUTDOWN_GRACE_MS: '1' });
    const agent = new Agent({ keepAlive: false });
    // the request stays in flight (half its body sent) until after the process has exited
    let release!: () => void;
    const never = new Promise<void>((r) => (release = r));
    const inFlight = post(s.url, token, BATCH, agent, batchVariables(1000), never).then(
      () => 'answered',
      () => 'cut',
    );
    await s.waitForLog(received);
    s.child.kill('SIGTERM');
    const exit = await s.exited;
    release();
    expect(exit.code).toBe(1);
    expect(await inFlight).toBe('cut');
    expect(s.logs.some((l) => l.msg === 'grace period over: open requests were cut')).toBe(true);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('a second %s exits at once with %i', async (signal, code) => {
    const { server: s } = await start({ SHUTDOWN_DELAY_MS: '30000' });
    s.child.kill(signal);
    await new Promise((r) => setTimeout(r, 200));
    expect(s.child.exitCode).toBeNull(); // still in its delay
    s.child.kill(signal);
    expect((await s.exited).code).toBe(code);
  });

  it('SHUTDOWN_DELAY_MS: keeps accepting with /readyz at 503, then refuses new connections and exits 0', async () => {
    const { server: s, token } = await start({ SHUTDOWN_DELAY_MS: '1500' });
    expect((await get(`${s.base}/readyz`)).status).toBe(200);
    s.child.kill('SIGTERM');
    // the signal is handled asynchronously: ask until readiness turns (well within the delay)
    let ready = await get(`${s.base}/readyz`);
    for (let i = 0; i < 50 && ready.status === 200; i += 1) {
      await new Promise((r) => setTimeout(r, 20));
      ready = await get(`${s.base}/readyz`);
    }
    expect(ready).toEqual({ status: 503, body: { status: 'draining' } });
    const stillServed = await post(s.url, token, '{ regions { code } }', new Agent({ keepAlive: false }));
    expect(stillServed.status).toBe(200);
    expect(stillServed.body.data.regions.length).toBeGreaterThan(10);
    const exit = await s.exited;
    expect(exit.code).toBe(0);
    await expect(get(`${s.base}/healthz`)).rejects.toThrow(/ECONNREFUSED/);
  });
});
