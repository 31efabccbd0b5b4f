/**
 * Share codes themselves (SPEC 亮证): 8 characters from an alphabet without 0/O and 1/I, drawn with
 * the operating system's cryptographic randomness; read case-insensitively, ignoring spaces and
 * hyphens. A code is kept only as HMAC-SHA256 under a server key (32^8 ≈ 1.1e12 codes: an unkeyed
 * hash of so small a space is reversed by trying them all, a keyed one is not without the key).
 */
import { createHmac, randomInt } from 'node:crypto';
import { DEV_SECRET } from '../auth';

export const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;
const SHAPE = new RegExp(`^[${ALPHABET}]{${CODE_LENGTH}}$`);

export function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** The bare code a caller typed or scanned, or null when it cannot be a code at all. */
export function normalizeCode(input: string): string | null {
  if (input.length > 64) return null;
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  return SHAPE.test(code) ? code : null;
}

export function hashCode(key: Uint8Array, code: string): string {
  return createHmac('sha256', key).update(code).digest('hex');
}

/** How a code is shown after it was created: its last two characters. */
export function maskedCode(lastTwo: string): string {
  return `******${lastTwo}`;
}

/**
 * The HMAC key: GATEWAY_SHARE_CODE_KEY (at least 32 characters), else derived from the HS256 token
 * secret (GATEWAY_JWT_SECRET, or the development secret), so every node of one deployment agrees.
 * In production with neither (RS256 tokens only), the start fails.
 */
export function shareCodeKey(env: NodeJS.ProcessEnv): Uint8Array {
  const own = env.GATEWAY_SHARE_CODE_KEY;
  if (own) {
    if (own.length < 32) throw new Error('GATEWAY_SHARE_CODE_KEY must have at least 32 characters');
    return new TextEncoder().encode(own);
  }
  const production = env.NODE_ENV === 'production';
  const secret = env.GATEWAY_JWT_SECRET || (production ? '' : DEV_SECRET);
  if (!secret)
    throw new Error(
      'GATEWAY_SHARE_CODE_KEY (at least 32 characters) is required when NODE_ENV=production without GATEWAY_JWT_SECRET',
    );
  return createHmac('sha256', secret).update('luoyang-gateway share-code key v1').digest();
}
