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
/** The columns of an entry, in the order of `auditTuple`. */
export const AUDIT_COLUMNS =
  '"sequence", "at", "actor", "role", "action", "subject", "outcome", "prev_hash", "hash"';
/** The rows of an extension as PostgreSQL arrays (`unnest`), in the order of AUDIT_COLUMNS. */
export const AUDIT_UNNEST_PG =
  'unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])';
/** Every entry of an extension in one statement of fixed text (one parameter on SQLite: the rows). */
const INSERT = statement({
  sqlite: `insert into "audit_entry" (${AUDIT_COLUMNS})
    select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8
      from json_each(?)`,
  pg: `insert into "audit_entry" (${AUDIT_COLUMNS}) select * from ${AUDIT_UNNEST_PG}`,
});

/** The last entry of the chain (null: the chain is empty). */
export interface ChainHead {
  readonly sequence: number;
  readonly hash: string;
}

/** The entries that extend the chain at `head` with these events, in order, each hash covering the one before. */
export function chainRows(head: ChainHead | null, events: readonly ChainEvent[]): AuditRow[] {
  let sequence = head ? head.sequence : 0;
  let prev = head ? head.hash : GENESIS_HASH;
  return events.map((ev) => {
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
}

/** An entry as the values of AUDIT_COLUMNS. */
export function auditTuple(r: AuditRow): unknown[] {
  return [r.sequence, r.at, r.actor, r.role, r.action, r.subject, r.outcome, r.prevHash, r.hash];
}

/** The new head after `rows` (the old one when there are none). */
export function headAfter(head: ChainHead | null, rows: readonly AuditRow[]): ChainHead | null {
  const last = rows[rows.length - 1];
  return last ? { sequence: last.sequence, hash: last.hash } : head;
}

/**
 * How many extensions extendChain has begun in this process. The decision writer's known head is
 * good only while no other extender has run since its own (src/db/decision-writer.ts); another
 * node's extensions are not counted here, and are caught by its statement itself.
 */
let extensions = 0;
export function chainExtensions(): number {
  return extensions;
}

/**
 * Appends the events, in order, inside the caller's transaction ([lock], head, one insert), and
 * returns the new head, which is the chain's once the caller's transaction commits (null: no
 * events, nothing read).
 */
export async function extendChain(sql: Sql, events: readonly ChainEvent[]): Promise<ChainHead | null> {
  if (events.length === 0) return null;
  extensions += 1;
  if (sql.pg) await sql.query(LOCK, []);
  const found = await sql.query(HEAD, []);
  const head = found.length ? { sequence: Number(found[0].sequence), hash: String(found[0].hash) } : null;
  const rows = chainRows(head, events);
  const tuples = rows.map(auditTuple);
  await sql.query(INSERT, sql.pg ? columnsOf(tuples) : [JSON.stringify(tuples)]);
  return headAfter(head, rows);
}
