/**
 * An existing database migrates forward on SQLite and PostgreSQL: a register made by the initial
 * migration, with decisions in it, gains holder_id (backfilled from the permit where one was found)
 * and by_share_code, and the share_code table; afterwards the schema is exactly what the entities
 * describe.
 */
import { describe, expect, it } from 'vitest';
import { initORM } from '../../src/db/orm';
import { databases, freshDatabase } from '../support/gateway';

import { idNumber } from '../support/people';

const DBS = await databases();

describe.each(DBS)('migrating an existing register forward on %s', (db) => {
  it('adds holder_id (backfilled) and by_share_code to decisions, and the share_code table', async () => {
    const { url, drop } = await freshDatabase(db, 'gw_migrate');
    const orm = await initORM({ databaseUrl: url, migrate: false });
    try {
      await orm.getMigrator().up({ to: 'Migration20261128000000_initial' });
      const conn = orm.em.getConnection();
      const at = '2026-11-01T00:00:00.000Z';
      const t = db === 'sqlite' ? 1 : true;
      await conn.execute(
        `insert into holder (citizen_id_number, name, name_key, sex, birth_date, hukou_region_code, hukou_address, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)`,
        [idNumber('411302', '1980-01-01', 11), '旧库', '旧库', 'MALE', '1980-01-01', '411302', 'x', at],
      );
      const [h] = await conn.execute('select id from holder');
      await conn.execute(
        'insert into permit (holder_id, application_id, issued_on, issuing_authority, region_code, actor, created_at) values (?, 1, ?, ?, ?, ?, ?)',
        [h.id, '2026-01-05', '洛阳市公安局', '410302', 'test', at],
      );
      const [p] = await conn.execute('select id from permit');
      const decision = (id: string, permitId: number | null) =>
        conn.execute(
          'insert into eligibility_decision (decision_id, entitlement_code, as_of, permit_id, eligible, body, actor, role, department, actor_region_code, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [
            id,
            'PUBLIC_RENTAL_HOUSING',
            '2026-11-01',
            permitId,
            t,
            '{}',
            'test:housing',
            'DEPARTMENT',
            'HOUSING_AND_URBAN_RURAL_DEVELOPMENT',
            '410300',
            at,
          ],
        );
      await decision('d-with-permit', Number(p.id));
      await decision('d-no-permit', null);
      await orm.getMigrator().up();
      const rows = await conn.execute(
        'select decision_id, holder_id, by_share_code from eligibility_decision order by decision_id',
      );
      expect(
        rows.map((r: any) => [
          r.decision_id,
          r.holder_id == null ? null : Number(r.holder_id),
          r.by_share_code === true || r.by_share_code === 1,
        ]),
      ).toEqual([
        ['d-no-permit', null, false],
        ['d-with-permit', Number(h.id), false],
      ]);
      expect(await conn.execute('select count(*) as n from share_code')).toEqual([
        { n: db === 'sqlite' ? 0 : '0' },
      ]);
      // the migrated schema is the one the entities describe
      expect((await orm.schema.getUpdateSchemaSQL({ wrap: false })).trim()).toBe('');
    } finally {
      await orm.close(true);
      await drop();
    }
  });
});
