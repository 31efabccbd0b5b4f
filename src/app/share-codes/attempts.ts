/**
 * The share-code attempt limit (SPEC 亮证): a caller's (token `sub`'s) invalid codes are counted;
 * from the 11th within 10 minutes every share-code verification by that caller is RATE_LIMITED for
 * 10 minutes. Behind this small interface so the counter can move to a store shared by every node
 * (the rate limiter's Redis): only shareCodeAttemptLimiter() below constructs it.
 */
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';

export const INVALID_CODES_ALLOWED = 10;
export const ATTEMPT_WINDOW_SECONDS = 10 * 60;
export const BLOCK_SECONDS = 10 * 60;

export interface ShareCodeAttempts {
  /** true while the caller may not verify by share code at all */
  isBlocked(sub: string): Promise<boolean>;
  /** counts an invalid code; true when this one is over the limit (and the caller is now blocked) */
  recordInvalid(sub: string): Promise<boolean>;
}

/** The one place the counter's store is chosen (in memory today: one gateway process). */
export function shareCodeAttemptLimiter(): RateLimiterAbstract {
  return new RateLimiterMemory({
    keyPrefix: 'share-code-invalid',
    points: INVALID_CODES_ALLOWED,
    duration: ATTEMPT_WINDOW_SECONDS,
    blockDuration: BLOCK_SECONDS,
  });
}

export function shareCodeAttempts(limiter: RateLimiterAbstract = shareCodeAttemptLimiter()): ShareCodeAttempts {
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
