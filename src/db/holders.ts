/** Holder look-ups by ID number or id (the holder as a caller, and a share code's holder). */
import type { EntityManager } from '@mikro-orm/core';
import { Holder, type HolderRow } from './entities';

export async function holderByCitizenIdNumber(
  em: EntityManager,
  citizenIdNumber: string,
): Promise<HolderRow | null> {
  return em.findOne(Holder, { citizenIdNumber });
}

export async function holderIdByCitizenIdNumber(
  em: EntityManager,
  citizenIdNumber: string,
): Promise<number | null> {
  const h = await em.findOne(Holder, { citizenIdNumber }, { fields: ['id'] });
  return h ? h.id : null;
}

export async function citizenIdNumberOfHolder(em: EntityManager, holderId: number): Promise<string | null> {
  const h = await em.findOne(Holder, { id: holderId }, { fields: ['citizenIdNumber'] });
  return h ? h.citizenIdNumber : null;
}
