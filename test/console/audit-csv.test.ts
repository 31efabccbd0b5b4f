/**
 * The audit log export's walk (console/src/pages/auditor/audit-csv.ts): pages of 1000 following the
 * last sequence, a cap that says when it cut, a stop that saves nothing, and the CSV it makes
 * (UTF-8 with BOM, CRLF, cells that start a formula made inert).
 */
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import {
  CSV_HEADER,
  auditCsv,
  walkAuditLog,
  type AuditEntryRow,
} from '../../console/src/pages/auditor/audit-csv';

const entry = (sequence: number): AuditEntryRow => ({
  sequence,
  at: '2026-12-02T10:00:00+08:00',
  actor: 'demo:auditor',
  role: 'AUDITOR',
  action: 'VERIFY_ELIGIBILITY',
  subject: sequence === 2 ? '=HYPERLINK("x")' : null,
  outcome: 'OK',
  hash: 'a'.repeat(64),
});

/** A log of n entries (sequences 1..n), answered as the gateway pages it; the calls are recorded. */
function log(n: number) {
  const calls: { after: number | undefined; first: number }[] = [];
  const load = async (after: number | undefined, first: number) => {
    calls.push({ after, first });
    const start = (after ?? 0) + 1;
    return Array.from({ length: Math.max(0, Math.min(first, n - start + 1)) }, (_, i) => entry(start + i));
  };
  return { load, calls };
}

describe('the audit log export walk', () => {
  it('reads every page, following the last sequence, to a short page', async () => {
    const { load, calls } = log(2500);
    const seen: number[] = [];
    const out = await walkAuditLog(
      load,
      (n) => seen.push(n),
      () => false,
    );
    expect(out!.capped).toBe(false);
    expect(out!.rows.map((r) => r.sequence)).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
    expect(calls).toEqual([
      { after: undefined, first: 1000 },
      { after: 1000, first: 1000 },
      { after: 2000, first: 1000 },
    ]);
    expect(seen).toEqual([1000, 2000, 2500]);
  });

  it('stops at the cap and says so; exactly the cap is not cut', async () => {
    const cut = await walkAuditLog(
      log(2500).load,
      () => undefined,
      () => false,
      2000,
    );
    expect(cut!.capped).toBe(true);
    expect(cut!.rows).toHaveLength(2000);
    const whole = await walkAuditLog(
      log(2000).load,
      () => undefined,
      () => false,
      2000,
    );
    expect(whole!.capped).toBe(false);
    expect(whole!.rows).toHaveLength(2000);
  });

  it('a stopped walk gives nothing to save', async () => {
    let pages = 0;
    const out = await walkAuditLog(
      log(5000).load,
      () => pages++,
      () => pages >= 2,
    );
    expect(out).toBeNull();
    expect(pages).toBe(2);
  });

  it('makes a CSV with BOM that parses back, formulas inert', () => {
    const bytes = auditCsv([entry(1), entry(2)]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.subarray(3));
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows[1]).toEqual([
      '1',
      '2026-12-02T10:00:00+08:00',
      'demo:auditor',
      'AUDITOR',
      'VERIFY_ELIGIBILITY',
      '',
      'OK',
      'a'.repeat(64),
    ]);
    expect(rows[2][5].startsWith('=')).toBe(false);
  });
});
