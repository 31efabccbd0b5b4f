/**
 * Art. 23: an office reads back the decisions it made, newest first, a page at a time. A
 * department office is its department in its region; a public-security bureau or a delegated
 * agency is its role in its region. Another office's decisions are never listed.
 */
import { forbidden } from '../errors';
import { stringIdPage } from '../paging';
import type { Scope } from '../scope';
import type { DecisionView } from '../verification';
import type { DecisionList } from '../../db/decisions';
import { readDecisionPage } from './list-page';

export async function decisionsMade(
  s: Scope,
  first?: number | null,
  after?: string | null,
): Promise<DecisionView[]> {
  const page = stringIdPage(first, after);
  const { role, region, department } = s.caller;
  let list: DecisionList;
  if (role === 'DEPARTMENT')
    list = { kind: 'byDepartmentOffice', department: department!, region: region.code };
  else if (role === 'PUBLIC_SECURITY' || role === 'DELEGATED_AGENCY')
    list = { kind: 'byOffice', role, region: region.code };
  else throw forbidden(`${role} makes no eligibility decisions`);
  return readDecisionPage(s, list, page, { action: 'LIST_DECISIONS_MADE', subject: null });
}
