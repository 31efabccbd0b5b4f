/**
 * verifyReceipt: what the offline command does, online, for any authenticated caller. Anything
 * that is not a good receipt is `valid: false` with nothing else, never an error (only an absurd
 * size is bad input). A verification is audited (Art. 22(4)): the decision id, nothing else of
 * the receipt.
 */
import { appendAudit } from '../audit';
import { badInput } from '../errors';
import { now, type Scope } from '../scope';
import type { ReceiptKeys } from './keys';
import { checkReceipt, MAX_RECEIPT_CHARS } from './receipt';

export interface ReceiptCheckView {
  valid: boolean;
  decisionId: string | null;
  eligible: boolean | null;
  entitlementCode: string | null;
  asOf: string | null;
  maskedCitizenIdNumber: string | null;
  issuedAt: string | null;
  keyId: string | null;
}

const NOT_A_RECEIPT: ReceiptCheckView = {
  valid: false,
  decisionId: null,
  eligible: null,
  entitlementCode: null,
  asOf: null,
  maskedCitizenIdNumber: null,
  issuedAt: null,
  keyId: null,
};

export async function verifyReceipt(s: Scope, keys: ReceiptKeys, receipt: string): Promise<ReceiptCheckView> {
  if (receipt.length > MAX_RECEIPT_CHARS)
    throw badInput(`receipt: at most ${MAX_RECEIPT_CHARS} characters (a receipt is far shorter)`, {
      field: 'receipt',
    });
  const r = await checkReceipt(receipt.trim(), keys.jwks);
  await s.em.transactional((em) =>
    appendAudit(
      em,
      s.caller,
      [
        {
          action: 'VERIFY_RECEIPT',
          subject: r.valid ? `decision:${r.claims.jti}` : null,
          outcome: r.valid ? 'VALID' : `INVALID ${r.failure}`,
        },
      ],
      now(s),
    ),
  );
  if (!r.valid) return { ...NOT_A_RECEIPT };
  const c = r.claims;
  return {
    valid: true,
    decisionId: c.jti,
    eligible: c.elig,
    entitlementCode: c.ent,
    asOf: c.asOf,
    maskedCitizenIdNumber: c.mid ?? null,
    issuedAt: new Date(c.iat * 1000).toISOString(),
    keyId: r.keyId,
  };
}
