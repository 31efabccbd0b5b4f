/**
 * A receipt (SPEC "Holders, consent and receipts"): a compact JWS, EdDSA over Ed25519, whose claims
 * state what one eligibility decision said. This module is the one verifier: the online
 * `verifyReceipt` and the offline command (`npm run receipt:verify`) both call `checkReceipt`. It
 * needs nothing but the key set, so it imports only `jose` — the command runs without the gateway,
 * its configuration or its database.
 */
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet } from 'jose';

export const RECEIPT_ALG = 'EdDSA';
export const DEFAULT_RECEIPT_ISSUER = 'luoyang-residence-permit-gateway';
/** a receipt is well under 1 KB; anything this long is not one (the online check refuses it as input) */
export const MAX_RECEIPT_CHARS = 8192;

/** What a receipt states, in the order it is signed. */
export interface ReceiptClaims {
  /** the decision id */
  jti: string;
  /** when the decision was made, seconds since the epoch */
  iat: number;
  iss: string;
  /** entitlement code */
  ent: string;
  elig: boolean;
  asOf: string;
  /** the queried ID number, masked; absent only on a decision stored before receipts without a permit */
  mid?: string;
  /** the asking department; absent when the caller has none (public security, delegated agencies) */
  dep?: string;
  /** rules version */
  rv: string;
  /** codes of the conditions not passed; [] when eligible */
  failed: string[];
}

export type ReceiptFailure = 'MALFORMED' | 'UNKNOWN_KEY' | 'BAD_SIGNATURE' | 'WRONG_ISSUER' | 'BAD_CLAIMS';

export type ReceiptResult =
  | { valid: true; claims: ReceiptClaims; keyId: string }
  | { valid: false; failure: ReceiptFailure; reason: string };

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const keySets = new WeakMap<JSONWebKeySet, ReturnType<typeof createLocalJWKSet>>();
function keySetOf(jwks: JSONWebKeySet) {
  let k = keySets.get(jwks);
  if (!k) {
    k = createLocalJWKSet(jwks);
    keySets.set(jwks, k);
  }
  return k;
}

const fail = (failure: ReceiptFailure, reason: string): ReceiptResult => ({ valid: false, failure, reason });
const isStr = (v: unknown, max = 256): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= max;

/** The claims a good signature carries, re-read field by field: anything else is not a receipt. */
function claimsOf(p: Record<string, unknown>): ReceiptClaims | null {
  const { jti, iat, iss, ent, elig, asOf, mid, dep, rv, failed } = p;
  if (
    !isStr(jti, 64) ||
    !Number.isSafeInteger(iat) ||
    !isStr(iss) ||
    !isStr(ent, 64) ||
    typeof elig !== 'boolean'
  )
    return null;
  if (typeof asOf !== 'string' || !DATE.test(asOf) || !isStr(rv)) return null;
  if (mid !== undefined && !isStr(mid, 32)) return null;
  if (dep !== undefined && !isStr(dep, 64)) return null;
  if (!Array.isArray(failed) || !failed.every((c) => isStr(c, 64)) || elig !== (failed.length === 0))
    return null;
  return {
    jti,
    iat: iat as number,
    iss,
    ent,
    elig,
    asOf,
    ...(mid !== undefined ? { mid } : {}),
    ...(dep !== undefined ? { dep } : {}),
    rv,
    failed: [...failed],
  };
}

/**
 * Verifies a receipt against a key set (`{"keys": [...]}`, as GET /.well-known/jwks.json serves it).
 * Never throws for a bad receipt: it says why it is not one. `issuer`, when given, must match `iss`.
 */
export async function checkReceipt(
  receipt: string,
  jwks: JSONWebKeySet,
  opts: { issuer?: string } = {},
): Promise<ReceiptResult> {
  if (typeof receipt !== 'string' || receipt.length > MAX_RECEIPT_CHARS || !COMPACT_JWS.test(receipt)) {
    return fail('MALFORMED', 'not a compact JWS');
  }
  let keys: ReturnType<typeof createLocalJWKSet>;
  try {
    keys = keySetOf(jwks);
  } catch {
    return fail('UNKNOWN_KEY', 'the key set is not a JWKS ({"keys": [...]})');
  }
  let verified: Awaited<ReturnType<typeof jwtVerify>>;
  try {
    verified = await jwtVerify(receipt, keys, {
      algorithms: [RECEIPT_ALG],
      ...(opts.issuer ? { issuer: opts.issuer } : {}),
    });
  } catch (e) {
    if (e instanceof joseErrors.JWKSNoMatchingKey || e instanceof joseErrors.JWKSMultipleMatchingKeys)
      return fail('UNKNOWN_KEY', 'signed with a key not in the key set');
    if (e instanceof joseErrors.JWSSignatureVerificationFailed)
      return fail('BAD_SIGNATURE', 'the signature does not match (altered, or another key)');
    if (e instanceof joseErrors.JWTClaimValidationFailed && e.claim === 'iss')
      return fail('WRONG_ISSUER', `issued by another issuer than ${opts.issuer}`);
    if (e instanceof joseErrors.JOSEAlgNotAllowed) return fail('MALFORMED', `not signed with ${RECEIPT_ALG}`);
    return fail('MALFORMED', 'not a receipt (header or payload unreadable)');
  }
  const kid = verified.protectedHeader.kid;
  if (!isStr(kid, 128)) return fail('UNKNOWN_KEY', 'no key id (kid) in the header');
  const claims = claimsOf(verified.payload);
  if (!claims) return fail('BAD_CLAIMS', 'signed, but the claims are not those of a receipt');
  return { valid: true, claims, keyId: kid };
}
