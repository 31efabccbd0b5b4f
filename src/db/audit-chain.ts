/**
 * Art. 22(4)-(5): the one place the audit hash chain is extended. Each hash covers the previous
 * one, so an edited or deleted row breaks the chain at that point. Called inside a transaction;
 * on PostgreSQL a transaction-scoped advisory lock serialises every extender on every node, so the
 * chain stays one chain and its order is the commit order (on SQLite the single writer connection
 * does the same).
 */
import { createHash } from 'node:crypto';
import type { AuditRow } from './entities';
import { columnsOf, statement, type Sql } from './sql';

export const GENESIS_HASH = '0'.repeat(64);

/** The advisory lock every chain extender takes (PostgreSQL). */
export const AUDIT_CHAIN_LOCK = 7301;

/** What is appended: who (already masked for a holder), what, on what, with which outcome, when. */
export interface ChainEvent {
  readonly actor: string;
  readonly role: string;
  readonly action: string;
  readonly subject: string | null;
  readonly outcome: string;
  readonly at: Date;
}

export function entryHash(prevHash: string, e: Omit<AuditRow, 'hash' | 'prevHash'>): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, e.sequence, e.at, e.actor, e.role, e.action, e.subject, e.outcome]))
    .digest('hex');
}

/** The head of the chain: its last entry. */
const HEAD = statement({ sqlite: 'select sequence, hash from audit_entry order by sequence desc limit 1' });
const LOCK = statement({ sqlite: `select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})` });
/** Every entry of an extension in one statement of fixed text (one parameter: the rows). */
const COLUMNS = '"sequence", "at", "actor", "role", "action", "subject", "outcome", "prev_hash", "hash"';
const INSERT = statement({
  sqlite: `insert into "audit_entry" (${COLUMNS})
    select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8
      from json_each(?)`,
  pg: `insert into "audit_entry" (${COLUMNS})
    select * from unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])`,
});

/** Appends the events, in order, inside the caller's transaction ([lock], head, one insert). */
export async function extendChain(sql: Sql, events: readonly ChainEvent[]): Promise<void> {
  if (events.length === 0) return;
  if (sql.pg) await sql.query(LOCK, []);
  const head = await sql.query(HEAD, []);
  let sequence = head.length ? Number(head[0].sequence) : 0;
  let prev = head.length ? String(head[0].hash) : GENESIS_HASH;
  const rows: AuditRow[] = events.map((ev) => {
    sequence += 1;
    const base = {
      sequence,
      at: ev.at.toISOString(),
      actor: ev.actor.slice(0, 128),
      role: ev.role,
      action: ev.action,
      subject: ev.subject,
      outcome: ev.outcome.slice(0, 256),
    };
    const row = { ...base, prevHash: prev, hash: entryHash(prev, base) };
    prev = row.hash;
    return row;
  });
  const tuple = (r: AuditRow) => [
    r.sequence,
    r.at,
    r.actor,
    r.role,
    r.action,
    r.subject,
    r.outcome,
    r.prevHash,
    r.hash,
  ];
  await sql.query(INSERT, sql.pg ? columnsOf(rows.map(tuple)) : [JSON.stringify(rows.map(tuple))]);
}
