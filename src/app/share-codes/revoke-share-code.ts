/** `revokeShareCode(code | id)`: exactly one of them; true when the holder's code was live. Audited (never the code). */
import { holderIdByCitizenIdNumber } from '../../db/holders';
import { revokeShareCode as revoke } from '../../db/share-codes';
import { appendAudit } from '../audit';
import { requireHolder } from '../caller';
import { badInput } from '../errors';
import { now, numericId, type Scope } from '../scope';
import { ALPHABET, CODE_LENGTH, hashCode, normalizeCode } from './code';

export async function revokeShareCode(
  s: Scope,
  by: { code?: string | null; id?: string | null },
): Promise<boolean> {
  const caller = requireHolder(s.caller);
  const hasCode = by.code != null && by.code !== '';
  const hasId = by.id != null && by.id !== '';
  if (hasCode === hasId)
    throw badInput('revokeShareCode: give exactly one of code and id', { field: hasCode ? 'id' : 'code' });
  let target: { codeHash: string } | { id: number };
  if (hasCode) {
    const code = normalizeCode(by.code!);
    if (code === null) throw badInput(`code: ${CODE_LENGTH} characters from ${ALPHABET}`, { field: 'code' });
    target = { codeHash: hashCode(s.deps.shareCodes.key, code) };
  } else {
    target = { id: numericId(by.id!, 'id') };
  }
  const holderId = await holderIdByCitizenIdNumber(s.em, caller.citizenIdNumber);
  const at = now(s);
  return s.em.transactional(async (em) => {
    const revoked =
      holderId === null ? null : await revoke(em, { ...target, holderId, now: at.toISOString() });
    await appendAudit(
      em,
      s.caller,
      [
        {
          action: 'REVOKE_SHARE_CODE',
          subject: revoked === null ? null : `share-code:${revoked}`,
          outcome: revoked === null ? 'NOT_LIVE' : 'REVOKED',
        },
      ],
      at,
    );
    return revoked !== null;
  });
}
