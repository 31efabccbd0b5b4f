/**
 * Reference data, always: the regions (GB/T 2260) and the Article 18/19 catalogue. Idempotent:
 * rows already there are left as they are (local entitlements are never touched).
 */
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { CATALOGUE, REGIONS } from '../src/law';
import { EntitlementEntity, RegionEntity } from '../src/db/entities';

export class ReferenceSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    const regions = new Set((await em.find(RegionEntity, {})).map((r) => r.code));
    for (const r of REGIONS)
      if (!regions.has(r.code)) em.create(RegionEntity, { code: r.code, nameZh: r.nameZh, kind: r.kind });
    const codes = new Set((await em.find(EntitlementEntity, { local: false })).map((e) => e.code));
    for (const e of CATALOGUE) {
      if (codes.has(e.code)) continue;
      em.create(EntitlementEntity, {
        code: e.code,
        kind: e.kind,
        article: e.citation.article,
        clause: e.citation.clause!,
        nameZh: e.nameZh,
        nameEn: e.nameEn,
        department: e.department,
        regionCode: e.regionCode,
        effectiveFrom: e.effectiveFrom,
        effectiveUntil: e.effectiveUntil,
        local: false,
        actor: 'seed:reference',
        createdAt: '2016-02-15T00:00:00.000Z',
      });
    }
    await em.flush();
  }
}

export async function seedReference(orm: MikroORM): Promise<void> {
  await orm.getSeeder().seed(ReferenceSeeder);
}
