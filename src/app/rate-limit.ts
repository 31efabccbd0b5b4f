/**
 * A per-caller token bucket: each caller (token `sub`, or the remote address without a token) may
 * make `perMinute` requests a minute, in bursts of up to `perMinute`. In memory: one gateway
 * process; behind several processes, each limits on its own.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** true when the request may go ahead */
  take(key: string): boolean {
    if (this.perMinute <= 0) return true;
    const now = this.clock();
    const b = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + ((now - b.at) / 60_000) * this.perMinute);
    b.at = now;
    if (this.buckets.size > 100_000) this.buckets.clear(); // bounded memory under a flood of keys
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
