/**
 * One page of a decision list (src/db/decisions.ts): `first`/`after` checked by src/app/paging.ts;
 * `after` must be the id of a decision in the same list, else BAD_USER_INPUT (checked before
 * anything is read or written). Each page read is audited (Art. 22(4)).
 */
import { decisionCursor, decisionPage, type DecisionList } from '../../db/decisions';
import { appendAudit } from '../audit';
import { badInput } from '../errors';
import type { Page } from '../paging';
import { now, type Scope } from '../scope';
import type { DecisionView } from '../verification';
import { decisionFromRow } from './decision-from-row';

/** `list` null: a list known to be empty (affectedDecisions of a permit that is not confiscated). */
export async function readDecisionPage(
  s: Scope,
  list: DecisionList | null,
  page: Page<string>,
  audit: { action: string; subject: string | null },
): Promise<DecisionView[]> {
  const cursor = page.after === null || list === null ? null : await decisionCursor(s.em, list, page.after);
  if (page.after !== null && cursor === null)
    throw badInput(`after: "${page.after.slice(0, 20)}" is not an id from a previous page of this list`, {
      field: 'after',
    });
  const rows = list === null ? [] : await decisionPage(s.em, list, cursor, page.first);
  await s.em.transactional((em) =>
    appendAudit(
      em,
      s.caller,
      [{ ...audit, outcome: `${rows.length}${page.after ? ` after ${page.after}` : ''}` }],
      now(s),
    ),
  );
  return rows.map(decisionFromRow);
}
