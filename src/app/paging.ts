/**
 * Paging for the lists that grow with the city (SPEC "Lists that grow with the city"): optional
 * `first` (default 100, at most 1000) and `after`, the id of the last item of the previous page
 * (for `auditLog`, its sequence). Every list is ordered by something unique and stable, so a page
 * boundary never skips or repeats an item, and at most `first` + 1 rows are ever read for a page.
 */
import { badInput } from './errors';

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;

export interface Page<C> {
  /** how many items to return */
  readonly first: number;
  /** the cursor of the last item already seen, or null for the first page */
  readonly after: C | null;
}

/** `first` as the caller gave it, checked: 1 to 1000, default 100. */
export function pageSize(first: number | null | undefined): number {
  const n = first ?? DEFAULT_PAGE;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE)
    throw badInput(`first: 1 to ${MAX_PAGE}`, { field: 'first' });
  return n;
}

/** A page whose cursor is a numeric row id (given as an ID string, as the contract types it). */
export function idPage(first: number | null | undefined, after: string | null | undefined): Page<number> {
  const size = pageSize(first);
  if (after == null || after === '') return { first: size, after: null };
  if (!/^[0-9]{1,10}$/.test(after) || Number(after) > 2_147_483_647)
    throw badInput(`after: "${after.slice(0, 20)}" is not an id from a previous page`, { field: 'after' });
  return { first: size, after: Number(after) };
}

/** A page whose cursor is an opaque string id (a decision id, a UUID): at most 64 characters. */
export function stringIdPage(
  first: number | null | undefined,
  after: string | null | undefined,
): Page<string> {
  const size = pageSize(first);
  if (after == null || after === '') return { first: size, after: null };
  if (after.length > 64 || !/^[A-Za-z0-9_:-]+$/.test(after))
    throw badInput(`after: "${after.slice(0, 20)}" is not an id from a previous page`, { field: 'after' });
  return { first: size, after };
}

/** A page whose cursor is a sequence number (auditLog). */
export function sequencePage(
  first: number | null | undefined,
  after: number | null | undefined,
): Page<number> {
  const size = pageSize(first);
  if (after == null) return { first: size, after: null };
  if (!Number.isInteger(after) || after < 0) throw badInput('after: a sequence number', { field: 'after' });
  return { first: size, after };
}
