/**
 * Art. 22(4)-(5): every write and every verification appends an entry to a hash chain; each hash
 * covers the previous one, so an edited or deleted row breaks the chain at that point. Entries hold
 * no names and no full ID numbers (subjects are record ids or masked ID numbers).
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { Audit, type AuditRow } from '../db/entities';
import { auditActor, type Caller } from './caller';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEvent {
  readonly action: string;
  readonly subject: string | null;
  readonly outcome: string;
}

export function entryHash(prevHash: string, e: Omit<AuditRow, 'hash' | 'prevHash'>): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, e.sequence, e.at, e.actor, e.role, e.action, e.subject, e.outcome]))
    .digest('hex');
}

type SqlEm = EntityManager & { execute(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]> };

/** Appends inside the caller's transaction; concurrent appenders are serialised. */
export async function appendAudit(
  em: EntityManager,
  caller: Pick<Caller, 'sub' | 'role'> & { citizenIdNumber?: string },
  events: readonly AuditEvent[],
  now: Date,
): Promise<void> {
  if (events.length === 0) return;
  const sql = em as SqlEm;
  if (em.getPlatform().constructor.name.startsWith('PostgreSql')) {
    await sql.execute('select pg_advisory_xact_lock(7301)');
  }
  const head = await sql.execute('select sequence, hash from audit_entry order by sequence desc limit 1');
  let sequence = head.length ? Number(head[0].sequence) : 0;
  let prev = head.length ? String(head[0].hash) : GENESIS_HASH;
  const at = now.toISOString();
  const rows: AuditRow[] = events.map((ev) => {
    sequence += 1;
    const base = {
      sequence,
      at,
      actor: auditActor(caller),
      role: caller.role,
      action: ev.action,
      subject: ev.subject,
      outcome: ev.outcome.slice(0, 256),
    };
    const hash = entryHash(prev, base);
    const row = { ...base, prevHash: prev, hash };
    prev = hash;
    return row;
  });
  await em.insertMany(Audit, rows);
}
