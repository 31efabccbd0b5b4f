/**
 * Art. 23: every decision and refusal can be taken to administrative review, so a decision is data:
 * each condition checked, whether it held, and the article it rests on. A decision is eligible only
 * when it checked something and everything it checked held.
 */
import { describe, it, expect } from 'vitest';
import { cite, decide, fail, ok, reason, violation } from '../../src/law';

const held = reason('LAW_IN_FORCE', true, cite('24'), '本办法已施行', 'The Measures are in force');
const failed = reason(
  'PERMIT_VALID',
  false,
  cite('13'),
  '居住证状态：已失效（未按期签注）',
  'Permit status on 2026-09-02: lapsed (not endorsed in time)',
);

describe('decide: eligible only when at least one condition was checked and every one held', () => {
  it.each([
    // reasons,                 eligible, why
    [[], false, 'nothing was checked: no decision can rest on no article'],
    [[held], true, 'the one condition held'],
    [[held, held], true, 'every condition held'],
    [[failed], false, 'the one condition failed'],
    [[held, failed], false, 'one of two failed'],
    [[failed, held], false, 'the failure comes first'],
  ] as [ReturnType<typeof reason>[], boolean, string][])('%# %j → eligible %s (%s)', (reasons, eligible) => {
    expect(decide(reasons)).toEqual({ eligible, reasons });
  });

  it('a reason carries its code, outcome, citation and both messages', () => {
    expect(failed).toEqual({
      code: 'PERMIT_VALID',
      passed: false,
      citation: cite('13'),
      messageZh: '居住证状态：已失效（未按期签注）',
      messageEn: 'Permit status on 2026-09-02: lapsed (not endorsed in time)',
    });
  });
});

describe('violation: a refusal by the rules, with its citation', () => {
  it('carries details only when there are some', () => {
    expect(
      violation('PERMIT_LAPSED', cite('13'), '已失效', 'lapsed', { validThrough: '2025-03-03' }),
    ).toStrictEqual({
      kind: 'RULE_VIOLATION',
      reason: 'PERMIT_LAPSED',
      citation: cite('13'),
      messageZh: '已失效',
      messageEn: 'lapsed',
      details: { validThrough: '2025-03-03' },
    });
    const bare = violation('PORTRAIT_REQUIRED', cite('9'), '应当接受当场人像采集', 'needs a portrait');
    expect(bare).toStrictEqual({
      kind: 'RULE_VIOLATION',
      reason: 'PORTRAIT_REQUIRED',
      citation: cite('9'),
      messageZh: '应当接受当场人像采集',
      messageEn: 'needs a portrait',
    });
    expect('details' in bare).toBe(false);
  });

  it('ok and fail wrap a value and an error', () => {
    expect(ok(3)).toStrictEqual({ ok: true, value: 3 });
    expect(fail('E')).toStrictEqual({ ok: false, error: 'E' });
  });
});
