/** Entitlement look-ups the holder and share-code use cases need. */
import type { EntityManager } from '@mikro-orm/core';
import { EntitlementEntity } from './entities';

export async function entitlementExists(em: EntityManager, code: string): Promise<boolean> {
  return (await em.findOne(EntitlementEntity, { code }, { fields: ['code'] })) !== null;
}
