/**
 * A database made by the first migration, with decisions in it, migrates forward when the gateway
 * starts (migration 20261201000200: the decision-list indexes), keeps its rows, and the new lists
 * read them. SQLite and PostgreSQL.
 */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { initORM } from '../../src/db/orm';
import { createGateway } from '../../src/server';
import { signToken } from '../../src/app/auth';
import { FIXED_NOW, TEST_SECRET, databases, freshDatabase } from '../support/gateway';

const DBS = await databases();

describe.each(DBS)('migrating forward on %s', (db) => {
  it('adds the decision-list indexes to a database of the first migration and keeps its decisions', async () => {
    const { url, drop } = await freshDatabase(db, 'gw_migrate');
    try {
      const old = await initORM({ databaseUrl: url, migrate: false });
      await old.getMigrator().up({ to: 'Migration20261128000000_initial' });
      const body = JSON.stringify({
        decisionId: 'd-old-1',
        eligible: true,
        entitlementCode: 'PUBLIC_RENTAL_HOUSING',
        asOf: '2026-01-15',
        permit: null,
        reasons: [],
        rulesVersion: 'old',
      });
      await old.em
        .fork()
        .getConnection()
        .execute(
          `insert into eligibility_decision (decision_id, entitlement_code, as_of, permit_id, eligible, body, actor, role, department, actor_region_code, created_at)
         values ('d-old-1', 'PUBLIC_RENTAL_HOUSING', '2026-01-15', null, ${db === 'sqlite' ? 1 : 'true'}, ?, 'old:housing', 'DEPARTMENT', 'HOUSING_AND_URBAN_RURAL_DEVELOPMENT', '410300', '2026-01-15T02:00:00.000Z')`,
          [body],
        );
      await old.close();

      const gateway = await createGateway({
        databaseUrl: url,
        env: { NODE_ENV: 'test', GATEWAY_JWT_SECRET: TEST_SECRET },
        clock: () => FIXED_NOW,
        logger: pino({ level: 'silent' }),
      });
      try {
        const conn = gateway.orm.em.fork().getConnection();
        const indexes =
          db === 'sqlite'
            ? (
                await conn.execute(
                  "select name from sqlite_master where type = 'index' and tbl_name = 'eligibility_decision'",
                )
              ).map((r: any) => r.name)
            : (
                await conn.execute(
                  "select indexname as name from pg_indexes where tablename = 'eligibility_decision'",
                )
              ).map((r: any) => r.name);
        expect(indexes).toEqual(
          expect.arrayContaining([
            'eligibility_decision_permit_created',
            'eligibility_decision_office_created',
            'eligibility_decision_department_created',
          ]),
        );
        expect(indexes).not.toContain('eligibility_decision_permit_id_index');
        const token = await signToken(gateway.auth, {
          sub: 'test:housing-city',
          role: 'DEPARTMENT',
          region: '410300',
          department: 'HOUSING_AND_URBAN_RURAL_DEVELOPMENT',
          scope: 'PUBLIC_RENTAL_HOUSING',
        });
        const res = await fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ decisionsMade { decisionId eligible asOf } }' }),
        });
        expect(((await res.json()) as any).data.decisionsMade).toEqual([
          { decisionId: 'd-old-1', eligible: true, asOf: '2026-01-15' },
        ]);
      } finally {
        await gateway.close();
      }
    } finally {
      await drop();
    }
  });
});
