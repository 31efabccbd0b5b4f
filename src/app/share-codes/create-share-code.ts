/**
 * `createShareCode` (SPEC 亮证): a one-time code, live 60–1800 s (default 300), optionally bound to
 * one entitlement and one department; at most 5 live at once. The code is returned once and kept
 * only as its keyed hash; the audit entry names the code's id, never the code.
 */
import { DEPARTMENTS, type Department } from '../../law';
import { entitlementExists } from '../../db/entitlements';
import { holderIdByCitizenIdNumber } from '../../db/holders';
import {
  countLiveShareCodes,
  insertShareCode,
  lockHolderForShareCodes,
  shareCodeHashTaken,
} from '../../db/share-codes';
import { requireHolder } from '../caller';
import { badInput, conflict, notFound } from '../errors';
import { inTransaction, now, type Scope } from '../scope';
import { hashCode, newCode } from './code';
import { MAX_LIVE_CODES, TTL, shareCodeView, type ShareCodeView } from './view';

export interface CreateShareCodeInput {
  entitlement?: string | null;
  department?: string | null;
  ttlSeconds?: number | null;
}

export async function createShareCode(s: Scope, input: CreateShareCodeInput = {}): Promise<ShareCodeView> {
  const caller = requireHolder(s.caller);
  const ttl = input.ttlSeconds ?? TTL.default;
  if (!Number.isInteger(ttl) || ttl < TTL.min || ttl > TTL.max)
    throw badInput(`ttlSeconds: ${TTL.min} to ${TTL.max}`, { field: 'ttlSeconds' });
  const department = input.department ?? null;
  if (department !== null && !DEPARTMENTS.includes(department as Department))
    throw badInput('department: not a department', { field: 'department' });
  const entitlement = input.entitlement ?? null;
  if (entitlement !== null && !(await entitlementExists(s.em, entitlement))) {
    throw notFound(`Entitlement ${entitlement.slice(0, 64)}`);
  }
  const holderId = await holderIdByCitizenIdNumber(s.em, caller.citizenIdNumber);
  if (holderId === null) throw notFound('A permit file under your ID number');
  const at = now(s);
  const expiresAt = new Date(at.getTime() + ttl * 1000).toISOString();
  return inTransaction(s, { action: 'CREATE_SHARE_CODE', subject: null }, async (em) => {
    await lockHolderForShareCodes(em, holderId);
    if ((await countLiveShareCodes(em, holderId, at.toISOString())) >= MAX_LIVE_CODES) {
      throw conflict(`At most ${MAX_LIVE_CODES} share codes are live at once: revoke one or let it expire`);
    }
    // a new code, not one an earlier code (kept after use) already had: 1 in 1.1e12 per code kept
    let code = newCode();
    for (
      let tries = 1;
      tries < 5 && (await shareCodeHashTaken(em, hashCode(s.deps.shareCodes.key, code)));
      tries += 1
    )
      code = newCode();
    const row = await insertShareCode(em, {
      holderId,
      codeHash: hashCode(s.deps.shareCodes.key, code),
      lastTwo: code.slice(-2),
      entitlementCode: entitlement,
      department,
      expiresAt,
      createdAt: at.toISOString(),
      usedAt: null,
      usedDecisionId: null,
      revokedAt: null,
    });
    const bound = [entitlement, department].filter(Boolean).join(' ');
    return {
      result: shareCodeView(row, code),
      audit: [
        {
          action: 'CREATE_SHARE_CODE',
          subject: `share-code:${row.id}`,
          outcome: `LIVE until ${expiresAt}${bound ? ` for ${bound}` : ''}`,
        },
      ],
    };
  });
}
