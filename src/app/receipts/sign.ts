/**
 * Signs what a decision states (SPEC "Receipts"). Made only when the `receipt` field is asked for.
 * Ed25519 is deterministic and the claims come from the stored decision, so the same decision
 * always gets the same receipt from the same key — at the answer, and later from the register.
 */
import { SignJWT } from 'jose';
import type { DecisionView } from '../verification';
import type { ReceiptKeys } from './keys';
import { RECEIPT_ALG, type ReceiptClaims } from './receipt';

export function receiptClaims(d: DecisionView, issuer: string): ReceiptClaims {
  return {
    jti: d.decisionId,
    iat: Math.floor(Date.parse(d.at) / 1000),
    iss: issuer,
    ent: d.entitlementCode,
    elig: d.eligible,
    asOf: d.asOf,
    ...(d.maskedCitizenIdNumber ? { mid: d.maskedCitizenIdNumber } : {}),
    ...(d.department ? { dep: d.department } : {}),
    rv: d.rulesVersion,
    failed: d.reasons.filter((r) => !r.passed).map((r) => r.code),
  };
}

export function signReceipt(keys: ReceiptKeys, d: DecisionView): Promise<string> {
  return new SignJWT({ ...receiptClaims(d, keys.issuer) })
    .setProtectedHeader({ alg: RECEIPT_ALG, kid: keys.kid })
    .sign(keys.signingKey);
}
