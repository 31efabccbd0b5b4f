/**
 * Article 21 para 2: the positive decisions made on a confiscated permit, for the departments to
 * review, oldest first, a page at a time. Public security of the permit's region sees all; a
 * department office (its department in its region) sees the decisions it made.
 */
import { covers } from '../../law';
import { loadBundles, permitRegionOn } from '../facts';
import { forbidden, notFound } from '../errors';
import { stringIdPage } from '../paging';
import { numericId, today, type Scope } from '../scope';
import type { DecisionView } from '../verification';
import { readDecisionPage } from './list-page';

export async function affectedDecisions(
  s: Scope,
  permitIdInput: string,
  first?: number | null,
  after?: string | null,
): Promise<DecisionView[]> {
  const permitId = numericId(permitIdInput, 'permitId');
  const page = stringIdPage(first, after);
  const [b] = await loadBundles(s.em, { permitIds: [permitId] });
  if (!b) throw notFound('Permit');
  if (s.caller.role === 'PUBLIC_SECURITY' && !covers(s.caller.region, permitRegionOn(b, today(s)))) {
    throw forbidden('affectedDecisions: the permit is registered outside your region');
  }
  const office =
    s.caller.role === 'DEPARTMENT'
      ? { department: s.caller.department!, region: s.caller.region.code }
      : null;
  // a permit that is not confiscated has no affected decisions: the list is empty
  const list = b.confiscation ? { kind: 'onPermit' as const, permitId, office } : null;
  return readDecisionPage(s, list, page, {
    action: 'LIST_AFFECTED_DECISIONS',
    subject: `permit:${permitId}`,
  });
}
