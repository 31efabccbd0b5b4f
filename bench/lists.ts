/**
 * `npm run bench:lists`: the paged lists on a large register. BENCH_PERMITS permits (default
 * 100 000) issued over the last year and a tenth as many open applications are written straight
 * into a fresh database (DATABASE_URL for PostgreSQL, else an SQLite file), then endorsementsDue
 * (the next 30 days), overdueApplications and openApplications (today) are walked page by page for
 * the city and for one district: statements and milliseconds per page, and the process's RSS.
 */
import 'reflect-metadata';
import { shareCodeKey } from '../src/app/share-codes/code';
import { shareCodeAttempts } from '../src/app/share-codes/attempts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createGateway } from '../src/server';
import { addDays, resolveRegionCode, todayInShanghai, REGIONS } from '../src/law';
import { OFFICIAL_CALENDAR } from '../src/calendar/official';
import { endorsementsDue } from '../src/app/lists/endorsements-due';
import { overdueApplications } from '../src/app/lists/overdue-applications';
import { openApplications } from '../src/app/lists/open-applications';
import type { Scope } from '../src/app/scope';

type Sql = { execute(sql: string, params?: unknown[]): Promise<unknown> };

async function main() {
  const n = Number(process.env.BENCH_PERMITS ?? 100_000);
  const databaseUrl = process.env.DATABASE_URL ?? join(mkdtempSync(join(tmpdir(), 'gw-lists-')), 'b.sqlite');
  let statements = 0;
  const gw = await createGateway({
    databaseUrl,
    seed: 'reference',
    logger: pino({ level: 'silent' }),
    env: { NODE_ENV: 'test', GATEWAY_JWT_SECRET: 'x'.repeat(40) },
    onQuery: () => {
      statements += 1;
    },
  });
  const T = todayInShanghai(Date.now);
  const districts = REGIONS.filter((r) => r.kind !== 'CITY');
  const pg = databaseUrl.startsWith('postgres');
  const started = performance.now();
  await gw.orm.em.fork().transactional(async (em) => {
    const sql = em as unknown as Sql; // em.execute runs in the transaction
    const chunk = 500;
    for (let i0 = 0; i0 < n; i0 += chunk) {
      const rows = Array.from({ length: Math.min(chunk, n - i0) }, (_, j) => i0 + j + 1);
      const values = (f: (i: number) => unknown[]) => rows.map(f).flat();
      const tuple = (k: number) => `(${Array.from({ length: k }, () => '?').join(', ')})`;
      await sql.execute(
        `insert into holder (id, citizen_id_number, name, name_key, sex, birth_date, hukou_region_code, hukou_address, created_at) values ${rows.map(() => tuple(9)).join(', ')}`,
        values((i) => [
          i,
          `411302${String(i).padStart(12, '0')}`,
          '测试',
          '测试',
          'MALE',
          '1980-01-01',
          '411302',
          '南阳',
          'b',
        ]),
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
      const applied = (i: number) =>
        i % 10 === 0 ? addDays(T, -(i % 90)) : addDays(T, -(1 + (i % 360)) - 5);
      await sql.execute(
        `insert into permit_application (id, holder_id, applied_on, accepted, reasons, open_slot, office_region_code, actor, created_at) values ${rows.map(() => tuple(9)).join(', ')}`,
        values((i) => [i, i, applied(i), pg ? true : 1, '[]', `${i}:0`, '410300', 'b', 'b']),
      );
      const issued = rows.filter((i) => i % 10 !== 0);
      if (issued.length > 0) {
        await sql.execute(
          `insert into permit (id, holder_id, application_id, issued_on, issue_month_day, issuing_authority, region_code, actor, created_at) values ${issued.map(() => tuple(9)).join(', ')}`,
          issued
            .map((i) => {
              const on = addDays(T, -(1 + (i % 360)));
              return [
                i,
                i,
                i,
                on,
                on.slice(5),
                '洛阳市公安局',
                districts[i % districts.length].code,
                'b',
                'b',
              ];
            })
            .flat(),
        );
      }
    }
  });
  if (pg) await (gw.orm.em.fork().getConnection() as unknown as Sql).execute('analyze');
  const loadMs = Math.round(performance.now() - started);
  const scope = (region: string): Scope => ({
    em: gw.orm.em.fork(),
    caller: {
      sub: 'bench',
      role: 'PUBLIC_SECURITY',
      region: resolveRegionCode(region)!,
      department: null,
      scope: new Set(),
    },
    deps: {
      calendar: OFFICIAL_CALENDAR,
      clock: Date.now,
      shareCodes: { key: shareCodeKey({}), attempts: shareCodeAttempts() },
    },
  });
  const report: Record<string, unknown> = { permits: n, dialect: pg ? 'postgresql' : 'sqlite', loadMs };
  for (const region of ['410300', '410302']) {
    for (const [name, first] of [
      ['endorsementsDue', 100],
      ['endorsementsDue', 1000],
      ['overdueApplications', 100],
      ['openApplications', 100],
    ] as const) {
      const pages: { ms: number; statements: number }[] = [];
      let after: string | null = null;
      let items = 0;
      for (;;) {
        const s = scope(region);
        const before = statements;
        const t0 = performance.now();
        const page: { id: number }[] =
          name === 'endorsementsDue'
            ? (await endorsementsDue(s, { from: T, to: addDays(T, 30), first, after })).map((b) => ({
                id: b.permit.id,
              }))
            : name === 'openApplications'
              ? await openApplications(s, { first, after })
              : await overdueApplications(s, { first, after });
        pages.push({ ms: performance.now() - t0, statements: statements - before });
        items += page.length;
        if (page.length < first) break;
        after = String(page[page.length - 1].id);
      }
      const ms = pages.map((p) => p.ms).sort((a, b) => a - b);
      report[`${name} first=${first} region=${region}`] = {
        items,
        pages: pages.length,
        medianPageMs: Math.round(ms[Math.floor(ms.length / 2)]),
        maxPageMs: Math.round(ms[ms.length - 1]),
        maxStatementsPerPage: Math.max(...pages.map((p) => p.statements)),
      };
    }
  }
  report.rssMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  await gw.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
