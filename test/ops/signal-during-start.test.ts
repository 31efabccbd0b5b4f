/**
 * A stop that comes while the gateway is still starting (the first start migrates and seeds the demo
 * set: seconds): the real server process, a real SIGTERM sent before it listens. The signal is said
 * and kept; once the start is done the gateway drains as for any stop and exits 0, never half-seeded:
 * a second start on the same database serves the whole demo set.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServer, freePort, ROOT, spawnServer } from '../support/process';
import { TEST_SECRET } from '../support/gateway';
import { signToken, authConfig } from '../../src/app/auth';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The server on a fresh SQLite file, started with the demo seed; stderr collected as it comes. */
async function starting() {
  buildServer();
  const dir = mkdtempSync(join(tmpdir(), 'gw-early-'));
  dirs.push(dir);
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    GATEWAY_JWT_SECRET: TEST_SECRET,
    GATEWAY_DATA_DIR: dir,
    DATABASE_URL: join(dir, 'early.sqlite'),
    HOST: '127.0.0.1',
  };
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    env: { ...env, PORT: String(await freePort()) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  // the process has reached its start (its first banner line), the database not yet migrated and seeded
  while (!stderr.includes('gateway: starting') && child.exitCode === null)
    await new Promise((r) => setTimeout(r, 5));
  return { child, env, exited, out: () => stderr, log: () => stdout };
}

describe('a signal while the gateway starts', () => {
  it('SIGTERM before it listens: said, kept until the start is done, then a clean stop (exit 0); the next start finds the whole demo set', async () => {
    const s = await starting();
    expect(s.out()).not.toContain('gateway: http');
    s.child.kill('SIGTERM');
    const exit = await s.exited;
    expect(s.out()).toContain('SIGTERM during the start: stopping as soon as the start is done');
    expect(s.out()).toContain('SIGTERM: draining');
    expect(s.log()).toContain('demo data seeded');
    expect(exit).toEqual({ code: 0, signal: null });

    // the same database, started again: nothing to seed, every demo holder there
    const again = await spawnServer({ ...s.env, SEED: 'demo' });
    try {
      const token = await signToken(authConfig({ NODE_ENV: 'test', GATEWAY_JWT_SECRET: TEST_SECRET }), {
        sub: 'test:psb',
        role: 'PUBLIC_SECURITY',
        region: '410300',
      });
      const res = await fetch(again.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ searchHolders(name: "郭伟", first: 5) { id } }' }),
      });
      const body = (await res.json()) as { data?: { searchHolders: unknown[] }; errors?: unknown };
      expect(body.errors).toBeUndefined();
      expect(body.data!.searchHolders.length).toBeGreaterThan(0);
      expect(again.logs.some((l) => l.msg === 'demo data seeded')).toBe(false);
    } finally {
      again.child.kill('SIGTERM');
      expect((await again.exited).code).toBe(0);
    }
  }, 300_000); // the first start seeds 300 demo holders: seconds alone, minutes on a loaded machine
});
