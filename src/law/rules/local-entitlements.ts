/**
 * Articles 18(12) and 19(6): the items a city or county government adds, and ending one.
 *
 * 第十八条 （十二）市、县（市）人民政府规定的其他权益。
 * 第十九条 （六）市、县（市）人民政府规定的其他便利。
 *
 * The government that may add an item may end it: the end is a new act, an `effectiveUntil`
 * (the last day in force, inclusive), never an edit of the definition. Decisions about a day after
 * the end no longer offer the item (ENTITLEMENT_IN_FORCE, rules/eligibility.ts).
 *
 * Not modelled: which government may end another's item beyond the region rule (an office covers
 * its region and those inside it, I-5, as for defining one); that is the app's region check.
 */
import { cite } from '../articles';
import { localCitation, type Entitlement } from '../catalogue';
import { fail, ok, violation, type Result } from '../decision';
import type { LocalDate } from '../date';

/**
 * Whether `until` may end the item `e` when today is `today`:
 * - only a local item (18(12), 19(6)): clauses 18(1)–(11) and 19(1)–(5) are the regulation's own;
 * - not before its start (18(12)/19(6): an item that ends before it starts was never defined);
 * - not in the past, and not an item already ended: a decision already made on a day the item was
 *   in force rests on it and may be under administrative review (Art. 23); ending it back then
 *   would make the register tell another story than the decision did. Today itself is allowed:
 *   the item is then in force through today and not from tomorrow.
 */
export function decideEndOfLocalEntitlement(
  e: Pick<Entitlement, 'kind' | 'citation' | 'local' | 'effectiveFrom' | 'effectiveUntil'>,
  until: LocalDate,
  today: LocalDate,
): Result<{ effectiveUntil: LocalDate }> {
  if (!e.local)
    return fail(
      violation(
        'NOT_A_LOCAL_ENTITLEMENT',
        cite(e.kind === 'PUBLIC_SERVICE' ? '18' : '19'),
        '本办法规定的权益和便利不能由人民政府终止，只能终止依第十八条第（十二）项、第十九条第（六）项增加的事项',
        'An item of the regulation itself cannot be ended; only items added under Art. 18(12) or 19(6)',
      ),
    );
  if (e.effectiveUntil !== null && e.effectiveUntil < today)
    return fail(
      violation(
        'LOCAL_ENTITLEMENT_ALREADY_ENDED',
        cite('23'),
        `该事项已于${e.effectiveUntil}终止，不能再变更；如需恢复，请另行规定新的事项`,
        `The item ended on ${e.effectiveUntil}; define a new item instead of changing an ended one`,
        { effectiveUntil: e.effectiveUntil },
      ),
    );
  if (until < e.effectiveFrom)
    return fail(
      violation(
        'END_BEFORE_START',
        localCitation(e.kind),
        `终止日期${until}早于该事项的生效日期${e.effectiveFrom}`,
        `The end ${until} is before the item's start ${e.effectiveFrom}`,
        { effectiveFrom: e.effectiveFrom },
      ),
    );
  if (until < today)
    return fail(
      violation(
        'END_DATE_IN_PAST',
        cite('23'),
        `终止日期${until}早于今天（${today}）：已经作出的核验决定不能被追溯改变`,
        `The end ${until} is before today (${today}): decisions already made cannot be changed after the fact`,
        { today },
      ),
    );
  return ok({ effectiveUntil: until });
}
