/** The machine's Redis for tests that need the shared rate limit: required under CI=true, skipped elsewhere when down. */
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** true when Redis at `url` answers PING within a second. */
export async function redisAnswers(url: string = REDIS_URL): Promise<boolean> {
  const c = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  c.on('error', () => undefined);
  try {
    await c.connect();
    return (await c.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    c.disconnect();
  }
}
