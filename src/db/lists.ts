/**
 * The statements behind the lists that grow with the city (SPEC "Lists that grow with the city"):
 * one page at a time, in a stable order, each starting from an index on what it filters
 * (migration 20261201000300). Only calendar-free columns are compared here; the calendar is applied
 * by the caller (src/app/lists).
 */
import type { EntityManager } from '@mikro-orm/core';
import type { ApplicationRow } from './entities';

type SqlEm = EntityManager & { execute(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]> };

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const bool = (v: unknown) => v === true || v === 1 || v === '1' || v === 't';

function applicationRow(r: Record<string, unknown>): ApplicationRow {
  return {
    id: Number(r.id),
    holderId: Number(r.holder_id),
    appliedOn: String(r.applied_on),
    accepted: bool(r.accepted),
    reasons: String(r.reasons),
    openSlot: r.open_slot == null ? null : (r.open_slot as string),
    officeRegionCode: String(r.office_region_code),
    actor: String(r.actor),
    createdAt: String(r.created_at),
  };
}

/** Where an application sits in the overdue order (applied_on, id): the cursor of a page. */
export async function applicationPosition(
  em: EntityManager,
  id: number,
): Promise<{ appliedOn: string; id: number } | null> {
  const [r] = await (em as SqlEm).execute('select id, applied_on from permit_application where id = ?', [id]);
  return r ? { appliedOn: String(r.applied_on), id: Number(r.id) } : null;
}

/**
 * Accepted applications with no permit issued by `asOf`, accepted on or before `acceptedBy`, whose
 * holder's current residence carries one of `regionCodes` (null: any), after `after` in
 * (applied_on, id) order. Index: permit_application (applied_on, id) where open_slot is not null.
 */
export async function openApplicationsPage(
  em: EntityManager,
  q: {
    acceptedBy: string;
    asOf: string;
    regionCodes: readonly string[] | null;
    after: { appliedOn: string; id: number } | null;
    limit: number;
  },
): Promise<ApplicationRow[]> {
  const params: unknown[] = [q.acceptedBy];
  let sql = `select a.id, a.holder_id, a.applied_on, a.accepted, a.reasons, a.open_slot, a.office_region_code, a.actor, a.created_at
      from permit_application a
     where a.open_slot is not null and a.applied_on <= ?`;
  if (q.after) {
    sql += ' and (a.applied_on, a.id) > (?, ?)';
    params.push(q.after.appliedOn, q.after.id);
  }
  sql += ' and not exists (select 1 from permit p where p.application_id = a.id and p.issued_on <= ?)';
  params.push(q.asOf);
  if (q.regionCodes) {
    sql += ` and (select r.region_code from residence_record r where r.holder_id = a.holder_id
                   order by r.effective_on desc, r.id desc limit 1) in (${placeholders(q.regionCodes.length)})`;
    params.push(...q.regionCodes);
  }
  sql += ' order by a.applied_on, a.id limit ?';
  params.push(q.limit);
  return (await (em as SqlEm).execute(sql, params)).map(applicationRow);
}

/** Where a permit sits in the endorsementsDue order (issue month-day, id): the cursor of a page. */
export async function permitPosition(
  em: EntityManager,
  id: number,
): Promise<{ monthDay: string; id: number } | null> {
  const [r] = await (em as SqlEm).execute('select id, issue_month_day from permit where id = ?', [id]);
  return r ? { monthDay: String(r.issue_month_day), id: Number(r.id) } : null;
}

/**
 * Permits issued on or before `issuedBy` whose issue month-day is in `monthDays` (inclusive
 * `MM-DD`), and whose region on `regionOn` (the permit's, or its latest residence change by then)
 * carries one of `regionCodes` (null: any), after `after` in (issue month-day, id) order.
 * Index: permit (issue_month_day, id), for the filter and the order both.
 */
export async function permitsByIssueMonthDay(
  em: EntityManager,
  q: {
    issuedBy: string;
    monthDays: { from: string; to: string };
    regionOn: string;
    regionCodes: readonly string[] | null;
    after: { monthDay: string; id: number } | null;
    limit: number;
  },
): Promise<{ id: number; monthDay: string }[]> {
  const params: unknown[] = [q.monthDays.from, q.monthDays.to];
  let sql = 'select p.id, p.issue_month_day from permit p where p.issue_month_day between ? and ?';
  if (q.after) {
    sql += ' and (p.issue_month_day, p.id) > (?, ?)';
    params.push(q.after.monthDay, q.after.id);
  }
  sql += ' and p.issued_on <= ?';
  params.push(q.issuedBy);
  if (q.regionCodes) {
    sql += ` and coalesce((select c.to_region_code from residence_change c where c.permit_id = p.id and c.changed_on <= ?
                            order by c.changed_on desc, c.id desc limit 1), p.region_code) in (${placeholders(q.regionCodes.length)})`;
    params.push(q.regionOn, ...q.regionCodes);
  }
  sql += ' order by p.issue_month_day, p.id limit ?';
  params.push(q.limit);
  return (await (em as SqlEm).execute(sql, params)).map((r) => ({
    id: Number(r.id),
    monthDay: String(r.issue_month_day),
  }));
}
