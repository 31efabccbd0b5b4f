/**
 * Share-code persistence (SPEC 亮证). Codes are addressed only by their keyed hash. "Live" means
 * neither used nor revoked and not yet expired; instants are ISO 8601 UTC strings of one length,
 * so comparing them as text compares the instants on SQLite and PostgreSQL alike.
 */
import type { EntityManager } from '@mikro-orm/core';
import { ShareCode, type ShareCodeRow } from './entities';

type SqlEm = EntityManager & {
  execute(
    sql: string,
    params?: unknown[],
    method?: 'all' | 'get' | 'run',
  ): Promise<Record<string, unknown>[]>;
};

const isPostgres = (em: EntityManager) => em.getPlatform().constructor.name.startsWith('PostgreSql');

const LIVE = 'used_at is null and revoked_at is null and expires_at > ?';

/** Inside a transaction: serialises one holder's code creations (a count then an insert), on PostgreSQL by a row lock. */
export async function lockHolderForShareCodes(em: EntityManager, holderId: number): Promise<void> {
  // SQLite runs one write transaction at a time already
  if (isPostgres(em))
    await (em as SqlEm).execute('select id from holder where id = ? for update', [holderId]);
}

export async function countLiveShareCodes(em: EntityManager, holderId: number, now: string): Promise<number> {
  const [r] = await (em as SqlEm).execute(
    `select count(*) as n from share_code where holder_id = ? and ${LIVE}`,
    [holderId, now],
  );
  return Number(r?.n ?? 0);
}

/** Whether any code, live or not, has this hash (codes are kept after use, and the hash is unique). */
export async function shareCodeHashTaken(em: EntityManager, codeHash: string): Promise<boolean> {
  return (
    (await (em as SqlEm).execute('select 1 as x from share_code where code_hash = ?', [codeHash])).length > 0
  );
}

export async function insertShareCode(
  em: EntityManager,
  row: Omit<ShareCodeRow, 'id'>,
): Promise<ShareCodeRow> {
  const entity = em.create(ShareCode, row as ShareCodeRow);
  await em.persistAndFlush(entity);
  return entity;
}

export async function liveShareCodes(
  em: EntityManager,
  holderId: number,
  now: string,
): Promise<ShareCodeRow[]> {
  return em.find(
    ShareCode,
    { holderId, usedAt: null, revokedAt: null, expiresAt: { $gt: now } },
    { orderBy: { id: 'asc' } },
  );
}

const BOUND = '(entitlement_code is null or entitlement_code = ?) and (department is null or department = ?)';

/**
 * A live code for this entitlement and department, by its hash: the id, or null. Unknown, expired,
 * used, revoked and wrongly bound codes all give null, by the same statement.
 */
export async function findUsableShareCode(
  em: EntityManager,
  c: { codeHash: string; entitlement: string; department: string; now: string },
): Promise<number | null> {
  const [r] = await (em as SqlEm).execute(
    `select id from share_code where code_hash = ? and ${LIVE} and ${BOUND}`,
    [c.codeHash, c.now, c.entitlement, c.department],
  );
  return r ? Number(r.id) : null;
}

/**
 * Uses a code up, atomically: one conditional UPDATE, so of two callers racing on one code exactly
 * one gets the row (PostgreSQL re-checks the condition after the first commits; SQLite has one
 * writer); the other gets null.
 */
export async function claimShareCode(
  em: EntityManager,
  c: {
    codeHash: string;
    entitlement: string;
    department: string;
    now: string;
    decisionId: string;
  },
): Promise<{ id: number; holderId: number } | null> {
  const rows = await (em as SqlEm).execute(
    `update share_code set used_at = ?, used_decision_id = ?
      where code_hash = ? and ${LIVE} and ${BOUND}
      returning id, holder_id`,
    [c.now, c.decisionId, c.codeHash, c.now, c.entitlement, c.department],
    'all',
  );
  const [r] = rows;
  return r ? { id: Number(r.id), holderId: Number(r.holder_id) } : null;
}

/** Revokes one of the holder's live codes, by hash or by id; the id of the code when it was live. */
export async function revokeShareCode(
  em: EntityManager,
  c: { holderId: number; now: string } & ({ codeHash: string } | { id: number }),
): Promise<number | null> {
  const [by, value] = 'codeHash' in c ? ['code_hash', c.codeHash] : ['id', c.id];
  const rows = await (em as SqlEm).execute(
    `update share_code set revoked_at = ? where ${by} = ? and holder_id = ? and ${LIVE} returning id`,
    [c.now, value, c.holderId, c.now],
    'all',
  );
  return rows[0] ? Number(rows[0].id) : null;
}
