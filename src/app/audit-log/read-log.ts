/** Art. 22: the auditor reads the log a page at a time, by sequence (the primary key). */
import { auditPage } from '../../db/audit-log';
import type { AuditRow } from '../../db/entities';
import { sequencePage } from '../paging';
import type { Scope } from '../scope';

export async function auditLog(s: Scope, after?: number | null, first?: number | null): Promise<AuditRow[]> {
  const page = sequencePage(first, after);
  return auditPage(s.em, page.after ?? 0, page.first);
}
