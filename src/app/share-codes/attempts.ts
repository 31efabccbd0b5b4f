/**
 * The share-code attempt limit (SPEC 亮证): a caller's (token `sub`'s) invalid codes are counted;
 * from the 11th within 10 minutes every share-code verification by that caller is RATE_LIMITED for
 * 10 minutes. Behind this small interface so the counter can move to a store shared by every node
 * (the rate limiter's Redis): only shareCodeAttemptLimiter() below constructs it.
 */
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisStore } from '../rate-limit';

export const INVALID_CODES_ALLOWED = 10;
export const ATTEMPT_WINDOW_SECONDS = 10 * 60;
export const BLOCK_SECONDS = 10 * 60;

export interface ShareCodeAttempts {
  /** true while the caller may not verify by share code at all */
  isBlocked(sub: string): Promise<boolean>;
  /** counts an invalid code; true when this one is over the limit (and the caller is now blocked) */
  recordInvalid(sub: string): Promise<boolean>;
}

/**
 * The one place the counter's store is chosen: with the nodes' Redis (REDIS_URL) the count is shared
 * by every node, falling back to this process's memory while Redis is unreachable (as the general
 * rate limit does, src/app/rate-limit.ts); without it, this process's memory.
 */
export function shareCodeAttemptLimiter(
  store: RedisStore | null = null,
  keyPrefix = 'luoyang-gw:share-code-invalid',
): RateLimiterAbstract {
  const shape = {
    keyPrefix,
    points: INVALID_CODES_ALLOWED,
    duration: ATTEMPT_WINDOW_SECONDS,
    blockDuration: BLOCK_SECONDS,
  };
  const memory = new RateLimiterMemory(shape);
  if (!store) return memory;
  return new RateLimiterRedis({
    ...shape,
    storeClient: store.client,
    useRedisPackage: false,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}

export function shareCodeAttempts(
  limiter: RateLimiterAbstract = shareCodeAttemptLimiter(),
): ShareCodeAttempts {
  return {
    async isBlocked(sub) {
      const res = await limiter.get(sub);
      return res !== null && res.consumedPoints > INVALID_CODES_ALLOWED;
    },
    async recordInvalid(sub) {
      try {
        await limiter.consume(sub);
        return false;
      } catch (e) {
        if (e instanceof Error) throw e; // the store failed, not the limit
        return true;
      }
    },
  };
}
