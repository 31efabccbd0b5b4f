/**
 * Entitlement look-ups. An item's end is the latest end act's (entitlement_end, Art. 18(12)/19(6)),
 * else its definition's own `effective_until`: every reader of the catalogue goes through
 * ENTITLEMENT_SELECT so that no decision offers an item after its end.
 */
import type { EntityManager } from '@mikro-orm/core';
import { EntitlementEntity, EntitlementEnd, type EntitlementRow } from './entities';
import { listStatement, queryList, sqlOf, type Target } from './sql';

type SqlEm = EntityManager & { execute(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]> };
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** The entitlement columns, `effective_until` being the end in force (index entitlement_end_latest_index). */
export const ENTITLEMENT_SELECT = `select e.code, e.kind, e.article, e.clause, e.name_zh, e.name_en, e.department,
       e.region_code, e.effective_from, e.local, e.actor, e.created_at,
       coalesce((select x.effective_until from entitlement_end x where x.entitlement_code = e.code
                  order by x.id desc limit 1), e.effective_until) as effective_until
  from entitlement e`;

export function entitlementRow(r: Record<string, unknown>): EntitlementRow {
  return {
    code: String(r.code),
    kind: String(r.kind),
    article: Number(r.article),
    clause: Number(r.clause),
    nameZh: String(r.name_zh),
    nameEn: String(r.name_en),
    department: String(r.department),
    regionCode: String(r.region_code),
    effectiveFrom: String(r.effective_from),
    effectiveUntil: r.effective_until == null ? null : (r.effective_until as string),
    local: r.local === true || r.local === 1 || r.local === '1',
    actor: String(r.actor),
    createdAt: String(r.created_at),
  };
}

export async function entitlementExists(em: EntityManager, code: string): Promise<boolean> {
  return (await em.findOne(EntitlementEntity, { code }, { fields: ['code'] })) !== null;
}

/** The whole catalogue with local additions, in catalogue order (local last, article, clause, code). */
export async function allEntitlements(em: EntityManager): Promise<EntitlementRow[]> {
  const rows = await (em as SqlEm).execute(
    `${ENTITLEMENT_SELECT} order by e.local, e.article, e.clause, e.code`,
  );
  return rows.map(entitlementRow);
}

const BY_CODE = listStatement((codes) => `${ENTITLEMENT_SELECT} where e.code ${codes}`, 'text');

/** The entitlements of these codes (unknown ones are left out); a prepared statement (hot path). */
export async function entitlementsByCode(
  target: Target,
  codes: readonly string[],
): Promise<EntitlementRow[]> {
  if (codes.length === 0) return [];
  return (await queryList(sqlOf(target), BY_CODE, codes)).map(entitlementRow);
}

/**
 * Local items (18(12), 19(6)) whose region carries one of `regionCodes` (null: any), whatever their
 * dates (past, in force, future), after `after` in code order (the primary key), `limit` of them.
 */
export async function localEntitlementsPage(
  em: EntityManager,
  q: { regionCodes: readonly string[] | null; after: string | null; limit: number },
): Promise<EntitlementRow[]> {
  const t = em.getPlatform().constructor.name.startsWith('PostgreSql') ? 'true' : '1';
  const params: unknown[] = [];
  let sql = `${ENTITLEMENT_SELECT} where e.local = ${t}`;
  if (q.after !== null) {
    sql += ' and e.code > ?';
    params.push(q.after);
  }
  if (q.regionCodes) {
    sql += ` and e.region_code in (${placeholders(q.regionCodes.length)})`;
    params.push(...q.regionCodes);
  }
  sql += ' order by e.code limit ?';
  params.push(q.limit);
  return (await (em as SqlEm).execute(sql, params)).map(entitlementRow);
}

/** Records an end act for an item (inside the caller's transaction). */
export async function recordEntitlementEnd(
  em: EntityManager,
  end: { code: string; effectiveUntil: string; actor: string; createdAt: string },
): Promise<void> {
  em.create(EntitlementEnd, {
    entitlementCode: end.code,
    effectiveUntil: end.effectiveUntil,
    actor: end.actor,
    createdAt: end.createdAt,
  });
  await em.flush();
}
