/**
 * `npm run bench:scale [-- --small 10000 --large 1000000]`: issue 8's table at a city's size, on
 * SQLite. Builds two registers by bulk insert (better-sqlite3, one transaction each), row for row
 * what the use cases write — registration, accepted application (its reasons from the rules),
 * issue within the Art. 11 deadline, the endorsements the rules accept, and the audit
 * hash chain over every act — then serves each with the production server and prints, side by side:
 * single-check latency, 1000-query batch, per-item batch cost ÷ single check, endorsementsDue (its
 * first page of 100, then every page through `after`) and verifyAuditChain in stretches of 100 000
 * (fromSequence/limit, then nextSequence), with the server's peak RSS. Before any timing, server answers for
 * sample holders are checked against the fixture (status and eligibility from src/law).
 * BENCH_SKIP_HEAVY=1 leaves out endorsementsDue and verifyAuditChain at the large size.
 */
import 'reflect-metadata';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { initORM } from '../src/db/orm';
import { seedReference } from '../seeds/reference';
import { entryHash, GENESIS_HASH } from '../src/db/audit-chain';
import { storeReasons } from '../src/db/reasons';
import { OFFICIAL_CALENDAR as CAL } from '../src/calendar/official';
import {
  REGIONS,
  addDays,
  composeCitizenId,
  decideApplication,
  decideEndorsement,
  eligibleToApplyOn,
  endorsementWindow,
  maskCitizenId,
  normalizeName,
  permitStateOn,
  todayInShanghai,
  type LocalDate,
  type PermitFacts,
} from '../src/law';
import { ISSUING_AUTHORITY } from '../src/law/rules/deadlines';
import { signToken, authConfig } from '../src/app/auth';
import { demoName, NON_LOCAL_HUKOU } from '../seeds/people';
import { benchSecret, startProductionServer, stopServer } from './ratio';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SMALL = arg('small', 10_000);
const LARGE = arg('large', 1_000_000);
const T = todayInShanghai(Date.now);
const RESIDENCES = REGIONS.filter((r) => r.kind !== 'CITY');
const ACTOR = 'bench:scale';

interface Holder {
  id: string;
  name: string;
  facts: PermitFacts;
  regionCode: string;
}

/** Holder i, deterministic: ID number, name, residence, dates, and which windows are endorsed. */
function holder(i: number): {
  id: string;
  name: string;
  regionCode: string;
  registeredOn: LocalDate;
  endorser: boolean;
  late: number;
} {
  const hukou = NON_LOCAL_HUKOU[i % NON_LOCAL_HUKOU.length];
  const rest = Math.floor(i / NON_LOCAL_HUKOU.length);
  const birth = addDays('1960-01-01' as LocalDate, rest % 14_600);
  const id = composeCitizenId(hukou, birth, Math.floor(rest / 14_600));
  return {
    id,
    name: demoName(i),
    regionCode: RESIDENCES[i % RESIDENCES.length].code,
    registeredOn: addDays(T, -900 + (i % 360)),
    endorser: i % 10 !== 0,
    late: i % 20,
  };
}

const applications = new Map<string, { reasons: string; deadline: string }>();
function application(appliedOn: LocalDate, registeredOn: LocalDate) {
  const key = `${appliedOn}|${registeredOn}`;
  let a = applications.get(key);
  if (!a) {
    const d = decideApplication(CAL, {
      appliedOn,
      registeredOn,
      hukouRegionCode: '411302',
      basis: ['STABLE_EMPLOYMENT'],
    });
    if (!d.eligible) throw new Error('fixture: an application the rules refuse');
    // the Art. 11 deadline is not stored (derived from appliedOn with the calendar in force)
    a = { reasons: storeReasons(d.reasons), deadline: d.issueDeadline!.date };
    applications.set(key, a);
  }
  return a;
}

const endorsementPlans = new Map<string, { year: number; on: LocalDate; through: LocalDate }[]>();
/** The endorsements the rules accept for an endorser: each window that opened by today, `late` days in. */
function endorsements(issuedOn: LocalDate, late: number) {
  const key = `${issuedOn}|${late}`;
  let plan = endorsementPlans.get(key);
  if (!plan) {
    plan = [];
    const facts: { issuedOn: LocalDate; endorsements: LocalDate[]; confiscatedOn: null } = {
      issuedOn,
      endorsements: [],
      confiscatedOn: null,
    };
    for (let k = 1; ; k += 1) {
      const w = endorsementWindow(CAL, issuedOn, k);
      const on = addDays(w.from, Math.min(late, 25));
      if (on > T || on > w.to) break;
      const r = decideEndorsement(CAL, facts, on);
      if (!r.ok) break;
      plan.push({ year: r.value.year, on, through: r.value.extendsValidityThrough });
      facts.endorsements.push(on);
    }
    endorsementPlans.set(key, plan);
  }
  return plan;
}

async function build(file: string, n: number): Promise<Holder[]> {
  const started = Date.now();
  const orm = await initORM({ databaseUrl: file });
  await seedReference(orm);
  await orm.close(true);
  const db = new Database(file);
  db.pragma('journal_mode = wal');
  db.pragma('synchronous = off');
  const ins = {
    holder: db.prepare(
      'insert into holder (id, citizen_id_number, name, name_key, sex, birth_date, hukou_region_code, hukou_address, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    residence: db.prepare(
      "insert into residence_record (id, holder_id, kind, effective_on, region_code, address, basis, proof_kind, proof_reference, portrait_captured, office_region_code, actor, created_at) values (?, ?, 'REGISTRATION', ?, ?, ?, 'STABLE_EMPLOYMENT', '劳动合同', ?, 1, ?, ?, ?)",
    ),
    application: db.prepare(
      'insert into permit_application (id, holder_id, applied_on, accepted, reasons, open_slot, office_region_code, actor, created_at) values (?, ?, ?, 1, ?, ?, ?, ?, ?)',
    ),
    permit: db.prepare(
      'insert into permit (id, holder_id, application_id, issued_on, issue_month_day, issuing_authority, region_code, actor, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    endorsement: db.prepare(
      'insert into endorsement (permit_id, year, endorsed_on, actor, created_at) values (?, ?, ?, ?, ?)',
    ),
    audit: db.prepare(
      'insert into audit_entry (sequence, at, actor, role, action, subject, outcome, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  };
  let sequence = 0;
  let prev = GENESIS_HASH;
  const audit = (at: string, action: string, subject: string, outcome: string) => {
    sequence += 1;
    const base = { sequence, at, actor: ACTOR, role: 'PUBLIC_SECURITY', action, subject, outcome };
    const hash = entryHash(prev, base);
    ins.audit.run(sequence, at, ACTOR, 'PUBLIC_SECURITY', action, subject, outcome, prev, hash);
    prev = hash;
  };
  const sample: Holder[] = [];
  const every = Math.max(1, Math.floor(n / 40)) + 3; // not a multiple of 10: endorsers and not
  db.transaction(() => {
    for (let i = 0; i < n; i += 1) {
      const h = holder(i);
      const id = i + 1;
      const at = `${h.registeredOn}T02:00:00.000Z`;
      ins.holder.run(
        id,
        h.id,
        h.name,
        normalizeName(h.name),
        Number(h.id[16]) % 2 ? 'MALE' : 'FEMALE',
        `${h.id.slice(6, 10)}-${h.id.slice(10, 12)}-${h.id.slice(12, 14)}`,
        h.id.slice(0, 6),
        '户籍地址',
        at,
      );
      ins.residence.run(
        id,
        id,
        h.registeredOn,
        h.regionCode,
        '洛阳市测试路1号',
        `S-${id}`,
        h.regionCode,
        ACTOR,
        at,
      );
      audit(at, 'REGISTER_RESIDENCE', maskCitizenId(h.id), `registered in ${h.regionCode}`);
      const appliedOn = eligibleToApplyOn(h.registeredOn);
      const app = application(appliedOn, h.registeredOn);
      ins.application.run(
        id,
        id,
        appliedOn,
        app.reasons,
        `${id}:0`,
        h.regionCode,
        ACTOR,
        `${appliedOn}T02:00:00.000Z`,
      );
      audit(
        `${appliedOn}T02:00:00.000Z`,
        'APPLY_FOR_PERMIT',
        `application:${id}`,
        `ACCEPTED deadline ${app.deadline}`,
      );
      const issuedOn = addDays(appliedOn, 3);
      ins.permit.run(
        id,
        id,
        id,
        issuedOn,
        issuedOn.slice(5),
        ISSUING_AUTHORITY,
        h.regionCode,
        ACTOR,
        `${issuedOn}T02:00:00.000Z`,
      );
      audit(`${issuedOn}T02:00:00.000Z`, 'ISSUE_PERMIT', `permit:${id}`, `issued ${issuedOn}`);
      const plan = h.endorser ? endorsements(issuedOn, h.late) : [];
      for (const e of plan) {
        ins.endorsement.run(id, e.year, e.on, ACTOR, `${e.on}T02:00:00.000Z`);
        audit(
          `${e.on}T02:00:00.000Z`,
          'ENDORSE_PERMIT',
          `permit:${id}`,
          `year ${e.year} endorsed; valid through ${e.through}`,
        );
      }
      if (i % every === 0)
        sample.push({
          id: h.id,
          name: h.name,
          regionCode: h.regionCode,
          facts: { issuedOn, endorsements: plan.map((e) => e.on), confiscatedOn: null },
        });
    }
  })();
  db.pragma('synchronous = normal');
  db.close();
  const mb = statSync(file).size / 1024 / 1024;
  process.stderr.write(
    `bench:scale: built ${n} holders, ${sequence} audit entries, ${mb.toFixed(0)} MiB in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return sample;
}

const rssMiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
/** Runs fn while sampling the server's RSS every 100 ms: the peak, and the error if the call failed. */
async function withPeakRss<T>(
  pid: number,
  fn: () => Promise<T>,
): Promise<{ value: T | null; ms: number; peakMiB: number; error: string | null }> {
  let peak = 0;
  const sample = () => {
    try {
      peak = Math.max(peak, rssMiB(pid));
    } catch {
      /* the server is gone */
    }
  };
  const timer = setInterval(sample, 100);
  const t0 = performance.now();
  try {
    const value = await fn();
    return { value, ms: performance.now() - t0, peakMiB: (sample(), peak), error: null };
  } catch (e) {
    return { value: null, ms: performance.now() - t0, peakMiB: peak, error: (e as Error).message };
  } finally {
    clearInterval(timer);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Measured {
  singleMs: number;
  batchMs: number;
  perItemRatio: number;
  endorsementsDue?: {
    firstPageMs: number;
    ms: number;
    rows: number;
    pages: number;
    rssMiB: number;
    error: string | null;
  };
  auditChain?: {
    ms: number;
    entries: number;
    stretches: number;
    entriesPerSecond: number;
    intact: boolean;
    rssMiB: number;
    error: string | null;
  };
}

async function measure(n: number, port: number, heavy: boolean): Promise<Measured> {
  const file = join(mkdtempSync(join(tmpdir(), `gw-scale-${n}-`)), 'scale.sqlite');
  const sample = await build(file, n);
  const server = await startProductionServer(file, port);
  const url = `http://127.0.0.1:${port}/graphql`;
  const auth = authConfig({ GATEWAY_JWT_SECRET: benchSecret });
  const housing = await signToken(auth, {
    sub: 'bench:housing',
    role: 'DEPARTMENT',
    region: '410300',
    department: 'HOUSING_AND_URBAN_RURAL_DEVELOPMENT',
    scope: 'PUBLIC_RENTAL_HOUSING',
  });
  const ps = await signToken(auth, { sub: 'bench:psb', role: 'PUBLIC_SECURITY', region: '410300' });
  const auditor = await signToken(auth, { sub: 'bench:auditor', role: 'AUDITOR', region: '410300' });
  const post = async (query: string, variables: unknown, token: string) => {
    const r = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await r.json()) as { data?: any; errors?: { message: string }[] };
    return body;
  };
  try {
    const single =
      'query($q: EligibilityQuery!) { verifyEligibility(query: $q) { decisionId eligible permit { status } reasons { code passed } } }';
    const batch =
      'query($qs: [EligibilityQuery!]!) { verifyEligibilityBatch(queries: $qs) { decisionId eligible entitlementCode reasons { code passed } permit { status } } }';
    const q = (h: { id: string; name: string }) => ({
      citizenIdNumber: h.id,
      holderName: h.name,
      entitlement: 'PUBLIC_RENTAL_HOUSING',
    });
    // the server's answers against the fixture, before any timing
    for (const h of sample) {
      const expected = permitStateOn(CAL, h.facts, T).status;
      const r = await post(single, { q: q(h) }, housing);
      if (r.errors) throw new Error(`fixture check: ${r.errors[0].message}`);
      const got = r.data.verifyEligibility;
      if (got.permit?.status !== expected || got.eligible !== (expected === 'VALID'))
        throw new Error(
          `fixture check: ${maskCitizenId(h.id)} answered ${JSON.stringify(got)}, the fixture says ${expected}`,
        );
    }
    process.stderr.write(
      `bench:scale: ${sample.length} sample answers match the fixture (${[...new Set(sample.map((h) => permitStateOn(CAL, h.facts, T).status))].join(', ')})\n`,
    );
    const anyHolder = (k: number) => {
      const h = holder((k * 7919) % n);
      return { id: h.id, name: h.name };
    };
    for (let k = 0; k < 50; k += 1) await post(single, { q: q(anyHolder(k)) }, housing);
    const singles: number[] = [];
    for (let k = 0; k < 300; k += 1) {
      const t0 = performance.now();
      const r = await post(single, { q: q(anyHolder(1000 + k)) }, housing);
      singles.push(performance.now() - t0);
      if (r.errors) throw new Error(r.errors[0].message);
    }
    const batches: number[] = [];
    for (let k = 0; k < 6; k += 1) {
      const qs = Array.from({ length: 1000 }, (_, j) => q(anyHolder(5000 + k * 1000 + j)));
      const t0 = performance.now();
      const r = await post(batch, { qs }, housing);
      if (k > 0) batches.push(performance.now() - t0);
      if (r.errors) throw new Error(r.errors[0].message);
    }
    const out: Measured = {
      singleMs: median(singles),
      batchMs: median(batches),
      perItemRatio: median(batches) / 1000 / median(singles),
    };
    if (heavy) {
      const from = T;
      const to = addDays(T, 30);
      // endorsementsDue in pages of 100: the first page timed alone, then every page through `after`
      let firstPageMs = 0;
      let pages = 0;
      const due = await withPeakRss(server.pid!, async () => {
        let rows = 0;
        let after: string | null = null;
        for (;;) {
          const t0 = performance.now();
          const r = await post(
            'query($f: Date!, $t: Date!, $a: ID) { endorsementsDue(from: $f, to: $t, first: 100, after: $a) { id } }',
            { f: from, t: to, a: after },
            ps,
          );
          if (r.errors) throw new Error(r.errors[0].message);
          const page = r.data.endorsementsDue as { id: string }[];
          if (pages === 0) firstPageMs = performance.now() - t0;
          pages += 1;
          rows += page.length;
          if (page.length < 100) return rows;
          after = page[page.length - 1].id;
        }
      });
      out.endorsementsDue = {
        firstPageMs,
        ms: due.ms,
        rows: due.value ?? -1,
        pages,
        rssMiB: due.peakMiB,
        error: due.error,
      };
      // verifyAuditChain in stretches of 100 000 (fromSequence/limit), following nextSequence
      let stretches = 0;
      const chain = await withPeakRss(server.pid!, async () => {
        let entries = 0;
        let from: number | null = 1;
        let intact = true;
        while (from !== null && intact) {
          const c = await post(
            'query($f: Int, $l: Int) { verifyAuditChain(fromSequence: $f, limit: $l) { entries intact firstBrokenAt nextSequence } }',
            { f: from, l: 100_000 },
            auditor,
          );
          if (c.errors) throw new Error(c.errors[0].message);
          const rep = c.data.verifyAuditChain as {
            entries: number;
            intact: boolean;
            nextSequence: number | null;
          };
          stretches += 1;
          entries += rep.entries;
          intact = rep.intact;
          from = rep.nextSequence;
        }
        return { entries, intact };
      });
      const entries = chain.value?.entries ?? 0;
      out.auditChain = {
        ms: chain.ms,
        entries,
        stretches,
        entriesPerSecond: entries / (chain.ms / 1000),
        intact: chain.value?.intact ?? false,
        rssMiB: chain.peakMiB,
        error: chain.error,
      };
    }
    return out;
  } finally {
    await stopServer(server);
  }
}

async function main() {
  const heavyLarge = process.env.BENCH_SKIP_HEAVY !== '1';
  const small = await measure(SMALL, 4571, false);
  const large = await measure(LARGE, 4572, heavyLarge);
  const f = (x: number, d = 2) => x.toFixed(d);
  const rows: [string, string, string][] = [
    [
      'single verifyEligibility latency (median of 300)',
      `${f(small.singleMs)} ms @${SMALL} | ${f(large.singleMs)} ms @${LARGE}`,
      `${f(large.singleMs / small.singleMs)} (goal ≤ 1.3)`,
    ],
    [
      '1000-query batch (median of 5)',
      `${f(small.batchMs, 0)} ms @${SMALL} | ${f(large.batchMs, 0)} ms @${LARGE}`,
      `${f(large.batchMs / small.batchMs)} (goal ≤ 1.3)`,
    ],
    [
      'per-item batch cost ÷ single check',
      `${f(small.perItemRatio, 3)} @${SMALL} | ${f(large.perItemRatio, 3)} @${LARGE}`,
      `${f(large.perItemRatio, 3)} (goal ≤ 0.05)`,
    ],
  ];
  if (large.endorsementsDue) {
    const e = large.endorsementsDue;
    rows.push([
      `endorsementsDue, 30 days, city, first: 100 @${LARGE}`,
      `${e.error ? `FAILED (${e.error.slice(0, 60)}) after ` : ''}first page ${f(e.firstPageMs, 0)} ms; all ${e.rows} rows in ${e.pages} pages ${f(e.ms, 0)} ms, peak RSS ${f(e.rssMiB, 0)} MiB`,
      'goal first page ≤ 1000 ms, RSS ≤ 400 MiB',
    ]);
  }
  if (large.auditChain) {
    const a = large.auditChain;
    rows.push([
      `verifyAuditChain @${LARGE}`,
      a.error
        ? `FAILED (${a.error.slice(0, 60)}) after ${f(a.ms / 1000, 1)} s, peak RSS ${f(a.rssMiB, 0)} MiB`
        : `${a.entries} entries in ${a.stretches} stretches, ${f(a.ms / 1000, 1)} s = ${f(a.entriesPerSecond, 0)}/s, intact ${a.intact}, peak RSS ${f(a.rssMiB, 0)} MiB`,
      'goal ≥ 50 000/s, RSS ≤ 400 MiB',
    ]);
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(`\nissue 8 at scale (SQLite, production mode, ${new Date().toISOString()})\n`);
  for (const [a, b, c] of rows) process.stdout.write(`${a.padEnd(width)}  ${b}  →  ${c}\n`);
  process.stdout.write(
    `${JSON.stringify({ small: { holders: SMALL, ...small }, large: { holders: LARGE, ...large } })}\n`,
  );
  process.exit(0);
}

void main();
