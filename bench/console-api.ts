/**
 * `npx tsc -p tsconfig.bench.json && node dist/bench/console-api.js [--holders 1000000] [--audit 1000000]`:
 * the console API's paged reads on a city-sized SQLite register (issue 11, item 0). Bulk-inserts
 * holders (demo names, I-7 keys) each with a residence record in one of the 14 districts and
 * counties, and an audit log of as many entries over 100 days, then times (median of 7) the
 * statements behind searchHolders (a two-character name, a district office, first page and a page
 * deep in the walk) and auditLog's filters (action, subject, a day), with the rows each answered.
 */
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { initORM } from '../src/db/orm';
import { holderNamePosition, holdersByNamePrefix } from '../src/db/holder-search';
import { filteredAuditPage } from '../src/db/audit-log';
import { REGIONS, normalizeName } from '../src/law';
import { demoName, prng } from '../seeds/people';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const HOLDERS = arg('holders', 1_000_000);
const AUDIT = arg('audit', 1_000_000);
const PLACES = REGIONS.filter((r) => r.kind !== 'CITY').map((r) => r.code);
const ACTIONS = [
  'READ_HOLDER',
  'VERIFY',
  'REGISTER_RESIDENCE',
  'APPLY_FOR_PERMIT',
  'ISSUE_PERMIT',
  'ENDORSE_PERMIT',
];

async function median(f: () => Promise<unknown>): Promise<number> {
  const t: number[] = [];
  for (let i = 0; i < 7; i += 1) {
    const s = process.hrtime.bigint();
    await f();
    t.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  return t.sort((a, b) => a - b)[3];
}

async function main() {
  const file = join(mkdtempSync(join(tmpdir(), 'gw-bench-console-')), 'bench.sqlite');
  await (await initORM({ databaseUrl: file })).close(true);
  const db = new Database(file);
  const t0 = Date.now();
  const insH = db.prepare(
    'insert into holder (id, citizen_id_number, name, name_key, sex, birth_date, hukou_region_code, hukou_address, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insR = db.prepare(
    "insert into residence_record (holder_id, kind, effective_on, region_code, address, basis, proof_kind, proof_reference, portrait_captured, office_region_code, actor, created_at) values (?, 'REGISTRATION', '2026-01-10', ?, 'x', 'STABLE_EMPLOYMENT', 'x', 'x', 1, ?, 'bench', 'x')",
  );
  const random = prng(11);
  db.transaction(() => {
    for (let i = 1; i <= HOLDERS; i += 1) {
      // a third character spreads the two-character prefixes as real given names do
      const name = demoName(i) + '伟华明强军平'[i % 6];
      insH.run(
        i,
        String(i).padStart(18, '0'),
        name,
        normalizeName(name),
        'MALE',
        '1990-01-01',
        '411302',
        'x',
        'x',
      );
      const place = PLACES[Math.floor(random() * PLACES.length)];
      insR.run(i, place, place);
    }
  })();
  const insA = db.prepare(
    "insert into audit_entry (sequence, at, actor, role, action, subject, outcome, prev_hash, hash) values (?, ?, 'bench', ?, ?, ?, 'x', 'x', 'x')",
  );
  const start = Date.parse('2026-08-20T00:00:00Z');
  db.transaction(() => {
    for (let i = 1; i <= AUDIT; i += 1)
      insA.run(
        i,
        new Date(start + Math.floor((i / AUDIT) * 100 * 86_400_000)).toISOString(),
        i % 3 === 0 ? 'DEPARTMENT' : 'PUBLIC_SECURITY',
        ACTIONS[i % ACTIONS.length],
        `permit:${i % 50_000}`,
      );
  })();
  db.close();
  console.log(
    `built ${HOLDERS} holders, ${AUDIT} audit entries in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );

  const orm = await initORM({ databaseUrl: file });
  const em = orm.em.fork();
  // the most common two-character beginning (a surname and the first character of a given name)
  const [common] = await (
    em as unknown as { execute(sql: string): Promise<Record<string, unknown>[]> }
  ).execute(
    'select substr(name_key, 1, 2) as p, count(*) as n from holder group by p order by n desc limit 1',
  );
  const prefix = String(common.p);
  const laocheng = ['410302'];
  let cursor = (await holdersByNamePrefix(em, { prefix, regionCodes: laocheng, after: null, limit: 100 })).at(
    -1,
  )!;
  for (let p = 0; p < 9; p += 1) {
    const page = await holdersByNamePrefix(em, {
      prefix,
      regionCodes: laocheng,
      after: await holderNamePosition(em, cursor.id),
      limit: 100,
    });
    if (page.length < 100) break;
    cursor = page.at(-1)!;
  }
  console.log(`prefix ${prefix}: ${String(common.n)} holders city-wide`);
  const deep = await holderNamePosition(em, cursor.id);
  const rows: [string, number, number][] = [];
  const time = async (label: string, f: () => Promise<unknown[]>) => {
    const n = (await f()).length;
    rows.push([label, await median(f), n]);
  };
  await time(`searchHolders "${prefix}" in 410302, page 1 of 100`, () =>
    holdersByNamePrefix(em, { prefix, regionCodes: laocheng, after: null, limit: 100 }),
  );
  await time(`searchHolders "${prefix}" in 410302, a later page (cursor)`, () =>
    holdersByNamePrefix(em, { prefix, regionCodes: laocheng, after: deep, limit: 100 }),
  );
  await time(`searchHolders "${prefix}" city-wide, page 1 of 1000`, () =>
    holdersByNamePrefix(em, { prefix, regionCodes: null, after: null, limit: 1000 }),
  );
  await time('auditLog(action: READ_HOLDER), page 1 of 1000', () =>
    filteredAuditPage(em, { action: 'READ_HOLDER' }, null, 1000),
  );
  await time('auditLog(action: READ_HOLDER), page after sequence 900000', () =>
    filteredAuditPage(em, { action: 'READ_HOLDER' }, { sequence: Math.floor(AUDIT * 0.9), at: '' }, 1000),
  );
  await time('auditLog(subject: permit:123), page 1 of 1000', () =>
    filteredAuditPage(em, { subject: 'permit:123' }, null, 1000),
  );
  await time('auditLog(from = to = 2026-10-30), page 1 of 1000', () =>
    filteredAuditPage(
      em,
      { atFrom: '2026-10-29T16:00:00.000Z', atBefore: '2026-10-30T16:00:00.000Z' },
      null,
      1000,
    ),
  );
  await time('auditLog(role: DEPARTMENT, from = to = 2026-10-30), page 1 of 1000', () =>
    filteredAuditPage(
      em,
      { role: 'DEPARTMENT', atFrom: '2026-10-29T16:00:00.000Z', atBefore: '2026-10-30T16:00:00.000Z' },
      null,
      1000,
    ),
  );
  console.log('| statement | median ms | rows |\n|---|---|---|');
  for (const [label, ms, n] of rows) console.log(`| ${label} | ${ms.toFixed(2)} | ${n} |`);
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  await orm.close(true);
}

void main();
