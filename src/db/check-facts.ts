/**
 * The rows a check (or a batch of checks) is decided from, in four prepared statements on one
 * connection: the entitlements asked about, the holders of the ID numbers asked about with their
 * dependents, those holders' permits with their confiscation, and every endorsement, move and
 * replacement card of those permits.
 *
 * Tried and measured (issue 8): on PostgreSQL the four as one statement (a CTE each, every row as
 * JSON) saved three round trips but cost the server 500 µs of CPU a check against 320 µs for the
 * four, because PostgreSQL plans a named statement with array parameters afresh at every run
 * (custom plans) and the one statement took 0.37 ms to plan. With generic plans both cost about
 * 200 µs, but `plan_cache_mode = force_generic_plan` would apply to every query of the session, the
 * lists over a million holders included, so it is left to the database's operator.
 */
import { entitlementsByCode } from './entitlements';
import type { EntitlementRow } from './entities';
import { holdersWithDependents, type HolderWithDependent } from './holders';
import { permitActs, permitRows } from './permit-facts';
import { sqlOf, type Row, type Target } from './sql';

export interface CheckFactRows {
  readonly entitlements: readonly EntitlementRow[];
  readonly holders: readonly HolderWithDependent[];
  /** rows of src/db/permit-facts.ts (a permit with its confiscation) by issue date, then id */
  readonly permits: readonly Row[];
  /** its acts (endorsements, moves, replacement cards) by date, then id */
  readonly acts: readonly Row[];
}

/** The rows for these entitlement codes and ID numbers (unknown ones are left out). */
export async function checkFactRows(
  target: Target,
  codes: readonly string[],
  citizenIdNumbers: readonly string[],
): Promise<CheckFactRows> {
  const sql = sqlOf(target);
  const entitlements = await entitlementsByCode(sql, codes);
  const holders = await holdersWithDependents(sql, citizenIdNumbers);
  const permits = await permitRows(sql, { holderIds: [...new Set(holders.map((h) => h.id))] });
  const acts = await permitActs(
    sql,
    permits.map((p) => Number(p.id)),
  );
  return { entitlements, holders, permits, acts };
}
