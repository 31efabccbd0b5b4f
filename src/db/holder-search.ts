/**
 * Holders by the start of their name (issue 11, item 0), in the caller's region, a page at a time.
 *
 * The match is on name_key (the I-7 normal form) as a range [prefix, prefix with its last character
 * raised by one), compared byte by byte (UTF-8, so in code-point order): SQLite's BINARY collation,
 * PostgreSQL's "C" collation, the same order on both whatever the database's locale. The index
 * holder (name_key [collate "C"], id) (migration 20261202000200) serves the range, the order and
 * the keyset cursor at once, so a page reads index entries from the cursor on and stops at `limit`
 * matches; the region of each candidate is its latest residence record, read through
 * residence_record (holder_id, effective_on, id). No statement reads the whole table.
 */
import type { EntityManager } from '@mikro-orm/core';
import type { HolderRow } from './entities';

type SqlEm = EntityManager & { execute(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]> };
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

const byteOrder = (em: EntityManager) =>
  em.getPlatform().constructor.name.startsWith('PostgreSql') ? ' collate "C"' : '';

/** The least string above every string that starts with `prefix` (code-point order). */
export function prefixUpperBound(prefix: string): string {
  const cps = [...prefix];
  let last = cps.pop()!.codePointAt(0)! + 1;
  if (last >= 0xd800 && last <= 0xdfff) last = 0xe000;
  return cps.join('') + String.fromCodePoint(last);
}

function holderRow(r: Record<string, unknown>): HolderRow {
  return {
    id: Number(r.id),
    citizenIdNumber: String(r.citizen_id_number),
    name: String(r.name),
    nameKey: String(r.name_key),
    sex: String(r.sex),
    birthDate: String(r.birth_date),
    hukouRegionCode: String(r.hukou_region_code),
    hukouAddress: String(r.hukou_address),
    createdAt: String(r.created_at),
  };
}

/** A holder's place in the name order (name_key, id): the cursor of a page. */
export async function holderNamePosition(
  em: EntityManager,
  id: number,
): Promise<{ nameKey: string; id: number } | null> {
  const [r] = await (em as SqlEm).execute('select id, name_key from holder where id = ?', [id]);
  return r ? { nameKey: String(r.name_key), id: Number(r.id) } : null;
}

export async function holdersByNamePrefix(
  em: EntityManager,
  q: {
    prefix: string;
    regionCodes: readonly string[] | null;
    after: { nameKey: string; id: number } | null;
    limit: number;
  },
): Promise<HolderRow[]> {
  const c = byteOrder(em);
  const params: unknown[] = [q.prefix, prefixUpperBound(q.prefix)];
  let sql = `select h.id, h.citizen_id_number, h.name, h.name_key, h.sex, h.birth_date, h.hukou_region_code, h.hukou_address, h.created_at
      from holder h
     where h.name_key${c} >= ? and h.name_key${c} < ?`;
  if (q.after) {
    sql += ` and (h.name_key${c}, h.id) > (?, ?)`;
    params.push(q.after.nameKey, q.after.id);
  }
  if (q.regionCodes) {
    sql += ` and (select r.region_code from residence_record r where r.holder_id = h.id
                   order by r.effective_on desc, r.id desc limit 1) in (${placeholders(q.regionCodes.length)})`;
    params.push(...q.regionCodes);
  }
  sql += ` order by h.name_key${c}, h.id limit ?`;
  params.push(q.limit);
  return (await (em as SqlEm).execute(sql, params)).map(holderRow);
}
