/**
 * Migration 20261201000300 on a register written before it (both dialects): the frozen
 * calendar-derived columns go (a deliberately wrong value in each shows none is read), the issue
 * month-day is filled in from the issue date, and the gateway answers the derived dates from the
 * acts and the calendar in force.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Client } from 'pg';
import pino from 'pino';
import { initORM } from '../../src/db/orm';
import { createGateway } from '../../src/server';
import { signToken } from '../../src/app/auth';
import { CALLERS, PG_ADMIN_URL, TEST_ENV, FIXED_NOW, databases } from '../support/gateway';
import { idNumber } from '../e2e/helpers';

const DBS = await databases();
const H1 = idNumber('411302', '19860303', '701');
const H2 = idNumber('411302', '19870404', '702');
const FROZEN_WRONG = '1999-01-01';

type Sql = { execute(sql: string, params?: unknown[]): Promise<any> };

describe.each(DBS)('an existing register migrates forward, on %s', (db) => {
  it('drops the frozen dates, fills the issue month-day, and answers derived dates', async () => {
    let databaseUrl: string;
    let cleanup: () => Promise<void>;
    if (db === 'postgresql') {
      const name = `gw_migrate_${randomBytes(6).toString('hex')}`;
      const admin = new Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      databaseUrl = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
      cleanup = async () => {
        const c = new Client({ connectionString: PG_ADMIN_URL });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      };
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'gw-migrate-'));
      databaseUrl = join(dir, 'old.sqlite');
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
    try {
      // the register as the initial schema left it
      const old = await initORM({ databaseUrl, migrate: false });
      await old.getMigrator().up({ to: 'Migration20261128000000_initial' });
      const sql = old.em.getConnection() as unknown as Sql;
      const T = db === 'sqlite' ? 1 : 'true';
      const F = db === 'sqlite' ? 0 : 'false';
      const at = '2024-01-10T00:00:00.000Z';
      for (const [id, cid] of [
        [1, H1],
        [2, H2],
      ] as const) {
        await sql.execute(
          `insert into holder (id, citizen_id_number, name, name_key, sex, birth_date, hukou_region_code, hukou_address, created_at) values (?, ?, ?, ?, 'MALE', ?, '411302', '南阳', ?)`,
          [
            id,
            cid,
            `旧${id}`,
            `旧${id}`,
            `19${cid.slice(8, 10)}-${cid.slice(10, 12)}-${cid.slice(12, 14)}`,
            at,
          ],
        );
        await sql.execute(
          `insert into residence_record (holder_id, kind, effective_on, region_code, address, basis, proof_kind, proof_reference, portrait_captured, office_region_code, actor, created_at) values (?, 'REGISTRATION', '2024-01-10', '410302', '老城区旧路1号', 'STABLE_EMPLOYMENT', '劳动合同', 'OLD', ${T}, '410302', 'old', ?)`,
          [id, at],
        );
      }
      await sql.execute(
        `insert into permit_application (id, holder_id, applied_on, accepted, issue_deadline, deadline_provisional, reasons, open_slot, office_region_code, actor, created_at) values (1, 1, '2024-09-01', ${T}, ?, ${T}, '[]', '1:0', '410302', 'old', ?)`,
        [FROZEN_WRONG, at],
      );
      await sql.execute(
        `insert into permit_application (id, holder_id, applied_on, accepted, issue_deadline, deadline_provisional, reasons, open_slot, office_region_code, actor, created_at) values (2, 2, '2026-10-20', ${T}, ?, ${T}, '[]', '2:0', '410302', 'old', ?)`,
        [FROZEN_WRONG, at],
      );
      await sql.execute(
        `insert into permit (id, holder_id, application_id, issued_on, issuing_authority, region_code, actor, created_at) values (1, 1, 1, '2024-10-08', '洛阳市公安局', '410302', 'old', ?)`,
        [at],
      );
      await sql.execute(
        `insert into endorsement (permit_id, year, endorsed_on, extends_validity_through, actor, created_at) values (1, 1, '2025-09-20', ?, 'old', ?)`,
        [FROZEN_WRONG, at],
      );
      await sql.execute(
        `insert into replacement_request (permit_id, kind, reported_on, deadline, deadline_provisional, open_slot, actor, created_at) values (1, 'LOST', '2026-09-21', ?, ${F}, '1:0', 'old', ?)`,
        [FROZEN_WRONG, at],
      );
      if (db === 'postgresql') {
        for (const t of ['holder', 'permit_application', 'permit'])
          await sql.execute(`select setval('${t}_id_seq', 10)`);
      }
      await old.close(true);

      const gateway = await createGateway({
        databaseUrl,
        env: TEST_ENV,
        clock: () => FIXED_NOW,
        logger: pino({ level: 'silent' }),
      });
      try {
        const rows = await (gateway.orm.em.fork().getConnection() as unknown as Sql).execute(
          'select id, issue_month_day from permit',
        );
        expect(rows.map((r: any) => [Number(r.id), r.issue_month_day])).toEqual([[1, '10-08']]);
        const conn = gateway.orm.em.fork().getConnection() as unknown as Sql;
        for (const [table, column] of [
          ['permit_application', 'issue_deadline'],
          ['permit_application', 'deadline_provisional'],
          ['replacement_request', 'deadline'],
          ['replacement_request', 'deadline_provisional'],
          ['endorsement', 'extends_validity_through'],
        ]) {
          await expect(
            conn.execute(`select ${column} from ${table}`),
            `${table}.${column}`,
          ).rejects.toThrow();
        }
        const token = await signToken(gateway.auth, CALLERS.psCity);
        const gql = async (query: string) => {
          const res = await fetch(gateway.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query }),
          });
          const body = (await res.json()) as any;
          expect(body.errors).toBeUndefined();
          return body.data;
        };
        // A_1 = 2025-10-08 (国庆, off) → window to 10-09; endorsed in it: valid through A_2 = Thu 2026-10-08
        // replacement: 15 working days after Mon 2026-09-21 (09-25..27 and 10-01..07 off, Sat 10-10 worked) → 2026-10-19
        const file =
          await gql(`{ permitHolder(citizenIdNumber: "${H1}") { permits { issuedOn status(asOf: "2026-10-01") validThrough(asOf: "2026-10-01")
          endorsements { endorsedOn extendsValidityThrough } replacementRequests { reportedOn deadline deadlineProvisional } } } }`);
        expect(file.permitHolder.permits).toEqual([
          {
            issuedOn: '2024-10-08',
            status: 'VALID',
            validThrough: '2026-10-08',
            endorsements: [{ endorsedOn: '2025-09-20', extendsValidityThrough: '2026-10-08' }],
            replacementRequests: [
              { reportedOn: '2026-09-21', deadline: '2026-10-19', deadlineProvisional: false },
            ],
          },
        ]);
        // Art. 11: accepted 2026-10-20 → due 2026-11-10, overdue on 2026-11-28
        const overdue = await gql(
          `{ overdueApplications(asOf: "2026-11-28") { id appliedOn issueDeadline deadlineProvisional } }`,
        );
        expect(overdue.overdueApplications).toEqual([
          { id: '2', appliedOn: '2026-10-20', issueDeadline: '2026-11-10', deadlineProvisional: false },
        ]);
        const due = await gql(`{ endorsementsDue(from: "2026-09-01", to: "2026-09-30") { id } }`);
        expect(due.endorsementsDue).toEqual([{ id: '1' }]);
      } finally {
        await gateway.close();
      }
    } finally {
      await cleanup();
    }
  });
});
