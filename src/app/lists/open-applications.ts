/**
 * Article 11: every accepted application not yet issued on `asOf` (not only the overdue ones), in
 * the caller's region, a page at a time (SPEC "Lists that grow with the city"), each with its
 * deadline and whether it is overdue on `asOf`.
 *
 * Order: by acceptance day, then id. The deadline (15 working days after acceptance) never
 * decreases as the acceptance day moves later, so this is deadline order, and the overdue ones —
 * those accepted on or before latestAcceptanceOverdueOn(asOf) — come first, oldest first: the
 * most urgent at the top of a clerk's list. The order rests on the recorded act alone, so it is
 * stable whatever holiday notice is loaded later, and it is the index permit_application
 * (applied_on, id) where open_slot is not null, the one overdueApplications reads.
 */
import { codesCoveredBy, type LocalDate } from '../../law';
import { applicationPosition, openApplicationsPage } from '../../db/lists';
import { appendAudit } from '../audit';
import { badInput } from '../errors';
import { idPage } from '../paging';
import { asOfDate, now, type Scope } from '../scope';
import { officeRegion } from '../caller';
import { applicationView, type ApplicationView } from '../workflow';

/** An application as a list on a day shows it: `overdue` is answered for that day unless asked otherwise. */
export interface ListedApplicationView extends ApplicationView {
  readonly listedOn: LocalDate;
}

export async function openApplications(
  s: Scope,
  input: { asOf?: string | null; first?: number | null; after?: string | null },
): Promise<ListedApplicationView[]> {
  const asOf = asOfDate(s, input.asOf);
  const page = idPage(input.first, input.after);
  const after = page.after === null ? null : await applicationPosition(s.em, page.after);
  if (page.after !== null && after === null)
    throw badInput(`after: ${page.after} is not an id from a previous page`, { field: 'after' });
  const rows = await openApplicationsPage(s.em, {
    acceptedBy: asOf,
    asOf,
    regionCodes: codesCoveredBy(officeRegion(s.caller)),
    after,
    limit: page.first,
  });
  const result = rows.map((a) => ({ ...applicationView(s.deps.calendar, a, null), listedOn: asOf }));
  await s.em.transactional((em) =>
    appendAudit(
      em,
      s.caller,
      [{ action: 'LIST_OPEN_APPLICATIONS', subject: null, outcome: `${result.length} on ${asOf}` }],
      now(s),
    ),
  );
  s.deps.observer?.auditAppended(1);
  return result;
}
