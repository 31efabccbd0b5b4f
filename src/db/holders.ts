/** Holder look-ups by ID number or id (the holder as a caller, and a share code's holder). */
import type { EntityManager } from '@mikro-orm/core';
import { Holder, type HolderRow } from './entities';
import { listStatement, queryList, sqlOf, type Row, type Target } from './sql';

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

/** A holder's id, ID number and name key with one of their dependents (`child_*`), from `holder h`. */
const WITH_DEPENDENTS_SELECT = `select h.id, h.citizen_id_number, h.name_key, d.citizen_id_number as child_id, d.birth_date as child_birth
   from holder h left join dependent d on d.holder_id = h.id`;
const WITH_DEPENDENTS = listStatement(
  (ids) => `${WITH_DEPENDENTS_SELECT} where h.citizen_id_number ${ids}`,
  'text',
);

/** A holder found by ID number, with one of their dependents (none: null) — a row per dependent. */
export interface HolderWithDependent {
  readonly id: number;
  readonly citizenIdNumber: string;
  readonly nameKey: string;
  readonly child: { readonly citizenIdNumber: string; readonly birthDate: string } | null;
}

/** The holders of these ID numbers with their dependents, in one prepared statement (verification). */
export async function holdersWithDependents(
  target: Target,
  citizenIdNumbers: readonly string[],
): Promise<HolderWithDependent[]> {
  if (citizenIdNumbers.length === 0) return [];
  return (await queryList(sqlOf(target), WITH_DEPENDENTS, citizenIdNumbers)).map(holderWithDependent);
}

/** A row of WITH_DEPENDENTS_SELECT. */
export function holderWithDependent(r: Row): HolderWithDependent {
  return {
    id: Number(r.id),
    citizenIdNumber: String(r.citizen_id_number),
    nameKey: String(r.name_key),
    child:
      r.child_id == null ? null : { citizenIdNumber: r.child_id as string, birthDate: String(r.child_birth) },
  };
}
