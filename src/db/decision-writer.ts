/**
 * Group commit for verifications (issue 8): one writer per process drains a queue of decision
 * writes; every write waiting when a group starts shares one transaction and one extension of the
 * audit chain (begin, [advisory lock], head, one insert of decisions, one of audit entries, commit).
 * A write's promise settles only after its group committed — nothing answered is lost — and a
 * group that fails rejects every write in it. Audit order is queue order is commit order.
 */
import type { MikroORM } from '@mikro-orm/core';
import type { DecisionRow } from './entities';
import { extendChain, type ChainEvent } from './audit-chain';
import { columnsOf, sqlOf, statement, transaction, type Target } from './sql';

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
/** Every decision of a group in one statement of fixed text (one parameter on SQLite: the rows). */
const INSERT_DECISIONS = statement({
  sqlite: `insert into "eligibility_decision" (${COLUMNS})
    select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6,
           value ->> 7, value ->> 8, value ->> 9, value ->> 10, value ->> 11, value ->> 12
      from json_each(?)`,
  pg: `insert into "eligibility_decision" (${COLUMNS})
    select * from unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::boolean[], ?::text[], ?::text[],
                         ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::boolean[])`,
});

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
 * ([lock], head, one insert). The only SQL of the write path: the writer calls it once per group in
 * a transaction of its own; code without a writer (a seed, a tool, a share code's claim) calls it
 * with its EntityManager, inside its transaction.
 */
export async function writeDecisions(target: Target, writes: readonly DecisionWrite[]): Promise<void> {
  const sql = sqlOf(target);
  const decisions = writes.flatMap((w) => w.decisions);
  if (decisions.length > 0) {
    const rows = decisions.map((d) => decisionTuple(d, sql.pg));
    await sql.query(INSERT_DECISIONS, sql.pg ? columnsOf(rows) : [JSON.stringify(rows)]);
  }
  await extendChain(
    sql,
    writes.flatMap((w) => w.audit),
  );
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

  constructor(
    private readonly orm: MikroORM,
    private readonly onGroupFailed: (e: unknown, writes: number) => void = () => undefined,
  ) {}

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
      try {
        await transaction(this.orm.em, (tx) =>
          writeDecisions(
            tx,
            group.map((p) => p.write),
          ),
        );
        for (const p of group) p.resolve();
      } catch (e) {
        this.onGroupFailed(e, group.length);
        const failed = new DecisionWriteFailed('the decisions could not be committed', e);
        for (const p of group) p.reject(failed);
      }
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
