/**
 * searchHolders (issue 11, item 0): PUBLIC_SECURITY finds holders residing in its region (their
 * latest residence) by the beginning of their name, I-7 normalised, at least two characters, in
 * name order (code points, then id), paged, audited without the name. Over HTTP on every database;
 * and the statement is served by the name index on both (no scan of the holder table).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/core';
import { initORM } from '../../src/db/orm';
import { holdersByNamePrefix, prefixUpperBound } from '../../src/db/holder-search';
import { CALLERS, databases, freshDatabase, startGateway, type TestGateway } from '../support/gateway';
import {
  APPLY,
  CHANGE,
  ISSUE,
  REGISTER,
  allAuditEntries,
  fails,
  idNumber,
  ok,
  registration,
} from './helpers';

const DBS = await databases();
const SEARCH = `query($name: String!, $first: Int, $after: ID) {
  searchHolders(name: $name, first: $first, after: $after) { id citizenIdNumber name residenceRegion { code } }
}`;

/** [name, region]; the one marked moves from 老城区 to 新安县 after its permit is issued. */
const PEOPLE = [
  ['王伟', '410302'],
  ['王伟华', '410302'],
  ['王伟东', '410302'],
  ['王卫', '410302'],
  ['王伟', '410302'],
  ['王伟明', '410323'],
  ['王伟强', '410302'], // moves to 410323
  ['买买提•艾力', '410302'], // a bullet for the middle dot: stored and matched as U+00B7 (I-7)
  ['汪伟', '410302'],
] as const;
const ids = PEOPLE.map((_, i) => idNumber('411302', `1970${String(i + 1).padStart(2, '0')}20`, `8${10 + i}`));
const MOVER = ids[6];

/** Code-point order, as UTF-8 bytes compare. */
const byCodePoints = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe.each(DBS)('searchHolders on %s', (db) => {
  let g: TestGateway;
  const t: Record<string, string> = {};
  const holders: { id: string; citizen: string; name: string; region: string }[] = [];

  beforeAll(async () => {
    g = await startGateway(db);
    for (const k of ['psCity', 'psLaocheng', 'psXinan', 'agencyLaocheng', 'auditor'] as const)
      t[k] = await g.token(CALLERS[k]);
    for (const [i, [name, region]] of PEOPLE.entries()) {
      const ps = region === '410302' ? t.psLaocheng : t.psXinan;
      const r = (await ok(g, REGISTER, { input: registration(ids[i], name, region, '2026-01-10') }, ps))
        .registerResidence;
      holders.push({ id: r.holder.id, citizen: ids[i], name: name.replace('•', '·'), region });
    }
    const a = (
      await ok(g, APPLY, { input: { citizenIdNumber: MOVER, appliedOn: '2026-07-15' } }, t.psLaocheng)
    ).applyForPermit;
    const p = (await ok(g, ISSUE, { id: a.id, on: '2026-07-20' }, t.psLaocheng)).issuePermit;
    await ok(
      g,
      CHANGE,
      {
        input: {
          permitId: p.id,
          residenceRegionCode: '410323',
          residenceAddress: '新安县某路1号',
          changedOn: '2026-09-01',
        },
      },
      t.psXinan,
    );
    holders.find((h) => h.citizen === MOVER)!.region = '410323';
  });
  afterAll(async () => {
    await g?.stop();
  });

  const expected = (prefix: string, regions: string[] | null) =>
    holders
      .filter((h) => h.name.startsWith(prefix) && (regions === null || regions.includes(h.region)))
      .sort((x, y) => byCodePoints(x.name, y.name) || Number(x.id) - Number(y.id))
      .map((h) => ({
        id: h.id,
        citizenIdNumber: h.citizen,
        name: h.name,
        residenceRegion: { code: h.region },
      }));

  const walk = async (token: string, name: string, first: number) => {
    const out: any[] = [];
    let after: string | undefined;
    for (;;) {
      const page = (await ok(g, SEARCH, { name, first, after }, token)).searchHolders as any[];
      expect(page.length).toBeLessThanOrEqual(first);
      out.push(...page);
      if (page.length < first) return out;
      after = page[page.length - 1].id;
    }
  };

  it.each([
    ['psLaocheng', '王伟', ['410302']],
    ['psXinan', '王伟', ['410323']],
    ['psCity', '王伟', null],
    ['psCity', '王伟华', null],
    ['psCity', '买买提·', null],
    ['psLaocheng', ' 买买提．艾 ', ['410302']],
    ['psCity', '张三', null],
  ] as const)(
    '%s searching %s: those in its region whose name begins so, in name order, page by page',
    async (who, name, regions) => {
      const want = expected(name.trim().replace('．', '·'), regions as string[] | null);
      expect(await walk(t[who], name, 1000)).toEqual(want);
      expect(await walk(t[who], name, 1)).toEqual(want);
    },
  );

  it('a walk in progress neither repeats nor skips when holders are registered meanwhile', async () => {
    // the first page ends at 王伟东; then one registered sorting before that cursor (王伟, a newer id), one after it
    const first = (await ok(g, SEARCH, { name: '王伟', first: 3 }, t.psCity)).searchHolders;
    expect(first.map((h: any) => h.name)).toEqual(['王伟', '王伟', '王伟东']);
    const before = idNumber('411302', '19750101', '901');
    const after = idNumber('411302', '19750102', '902');
    await ok(g, REGISTER, { input: registration(before, '王伟', '410302', '2026-02-01') }, t.psLaocheng);
    await ok(g, REGISTER, { input: registration(after, '王伟龙', '410302', '2026-02-01') }, t.psLaocheng);
    const rest: any[] = [];
    let cursor = first[first.length - 1].id;
    for (;;) {
      const page = (await ok(g, SEARCH, { name: '王伟', first: 2, after: cursor }, t.psCity)).searchHolders;
      rest.push(...page);
      if (page.length < 2) break;
      cursor = page[page.length - 1].id;
    }
    const walked = [...first, ...rest].map((h: any) => h.citizenIdNumber);
    expect(new Set(walked).size).toBe(walked.length);
    expect(walked).toContain(after);
    // the one registered behind the cursor is left to the next walk; every earlier holder is there once
    expect(walked.filter((c) => c !== after)).toEqual(expected('王伟', null).map((h) => h.citizenIdNumber));
    const again = (await ok(g, SEARCH, { name: '王伟' }, t.psCity)).searchHolders.map(
      (h: any) => h.citizenIdNumber,
    );
    expect(again).toContain(before);
  });

  it('the region is where the holder lives now: a holder who moved is found by the new region only', async () => {
    const laocheng = (await ok(g, SEARCH, { name: '王伟强' }, t.psLaocheng)).searchHolders;
    const xinan = (await ok(g, SEARCH, { name: '王伟强' }, t.psXinan)).searchHolders;
    expect(laocheng).toEqual([]);
    expect(xinan.map((h: any) => h.citizenIdNumber)).toEqual([MOVER]);
  });

  it.each([
    [{ name: '王' }, 'name'],
    [{ name: ' 王 ' }, 'name'],
    [{ name: '' }, 'name'],
    [{ name: '王%' }, 'name'],
    [{ name: 'x'.repeat(65) }, 'name'],
    [{ name: '王伟', first: 1001 }, 'first'],
    [{ name: '王伟', first: 0 }, 'first'],
    [{ name: '王伟', after: 'abc' }, 'after'],
    [{ name: '王伟', after: '999999' }, 'after'],
  ])('%j is BAD_USER_INPUT (%s)', async (vars, field) => {
    const e = await fails(g, SEARCH, vars, t.psCity);
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it("a cursor from another search is refused, not answered from the other search's place", async () => {
    const wei = holders.find((h) => h.name === '王卫')!;
    const e = await fails(g, SEARCH, { name: '王伟', after: wei.id }, t.psCity);
    expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('each search is audited with what was found, never the name', async () => {
    const n = (await ok(g, SEARCH, { name: '王伟' }, t.psXinan)).searchHolders.length;
    const entries = (await allAuditEntries(g, t.auditor)).filter((e) => e.action === 'SEARCH_HOLDERS');
    const last = entries.at(-1);
    expect(last).toMatchObject({ actor: CALLERS.psXinan.sub, role: 'PUBLIC_SECURITY', subject: null });
    expect(last.outcome).toBe(`${n} found by a name of 2 characters`);
    expect(JSON.stringify(entries)).not.toMatch(/王|伟|买/);
  });

  it.each(['agencyLaocheng', 'housing', 'auditor', 'adminCity'] as const)('%s is FORBIDDEN', async (who) => {
    const e = await fails(g, SEARCH, { name: '王伟' }, await g.token(CALLERS[who]));
    expect(e.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the range bound', () => {
  it.each([
    ['王伟', '王传'],
    ['ab', 'ac'],
    ['a\u{D7FF}', 'a\u{E000}'],
    ['a𠮷', 'a𠮸'],
  ])('%s -> %s', (prefix, upper) => {
    expect(prefixUpperBound(prefix)).toBe(upper);
    expect(byCodePoints(prefix + '\u{10FFFF}', upper)).toBeLessThan(0);
  });
});

describe.each(DBS)('the search statement on %s', (db) => {
  it('is served by holder_name_key_prefix_index (range, order and cursor), not a table scan', async () => {
    const { url, drop } = await freshDatabase(db, 'gw_search_plan');
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
      await holdersByNamePrefix(spy, {
        prefix: '王伟',
        regionCodes: ['410302'],
        after: { nameKey: '王伟', id: 1 },
        limit: 100,
      });
      const [sql, params] = calls[0];
      const plan =
        db === 'sqlite'
          ? (await em.execute(`explain query plan ${sql}`, params)).map((r) => String(r.detail)).join('\n')
          : await em.transactional(async (tx) => {
              const x = tx;
              await x.execute('set local enable_seqscan = off');
              return (await x.execute(`explain ${sql}`, params))
                .map((r) => String(r['QUERY PLAN']))
                .join('\n');
            });
      expect(plan).toContain('holder_name_key_prefix_index');
      expect(plan).not.toMatch(/SCAN h\b(?! USING)|Seq Scan on holder/);
      // the order is the index's: no sort step for the holders
      expect(plan).not.toMatch(/USE TEMP B-TREE FOR ORDER BY|Sort Key: h\.name_key/);
    } finally {
      await orm.close(true);
      await drop();
    }
  });
});
