/**
 * The per-caller rate limit shared across nodes through Redis (REDIS_URL), and what happens when
 * Redis goes away and comes back under load: requests keep being answered on per-process limits,
 * one log line says so, `limiter.sharedAvailable()` is false, and the shared limit is back once
 * Redis is. Real Redis: the machine's at 127.0.0.1:6379 for the shared budget (each test its own key
 * prefix, removed after), and a throwaway `redis-server` child on a free port for the outage (the
 * machine's Redis is never stopped). Required under CI=true; skipped otherwise when unreachable.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { REDIS_URL, redisAnswers } from '../support/redis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../src/server';
import { CALLERS, FIXED_NOW, TEST_SECRET, startGateway, type TestGateway } from '../support/gateway';
import { freePort } from '../support/nodes';
import type { TokenClaims } from '../../src/app/auth';
import {
  createRateLimiter,
  createRedisStore,
  type RateLimiter,
  type RedisStore,
} from '../../src/app/rate-limit';

const REDIS_UP = await redisAnswers(REDIS_URL);
const REDIS_SERVER = spawnSync('redis-server', ['--version']).status === 0;
if (process.env.CI === 'true' && !(REDIS_UP && REDIS_SERVER))
  throw new Error(`CI=true requires Redis at ${REDIS_URL} and the redis-server binary`);

const QUERY = '{ regions { code } }';

/** A log sink the test reads: JSON lines. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _e, cb) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      cb();
    },
  });
  return {
    lines,
    logger: pino({ level: 'info' }, sink),
    count: (msg: string) => lines.filter((l) => String(l.msg).startsWith(msg)).length,
  };
}

async function eventually(ok: () => boolean | Promise<boolean>, tries = 200): Promise<boolean> {
  for (let i = 0; i < tries; i += 1) {
    if (await ok()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Two nodes (two gateways on one database) sharing one Redis and one key prefix. */
async function twoNodes(redisUrl: string, keyPrefix: string, perMinute: number) {
  const logA = capture();
  const logB = capture();
  const a = await startGateway('sqlite', {
    redisUrl,
    rateLimitKeyPrefix: keyPrefix,
    rateLimitPerMinute: perMinute,
    logger: logA.logger,
  });
  const b: Gateway = await createGateway({
    databaseUrl: a.databaseUrl,
    env: { NODE_ENV: 'test', GATEWAY_JWT_SECRET: TEST_SECRET },
    clock: () => FIXED_NOW,
    redisUrl,
    rateLimitKeyPrefix: keyPrefix,
    rateLimitPerMinute: perMinute,
    logger: logB.logger,
  });
  const ask = async (g: Gateway, token: string) => {
    const r = await fetch(g.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: QUERY }),
    });
    const body = (await r.json()) as { errors?: { extensions?: { code?: string } }[] };
    return {
      status: r.status,
      code: body.errors?.[0]?.extensions?.code ?? null,
      retryAfter: r.headers.get('retry-after'),
    };
  };
  return {
    a,
    b,
    logA,
    logB,
    /** `n` requests of one caller, alternating between the nodes, one after another */
    async alternate(claims: TokenClaims, n: number) {
      const token = await a.token(claims);
      const out: { node: 'a' | 'b'; status: number; code: string | null; retryAfter: string | null }[] = [];
      for (let i = 0; i < n; i += 1)
        out.push({ node: i % 2 ? 'b' : 'a', ...(await ask(i % 2 ? b : a.gateway, token)) });
      return out;
    },
    async on(g: Gateway, claims: TokenClaims, n: number) {
      const token = await a.token(claims);
      const out: number[] = [];
      for (let i = 0; i < n; i += 1) out.push((await ask(g, token)).status);
      return out;
    },
    ask,
    async stop() {
      await b.close();
      await a.stop();
    },
  };
}

async function dropKeys(url: string, prefix: string) {
  const c = new Redis(url, { maxRetriesPerRequest: 0 });
  c.on('error', () => undefined);
  try {
    const keys = await c.keys(`${prefix}*`);
    if (keys.length) await c.del(...keys);
  } finally {
    c.disconnect();
  }
}

const as = (sub: string): TokenClaims => ({ ...CALLERS.housing, sub });

describe.runIf(REDIS_UP)('one budget shared by two nodes (Redis at REDIS_URL)', () => {
  const prefix = `test:rl:${randomBytes(6).toString('hex')}`;
  let nodes: Awaited<ReturnType<typeof twoNodes>>;
  beforeAll(async () => {
    nodes = await twoNodes(REDIS_URL, prefix, 6);
    expect(
      await eventually(() => nodes.a.gateway.limiter.sharedAvailable() && nodes.b.limiter.sharedAvailable()),
    ).toBe(true);
  });
  afterAll(async () => {
    await nodes?.stop();
    await dropKeys(REDIS_URL, prefix);
  });

  it('requests split across both nodes hit 429 at the shared count', async () => {
    const r = await nodes.alternate(as('test:rl-shared'), 10);
    expect(r.map((x) => x.status)).toEqual([200, 200, 200, 200, 200, 200, 429, 429, 429, 429]);
    expect(r.slice(6).map((x) => x.code)).toEqual([
      'RATE_LIMITED',
      'RATE_LIMITED',
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
    // Retry-After: seconds left in the one-minute window
    for (const x of r.slice(6)) expect(Number(x.retryAfter)).toBeGreaterThanOrEqual(1);
    for (const x of r.slice(6)) expect(Number(x.retryAfter)).toBeLessThanOrEqual(60);
    expect(r[0].retryAfter).toBeNull();
    // both nodes refuse once the shared budget is spent, and another caller has its own
    expect(new Set(r.slice(6).map((x) => x.node))).toEqual(new Set(['a', 'b']));
    expect(await nodes.on(nodes.b, as('test:rl-other'), 1)).toEqual([200]);
    // the count is in Redis under the prefix
    const c = new Redis(REDIS_URL);
    try {
      expect(Number(await c.get(`${prefix}:test:rl-shared`))).toBe(10);
    } finally {
      c.disconnect();
    }
  });
});

describe.runIf(REDIS_UP && REDIS_SERVER)(
  'Redis stopped and started again under load (a throwaway redis-server)',
  () => {
    let port: number;
    let server: ChildProcess | null = null;
    let nodes: Awaited<ReturnType<typeof twoNodes>>;
    const prefix = `test:rl:${randomBytes(6).toString('hex')}`;

    async function startRedis() {
      server = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
      expect(await eventually(() => redisAnswers(`redis://127.0.0.1:${port}`))).toBe(true);
    }
    async function killRedis() {
      const s = server!;
      const exited = new Promise((r) => s.once('exit', r));
      s.kill('SIGKILL');
      await exited;
      server = null;
    }

    beforeAll(async () => {
      port = await freePort();
      await startRedis();
      nodes = await twoNodes(`redis://127.0.0.1:${port}`, prefix, 5);
    });
    afterAll(async () => {
      await nodes?.stop();
      if (server) await killRedis();
    });

    it('keeps answering on per-process limits, says so once, and shares the limit again when Redis is back', async () => {
      const { a, b, logA, logB } = nodes;
      const shared = () => a.gateway.limiter.sharedAvailable() && b.limiter.sharedAvailable();
      expect(await eventually(shared)).toBe(true);

      // load: a caller hammering both nodes all along (mostly refused at 5 a minute, but always answered)
      const load: number[] = [];
      let loading = true;
      const loadToken = await a.token(as('test:rl-load'));
      const loader = (async () => {
        for (let i = 0; loading; i += 1)
          load.push((await nodes.ask(i % 2 ? b : a.gateway, loadToken)).status);
      })();

      // 1. shared: 5 across both nodes, then 429 on either
      expect((await nodes.alternate(as('test:rl-before'), 7)).map((x) => x.status)).toEqual([
        200, 200, 200, 200, 200, 429, 429,
      ]);

      // 2. Redis dies mid-load
      const answeredBefore = load.length;
      await killRedis();
      expect(
        await eventually(() => !a.gateway.limiter.sharedAvailable() && !b.limiter.sharedAvailable()),
      ).toBe(true);
      // each node now counts on its own: 5 on a, and 5 more on b, for one caller
      expect(await nodes.on(a.gateway, as('test:rl-down'), 6)).toEqual([200, 200, 200, 200, 200, 429]);
      expect(await nodes.on(b, as('test:rl-down'), 6)).toEqual([200, 200, 200, 200, 200, 429]);
      expect(await eventually(() => load.length > answeredBefore + 20)).toBe(true); // the load goes on being answered
      expect(a.gateway.limiter.sharedAvailable()).toBe(false);
      // one line per node for the outage, however many requests went by
      expect(logA.count('shared rate limit unavailable')).toBe(1);
      expect(logB.count('shared rate limit unavailable')).toBe(1);

      // 3. Redis is back (same port, empty)
      await startRedis();
      expect(await eventually(shared)).toBe(true);
      const answeredBack = load.length;
      expect((await nodes.alternate(as('test:rl-after'), 7)).map((x) => x.status)).toEqual([
        200, 200, 200, 200, 200, 429, 429,
      ]);
      expect(await eventually(() => load.length > answeredBack + 20)).toBe(true);
      loading = false;
      await loader;

      expect(logA.count('shared rate limit restored')).toBe(1);
      expect(logB.count('shared rate limit restored')).toBe(1);
      expect(logA.count('shared rate limit unavailable')).toBe(1);
      // every request under load was answered: allowed or refused, never a server error
      expect(load.length).toBeGreaterThan(40);
      expect(load.filter((s) => s !== 200 && s !== 429)).toEqual([]);
      expect(load).toContain(429);
    }, 120_000);

    it('a Redis that hangs (SIGSTOP) holds a request only for the command timeout, then the per-process limit answers', async () => {
      const { a, logA } = nodes;
      expect(await eventually(() => a.gateway.limiter.sharedAvailable())).toBe(true);
      const before = logA.count('shared rate limit unavailable');
      server!.kill('SIGSTOP');
      try {
        // answered (not left waiting on a Redis that never replies), on the per-process count
        expect(await nodes.on(a.gateway, as('test:rl-hung'), 6)).toEqual([200, 200, 200, 200, 200, 429]);
        expect(a.gateway.limiter.sharedAvailable()).toBe(false);
        expect(logA.count('shared rate limit unavailable')).toBe(before + 1);
      } finally {
        server!.kill('SIGCONT');
      }
      // the next answer from Redis puts the shared count back in use
      expect(
        await eventually(
          async () =>
            (await nodes.on(a.gateway, as('test:rl-unhung'), 1)) && a.gateway.limiter.sharedAvailable(),
        ),
      ).toBe(true);
    }, 120_000);
  },
);

describe('a Redis that does not answer at all', () => {
  it('holds neither startup nor shutdown, and the gateway limits per process', async () => {
    const log = capture();
    const port = await freePort(); // nothing listens there
    const g: TestGateway = await startGateway('sqlite', {
      redisUrl: `redis://127.0.0.1:${port}`,
      rateLimitPerMinute: 3,
      logger: log.logger,
    });
    try {
      const token = await g.token(as('test:rl-nowhere'));
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await g.gql(QUERY, {}, token)).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(g.gateway.limiter.sharedAvailable()).toBe(false);
      expect(await eventually(() => log.count('shared rate limit unavailable') === 1)).toBe(true);
    } finally {
      await g.stop();
    }
    expect(log.count('shared rate limit unavailable')).toBe(1);
    expect(log.count('shared rate limit restored')).toBe(0);
  });
});

describe.runIf(REDIS_UP)('the generic factory (points / duration / blockDuration / keyPrefix)', () => {
  const prefix = `test:rl:${randomBytes(6).toString('hex')}`;
  const stores: RedisStore[] = [];
  afterAll(async () => {
    for (const s of stores) await s.close();
    await dropKeys(REDIS_URL, prefix);
  });

  it('a share-code-attempt shape: N per window, then blocked, on every node that shares the store', async () => {
    const silent = pino({ level: 'silent' });
    // two nodes: two connections, one prefix; 3 attempts per 10 minutes, then blocked 10 minutes
    const limiters = [0, 1].map(() => {
      const store = createRedisStore(REDIS_URL, silent);
      stores.push(store);
      return createRateLimiter({ points: 3, duration: 600, blockDuration: 600, keyPrefix: prefix, store });
    });
    expect(await eventually(() => limiters.every((l) => l.sharedAvailable()))).toBe(true);
    const [x, y] = limiters as [RateLimiter, RateLimiter];
    const seen = [
      await x.consume('caller-1'),
      await y.consume('caller-1'),
      await x.consume('caller-1'),
      await y.consume('caller-1'),
      await x.consume('caller-1'),
    ];
    expect(seen.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
    // refused for the block, not just the rest of the window
    expect(seen[3].retryAfterMs).toBeGreaterThan(590_000);
    expect((await y.consume('caller-2')).allowed).toBe(true);
    // without a store: the same shape, per process, and never "shared"
    const local = createRateLimiter({ points: 2, duration: 600, blockDuration: 600, keyPrefix: prefix });
    expect([
      (await local.consume('k')).allowed,
      (await local.consume('k')).allowed,
      (await local.consume('k')).allowed,
    ]).toEqual([true, true, false]);
    expect(local.sharedAvailable()).toBe(false);
  });
});
