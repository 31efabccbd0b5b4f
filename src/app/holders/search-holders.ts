/**
 * Search of holders by name (issue 11, item 0): PUBLIC_SECURITY only (Art. 4: public security keeps
 * the register; Art. 22(4): personal data stays with it), within its region (I-5), a page at a time
 * (SPEC "Lists that grow with the city"), in name order (the I-7 normal form, then id).
 *
 * The query is a name's beginning, normalised as names are (I-7), at least MIN_QUERY characters:
 * one character is a surname, shared by a large part of the city, and would page through
 * hundreds of thousands of people. The audit entry counts what was found; it never holds the name.
 */
import { codesCoveredBy, validateName } from '../../law';
import { holderNamePosition, holdersByNamePrefix } from '../../db/holder-search';
import type { HolderRow } from '../../db/entities';
import { officeRegion } from '../caller';
import { badInput } from '../errors';
import { idPage } from '../paging';
import { audited, type Scope } from '../scope';

/** Code points (after I-7 normalisation) a name query must have. */
export const MIN_QUERY = 2;

export async function searchHolders(
  s: Scope,
  input: { name: string; first?: number | null; after?: string | null },
): Promise<HolderRow[]> {
  const v = validateName(input.name);
  if (!v.ok) throw badInput(`name: ${v.error.messageEn}`, { field: 'name' });
  const prefix = v.value;
  if ([...prefix].length < MIN_QUERY)
    throw badInput(`name: at least ${MIN_QUERY} characters (a surname alone matches too many people)`, {
      field: 'name',
      minLength: MIN_QUERY,
    });
  const page = idPage(input.first, input.after);
  const after = page.after === null ? null : await holderNamePosition(s.em, page.after);
  if (page.after !== null && (after === null || !after.nameKey.startsWith(prefix)))
    throw badInput(`after: ${page.after} is not an id from a previous page of this search`, {
      field: 'after',
    });
  const rows = await holdersByNamePrefix(s.em, {
    prefix,
    regionCodes: codesCoveredBy(officeRegion(s.caller)),
    after,
    limit: page.first,
  });
  await audited(s, [
    {
      action: 'SEARCH_HOLDERS',
      subject: null,
      outcome: `${rows.length} found by a name of ${[...prefix].length} characters${after ? ` after holder ${after.id}` : ''}`,
    },
  ]);
  return rows;
}
