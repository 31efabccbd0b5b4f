/**
 * `npm run bench:share-codes` (not a test): how long the gateway takes to refuse a share code that
 * was used versus one that never existed, over HTTP on loopback (in-process gateway, a fresh SQLite
 * file, or DATABASE_URL). Both must take the same path (one look-up by hash that finds no live row),
 * so a guesser cannot tell a spent code from a random one by the clock. BENCH_ROUNDS (default 500)
 * requests of each kind, interleaved at random, each caller making at most 10 (the attempt limit).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { signToken } from '../src/app/auth';
import { newCode } from '../src/app/share-codes/code';
import { addDays, addMonths, composeCitizenId, todayInShanghai } from '../src/law';
import { createGateway } from '../src/server';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 500);
const USED_CODES = 50;
const SECRET = 'bench-secret-for-the-luoyang-gateway-0123456789';

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const sd = Math.sqrt(s.reduce((a, b) => a + (b - mean) ** 2, 0) / (s.length - 1));
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, mean, sd, p50: q(0.5), p90: q(0.9), p99: q(0.99) };
}

async function main() {
  const databaseUrl =
    process.env.DATABASE_URL ?? join(mkdtempSync(join(tmpdir(), 'gw-bench-sc-')), 'bench.sqlite');
  const gw = await createGateway({
    databaseUrl,
    env: { NODE_ENV: 'test', GATEWAY_JWT_SECRET: SECRET },
    logger: pino({ level: 'silent' }),
    rateLimitPerMinute: 0,
    seed: 'reference',
  });
  const post = async (query: string, variables: Record<string, unknown>, token: string) => {
    const res = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as {
      data?: any;
      errors?: { extensions?: { code?: string; reason?: string } }[];
    };
  };
  try {
    const today = todayInShanghai(Date.now);
    const id = composeCitizenId('411302', '1985-05-05', 901);
    const ps = await signToken(gw.auth, { sub: 'bench:psb', role: 'PUBLIC_SECURITY', region: '410300' });
    await post(
      'mutation($i: RegisterResidenceInput!) { registerResidence(input: $i) { id } }',
      {
        i: {
          citizenIdNumber: id,
          name: '压测亮证',
          hukouRegionCode: '411302',
          hukouAddress: '南阳',
          residenceRegionCode: '410305',
          residenceAddress: '涧西区压测路',
          basis: ['STABLE_EMPLOYMENT'],
          proofKind: '劳动合同',
          proofReference: 'B-1',
          portraitCaptured: true,
          registeredOn: addMonths(today, -8),
        },
      },
      ps,
    );
    const app = await post(
      'mutation($i: ApplyForPermitInput!) { applyForPermit(input: $i) { id status } }',
      { i: { citizenIdNumber: id, appliedOn: addMonths(today, -1) } },
      ps,
    );
    await post(
      'mutation($id: ID!, $on: Date) { issuePermit(applicationId: $id, issuedOn: $on) { id } }',
      { id: app.data.applyForPermit.id, on: addDays(today, -20) },
      ps,
    );
    const holder = await signToken(gw.auth, { sub: 'bench:holder', role: 'HOLDER', citizenIdNumber: id });
    let callers = 0;
    let uses = 0;
    let caller = '';
    const nextCaller = async () => {
      if (uses % 10 === 0)
        caller = await signToken(gw.auth, {
          sub: `bench:housing-${callers++}`,
          role: 'DEPARTMENT',
          region: '410300',
          department: 'HOUSING_AND_URBAN_RURAL_DEVELOPMENT',
          scope: 'PUBLIC_RENTAL_HOUSING',
        });
      uses += 1;
      return caller;
    };
    const BY_CODE =
      'query($c: String!) { verifyEligibilityByShareCode(code: $c, entitlement: "PUBLIC_RENTAL_HOUSING") { eligible } }';
    // codes made and used up once
    const used: string[] = [];
    for (let i = 0; i < USED_CODES; i += 1) {
      const code = (await post('mutation { createShareCode { code } }', {}, holder)).data.createShareCode
        .code as string;
      const r = await post(BY_CODE, { c: code }, await nextCaller());
      if (r.data?.verifyEligibilityByShareCode?.eligible !== true)
        throw new Error(`setup: a fresh code did not verify: ${JSON.stringify(r)}`);
      used.push(code);
    }
    const kinds = [...Array(ROUNDS).fill('used'), ...Array(ROUNDS).fill('unknown')] as ('used' | 'unknown')[];
    for (let i = kinds.length - 1; i > 0; i -= 1) {
      const j = Math.floor(Math.random() * (i + 1));
      [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
    }
    const times = { used: [] as number[], unknown: [] as number[] };
    const warmup = 50;
    for (const [i, kind] of kinds.entries()) {
      const code = kind === 'used' ? used[i % used.length] : newCode();
      const token = await nextCaller();
      const t0 = performance.now();
      const r = await post(BY_CODE, { c: code }, token);
      const ms = performance.now() - t0;
      if (r.errors?.[0]?.extensions?.reason !== 'SHARE_CODE_INVALID')
        throw new Error(`expected SHARE_CODE_INVALID, got ${JSON.stringify(r)}`);
      if (i >= warmup) times[kind].push(ms);
    }
    const u = stats(times.used);
    const n = stats(times.unknown);
    const row = (name: string, s: ReturnType<typeof stats>) =>
      `${name.padEnd(8)} n=${s.n}  mean ${s.mean.toFixed(2)} ms (sd ${s.sd.toFixed(2)})  p50 ${s.p50.toFixed(2)}  p90 ${s.p90.toFixed(2)}  p99 ${s.p99.toFixed(2)}`;
    const se = Math.sqrt(u.sd ** 2 / u.n + n.sd ** 2 / n.n);
    process.stdout.write(
      [
        `share-code refusals over HTTP on ${databaseUrl.startsWith('postgres') ? 'PostgreSQL' : 'SQLite'} (${ROUNDS} each, interleaved, first ${warmup} requests not counted)`,
        row('used', u),
        row('unknown', n),
        `difference of means (used - unknown): ${(u.mean - n.mean).toFixed(2)} ms ± ${(1.96 * se).toFixed(2)} ms (95%)`,
        '',
      ].join('\n'),
    );
  } finally {
    await gw.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
