/**
 * Article 21 para 2: "伪造、变造的居住证和骗领的居住证，由公安机关予以收缴。享受的相应权益、便利，
 * 有关部门可以依法撤销。" A department office's positive decisions on permits that have since been
 * confiscated, newest first, for it to review. Every positive decision on a confiscated permit is
 * listed, whatever its asOf or creation date: the permit was forged or fraudulently obtained from
 * the start, and a decision that came out positive did so only because the confiscation was not
 * yet in effect on its asOf or not yet recorded when it was made (README "Decision lists").
 */
import { forbidden } from '../errors';
import { stringIdPage } from '../paging';
import type { Scope } from '../scope';
import type { DecisionView } from '../verification';
import { readDecisionPage } from './list-page';

export async function decisionsToReview(
  s: Scope,
  first?: number | null,
  after?: string | null,
): Promise<DecisionView[]> {
  const page = stringIdPage(first, after);
  if (s.caller.role !== 'DEPARTMENT')
    throw forbidden('decisionsToReview: a department reviews its own decisions');
  const list = { kind: 'toReview' as const, department: s.caller.department!, region: s.caller.region.code };
  return readDecisionPage(s, list, page, { action: 'LIST_DECISIONS_TO_REVIEW', subject: null });
}
