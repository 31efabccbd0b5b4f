/**
 * Rate limits, shared across gateway processes when Redis is configured (`REDIS_URL`), per process
 * otherwise — through `rate-limiter-flexible`.
 *
 * - `createRedisStore(url, logger)`: one Redis connection for every limiter of a process. It connects
 *   in the background (startup never waits for it), fails a command after `timeoutMs` (a request
 *   never waits long on a dead or hung Redis; while a connected Redis stays silent only one request a
 *   second tries it), reconnects on its own, and `close()` quits it.
 * - `createRateLimiter({ points, duration, blockDuration, keyPrefix, store })`: a limiter of `points`
 *   per `duration` seconds per key, the key blocked for `blockDuration` seconds once over (0: not
 *   blocked beyond the window). With a store, the count lives in Redis under `keyPrefix` and every
 *   process with the same prefix shares it; while Redis is unreachable each process counts on its own
 *   (rate-limiter-flexible's `insuranceLimiter`, an in-memory limiter of the same shape), and the
 *   shared count is used again as soon as Redis answers.
 * - `limiter.sharedAvailable()` / `store.available()`: true while the shared count is in use — false
 *   without a store, while connecting, and while Redis is unreachable. `/metrics` reads it.
 *   The store logs one line when Redis becomes unreachable and one when it is back, never per request.
 */
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from 'pino';

export interface RateDecision {
  readonly allowed: boolean;
  /** when the caller may try again (0 when allowed) */
  readonly retryAfterMs: number;
}

export interface RateLimiter {
  /** counts one attempt for `key`; never rejects */
  consume(key: string): Promise<RateDecision>;
  /** true while the count is the one shared through Redis (false: per process, or no Redis configured) */
  sharedAvailable(): boolean;
}

export interface RedisStoreOptions {
  /** a command fails after this long (a connection attempt after twice as long), then the per-process limit answers; default 1000 ms */
  timeoutMs?: number;
}

export interface RedisStore {
  readonly client: Redis;
  /** true while Redis answers */
  available(): boolean;
  /** quits the connection (bounded: a dead Redis does not hold shutdown) */
  close(): Promise<void>;
  /** @internal the limiters report what they saw */
  report(ok: boolean, why?: string): void;
  /** @internal false while a connected Redis has stopped answering, but for one probe a second */
  shouldTry(): boolean;
}

type State = 'connecting' | 'up' | 'down' | 'closed';
const PROBE_EVERY_MS = 1000;

/** One Redis connection for the limiters of this process; connects in the background. */
export function createRedisStore(url: string, logger: Logger, o: RedisStoreOptions = {}): RedisStore {
  const timeoutMs = o.timeoutMs ?? 1000;
  const client = new Redis(url, {
    lazyConnect: true, // connect below, without anyone waiting for it
    enableOfflineQueue: false, // while disconnected a command fails at once instead of queueing
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs * 2,
    commandTimeout: timeoutMs,
    retryStrategy: (times) => Math.min(100 * times, 1000), // keep trying, at most once a second
  });
  let state: State = 'connecting';
  let probeAt = 0;
  const where = redactUrl(url);
  const report = (ok: boolean, why?: string) => {
    if (state === 'closed') return;
    if (ok && state !== 'up') {
      if (state === 'down') logger.warn({ redis: where }, 'shared rate limit restored: Redis answers again');
      else logger.info({ redis: where }, 'shared rate limit: Redis connected');
      state = 'up';
    } else if (!ok && state !== 'down') {
      probeAt = Date.now() + PROBE_EVERY_MS;
      logger.warn(
        { redis: where, reason: why?.slice(0, 200) },
        'shared rate limit unavailable: Redis unreachable, limiting per process until it is back',
      );
      state = 'down';
    }
  };
  client.on('ready', () => report(true));
  client.on('error', (e: Error) => report(false, e.message));
  client.on('close', () => report(false, 'connection closed'));
  client.connect().catch(() => undefined); // failures arrive as 'error' events; retries follow
  return {
    client,
    available: () => state === 'up' && client.status === 'ready',
    report,
    shouldTry() {
      // disconnected: the Redis limiter refuses at once (not ready), nothing to wait for
      if (state !== 'down' || client.status !== 'ready') return true;
      // connected but silent: one request a second probes it, the others do not wait
      if (Date.now() < probeAt) return false;
      probeAt = Date.now() + PROBE_EVERY_MS;
      return true;
    },
    async close() {
      state = 'closed';
      if (client.status === 'ready') {
        await Promise.race([
          client.quit().catch(() => undefined),
          new Promise((r) => setTimeout(r, timeoutMs).unref()),
        ]);
      }
      client.disconnect();
    },
  };
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 6379}`;
  } catch {
    return 'redis';
  }
}

export interface RateLimiterOptions {
  /** attempts allowed per `duration` (≤ 0: no limit) */
  points: number;
  /** seconds */
  duration: number;
  /** seconds the key stays refused once over the limit (0: until the window ends) */
  blockDuration?: number;
  /** namespace of the keys in Redis: limiters with the same prefix share counts */
  keyPrefix: string;
  /** shared through Redis when given; per process otherwise */
  store?: RedisStore | null;
}

/** The in-memory limiter that answers while Redis does not; it marks the attempt it counted. */
class Insurance extends RateLimiterMemory {
  override consume(
    key: string | number,
    points?: number,
    options: { [key: string]: unknown } = {},
  ): Promise<RateLimiterRes> {
    options.insured = true;
    return super.consume(key, points, options);
  }
}

const refused = (res: RateLimiterRes): RateDecision => ({
  allowed: false,
  retryAfterMs: Math.max(0, res.msBeforeNext),
});
const ALLOWED: RateDecision = { allowed: true, retryAfterMs: 0 };

/** The generic factory: `points` per `duration` seconds per key, shared across processes with a store. */
export function createRateLimiter(o: RateLimiterOptions): RateLimiter {
  if (o.points <= 0)
    return { consume: async () => ALLOWED, sharedAvailable: () => o.store?.available() ?? false };
  const shape = { points: o.points, duration: o.duration, blockDuration: o.blockDuration ?? 0 };
  const memory = new RateLimiterMemory({ ...shape, keyPrefix: o.keyPrefix });
  const store = o.store;
  if (!store) {
    return {
      async consume(key) {
        try {
          await memory.consume(key);
          return ALLOWED;
        } catch (e) {
          return e instanceof RateLimiterRes ? refused(e) : ALLOWED;
        }
      },
      sharedAvailable: () => false,
    };
  }
  const insurance = new Insurance({ ...shape, keyPrefix: `${o.keyPrefix}:local` });
  const shared = new RateLimiterRedis({
    ...shape,
    keyPrefix: o.keyPrefix,
    storeClient: store.client,
    rejectIfRedisNotReady: true, // not connected: straight to the insurance limiter, no waiting
    insuranceLimiter: insurance,
  });
  // Redis answered → shared again; a command failed while connected (timed out) → per process.
  // Disconnects are seen by the store's own events.
  const seen = (insured: boolean | undefined) => {
    if (!insured) store.report(true);
    else if (store.client.status === 'ready') store.report(false, 'command failed or timed out');
  };
  return {
    async consume(key) {
      const options: { insured?: boolean } = {};
      try {
        if (!store.shouldTry()) {
          await insurance.consume(key, 1, options);
          return ALLOWED;
        }
        await shared.consume(key, 1, options);
        seen(options.insured);
        return ALLOWED;
      } catch (e) {
        if (e instanceof RateLimiterRes) {
          seen(options.insured);
          return refused(e);
        }
        return ALLOWED; // neither limiter answered: let the request through rather than fail it
      }
    },
    sharedAvailable: () => store.available(),
  };
}

/** The gateway's per-caller limit: `perMinute` requests a minute per caller (token `sub`, or remote address). */
export function perCallerLimiter(
  perMinute: number,
  store: RedisStore | null,
  keyPrefix = 'luoyang-gw:rate:caller',
): RateLimiter {
  return createRateLimiter({ points: perMinute, duration: 60, keyPrefix, store });
}
