/**
 * `npm run bench:load`: autocannon on loopback against a started gateway (its own process, a fresh
 * SQLite file with the demo set, or DATABASE_URL), 90% verifications / 10% writes for
 * BENCH_SECONDS (default 60). Prints throughput, p50/p99 latency, errors (must be 0) and the
 * server's memory (RSS) after warm-up and at the end (growth must be ≤ 20%). Exits 1 otherwise.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { signToken, authConfig } from '../src/app/auth';
import { citizenIdCheckCharacter } from '../src/law';
import { demoPeople } from '../seeds/demo';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const SECRET = 'bench-secret-for-the-luoyang-gateway-0123456789';
const PORT = Number(process.env.BENCH_PORT ?? 4555);

const rssMiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function main() {
  const databaseUrl =
    process.env.DATABASE_URL ?? join(mkdtempSync(join(tmpdir(), 'gw-bench-')), 'bench.sqlite');
  const server = spawn(process.execPath, [join(__dirname, '..', 'src', 'main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      PORT: String(PORT),
      GATEWAY_JWT_SECRET: SECRET,
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
  const url = `http://127.0.0.1:${PORT}/graphql`;
  const auth = authConfig({ GATEWAY_JWT_SECRET: SECRET });
  const housing = await signToken(auth, {
    sub: 'bench:housing',
    role: 'DEPARTMENT',
    region: '410300',
    department: 'HOUSING_AND_URBAN_RURAL_DEVELOPMENT',
    scope: 'PUBLIC_RENTAL_HOUSING',
  });
  const ps = await signToken(auth, { sub: 'bench:psb', role: 'PUBLIC_SECURITY', region: '410300' });
  const people = demoPeople();
  let seq = 0;
  let graphqlErrors = 0;
  const verify = `query($q: EligibilityQuery!) { verifyEligibility(query: $q) { decisionId eligible permit { status validThrough } reasons { code passed } } }`;
  const register = `mutation($i: RegisterResidenceInput!) { registerResidence(input: $i) { id eligibleToApplyOn } }`;
  const body = () => {
    seq += 1;
    if (seq % 10 === 0) {
      const first17 = `411302${1960 + (Math.floor(seq / 1000) % 40)}0101${String(seq % 1000).padStart(3, '0')}`;
      const id = `${first17}${citizenIdCheckCharacter(first17)}`;
      return {
        auth: ps,
        json: {
          query: register,
          variables: {
            i: {
              citizenIdNumber: id,
              name: '压测',
              hukouRegionCode: '411302',
              hukouAddress: '南阳',
              residenceRegionCode: '410305',
              residenceAddress: '涧西区压测路',
              basis: ['STABLE_EMPLOYMENT'],
              proofKind: '劳动合同',
              proofReference: `B-${seq}`,
              portraitCaptured: true,
              registeredOn: '2026-01-05',
            },
          },
        },
      };
    }
    const p = people[seq % people.length];
    return {
      auth: housing,
      json: {
        query: verify,
        variables: {
          q: { citizenIdNumber: p.citizenIdNumber, holderName: p.name, entitlement: 'PUBLIC_RENTAL_HOUSING' },
        },
      },
    };
  };
  const run = (duration: number) =>
    autocannon({
      url,
      connections: 8,
      duration,
      requests: [
        {
          method: 'POST',
          setupRequest: (req: Record<string, unknown>) => {
            const b = body();
            return {
              ...req,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${b.auth}` },
              body: JSON.stringify(b.json),
            };
          },
          onResponse: (status: number, resBody: string) => {
            // a duplicate ID number from the generator is a CONFLICT by design, not a failure
            if (status !== 200 || (resBody.includes('"errors"') && !resBody.includes('CONFLICT')))
              graphqlErrors += 1;
          },
        },
      ],
    } as unknown as autocannon.Options);
  await run(Math.min(15, SECONDS)); // warm-up: the heap grows to its working size first
  graphqlErrors = 0;
  const rssStart = rssMiB(server.pid!);
  const r = await run(SECONDS);
  const rssEnd = rssMiB(server.pid!);
  server.kill('SIGTERM');
  const growth = (rssEnd - rssStart) / rssStart;
  const report = {
    database: process.env.DATABASE_URL ? 'postgresql/other' : 'sqlite',
    seconds: SECONDS,
    connections: 8,
    requests: r.requests.total,
    throughputRps: Math.round(r.requests.average),
    latencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
    errors: r.errors + r.non2xx + graphqlErrors,
    timeouts: r.timeouts,
    rssMiB: {
      start: Math.round(rssStart),
      end: Math.round(rssEnd),
      growthPercent: Math.round(growth * 1000) / 10,
    },
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.exit(report.errors === 0 && growth <= 0.2 ? 0 : 1);
}

void main();
