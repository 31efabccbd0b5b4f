/**
 * Art. 22: the auditor reads the log a page at a time, by sequence (the primary key), optionally
 * narrowed to one action, one role, one subject and a range of days (China Standard Time, both
 * ends inclusive). Without filters it is the statement it always was. With a range of days the
 * page is in the order the entries were made (time, then sequence: src/db/audit-log.ts), so that a
 * day is read from its index without sorting it; `after` is still the last entry's sequence.
 */
import { addDays, ROLES, type LocalDate } from '../../law';
import { auditEntry, auditPage, filteredAuditPage, type AuditFilter } from '../../db/audit-log';
import type { AuditRow } from '../../db/entities';
import { badInput } from '../errors';
import { sequencePage } from '../paging';
import { asOfDate, type Scope } from '../scope';

export interface AuditLogFilterInput {
  action?: string | null;
  role?: string | null;
  subject?: string | null;
  from?: string | null;
  to?: string | null;
}

/** The first instant of a day in Shanghai (UTC+8, no daylight saving), as the log stores instants. */
const startOfDay = (day: LocalDate) => new Date(`${day}T00:00:00+08:00`).toISOString();

function auditFilter(s: Scope, input: AuditLogFilterInput): AuditFilter | null {
  const f: { -readonly [K in keyof AuditFilter]: AuditFilter[K] } = {};
  if (input.action != null) {
    if (!/^[A-Z][A-Z0-9_]{0,63}$/.test(input.action))
      throw badInput('action: an audit action such as READ_HOLDER (upper case, at most 64)', {
        field: 'action',
      });
    f.action = input.action;
  }
  if (input.role != null) {
    if (!(ROLES as readonly string[]).includes(input.role))
      throw badInput(`role: one of ${ROLES.join(', ')}`, { field: 'role' });
    f.role = input.role;
  }
  if (input.subject != null) {
    if (input.subject === '' || [...input.subject].length > 128 || /[\p{Cc}]/u.test(input.subject))
      throw badInput('subject: 1 to 128 characters, as an entry shows it (permit:12, a masked ID number)', {
        field: 'subject',
      });
    f.subject = input.subject;
  }
  const from = input.from == null ? null : asOfDate(s, input.from, 'from');
  const to = input.to == null ? null : asOfDate(s, input.to, 'to');
  if (from !== null && to !== null && to < from) throw badInput('to: before from', { field: 'to' });
  if (from !== null) f.atFrom = startOfDay(from);
  if (to !== null) f.atBefore = startOfDay(addDays(to, 1));
  return Object.keys(f).length === 0 ? null : f;
}

export async function auditLog(
  s: Scope,
  after?: number | null,
  first?: number | null,
  filter: AuditLogFilterInput = {},
): Promise<AuditRow[]> {
  const page = sequencePage(first, after);
  const f = auditFilter(s, filter);
  if (f === null) return auditPage(s.em, page.after ?? 0, page.first);
  // the cursor entry's place: its sequence, and its time for a range of days (ordered by time)
  let cursor: { sequence: number; at: string } | null = null;
  if (page.after !== null && page.after > 0) {
    const entry = await auditEntry(s.em, page.after);
    if (entry === null)
      throw badInput(`after: ${page.after} is not the sequence of an entry of the log`, { field: 'after' });
    cursor = { sequence: entry.sequence, at: entry.at };
  }
  return filteredAuditPage(s.em, f, cursor, page.first);
}
