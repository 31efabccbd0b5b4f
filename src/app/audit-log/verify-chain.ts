/**
 * Art. 22(5): the auditor's check of the hash chain, in stretches (SPEC "Lists that grow with the
 * city"). The log is read CHUNK entries per statement (keyset on sequence), so memory stays bounded
 * whatever the length of the log; `fromSequence`/`limit` check a stretch and say where to resume;
 * `expectHead`, a head the auditor recorded earlier, catches a cut tail or a rewritten log.
 */
import { auditChunk, auditEntry, auditHead } from '../../db/audit-log';
import { entryHash, GENESIS_HASH } from '../audit';
import { badInput } from '../errors';
import type { Scope } from '../scope';

/** Entries read per statement. */
export const CHUNK = 5_000;
/** The largest `limit` one call may ask for (a whole-log check has no limit and no cap). */
export const MAX_LIMIT = 1_000_000;
/** A progress line is logged every this many entries. */
export const PROGRESS_EVERY = 10_000;

export interface ChainCheckInput {
  fromSequence?: number | null;
  limit?: number | null;
  expectHead?: { sequence: number; hash: string } | null;
}

export interface ChainReport {
  /** entries of this stretch checked and found to follow from the one before */
  entries: number;
  intact: boolean;
  firstBrokenAt: number | null;
  headSequence: number | null;
  headHash: string | null;
  /** null when no expectHead was given */
  expectedHeadFound: boolean | null;
  /** null when the check reached the head (or stopped at a break) */
  nextSequence: number | null;
}

const HASH = /^[0-9a-fA-F]{64}$/;

function positive(n: number | null | undefined, field: string, max: number): number | null {
  if (n == null) return null;
  if (!Number.isInteger(n) || n < 1 || n > max) throw badInput(`${field}: 1 to ${max}`, { field });
  return n;
}

function checkedInput(i: ChainCheckInput) {
  const fromSequence = positive(i.fromSequence, 'fromSequence', 2_147_483_647) ?? 1;
  const limit = positive(i.limit, 'limit', MAX_LIMIT);
  let expectHead: { sequence: number; hash: string } | null = null;
  if (i.expectHead != null) {
    const sequence = positive(i.expectHead.sequence, 'expectHead.sequence', 2_147_483_647)!;
    if (!HASH.test(i.expectHead.hash))
      throw badInput('expectHead.hash: 64 hexadecimal characters (an AuditEntry.hash)', {
        field: 'expectHead.hash',
      });
    expectHead = { sequence, hash: i.expectHead.hash.toLowerCase() };
  }
  return { fromSequence, limit, expectHead };
}

/**
 * Recomputes each hash of the stretch from the previous entry's; the first entry that does not
 * follow — an edited row at itself, a deleted one at the sequence that is missing — ends the
 * check. A stretch from `fromSequence` > 1 starts from the stored hash of entry `fromSequence - 1`
 * (an earlier stretch checked that entry); when that entry is missing the chain is broken there.
 */
export async function verifyAuditChain(s: Scope, input: ChainCheckInput): Promise<ChainReport> {
  const { fromSequence, limit, expectHead } = checkedInput(input);
  // the head as it is now: entries appended while the check runs belong to the next check
  const head = await auditHead(s.em);
  const report = (
    r: Pick<ChainReport, 'entries' | 'intact' | 'firstBrokenAt' | 'nextSequence'>,
    found: boolean | null,
  ): ChainReport => ({
    ...r,
    headSequence: head?.sequence ?? null,
    headHash: head?.hash ?? null,
    expectedHeadFound: found,
  });

  // expectHead: that entry is still there, with that hash, and its content still gives that hash
  let found: boolean | null = null;
  if (expectHead) {
    const e = await auditEntry(s.em, expectHead.sequence);
    found = e !== null && e.hash === expectHead.hash && entryHash(e.prevHash, e) === e.hash;
  }

  let prev = GENESIS_HASH;
  if (fromSequence > 1) {
    const before = await auditEntry(s.em, fromSequence - 1);
    if (!before)
      return report(
        { entries: 0, intact: false, firstBrokenAt: fromSequence - 1, nextSequence: null },
        found,
      );
    prev = before.hash;
  }
  const headSequence = head?.sequence ?? 0;
  const through = limit === null ? headSequence : Math.min(headSequence, fromSequence + limit - 1);
  let expected = fromSequence;
  let checked = 0;
  while (expected <= through) {
    const rows = await auditChunk(s.em, expected, through, Math.min(CHUNK, through - expected + 1));
    if (rows.length === 0) break; // entries up to `through` are missing: the loop below reports the gap
    for (const r of rows) {
      if (r.sequence !== expected || r.prevHash !== prev || entryHash(prev, r) !== r.hash) {
        return report(
          { entries: checked, intact: false, firstBrokenAt: expected, nextSequence: null },
          found,
        );
      }
      prev = r.hash;
      expected += 1;
      checked += 1;
      if (checked % PROGRESS_EVERY === 0)
        s.log?.info({ checked, sequence: r.sequence, headSequence }, 'audit chain check in progress');
    }
  }
  if (expected <= through)
    return report({ entries: checked, intact: false, firstBrokenAt: expected, nextSequence: null }, found);
  if (checked >= PROGRESS_EVERY) s.log?.info({ checked, through, headSequence }, 'audit chain check done');
  return report(
    {
      entries: checked,
      intact: true,
      firstBrokenAt: null,
      nextSequence: through < headSequence ? through + 1 : null,
    },
    found,
  );
}
