/**
 * The share-code attempt counter behind its interface (src/app/share-codes/attempts.ts): ten
 * invalid codes within the window are counted, the 11th is over the limit and blocks the caller;
 * each caller (token sub) is counted on its own. Over HTTP with 429: test/e2e/share-codes.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  BLOCK_SECONDS,
  INVALID_CODES_ALLOWED,
  shareCodeAttemptLimiter,
  shareCodeAttempts,
} from '../../src/app/share-codes/attempts';

describe('share-code attempts', () => {
  it('allows 10 invalid codes, blocks from the 11th, per caller', async () => {
    const attempts = shareCodeAttempts();
    expect(INVALID_CODES_ALLOWED).toBe(10);
    for (let i = 1; i <= 10; i += 1) {
      expect(await attempts.isBlocked('a'), `before invalid code ${i}`).toBe(false);
      expect(await attempts.recordInvalid('a'), `invalid code ${i}`).toBe(false);
    }
    expect(await attempts.isBlocked('a')).toBe(false);
    expect(await attempts.recordInvalid('a')).toBe(true);
    expect(await attempts.isBlocked('a')).toBe(true);
    expect(await attempts.recordInvalid('a')).toBe(true);
    expect(await attempts.isBlocked('b')).toBe(false);
    expect(await attempts.recordInvalid('b')).toBe(false);
  });

  it('blocks from the 11th, for the block duration', async () => {
    const limiter = shareCodeAttemptLimiter();
    const attempts = shareCodeAttempts(limiter);
    for (let i = 0; i < 11; i += 1) await attempts.recordInvalid('c');
    const res = await limiter.get('c');
    expect(BLOCK_SECONDS).toBe(600);
    // blocked (more points than allowed), for at most the 10 minutes of the block
    expect(res!.consumedPoints).toBe(11);
    expect(res!.msBeforeNext).toBeGreaterThan(0);
    expect(res!.msBeforeNext).toBeLessThanOrEqual(BLOCK_SECONDS * 1000);
  });

  it('separate counters do not share state (one gateway, one counter)', async () => {
    const one = shareCodeAttempts();
    const two = shareCodeAttempts();
    for (let i = 0; i < 11; i += 1) await one.recordInvalid('d');
    expect(await one.isBlocked('d')).toBe(true);
    expect(await two.isBlocked('d')).toBe(false);
  });
});
