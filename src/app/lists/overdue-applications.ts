/**
 * Article 11: accepted applications still not issued after their deadline, in the caller's region,
 * a page at a time (SPEC "Lists that grow with the city"), oldest acceptance first.
 *
 * The deadline is not stored (SPEC "Holiday notices"): it never decreases as the acceptance day
 * moves later, so the calendar in force turns `asOf` into the latest overdue acceptance day and the
 * register is asked about the recorded acceptance day alone (indexed).
 */
import { codesCoveredBy, latestAcceptanceOverdueOn } from '../../law';
import { applicationPosition, openApplicationsPage } from '../../db/lists';
import { appendAudit } from '../audit';
import { badInput } from '../errors';
import { idPage } from '../paging';
import { asOfDate, now, type Scope } from '../scope';
import { officeRegion } from '../caller';
import { applicationView, type ApplicationView } from '../workflow';

export async function overdueApplications(
  s: Scope,
  input: { asOf?: string | null; first?: number | null; after?: string | null },
): Promise<ApplicationView[]> {
  const asOf = asOfDate(s, input.asOf);
  const page = idPage(input.first, input.after);
  const after = page.after === null ? null : await applicationPosition(s.em, page.after);
  if (page.after !== null && after === null)
    throw badInput(`after: ${page.after} is not an id from a previous page`, { field: 'after' });
  const rows = await openApplicationsPage(s.em, {
    acceptedBy: latestAcceptanceOverdueOn(s.deps.calendar, asOf),
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
      [{ action: 'LIST_OVERDUE_APPLICATIONS', subject: null, outcome: `${result.length} on ${asOf}` }],
      now(s),
    ),
  );
  return result;
}
