/**
 * `npm run bench:audit-chain`: verifyAuditChain over a long log (AUDIT_ENTRIES, default 300 000),
 * appended with the gateway's own appendAudit (a valid chain) on an SQLite file, or PostgreSQL with
 * DATABASE_URL. Reports the time of a whole-log check and of a 100 000-entry stretch over HTTP, and
 * the heap growth while the check runs (sampled every 20 ms), which stays at about one chunk.
 */
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createGateway } from '../src/server';
import { appendAudit } from '../src/app/audit';
import { signToken } from '../src/app/auth';

async function main() {
  const total = Number(process.env.AUDIT_ENTRIES ?? 300_000);
  const databaseUrl = process.env.DATABASE_URL ?? join(mkdtempSync(join(tmpdir(), 'gw-chain-')), 'b.sqlite');
  const gw = await createGateway({
    databaseUrl,
    logger: pino({ level: 'silent' }),
    env: { NODE_ENV: 'test', GATEWAY_JWT_SECRET: 'x'.repeat(40) },
  });
  const caller = { sub: 'bench:psb', role: 'PUBLIC_SECURITY' as const };
  for (let done = 0; done < total; done += 2000) {
    const n = Math.min(2000, total - done);
    await gw.orm.em.fork().transactional((em) =>
      appendAudit(
        em,
        caller,
        Array.from({ length: n }, (_, i) => ({
          action: 'BENCH',
          subject: `permit:${done + i}`,
          outcome: 'recorded for the benchmark',
        })),
        new Date(),
      ),
    );
  }
  const token = await signToken(gw.auth, { sub: 'bench:auditor', role: 'AUDITOR', region: '410300' });
  const ask = async (query: string) => {
    const res = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    return ((await res.json()) as any).data.verifyAuditChain;
  };
  const measure = async (query: string) => {
    global.gc?.();
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    const timer = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 20);
    const started = performance.now();
    const r = await ask(query);
    const ms = performance.now() - started;
    clearInterval(timer);
    return { r, ms: Math.round(ms), heapGrowthMiB: Math.round(((peak - base) / 1048576) * 10) / 10 };
  };
  const whole = await measure('{ verifyAuditChain { entries intact headSequence nextSequence } }');
  const stretch = await measure(
    '{ verifyAuditChain(fromSequence: 100001, limit: 100000) { entries intact nextSequence } }',
  );
  process.stdout.write(
    `${JSON.stringify({ database: databaseUrl.startsWith('postgres') ? 'postgresql' : 'sqlite', entries: total, whole, stretch }, null, 2)}\n`,
  );
  await gw.close();
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
