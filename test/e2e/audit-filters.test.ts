/**
 * auditLog's filters (issue 11, item 0): action, role, subject and a range of days in China
 * Standard Time, each optional, all given ones holding at once; without them auditLog is what it
 * was. Checked against the whole log read unfiltered and filtered here, over HTTP, on every
 * database, with entries made on three days (one at 01:00 in Shanghai, the day before in UTC).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/core';
import { initORM } from '../../src/db/orm';
import { filteredAuditPage, type AuditFilter } from '../../src/db/audit-log';
import { CALLERS, databases, freshDatabase, startGateway, type TestGateway } from '../support/gateway';
import {
  APPLY,
  HOLDER,
  REGISTER,
  allAuditEntries,
  fails,
  idNumber,
  masked,
  ok,
  registration,
} from './helpers';

const DBS = await databases();
const A = idNumber('411302', '19900101', '611');
const B = idNumber('411302', '19920202', '612');

const FILTERED = `query($after: Int, $first: Int, $action: String, $role: String, $subject: String, $from: Date, $to: Date) {
  auditLog(after: $after, first: $first, action: $action, role: $role, subject: $subject, from: $from, to: $to) {
    sequence at actor role action subject outcome hash
  }
}`;

/** The day in Shanghai of a stored instant. */
const shanghaiDay = (at: string) => new Date(Date.parse(at) + 8 * 3600_000).toISOString().slice(0, 10);

describe.each(DBS)('auditLog filters on %s', (db) => {
  let g: TestGateway;
  let now = Date.parse('2026-11-26T04:00:00Z');
  let auditor = '';
  let all: any[] = [];

  beforeAll(async () => {
    g = await startGateway(db, { clock: () => now });
    auditor = await g.token(CALLERS.auditor);
    const ps = await g.token(CALLERS.psLaocheng);
    const agency = await g.token(CALLERS.agencyLaocheng);
    await ok(g, REGISTER, { input: registration(A, '赵一', '410302', '2026-01-10') }, ps);
    // 2026-11-28 01:00 in Shanghai is still 2026-11-27 in UTC
    now = Date.parse('2026-11-27T17:00:00Z');
    await ok(g, REGISTER, { input: registration(B, '钱二', '410302', '2026-02-10') }, agency);
    await ok(g, HOLDER, { id: A }, agency);
    now = Date.parse('2026-11-27T04:00:00Z'); // a node whose clock is behind: the log is in sequence order, not time order
    await ok(g, APPLY, { input: { citizenIdNumber: A, appliedOn: '2026-11-20' } }, ps);
    now = Date.parse('2026-11-28T04:00:00Z');
    await ok(g, HOLDER, { id: B }, ps);
    all = await allAuditEntries(g, auditor);
    expect(new Set(all.map((e) => shanghaiDay(e.at)))).toEqual(
      new Set(['2026-11-26', '2026-11-27', '2026-11-28']),
    );
  });
  afterAll(async () => {
    await g?.stop();
  });

  const walk = async (vars: Record<string, unknown>, first: number) => {
    const out: any[] = [];
    let after: number | undefined;
    for (;;) {
      const page = (await ok(g, FILTERED, { ...vars, first, after }, auditor)).auditLog as any[];
      out.push(...page);
      if (page.length < first) return out;
      after = page[page.length - 1].sequence;
    }
  };

  it('without filters answers as before, filter arguments null included', async () => {
    const page = (await ok(g, FILTERED, { first: 1000 }, auditor)).auditLog;
    expect(page).toEqual(all);
    const nulls = { action: null, role: null, subject: null, from: null, to: null, first: 1000 };
    expect((await ok(g, FILTERED, nulls, auditor)).auditLog).toEqual(all);
  });

  it.each([
    [{ action: 'READ_HOLDER' }, (e: any) => e.action === 'READ_HOLDER'],
    [{ role: 'DELEGATED_AGENCY' }, (e: any) => e.role === 'DELEGATED_AGENCY'],
    [{ subject: masked(A) }, (e: any) => e.subject === masked(A)],
    [{ from: '2026-11-28' }, (e: any) => shanghaiDay(e.at) >= '2026-11-28'],
    [{ to: '2026-11-27' }, (e: any) => shanghaiDay(e.at) <= '2026-11-27'],
    [{ from: '2026-11-27', to: '2026-11-27' }, (e: any) => shanghaiDay(e.at) === '2026-11-27'],
    [
      { action: 'READ_HOLDER', role: 'PUBLIC_SECURITY', from: '2026-11-28', to: '2026-11-28' },
      (e: any) =>
        e.action === 'READ_HOLDER' && e.role === 'PUBLIC_SECURITY' && shanghaiDay(e.at) === '2026-11-28',
    ],
    [{ action: 'NO_SUCH_ACTION' }, () => false],
  ])(
    '%j: exactly the entries that match, page by page, in sequence order (by time with days)',
    async (vars, keep) => {
      const byTime = 'from' in vars || 'to' in vars;
      const expected = all
        .filter(keep)
        .sort((x, y) => (byTime && x.at !== y.at ? (x.at < y.at ? -1 : 1) : x.sequence - y.sequence));
      if (!('action' in vars && vars.action === 'NO_SUCH_ACTION')) expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(all.length);
      expect(await walk(vars, 1000)).toEqual(expected);
      expect(await walk(vars, 1)).toEqual(expected);
    },
  );

  it('with a range of days the page is in the order the entries were made, the late clock included', async () => {
    const day27 = await walk({ from: '2026-11-27', to: '2026-11-27' }, 1000);
    expect(day27.map((e) => e.action)).toEqual(['APPLY_FOR_PERMIT']);
    const both = await walk({ from: '2026-11-27', to: '2026-11-28' }, 1000);
    expect(both[0].action).toBe('APPLY_FOR_PERMIT'); // made at 12:00 on the 27th, recorded after 01:00 on the 28th
    expect(both.map((e) => e.sequence)).not.toEqual([...both.map((e) => e.sequence)].sort((a, b) => a - b));
  });

  it('a cursor that is no entry of the log is BAD_USER_INPUT with filters', async () => {
    const e = await fails(g, FILTERED, { action: 'READ_HOLDER', after: all.at(-1).sequence + 1000 }, auditor);
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('the day range counts in China Standard Time: 01:00 on the 28th in Shanghai is on the 28th', async () => {
    const on28 = await walk({ from: '2026-11-28', to: '2026-11-28' }, 1000);
    const early = on28.filter((e) => e.at.startsWith('2026-11-27T17:00'));
    expect(early.map((e) => e.action)).toEqual(['REGISTER_RESIDENCE', 'READ_HOLDER']);
  });

  it.each([
    [{ role: 'KING' }, 'role'],
    [{ action: 'read holder' }, 'action'],
    [{ subject: '' }, 'subject'],
    [{ subject: 'x'.repeat(129) }, 'subject'],
    [{ from: '2026-11-28', to: '2026-11-27' }, 'to'],
    [{ from: '2026-02-30' }, null], // the Date scalar refuses it before the resolver runs
    [{ action: 'READ_HOLDER', first: 1001 }, 'first'],
    [{ action: 'READ_HOLDER', after: -1 }, 'after'],
  ])('bad input %j is BAD_USER_INPUT on %s, nothing read', async (vars, field) => {
    const e = await fails(g, FILTERED, vars, auditor);
    expect(e.extensions?.code).toBe('BAD_USER_INPUT');
    if (field !== null) expect(e.extensions?.field).toBe(field);
  });

  it('only the AUDITOR reads it, filters or not', async () => {
    for (const who of [CALLERS.psCity, CALLERS.adminCity, CALLERS.housing, CALLERS.agencyLaocheng]) {
      const e = await fails(g, FILTERED, { action: 'READ_HOLDER' }, await g.token(who));
      expect(e.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await fails(g, FILTERED, { action: 'READ_HOLDER' })).extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe.each(DBS)('the filtered statements on %s', (db) => {
  const DAY = { atFrom: '2026-11-27T16:00:00.000Z', atBefore: '2026-11-28T16:00:00.000Z' };
  it.each([
    [{ action: 'READ_HOLDER' }, 'audit_entry_action_index'],
    [{ role: 'ADMIN' }, 'audit_entry_role_index'],
    [{ subject: 'permit:1' }, 'audit_entry_subject_index'],
    [DAY, 'audit_entry_at_index'],
  ] as [AuditFilter, string][])('%j reads %s in page order, no table scan, no sort', async (f, index) => {
    const { url, drop } = await freshDatabase(db, 'gw_audit_plan');
    const orm = await initORM({ databaseUrl: url });
    try {
      const em = orm.em.fork() as EntityManager & { execute(sql: string, p?: unknown[]): Promise<any[]> };
      const calls: [string, unknown[]][] = [];
      const spy = {
        getPlatform: () => em.getPlatform(),
        execute: (sql: string, params: unknown[]) => {
          calls.push([sql, params]);
          return em.execute(sql, params);
        },
      } as unknown as EntityManager;
      await filteredAuditPage(spy, f, { sequence: 1, at: DAY.atFrom }, 100);
      const [sql, params] = calls[0];
      const plan =
        db === 'sqlite'
          ? (await em.execute(`explain query plan ${sql}`, params)).map((r) => String(r.detail)).join('\n')
          : await em.transactional(async (tx) => {
              await tx.execute('set local enable_seqscan = off');
              return (await tx.execute(`explain ${sql}`, params))
                .map((r) => String(r['QUERY PLAN']))
                .join('\n');
            });
      expect(plan).toContain(index);
      expect(plan).not.toMatch(/TEMP B-TREE|Sort Key|Seq Scan|SCAN audit_entry\b(?! USING)/);
    } finally {
      await orm.close(true);
      await drop();
    }
  });
});
