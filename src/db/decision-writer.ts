/**
 * Group commit for verifications (issue 8): one writer per process drains a queue of decision
 * writes; every write waiting when a group starts shares one transaction and one extension of the
 * audit chain (begin, [advisory lock], head, one insert of decisions, one of audit entries, commit).
 * A write's promise settles only after its group committed — nothing answered is lost — and a
 * group that fails rejects every write in it. Audit order is queue order is commit order.
 *
 * On PostgreSQL a group whose writer knows the head of the chain (the last entry it committed) is
 * one statement instead of six round trips: APPEND_AT_HEAD takes the chain's advisory lock, then
 * inserts the decisions and the entries chained onto that head, all in the statement's own
 * transaction, and only if that entry is still the last one. Another extender (a workflow act, a
 * second node) that got there first makes it insert nothing, or fail on the entry's primary key
 * if it committed while the statement waited for the lock; either way nothing of it is kept and
 * the group is written again the long way, which reads the head afresh.
 */
import type { MikroORM } from '@mikro-orm/core';
import type { DecisionRow } from './entities';
import {
  AUDIT_CHAIN_LOCK,
  AUDIT_COLUMNS,
  AUDIT_UNNEST_PG,
  auditTuple,
  chainExtensions,
  chainRows,
  extendChain,
  headAfter,
  type ChainEvent,
  type ChainHead,
} from './audit-chain';
import { columnsOf, isPostgres, sqlOf, statement, transaction, type Target } from './sql';

/** One request's rows: its decisions (maybe none, e.g. permitStatus) and its audit entries. */
export interface DecisionWrite {
  readonly decisions: readonly DecisionRow[];
  readonly audit: readonly ChainEvent[];
}

/** A group's transaction failed (or the writer is closed): nothing of this write was committed. */
export class DecisionWriteFailed extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'DecisionWriteFailed';
  }
}

const COLUMNS =
  '"decision_id", "entitlement_code", "as_of", "permit_id", "eligible", "body", "actor", "role", "department", "actor_region_code", "created_at", "holder_id", "by_share_code"';
/** a decision's columns: one array each for `unnest`, even when a group has no decision */
const DECISION_COLUMNS = COLUMNS.split(',').length;
const DECISIONS_UNNEST_PG = `unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::boolean[], ?::text[], ?::text[],
                         ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::boolean[])`;
/** Every decision of a group in one statement of fixed text (one parameter on SQLite: the rows). */
const INSERT_DECISIONS = statement({
  sqlite: `insert into "eligibility_decision" (${COLUMNS})
    select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6,
           value ->> 7, value ->> 8, value ->> 9, value ->> 10, value ->> 11, value ->> 12
      from json_each(?)`,
  pg: `insert into "eligibility_decision" (${COLUMNS}) select * from ${DECISIONS_UNNEST_PG}`,
});

/**
 * PostgreSQL only: a group at a known head in one statement (see the top of this file). Parameters:
 * the head's sequence and hash, then the decisions' columns, then the entries'. Returns the
 * sequences inserted: none when the head has moved.
 */
const APPEND_AT_HEAD = statement({
  sqlite: 'select null where 0', // never run on SQLite: its single connection is the lock
  pg: `with chain_lock as (select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})),
     at_head as (
       select 1 as ok from chain_lock, "audit_entry" h
        where h."sequence" = ?::int and h."hash" = ?::text
          and not exists (select 1 from "audit_entry" n where n."sequence" > h."sequence")),
     decisions as (
       insert into "eligibility_decision" (${COLUMNS}) select u.* from at_head, ${DECISIONS_UNNEST_PG} as u)
   insert into "audit_entry" (${AUDIT_COLUMNS}) select u.* from at_head, ${AUDIT_UNNEST_PG} as u
   returning "sequence"`,
});

/** PostgreSQL's unique_violation: a concurrent extender committed the same sequence first. */
function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: string } | null)?.code === '23505';
}

function decisionTuple(d: DecisionRow, pg: boolean): unknown[] {
  const flag = (b: boolean) => (pg ? b : b ? 1 : 0);
  return [
    d.decisionId,
    d.entitlementCode,
    d.asOf,
    d.permitId,
    flag(d.eligible),
    d.body,
    d.actor,
    d.role,
    d.department,
    d.actorRegionCode,
    d.createdAt,
    d.holderId,
    flag(d.byShareCode),
  ];
}

/**
 * Writes the given requests in a transaction, in order: one insert of decisions, then the chain
 * ([lock], head, one insert). The write path's SQL with APPEND_AT_HEAD: the writer calls it once per
 * group in a transaction of its own; code without a writer (a seed, a tool, a share code's claim)
 * calls it with its EntityManager, inside its transaction. Returns the chain's new head (null when
 * there were no entries), the chain's once that transaction commits.
 */
export async function writeDecisions(
  target: Target,
  writes: readonly DecisionWrite[],
): Promise<ChainHead | null> {
  const sql = sqlOf(target);
  const decisions = writes.flatMap((w) => w.decisions);
  if (decisions.length > 0) {
    const rows = decisions.map((d) => decisionTuple(d, sql.pg));
    await sql.query(INSERT_DECISIONS, sql.pg ? columnsOf(rows) : [JSON.stringify(rows)]);
  }
  return extendChain(
    sql,
    writes.flatMap((w) => w.audit),
  );
}

/**
 * PostgreSQL: the group in one statement at `head` (APPEND_AT_HEAD), in a transaction of its own.
 * The new head when it was written; null when the head had moved and nothing was written.
 */
async function appendAtHead(
  target: Target,
  writes: readonly DecisionWrite[],
  head: ChainHead,
): Promise<ChainHead | null> {
  const rows = chainRows(
    head,
    writes.flatMap((w) => w.audit),
  );
  if (rows.length === 0) return null;
  const decisions = columnsOf(
    writes.flatMap((w) => w.decisions).map((d) => decisionTuple(d, true)),
    DECISION_COLUMNS,
  );
  const entries = columnsOf(rows.map(auditTuple));
  const inserted = await sqlOf(target).query(APPEND_AT_HEAD, [
    head.sequence,
    head.hash,
    ...decisions,
    ...entries,
  ]);
  return inserted.length === rows.length ? headAfter(head, rows) : null;
}

/** Bound on one group's rows (SQLite binds ≤ 32 766 parameters in a statement; a decision has 13). */
export const MAX_GROUP_ROWS = 2000;

interface Pending {
  readonly write: DecisionWrite;
  readonly resolve: () => void;
  readonly reject: (e: Error) => void;
}

export class DecisionWriter {
  private readonly queue: Pending[] = [];
  private draining: Promise<void> | null = null;
  private closed = false;
  /** PostgreSQL: the last entry this writer committed (null: not known, the next group reads it) */
  private head: ChainHead | null = null;
  /** chainExtensions() when `head` was learnt: another extender in this process since makes it unknown */
  private headStamp = -1;
  private readonly pg: boolean;

  constructor(
    private readonly orm: MikroORM,
    private readonly onGroupFailed: (e: unknown, writes: number) => void = () => undefined,
  ) {
    this.pg = isPostgres(orm.em);
  }

  /** Resolves once this write is committed; rejects with DecisionWriteFailed if its group failed. */
  write(write: DecisionWrite): Promise<void> {
    if (this.closed) return Promise.reject(new DecisionWriteFailed('the decision writer is closed'));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ write, resolve, reject });
      this.start();
    });
  }

  /** Resolves when every write queued so far has settled. */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Refuses new writes and drains the queue (graceful shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private start(): void {
    if (this.draining) return;
    this.draining = (async () => {
      try {
        await this.drain();
      } finally {
        this.draining = null;
        if (this.queue.length > 0) this.start();
      }
    })();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      // one turn of the event loop: the requests ready now join this group instead of the next
      await new Promise<void>((resolve) => setImmediate(resolve));
      const group = this.takeGroup();
      const writes = group.map((p) => p.write);
      try {
        const known = await this.atKnownHead(writes);
        if (known) this.head = known;
        else {
          const before = chainExtensions();
          const head = await transaction(this.orm.em, (tx) => writeDecisions(tx, writes));
          // known only if no other extender of this process ran meanwhile
          this.head = chainExtensions() === before + 1 ? head : null;
          this.headStamp = chainExtensions();
        }
        for (const p of group) p.resolve();
      } catch (e) {
        this.head = null;
        this.onGroupFailed(e, group.length);
        const failed = new DecisionWriteFailed('the decisions could not be committed', e);
        for (const p of group) p.reject(failed);
      }
    }
  }

  /** PostgreSQL, the head known: the group in one statement; null when it has to go the long way. */
  private async atKnownHead(writes: readonly DecisionWrite[]): Promise<ChainHead | null> {
    if (!this.pg || this.head === null || this.headStamp !== chainExtensions()) return null;
    try {
      return await appendAtHead(this.orm.em, writes, this.head);
    } catch (e) {
      if (isUniqueViolation(e)) return null;
      throw e;
    }
  }

  /** The writes waiting now, in order, up to MAX_GROUP_ROWS rows (always at least one write). */
  private takeGroup(): Pending[] {
    const rows = (p: Pending) => Math.max(p.write.decisions.length, p.write.audit.length);
    let total = rows(this.queue[0]);
    let n = 1;
    while (n < this.queue.length && total + rows(this.queue[n]) <= MAX_GROUP_ROWS) {
      total += rows(this.queue[n]);
      n += 1;
    }
    return this.queue.splice(0, n);
  }
}
