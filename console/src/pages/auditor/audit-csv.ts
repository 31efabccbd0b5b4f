/**
 * The audit log's CSV export: every entry the filters select, read page after page (1000 a page,
 * the list's maximum) up to a cap, as UTF-8 with BOM (bulk/export's csvBytes: CRLF, formula-inert
 * cells). The walk can be stopped; what was read is then not saved.
 */
import { csvBytes } from '../../bulk/export';
import type { AuditLogPageQuery, AuditLogPageQueryVariables } from '../../gql/graphql';

export type AuditEntryRow = AuditLogPageQuery['auditLog'][number];
export type AuditFilters = Omit<AuditLogPageQueryVariables, 'first' | 'after'>;

/** The most entries one export holds (100 pages of 1000). */
export const EXPORT_CAP = 100_000;
export const EXPORT_PAGE = 1000;

export const CSV_HEADER = ['序号', '时间', '操作者', '角色', '操作', '对象', '结果', '哈希'] as const;

export function auditCells(e: AuditEntryRow): string[] {
  return [String(e.sequence), e.at, e.actor, e.role, e.action, e.subject ?? '', e.outcome, e.hash];
}

export interface ExportOutcome {
  readonly rows: AuditEntryRow[];
  /** true when the cap stopped the walk before the list ended */
  readonly capped: boolean;
}

/** Walks the pages of `load` (after = the last sequence) until a short page, the cap or `stopped()`. */
export async function walkAuditLog(
  load: (after: number | undefined, first: number) => Promise<AuditEntryRow[]>,
  onProgress: (read: number) => void,
  stopped: () => boolean,
  cap = EXPORT_CAP,
): Promise<ExportOutcome | null> {
  const rows: AuditEntryRow[] = [];
  let after: number | undefined;
  for (;;) {
    if (stopped()) return null;
    const first = Math.min(EXPORT_PAGE, cap - rows.length + 1);
    const page = await load(after, first);
    rows.push(...page);
    if (rows.length > cap) return { rows: rows.slice(0, cap), capped: true };
    onProgress(rows.length);
    if (page.length < first) return { rows, capped: false };
    after = page[page.length - 1].sequence;
  }
}

export function auditCsv(rows: readonly AuditEntryRow[]): Uint8Array {
  return csvBytes(CSV_HEADER, rows.map(auditCells));
}
