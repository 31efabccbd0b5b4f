/**
 * Lists of stored eligibility decisions (Art. 23), a page at a time, in a stable order: by
 * `created_at`, ties (a batch shares one time) broken by `decision_id`. Each list has an index that
 * starts with its filter and ends with (created_at, decision_id), so a page is an index range read
 * of at most `first` rows whatever the number of decisions (migration 20261201000200):
 *   affectedDecisions   eligibility_decision_permit_created (permit_id, created_at, decision_id)
 *   decisionsMade       eligibility_decision_office_created (role, actor_region_code, created_at, decision_id)
 *                       eligibility_decision_department_created (department, actor_region_code, created_at, decision_id)
 *   decisionsToReview   eligibility_decision_department_created, each row looked up in confiscation(permit_id)
 * And one holder's decisions (myVerifications), newest first: the index (holder_id, created_at,
 * decision_id) serves both the filter and the order (migration 20261201000100).
 */
import type { EntityManager } from '@mikro-orm/core';
import type { DecisionRow } from './entities';

type SqlEm = EntityManager & { execute(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]> };

/** Which decisions a list holds. */
export type DecisionList =
  /** Art. 21 para 2: the positive decisions on one permit, oldest first; `office` narrows them to a department office's */
  | {
      readonly kind: 'onPermit';
      readonly permitId: number;
      readonly office: { readonly department: string; readonly region: string } | null;
    }
  /** the decisions a department office (department and region) made, newest first */
  | { readonly kind: 'byDepartmentOffice'; readonly department: string; readonly region: string }
  /** the decisions a public-security or delegated-agency office (role and region) made, newest first */
  | { readonly kind: 'byOffice'; readonly role: string; readonly region: string }
  /** a department office's positive decisions on permits that are now confiscated, newest first */
  | { readonly kind: 'toReview'; readonly department: string; readonly region: string };

function listSql(l: DecisionList): { from: string; where: string; params: unknown[]; newestFirst: boolean } {
  switch (l.kind) {
    case 'onPermit':
      return l.office
        ? {
            from: 'eligibility_decision d',
            where:
              "d.permit_id = ? and d.eligible = true and d.role = 'DEPARTMENT' and d.department = ? and d.actor_region_code = ?",
            params: [l.permitId, l.office.department, l.office.region],
            newestFirst: false,
          }
        : {
            from: 'eligibility_decision d',
            where: 'd.permit_id = ? and d.eligible = true',
            params: [l.permitId],
            newestFirst: false,
          };
    case 'byDepartmentOffice':
      return {
        from: 'eligibility_decision d',
        where: "d.department = ? and d.actor_region_code = ? and d.role = 'DEPARTMENT'",
        params: [l.department, l.region],
        newestFirst: true,
      };
    case 'byOffice':
      return {
        from: 'eligibility_decision d',
        where: 'd.role = ? and d.actor_region_code = ?',
        params: [l.role, l.region],
        newestFirst: true,
      };
    case 'toReview':
      return {
        from: 'confiscation c join eligibility_decision d on d.permit_id = c.permit_id',
        where: "d.department = ? and d.actor_region_code = ? and d.role = 'DEPARTMENT' and d.eligible = true",
        params: [l.department, l.region],
        newestFirst: true,
      };
  }
}

function decisionRow(r: Record<string, unknown>): DecisionRow {
  return {
    decisionId: String(r.decision_id),
    entitlementCode: String(r.entitlement_code),
    asOf: String(r.as_of),
    permitId: r.permit_id == null ? null : Number(r.permit_id),
    eligible: r.eligible === true || r.eligible === 1,
    body: String(r.body),
    actor: String(r.actor),
    role: String(r.role),
    department: r.department == null ? null : (r.department as string),
    actorRegionCode: String(r.actor_region_code),
    createdAt: String(r.created_at),
    holderId: r.holder_id == null ? null : Number(r.holder_id),
    byShareCode: r.by_share_code === true || r.by_share_code === 1,
  };
}

/** Where a cursor (a decision id) stands in the list; null when that decision is not in it. */
export async function decisionCursor(
  em: EntityManager,
  l: DecisionList,
  decisionId: string,
): Promise<{ createdAt: string; decisionId: string } | null> {
  const q = listSql(l);
  const [r] = await (em as SqlEm).execute(
    `select d.created_at from ${q.from} where ${q.where} and d.decision_id = ?`,
    [...q.params, decisionId],
  );
  return r ? { createdAt: String(r.created_at), decisionId } : null;
}

/** The `first` decisions of the list after the cursor (null: from the start). */
export async function decisionPage(
  em: EntityManager,
  l: DecisionList,
  after: { createdAt: string; decisionId: string } | null,
  first: number,
): Promise<DecisionRow[]> {
  const q = listSql(l);
  const [cmp, dir] = q.newestFirst ? ['<', 'desc'] : ['>', 'asc'];
  // `created_at <= c` bounds the index range; the second term only sorts out the ties
  const keyset = after
    ? ` and d.created_at ${cmp}= ? and (d.created_at ${cmp} ? or d.decision_id ${cmp} ?)`
    : '';
  const params = after
    ? [...q.params, after.createdAt, after.createdAt, after.decisionId, first]
    : [...q.params, first];
  const rows = await (em as SqlEm).execute(
    `select d.* from ${q.from} where ${q.where}${keyset} order by d.created_at ${dir}, d.decision_id ${dir} limit ?`,
    params,
  );
  return rows.map(decisionRow);
}

/** What a holder may see of a decision about them: never the caller's subject, never the body. */
export interface DecisionAboutHolder {
  decisionId: string;
  createdAt: string;
  role: string;
  department: string | null;
  actorRegionCode: string;
  entitlementCode: string;
  asOf: string;
  eligible: boolean;
  byShareCode: boolean;
}

const bool = (v: unknown) => v === true || v === 1 || v === '1' || v === 't';

/** The position of a cursor among the holder's decisions, or null when it is not one of theirs. */
export async function decisionPosition(
  em: EntityManager,
  holderId: number,
  decisionId: string,
): Promise<string | null> {
  const [r] = await (em as SqlEm).execute(
    'select created_at from eligibility_decision where decision_id = ? and holder_id = ?',
    [decisionId, holderId],
  );
  return r ? String(r.created_at) : null;
}

export async function decisionsAboutHolder(
  em: EntityManager,
  holderId: number,
  page: { first: number; after: { createdAt: string; decisionId: string } | null },
): Promise<DecisionAboutHolder[]> {
  const cols =
    'decision_id, created_at, role, department, actor_region_code, entitlement_code, as_of, eligible, by_share_code';
  const rows = page.after
    ? await (em as SqlEm).execute(
        `select ${cols} from eligibility_decision
        where holder_id = ? and (created_at, decision_id) < (?, ?)
        order by created_at desc, decision_id desc limit ?`,
        [holderId, page.after.createdAt, page.after.decisionId, page.first],
      )
    : await (em as SqlEm).execute(
        `select ${cols} from eligibility_decision where holder_id = ? order by created_at desc, decision_id desc limit ?`,
        [holderId, page.first],
      );
  return rows.map((r) => ({
    decisionId: String(r.decision_id),
    createdAt: String(r.created_at),
    role: String(r.role),
    department: r.department == null ? null : (r.department as string),
    actorRegionCode: String(r.actor_region_code),
    entitlementCode: String(r.entitlement_code),
    asOf: String(r.as_of),
    eligible: bool(r.eligible),
    byShareCode: bool(r.by_share_code),
  }));
}
