/**
 * The rows a permit's state is derived from (src/app/facts.ts builds the bundles): the permits of
 * some holders or some permit ids with their confiscation, then every endorsement, move and
 * replacement card of those permits in one statement. Prepared statements (src/db/sql.ts): the
 * hot path of every verification.
 */
import { listStatement, queryList, sqlOf, type Row, type Target } from './sql';

/** A permit's columns with its confiscation's (`c_*`), from `permit p`. */
const PERMITS_SELECT = `select p.id, p.holder_id, p.application_id, p.issued_on, p.issue_month_day, p.issuing_authority, p.region_code, p.actor, p.created_at,
        c.id as c_id, c.confiscated_on, c.reason as c_reason, c.actor as c_actor, c.created_at as c_created_at
   from permit p left join confiscation c on c.permit_id = p.id`;

const permitsWhere = (col: string) =>
  listStatement((ids) => `${PERMITS_SELECT} where ${col} ${ids} order by p.issued_on, p.id`, 'int');
const PERMITS_OF_HOLDERS = permitsWhere('p.holder_id');
const PERMITS_BY_ID = permitsWhere('p.id');

/** The acts on the permits whose ids satisfy `permit_id ${ids}`, unordered (see permitActs). */
const actsUnion = (ids: string) => `
  select 'E' as k, id, permit_id, endorsed_on as d1, year as n, null as r1, null as r2, null as addr, null as flag
    from endorsement where permit_id ${ids}
  union all
  select 'C' as k, id, permit_id, changed_on as d1, null as n, from_region_code as r1, to_region_code as r2, address as addr, change_registration as flag
    from residence_change where permit_id ${ids}
  union all
  select 'R' as k, id, permit_id, issued_on as d1, card_version as n, null as r1, null as r2, null as addr, null as flag
    from replacement_issue where permit_id ${ids}`;
const actsSql = (ids: string) => `${actsUnion(ids)}
  order by d1, id`;
const ACTS = listStatement(actsSql, 'int');

/** The permits (with their confiscation, `c_*`) of these holders, or with these ids, by issue date. */
export async function permitRows(
  target: Target,
  by: { readonly holderIds: readonly number[] } | { readonly permitIds: readonly number[] },
): Promise<Row[]> {
  const ids = 'holderIds' in by ? by.holderIds : by.permitIds;
  if (ids.length === 0) return [];
  return queryList(sqlOf(target), 'holderIds' in by ? PERMITS_OF_HOLDERS : PERMITS_BY_ID, ids);
}

/**
 * The acts on these permits, by date: `k` E (endorsement: d1 endorsed on, n year), C (move: d1,
 * r1 → r2, addr, flag change registration), R (replacement card: d1 issued on, n card version).
 */
export async function permitActs(target: Target, permitIds: readonly number[]): Promise<Row[]> {
  if (permitIds.length === 0) return [];
  return queryList(sqlOf(target), ACTS, permitIds, 3);
}
