/**
 * Articles 18(12) and 19(6): ending a local item. Only a local item; not before its start; not in
 * the past nor once ended (Art. 23: decisions already made rest on it); today itself is allowed.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUE, d, decideEndOfLocalEntitlement, localCitation, type Entitlement } from '../../src/law';

const TODAY = d('2026-11-28');
const local = (from: string, until: string | null, kind: Entitlement['kind'] = 'PUBLIC_SERVICE') => ({
  kind,
  citation: localCitation(kind),
  local: true,
  effectiveFrom: d(from),
  effectiveUntil: until === null ? null : d(until),
});

describe('decideEndOfLocalEntitlement', () => {
  // item (from, until, kind) | end asked | result: the end, or the reason and the article cited
  it.each([
    [local('2026-01-01', null), '2026-12-31', 'ok', null],
    [local('2026-01-01', null), '2026-11-28', 'ok', null], // today: in force through today
    [local('2027-01-01', null), '2027-01-01', 'ok', null], // a future item may end on its first day
    [local('2026-01-01', '2027-06-30'), '2027-12-31', 'ok', null], // an end not reached yet moves
    [local('2026-01-01', '2026-11-28'), '2026-12-31', 'ok', null], // ends today: not ended yet
    [local('2026-01-01', null), '2026-11-27', 'END_DATE_IN_PAST', 23],
    [local('2027-01-01', null), '2026-12-31', 'END_BEFORE_START', 18],
    [local('2027-01-01', null, 'CONVENIENCE'), '2026-12-31', 'END_BEFORE_START', 19],
    [local('2025-01-01', '2026-06-30'), '2026-12-31', 'LOCAL_ENTITLEMENT_ALREADY_ENDED', 23],
    [{ ...CATALOGUE[0], effectiveUntil: null }, '2026-12-31', 'NOT_A_LOCAL_ENTITLEMENT', 18],
    [
      { ...CATALOGUE[CATALOGUE.length - 1], effectiveUntil: null },
      '2026-12-31',
      'NOT_A_LOCAL_ENTITLEMENT',
      19,
    ],
  ] as const)('%j ended on %s: %s (Art. %s)', (item, until, result, article) => {
    const r = decideEndOfLocalEntitlement(item, d(until), TODAY);
    if (result === 'ok') {
      expect(r).toEqual({ ok: true, value: { effectiveUntil: until } });
    } else {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.reason).toBe(result);
        expect(r.error.citation.article).toBe(article);
        expect(r.error.messageZh).not.toBe('');
      }
    }
  });

  it('an item from the regulation cites its own clause, a local one 18(12) or 19(6) for a bad start', () => {
    const r = decideEndOfLocalEntitlement(local('2027-01-01', null), d('2026-12-01'), TODAY);
    expect(!r.ok && [r.error.citation.article, r.error.citation.clause]).toEqual([18, 12]);
  });
});
