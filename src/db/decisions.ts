/**
 * Reading recorded eligibility decisions. One holder's decisions, newest first, page by page: the
 * order (created_at desc, decision_id desc) is unique and stable, the cursor is the last decision
 * id seen, and the index (holder_id, created_at, decision_id) serves both the filter and the order.
 */
import type { EntityManager } from '@mikro-orm/core';

type SqlEm = EntityManager & { execute(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]> };

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
export async function decisionPosition(em: EntityManager, holderId: number, decisionId: string): Promise<string | null> {
  const [r] = await (em as SqlEm).execute('select created_at from eligibility_decision where decision_id = ? and holder_id = ?', [decisionId, holderId]);
  return r ? String(r.created_at) : null;
}

export async function decisionsAboutHolder(em: EntityManager, holderId: number, page: { first: number; after: { createdAt: string; decisionId: string } | null }): Promise<DecisionAboutHolder[]> {
  const cols = 'decision_id, created_at, role, department, actor_region_code, entitlement_code, as_of, eligible, by_share_code';
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
    decisionId: String(r.decision_id), createdAt: String(r.created_at), role: String(r.role),
    department: r.department == null ? null : String(r.department), actorRegionCode: String(r.actor_region_code),
    entitlementCode: String(r.entitlement_code), asOf: String(r.as_of), eligible: bool(r.eligible), byShareCode: bool(r.by_share_code),
  }));
}
