/**
 * 持证人档案's timeline bar as data (console/src/pages/police/file-timeline.ts) and the sentence under
 * it (file-reason.ts): stretches, windows and markers placed on [0, 1] from the server's status, last
 * valid day and windows; nothing of Article 13 recomputed.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MARGIN_DAYS,
  permitTimeline,
  type TimelinePermitInput,
} from '../../console/src/pages/police/file-timeline';
import { permitReason } from '../../console/src/pages/police/file-reason';
import { policeFileZhCN as s } from '../../console/src/i18n/police-file.zh-CN';
import { addDays, daysBetween, d } from '../../src/law/date';

const base: TimelinePermitInput = {
  issuedOn: '2024-03-10',
  status: 'VALID',
  validThrough: '2025-03-10',
  endorsementWindows: [{ from: '2025-02-11', to: '2025-03-10', provisional: false }],
  endorsements: [],
  moves: [],
  replacementRequests: [],
  confiscation: null,
};

const kinds = (tl: ReturnType<typeof permitTimeline>) => tl.markers.map((m) => `${m.kind}@${m.date}`);

describe('permitTimeline', () => {
  it('a valid permit in its open window: green through the last valid day, the window open, today inside it', () => {
    const tl = permitTimeline(base, '2025-02-20');
    expect(tl.from).toBe('2024-03-10');
    expect(tl.to).toBe(addDays(d('2025-03-10'), MARGIN_DAYS));
    expect(tl.stretches.map((x) => [x.kind, x.from, x.to])).toEqual([['valid', '2024-03-10', '2025-03-10']]);
    expect(tl.stretches[0].start).toBe(0);
    expect(tl.windows.map((w) => [w.kind, w.year, w.from, w.to])).toEqual([
      ['open', 1, '2025-02-11', '2025-03-10'],
    ]);
    expect(kinds(tl)).toEqual(['issue@2024-03-10']);
    const w = tl.windows[0];
    expect(tl.today.at).toBeGreaterThan(w.start);
    expect(tl.today.at).toBeLessThan(w.end);
    expect(w.end).toBeCloseTo(tl.stretches[0].end, 10);
    const r = permitReason(s, base, tl);
    expect(r.article).toBe('13');
    expect(r.sentence).toContain('今日有效');
    expect(r.sentence).toContain('2025-02-11 至 2025-03-10');
  });

  it('before the window opens: the window is upcoming and the sentence names the next window', () => {
    const tl = permitTimeline(base, '2024-12-01');
    expect(tl.windows[0].kind).toBe('upcoming');
    expect(permitReason(s, base, tl).sentence).toBe(
      '今日有效：有效期至 2025-03-10，下次签注期为 2025-02-11 至 2025-03-10。',
    );
  });

  it('endorsed windows, then a lapse: grey from the day after the last valid day, a 失效 marker', () => {
    const p: TimelinePermitInput = {
      ...base,
      status: 'LAPSED',
      validThrough: '2026-03-10',
      endorsementWindows: [
        { from: '2025-02-11', to: '2025-03-10', provisional: false },
        { from: '2026-02-11', to: '2026-03-10', provisional: false },
      ],
      endorsements: [{ endorsedOn: '2025-02-20', extendsValidityThrough: '2026-03-10' }],
    };
    const tl = permitTimeline(p, '2026-06-01');
    expect(tl.stretches.map((x) => [x.kind, x.from, x.to])).toEqual([
      ['valid', '2024-03-10', '2026-03-10'],
      ['lapsed', '2026-03-11', tl.to],
    ]);
    expect(tl.stretches[1].end).toBe(1);
    expect(tl.windows.map((w) => w.kind)).toEqual(['endorsed', 'missed']);
    expect(kinds(tl)).toEqual(['issue@2024-03-10', 'endorse@2025-02-20', 'lapse@2026-03-11']);
    expect(tl.markers[1].detail).toBe('2026-03-10');
    const r = permitReason(s, p, tl);
    expect(r).toEqual({
      sentence:
        '今日无效：签注期（2026-02-11 至 2026-03-10）期满未申办签注，居住证自 2026-03-11 起自动失效。',
      article: '13',
    });
  });

  it('confiscated: red from the confiscation day, the window it fell in cut, a 收缴 marker with the reason', () => {
    const p: TimelinePermitInput = {
      ...base,
      status: 'CONFISCATED',
      validThrough: '2025-01-04',
      confiscation: { confiscatedOn: '2025-01-05', reason: '骗领' },
      endorsementWindows: [{ from: '2025-02-11', to: '2025-03-10', provisional: false }],
    };
    const tl = permitTimeline(p, '2025-02-01');
    expect(tl.stretches.map((x) => [x.kind, x.from, x.to])).toEqual([
      ['valid', '2024-03-10', '2025-01-04'],
      ['confiscated', '2025-01-05', tl.to],
    ]);
    expect(tl.windows[0].kind).toBe('cut');
    expect(kinds(tl)).toEqual(['issue@2024-03-10', 'confiscate@2025-01-05']);
    expect(tl.markers[1].detail).toBe('骗领');
    const r = permitReason(s, p, tl);
    expect(r.article).toBe('21.2');
    expect(r.sentence).toBe('今日无效：居住证已于 2025-01-05 由公安机关收缴（骗领）。');
  });

  it('confiscated after it had lapsed: grey between, both markers', () => {
    const p: TimelinePermitInput = {
      ...base,
      status: 'CONFISCATED',
      validThrough: '2025-03-10',
      confiscation: { confiscatedOn: '2025-05-01', reason: 'x' },
    };
    const tl = permitTimeline(p, '2025-06-01');
    expect(tl.stretches.map((x) => [x.kind, x.from, x.to])).toEqual([
      ['valid', '2024-03-10', '2025-03-10'],
      ['lapsed', '2025-03-11', '2025-04-30'],
      ['confiscated', '2025-05-01', tl.to],
    ]);
    expect(tl.windows[0].kind).toBe('missed');
    expect(kinds(tl)).toEqual(['issue@2024-03-10', 'lapse@2025-03-11', 'confiscate@2025-05-01']);
  });

  it('moves and replacement cards are markers; a replacement not issued yet stands on its report day', () => {
    const p: TimelinePermitInput = {
      ...base,
      moves: [
        {
          changedOn: '2024-08-01',
          fromRegion: { nameZh: '涧西区' },
          toRegion: { nameZh: '宜阳县' },
          changeRegistration: true,
        },
      ],
      replacementRequests: [
        { kind: 'LOST', reportedOn: '2024-06-01', issuedOn: '2024-06-10' },
        { kind: 'DAMAGED', reportedOn: '2024-10-01', issuedOn: null },
      ],
    };
    const tl = permitTimeline(p, '2024-12-01');
    expect(kinds(tl)).toEqual([
      'issue@2024-03-10',
      'replace@2024-06-10',
      'move@2024-08-01',
      'replace@2024-10-01',
    ]);
    expect(tl.markers.map((m) => m.detail)).toEqual([undefined, 'LOST', '涧西区 → 宜阳县', 'DAMAGED']);
    expect(tl.markers[2].changeRegistration).toBe(true);
  });

  it('not yet issued: no stretch, no today line before the issue day', () => {
    const p: TimelinePermitInput = { ...base, status: 'NOT_YET_ISSUED', validThrough: null };
    const tl = permitTimeline(p, '2024-03-01');
    expect(tl.stretches).toEqual([]);
    expect(tl.today.at).toBeNull();
    expect(permitReason(s, p, tl)).toEqual({ sentence: '尚未签发：发证日期为 2024-03-10。', article: '11' });
  });

  it('positions: every date lands in [0, 1], in date order, the day after the edge at 1', () => {
    const day = fc.integer({ min: 0, max: 2000 }).map((n) => addDays(d('2020-01-01'), n));
    fc.assert(
      fc.property(day, fc.array(day, { maxLength: 6 }), day, (issued, dates, today) => {
        const later = dates.map((x) => (x < issued ? issued : x)).sort();
        const p: TimelinePermitInput = {
          ...base,
          issuedOn: issued,
          validThrough: later[later.length - 1] ?? issued,
          endorsementWindows: [],
          endorsements: later.map((e) => ({ endorsedOn: e, extendsValidityThrough: e })),
        };
        const tl = permitTimeline(p, today);
        expect(daysBetween(tl.from, tl.to)).toBeGreaterThanOrEqual(MARGIN_DAYS);
        const ats = tl.markers.map((m) => m.at);
        for (const a of ats) expect(a >= 0 && a < 1).toBe(true);
        expect([...ats].sort((a, b) => a - b)).toEqual(ats);
        for (const st of tl.stretches) expect(st.start <= st.end && st.end <= 1).toBe(true);
        if (tl.today.at !== null) expect(tl.today.at >= 0 && tl.today.at < 1).toBe(true);
      }),
    );
  });
});
