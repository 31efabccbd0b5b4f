/**
 * Reads of the audit log (Art. 22(5)), each one statement on the primary key (sequence): the head,
 * one entry, one chunk of a stretch, one page. Rows come back as plain objects, never as managed
 * entities, so a check that reads the log chunk after chunk keeps nothing in the identity map.
 */
import type { EntityManager } from '@mikro-orm/core';
import type { AuditRow } from './entities';

type SqlEm = EntityManager & { execute(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]> };

const COLUMNS = 'sequence, at, actor, role, action, subject, outcome, prev_hash, hash';

function auditRow(r: Record<string, unknown>): AuditRow {
  return {
    sequence: Number(r.sequence),
    at: String(r.at),
    actor: String(r.actor),
    role: String(r.role),
    action: String(r.action),
    subject: r.subject == null ? null : (r.subject as string),
    outcome: String(r.outcome),
    prevHash: String(r.prev_hash),
    hash: String(r.hash),
  };
}

/** The last entry of the log, or null when it is empty. */
export async function auditHead(em: EntityManager): Promise<{ sequence: number; hash: string } | null> {
  const [r] = await (em as SqlEm).execute(
    'select sequence, hash from audit_entry order by sequence desc limit 1',
  );
  return r ? { sequence: Number(r.sequence), hash: String(r.hash) } : null;
}

/** One entry by its sequence. */
export async function auditEntry(em: EntityManager, sequence: number): Promise<AuditRow | null> {
  const [r] = await (em as SqlEm).execute(`select ${COLUMNS} from audit_entry where sequence = ?`, [
    sequence,
  ]);
  return r ? auditRow(r) : null;
}

/** Up to `limit` entries with `from` ≤ sequence ≤ `through`, in order (keyset: the caller passes the next `from`). */
export async function auditChunk(
  em: EntityManager,
  from: number,
  through: number,
  limit: number,
): Promise<AuditRow[]> {
  const rows = await (em as SqlEm).execute(
    `select ${COLUMNS} from audit_entry where sequence >= ? and sequence <= ? order by sequence limit ?`,
    [from, through, limit],
  );
  return rows.map(auditRow);
}

/** auditLog: the `first` entries after sequence `after`. */
export async function auditPage(em: EntityManager, after: number, first: number): Promise<AuditRow[]> {
  const rows = await (em as SqlEm).execute(
    `select ${COLUMNS} from audit_entry where sequence > ? order by sequence limit ?`,
    [after, first],
  );
  return rows.map(auditRow);
}

/** What auditLog may be narrowed by; every field optional, all given ones must hold. */
export interface AuditFilter {
  readonly action?: string;
  readonly role?: string;
  readonly subject?: string;
  /** instants, ISO 8601 UTC as stored: at >= atFrom and at < atBefore */
  readonly atFrom?: string;
  readonly atBefore?: string;
}

/**
 * auditLog with filters: the `first` matching entries after the cursor entry `after` (a sequence).
 * Without a range of days: in sequence order, each equality filter reading its own index that
 * starts with its column and ends with sequence (migration 20261202000200), so a page is one
 * index range read from the cursor, stopping at the page's end. With a range of days: in the
 * order the entries were made, (at, sequence), read from the (at, sequence) index from the cursor
 * entry's place on, the equality filters applied to that range — never a sort of a whole day.
 * (`at` is each request's clock, so it may disagree with sequence by moments across nodes; each
 * order is stable and unique, so a walk gets every entry once either way.)
 */
export async function filteredAuditPage(
  em: EntityManager,
  f: AuditFilter,
  after: { sequence: number; at: string } | null,
  first: number,
): Promise<AuditRow[]> {
  const byTime = f.atFrom !== undefined || f.atBefore !== undefined;
  const sqlite = !em.getPlatform().constructor.name.startsWith('PostgreSql');
  const where: string[] = [];
  const params: unknown[] = [];
  for (const [column, value] of [
    ['action', f.action],
    ['role', f.role],
    ['subject', f.subject],
  ] as const) {
    if (value === undefined) continue;
    // by time, the (at, sequence) index leads: SQLite's unary + keeps the planner off the column's own
    // index (PostgreSQL's planner weighs the two by their statistics)
    where.push(byTime && sqlite ? `+${column} = ?` : `${column} = ?`);
    params.push(value);
  }
  if (f.atFrom !== undefined) {
    where.push('at >= ?');
    params.push(f.atFrom);
  }
  if (f.atBefore !== undefined) {
    where.push('at < ?');
    params.push(f.atBefore);
  }
  if (after !== null) {
    where.push(byTime ? '(at, sequence) > (?, ?)' : 'sequence > ?');
    params.push(...(byTime ? [after.at, after.sequence] : [after.sequence]));
  }
  const rows = await (em as SqlEm).execute(
    `select ${COLUMNS} from audit_entry${where.length ? ` where ${where.join(' and ')}` : ''}
      order by ${byTime ? 'at, sequence' : 'sequence'} limit ?`,
    [...params, first],
  );
  return rows.map(auditRow);
}
