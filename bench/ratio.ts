/**
 * `npm run bench:ratio`: single `verifyEligibility` throughput ÷ the same server's `{ __typename }`
 * throughput (issue 8, first row; measured in BENCH_ROUNDS alternating stretches), then the second row: the per-item cost inside a 1000-query
 * batch ÷ one single check (medians of 5 batches and 200 sequential checks). One server process in production mode, rate limit off, both runs
 * with the same department token, 10 connections, BENCH_SECONDS each (default 20) after a warm-up.
 * SQLite (a fresh demo-seeded file) or DATABASE_URL (PostgreSQL: the database is seeded with the
 * demo set first when it has no holders).
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pino from 'pino';
import { signToken, authConfig } from '../src/app/auth';
import { createGateway } from '../src/server';
import { demoPeople } from '../seeds/demo';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = 10;
/** alternating stretches of { __typename } and verifyEligibility (BENCH_ROUNDS, default 4) */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const SECRET = 'bench-secret-for-the-luoyang-gateway-0123456789';
const PORT = Number(process.env.BENCH_PORT ?? 4556);

/** A receipt signing key for the production server (required with NODE_ENV=production), in a temp folder. */
function signingKeyFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gw-bench-key-')), 'signing-key.pem');
  writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
  });
  return file;
}

export async function startProductionServer(databaseUrl: string, port: number): Promise<ChildProcess> {
  const keyFile = signingKeyFile();
  const server = spawn(process.execPath, [join(__dirname, '..', 'src', 'main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      GATEWAY_JWT_SECRET: SECRET,
      GATEWAY_SIGNING_KEY_FILE: keyFile,
      GATEWAY_DATA_DIR: mkdtempSync(join(tmpdir(), 'gw-bench-data-')),
      RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    server.stderr.on('data', (b: Buffer) => {
      if (b.toString().includes('gateway: http')) resolve();
    });
    server.on('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
  return server;
}

/** SIGTERM (graceful: the decision queue is flushed), SIGKILL after 10 s. */
export async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export const benchSecret = SECRET;

async function main() {
  const databaseUrl =
    process.env.DATABASE_URL ?? join(mkdtempSync(join(tmpdir(), 'gw-ratio-')), 'ratio.sqlite');
  // the demo set through the use cases (production mode seeds none), then the production server
  const seeding = await createGateway({
    databaseUrl,
    seed: 'demo',
    logger: pino({ level: 'silent' }),
    env: { NODE_ENV: 'test', GATEWAY_JWT_SECRET: SECRET },
  });
  await seeding.close();
  process.stderr.write('bench:ratio: demo set seeded; starting the production server\n');
  const server = await startProductionServer(databaseUrl, PORT);
  const url = `http://127.0.0.1:${PORT}/graphql`;
  const token = await signToken(authConfig({ GATEWAY_JWT_SECRET: SECRET }), {
    sub: 'bench:housing',
    role: 'DEPARTMENT',
    region: '410300',
    department: 'HOUSING_AND_URBAN_RURAL_DEVELOPMENT',
    scope: 'PUBLIC_RENTAL_HOUSING',
  });
  const people = demoPeople();
  const verify =
    'query($q: EligibilityQuery!) { verifyEligibility(query: $q) { decisionId eligible permit { status validThrough } reasons { code passed } } }';
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  let seq = 0;
  let bad = 0;
  const run = (duration: number, body: () => string) =>
    autocannon({
      url,
      connections: CONNECTIONS,
      duration,
      requests: [
        {
          method: 'POST',
          setupRequest: (req: Record<string, unknown>) => ({
            ...req,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: body(),
          }),
          onResponse: (status: number, resBody: string) => {
            if (status !== 200 || resBody.includes('"errors"')) bad += 1;
          },
        },
      ],
    } as unknown as autocannon.Options);
  const typename = () => JSON.stringify({ query: '{ __typename }' });
  const check = () => {
    seq += 1;
    const p = people[seq % people.length];
    return JSON.stringify({
      query: verify,
      variables: {
        q: { citizenIdNumber: p.citizenIdNumber, holderName: p.name, entitlement: 'PUBLIC_RENTAL_HOUSING' },
      },
    });
  };
  process.stderr.write(
    `bench:ratio: warm-up, then ${SECONDS} s of { __typename } and ${SECONDS} s of verifyEligibility in ${ROUNDS} alternating rounds\n`,
  );
  await run(Math.min(5, SECONDS), typename);
  process.stderr.write('bench:ratio: warm-up 1/2 done\n');
  await run(Math.min(5, SECONDS), check);
  bad = 0;
  // side by side in ROUNDS alternating stretches (the order swapped each round), so that a change
  // in the machine's load during the run falls on both figures alike
  const rounds: { typenameRps: number; verifyRps: number }[] = [];
  const totals = { typename: 0, verify: 0, seconds: 0, errors: 0 };
  const latencies: { p50: number; p99: number }[] = [];
  const stretch = Math.max(2, Math.round(SECONDS / ROUNDS));
  for (let k = 0; k < ROUNDS; k += 1) {
    const pair: Record<'typename' | 'verify', autocannon.Result | null> = { typename: null, verify: null };
    for (const which of k % 2 === 0 ? (['typename', 'verify'] as const) : (['verify', 'typename'] as const))
      pair[which] = await run(stretch, which === 'typename' ? typename : check);
    const t = pair.typename!;
    const v = pair.verify!;
    totals.typename += t.requests.total;
    totals.verify += v.requests.total;
    totals.seconds += stretch;
    totals.errors += t.errors + t.non2xx + v.errors + v.non2xx;
    latencies.push({ p50: v.latency.p50, p99: v.latency.p99 });
    rounds.push({
      typenameRps: Math.round(t.requests.total / stretch),
      verifyRps: Math.round(v.requests.total / stretch),
    });
    process.stderr.write(
      `bench:ratio: round ${k + 1}/${ROUNDS}: { __typename } ${rounds[k].typenameRps} req/s, verifyEligibility ${rounds[k].verifyRps} req/s\n`,
    );
  }
  // issue 8's second row on this database: per-item cost in a 1000-query batch ÷ one single check
  const post = (body: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    }).then(async (r) => {
      const text = await r.text();
      if (r.status !== 200 || text.includes('"errors"')) bad += 1;
    });
  const singles: number[] = [];
  for (let k = 0; k < 200; k += 1) {
    const t0 = performance.now();
    await post(check());
    singles.push(performance.now() - t0);
  }
  const batchQuery =
    'query($qs: [EligibilityQuery!]!) { verifyEligibilityBatch(queries: $qs) { decisionId eligible entitlementCode reasons { code passed } permit { status } } }';
  const batches: number[] = [];
  for (let k = 0; k < 6; k += 1) {
    const qs = Array.from({ length: 1000 }, (_, j) => {
      const p = people[(k * 1000 + j) % people.length];
      return { citizenIdNumber: p.citizenIdNumber, holderName: p.name, entitlement: 'PUBLIC_RENTAL_HOUSING' };
    });
    const t0 = performance.now();
    await post(JSON.stringify({ query: batchQuery, variables: { qs } }));
    if (k > 0) batches.push(performance.now() - t0);
  }
  const report = {
    database: process.env.DATABASE_URL ? 'postgresql' : 'sqlite',
    seconds: totals.seconds,
    connections: CONNECTIONS,
    typenameRps: Math.round(totals.typename / totals.seconds),
    verifyEligibilityRps: Math.round(totals.verify / totals.seconds),
    ratio: Math.round((totals.verify / totals.typename) * 1000) / 1000,
    ratioPerRound: rounds.map((r) => Math.round((r.verifyRps / r.typenameRps) * 1000) / 1000),
    verifyLatencyMs: { p50: median(latencies.map((l) => l.p50)), p99: median(latencies.map((l) => l.p99)) },
    sequentialSingleMs: Math.round(median(singles) * 100) / 100,
    batch1000Ms: Math.round(median(batches)),
    perItemBatchCostRatio: Math.round((median(batches) / 1000 / median(singles)) * 1000) / 1000,
    errors: totals.errors + bad,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  await stopServer(server);
  process.exit(report.errors === 0 ? 0 : 1);
}

if (require.main === module) void main();
