/**
 * Art. 22(4)-(5): every write and every verification appends an entry to a hash chain; each hash
 * covers the previous one, so an edited or deleted row breaks the chain at that point. Entries hold
 * no names and no full ID numbers (subjects are record ids or masked ID numbers).
 */
import type { EntityManager } from '@mikro-orm/core';
import { extendChain } from '../db/audit-chain';
import { on } from '../db/sql';
import { auditActor, type Caller } from './caller';

export { GENESIS_HASH, entryHash } from '../db/audit-chain';

export interface AuditEvent {
  readonly action: string;
  readonly subject: string | null;
  readonly outcome: string;
}

/** Appends inside the caller's transaction; concurrent appenders are serialised (src/db/audit-chain). */
export async function appendAudit(
  em: EntityManager,
  caller: Pick<Caller, 'sub' | 'role'> & { citizenIdNumber?: string },
  events: readonly AuditEvent[],
  now: Date,
): Promise<void> {
  const actor = auditActor(caller);
  await extendChain(
    on(em),
    events.map((ev) => ({ ...ev, actor, role: caller.role, at: now })),
  );
}
