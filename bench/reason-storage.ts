/**
 * `npm run bench:reasons`: what reasons cost on disk (issue 8, "Storage that fits the data").
 * BENCH_HOLDERS holders (default 10 000) are written straight into a fresh database (DATABASE_URL
 * for PostgreSQL, else an SQLite file): a registration, an application with the reasons the rules
 * give (src/law decideApplication), a permit for nine in ten; then every holder is verified once
 * through the use case (verifyBatch, 1000 a request), so the decisions are the ones the gateway
 * writes. Measured three times, each after VACUUM:
 *   compact   as this version writes them
 *   json      the same rows rewritten in the format before migration 20261202000100 (the JSON of
 *             the Reason objects and of the whole decision, as every earlier version wrote it)
 *   migrated  after running migration 20261202000100 over the json rows (timed)
 * Bytes per row are the stored column's bytes (reasons, body) and, on SQLite, the table's pages
 * (dbstat) over its rows; the database size is the file (SQLite) or pg_database_size.
 */
import 'reflect-metadata';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createGateway } from '../src/server';
import {
  addDays,
  decideApplication,
  resolveRegionCode,
  todayInShanghai,
  REGIONS,
  type LocalDate,
} from '../src/law';
import { OFFICIAL_CALENDAR } from '../src/calendar/official';
import { shareCodeKey } from '../src/app/share-codes/code';
import { shareCodeAttempts } from '../src/app/share-codes/attempts';
import { verifyBatch } from '../src/app/verification';
import type { Scope } from '../src/app/scope';
import { loadDecision, loadReasons, storeReasons } from '../src/db/reasons';
import { composeCitizenId } from '../src/law';

type Sql = { execute(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]> };
const MIGRATION = 'Migration20261202000100_compact_reasons';

async function main() {
  const n = Number(process.env.BENCH_HOLDERS ?? 10_000);
  const databaseUrl =
    process.env.DATABASE_URL ?? join(mkdtempSync(join(tmpdir(), 'gw-reasons-')), 'r.sqlite');
  const pg = databaseUrl.startsWith('postgres');
  const gw = await createGateway({
    databaseUrl,
    seed: 'reference',
    logger: pino({ level: 'silent' }),
    env: { NODE_ENV: 'test', GATEWAY_JWT_SECRET: 'x'.repeat(40) },
  });
  const conn = () => gw.orm.em.fork().getConnection() as unknown as Sql;
  const T = todayInShanghai(Date.now);
  const districts = REGIONS.filter((r) => r.kind !== 'CITY');
  const ids: string[] = [];
  const names: string[] = [];
  const reasonsOn = new Map<string, string>();
  const reasons = (appliedOn: LocalDate) => {
    let r = reasonsOn.get(appliedOn);
    if (!r) {
      const d = decideApplication(OFFICIAL_CALENDAR, {
        appliedOn,
        registeredOn: '2024-01-01' as LocalDate,
        hukouRegionCode: '411302',
        basis: ['STABLE_EMPLOYMENT'],
      });
      r = storeReasons(d.reasons);
      reasonsOn.set(appliedOn, r);
    }
    return r;
  };
  await gw.orm.em.fork().transactional(async (em) => {
    const sql = em as unknown as Sql;
    const chunk = 500;
    for (let i0 = 0; i0 < n; i0 += chunk) {
      const rows = Array.from({ length: Math.min(chunk, n - i0) }, (_, j) => i0 + j + 1);
      const values = (f: (i: number) => unknown[]) => rows.map(f).flat();
      const tuple = (k: number) => `(${Array.from({ length: k }, () => '?').join(', ')})`;
      for (const i of rows) {
        ids[i] = composeCitizenId(
          '411302',
          addDays('1970-01-01' as LocalDate, i % 10_000),
          Math.floor(i / 10_000),
        );
        names[i] = `测试${i}`;
      }
      await sql.execute(
        `insert into holder (id, citizen_id_number, name, name_key, sex, birth_date, hukou_region_code, hukou_address, created_at) values ${rows.map(() => tuple(9)).join(', ')}`,
        values((i) => [i, ids[i], names[i], names[i], 'MALE', '1980-01-01', '411302', '南阳', 'b']),
      );
      await sql.execute(
        `insert into residence_record (holder_id, kind, effective_on, region_code, address, basis, proof_kind, proof_reference, portrait_captured, office_region_code, actor, created_at) values ${rows.map(() => tuple(12)).join(', ')}`,
        values((i) => [
          i,
          'REGISTRATION',
          '2024-01-01',
          districts[i % districts.length].code,
          '地址',
          'STABLE_EMPLOYMENT',
          null,
          null,
          pg ? true : 1,
          '410300',
          'b',
          'b',
        ]),
      );
      const applied = (i: number) => addDays(T, -(6 + (i % 300)));
      await sql.execute(
        `insert into permit_application (id, holder_id, applied_on, accepted, reasons, open_slot, office_region_code, actor, created_at) values ${rows.map(() => tuple(9)).join(', ')}`,
        values((i) => [i, i, applied(i), pg ? true : 1, reasons(applied(i)), `${i}:0`, '410300', 'b', 'b']),
      );
      const issued = rows.filter((i) => i % 10 !== 0);
      if (issued.length > 0)
        await sql.execute(
          `insert into permit (id, holder_id, application_id, issued_on, issue_month_day, issuing_authority, region_code, actor, created_at) values ${issued.map(() => tuple(9)).join(', ')}`,
          issued.flatMap((i) => {
            const on = addDays(applied(i), 3);
            return [i, i, i, on, on.slice(5), '洛阳市公安局', districts[i % districts.length].code, 'b', 'b'];
          }),
        );
    }
  });
  // every holder verified once, as a department asks (the decisions the gateway writes)
  const scope: Scope = {
    em: gw.orm.em.fork(),
    caller: {
      sub: 'bench:housing',
      role: 'DEPARTMENT',
      region: resolveRegionCode('410300')!,
      department: 'HOUSING_AND_URBAN_RURAL_DEVELOPMENT',
      scope: new Set(['PUBLIC_RENTAL_HOUSING']),
    },
    deps: {
      calendar: OFFICIAL_CALENDAR,
      clock: Date.now,
      shareCodes: { key: shareCodeKey({}), attempts: shareCodeAttempts() },
    },
  };
  for (let i0 = 1; i0 <= n; i0 += 1000) {
    const qs = Array.from({ length: Math.min(1000, n - i0 + 1) }, (_, j) => ({
      citizenIdNumber: ids[i0 + j],
      holderName: names[i0 + j],
      entitlement: 'PUBLIC_RENTAL_HOUSING',
    }));
    await verifyBatch({ ...scope, em: gw.orm.em.fork() }, qs);
  }

  const bytes = pg ? 'octet_length' : (c: string) => `length(cast(${c} as blob))`;
  const len = (c: string) => (typeof bytes === 'string' ? `${bytes}(${c})` : bytes(c));
  const measure = async () => {
    await conn().execute(pg ? 'vacuum full' : 'vacuum');
    const [r] = await conn().execute(
      `select (select avg(${len('reasons')}) from permit_application) as a, (select count(*) from permit_application) as na,
              (select avg(${len('body')}) from eligibility_decision) as d, (select count(*) from eligibility_decision) as nd`,
    );
    const out: Record<string, number> = {
      applicationReasonsBytesPerRow: Math.round(Number(r.a)),
      decisionBodyBytesPerRow: Math.round(Number(r.d)),
    };
    if (pg) {
      const [s] = await conn().execute(
        `select pg_total_relation_size('permit_application') as a, pg_total_relation_size('eligibility_decision') as d, pg_database_size(current_database()) as db`,
      );
      out.applicationTableBytesPerRow = Math.round(Number(s.a) / Number(r.na));
      out.decisionTableBytesPerRow = Math.round(Number(s.d) / Number(r.nd));
      out.databaseMiB = Number((Number(s.db) / 2 ** 20).toFixed(2));
    } else {
      const [s] = await conn().execute(
        `select (select sum(pgsize) from dbstat where name = 'permit_application') as a, (select sum(pgsize) from dbstat where name = 'eligibility_decision') as d`,
      );
      out.applicationTableBytesPerRow = Math.round(Number(s.a) / Number(r.na));
      out.decisionTableBytesPerRow = Math.round(Number(s.d) / Number(r.nd));
      out.databaseMiB = Number((statSync(databaseUrl).size / 2 ** 20).toFixed(2));
    }
    return out;
  };
  const compact = await measure();

  // the same rows as every version before migration 20261202000100 wrote them
  await gw.orm.em.fork().transactional(async (em) => {
    const sql = em as unknown as Sql;
    for (const r of await sql.execute('select id, reasons from permit_application'))
      await sql.execute('update permit_application set reasons = ? where id = ?', [
        JSON.stringify(loadReasons(String(r.reasons))),
        r.id,
      ]);
    for (const r of await sql.execute('select * from eligibility_decision'))
      await sql.execute('update eligibility_decision set body = ? where decision_id = ?', [
        JSON.stringify(
          loadDecision({
            decisionId: String(r.decision_id),
            eligible: r.eligible === true || r.eligible === 1,
            entitlementCode: String(r.entitlement_code),
            asOf: String(r.as_of),
            createdAt: String(r.created_at),
            department: r.department as string | null,
            body: String(r.body),
          }),
        ),
        r.decision_id,
      ]);
    await sql.execute('delete from mikro_orm_migrations where name = ?', [MIGRATION]);
  });
  const json = await measure();
  const t0 = performance.now();
  await gw.orm.getMigrator().up();
  const migrationMs = Math.round(performance.now() - t0);
  const migrated = await measure();
  const [left] = await conn().execute(
    `select (select count(*) from permit_application where reasons like '[{%') as a, (select count(*) from eligibility_decision where body like '{%') as d`,
  );
  const report = {
    dialect: pg ? 'postgresql' : 'sqlite',
    holders: n,
    json,
    compact,
    migrated,
    migrationMs,
    rowsLeftInJson: { applications: Number(left.a), decisions: Number(left.d) },
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  await gw.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
