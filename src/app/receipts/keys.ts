/**
 * The receipt signing key and the key set that verifies receipts. Production: the operator's
 * Ed25519 key (GATEWAY_SIGNING_KEY_FILE, PKCS#8 PEM; required) and the public keys still trusted
 * from earlier rotations (GATEWAY_PREVIOUS_KEYS_FILE, a JWKS file). Development: one key is made
 * on first start and kept in the data folder, so receipts survive a restart.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, importPKCS8, type JSONWebKeySet, type JWK } from 'jose';
import { DEFAULT_RECEIPT_ISSUER, RECEIPT_ALG } from './receipt';

export interface ReceiptKeys {
  readonly issuer: string;
  /** RFC 7638 thumbprint of the current public key */
  readonly kid: string;
  readonly signingKey: Awaited<ReturnType<typeof importPKCS8>>;
  /** what GET /.well-known/jwks.json serves: the current key first, then every earlier one still trusted */
  readonly jwks: JSONWebKeySet;
}

export interface ReceiptKeyOptions {
  env: NodeJS.ProcessEnv;
  production: boolean;
  /** where a development key is kept */
  dataDir: string;
}

export const DEV_KEY_FILE = 'receipt-signing-key.pem';

type PublicJwk = { kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string; alg: typeof RECEIPT_ALG; use: 'sig' };

async function publicJwk(x: string): Promise<PublicJwk> {
  const kid = await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x }, 'sha256');
  return { kty: 'OKP', crv: 'Ed25519', x, kid, alg: RECEIPT_ALG, use: 'sig' };
}

/** The development key: made once (no overwrite if another process made it first), then read. */
function devKeyPem(dataDir: string): string {
  const file = join(dataDir, DEV_KEY_FILE);
  mkdirSync(dataDir, { recursive: true });
  // written whole to a file of this process's own, then linked into place: a node starting at the same
  // moment either makes the link or finds the complete file (with 'wx' alone it could read it half-written)
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const own = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(own, pem, { flag: 'wx', mode: 0o600 });
  try {
    linkSync(own, file);
    return pem;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return readFileSync(file, 'utf8');
  } finally {
    unlinkSync(own);
  }
}

function readOrFail(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`${what}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Earlier public keys still trusted: Ed25519 public JWKs; a stated kid must be the thumbprint. */
async function previousKeys(file: string): Promise<PublicJwk[]> {
  const what = 'GATEWAY_PREVIOUS_KEYS_FILE';
  let parsed: unknown;
  try {
    parsed = JSON.parse(readOrFail(file, what));
  } catch (e) {
    throw e instanceof SyntaxError ? new Error(`${what}: ${file} is not JSON`) : e;
  }
  const keys = (parsed as { keys?: unknown })?.keys;
  if (!Array.isArray(keys)) throw new Error(`${what}: ${file} must be a JWKS, {"keys": [...]}`);
  const out: PublicJwk[] = [];
  for (const [i, k] of (keys as Record<string, unknown>[]).entries()) {
    const at = `${what}: keys[${i}]`;
    if (
      k === null ||
      typeof k !== 'object' ||
      k.kty !== 'OKP' ||
      k.crv !== 'Ed25519' ||
      typeof k.x !== 'string' ||
      !/^[A-Za-z0-9_-]{43}$/.test(k.x)
    ) {
      throw new Error(`${at} is not an Ed25519 public key (kty OKP, crv Ed25519, x)`);
    }
    if ('d' in k) throw new Error(`${at} holds a private key; the file lists public keys only`);
    if (k.alg !== undefined && k.alg !== RECEIPT_ALG) throw new Error(`${at}: alg must be ${RECEIPT_ALG}`);
    const jwk = await publicJwk(k.x);
    if (k.kid !== undefined && k.kid !== jwk.kid)
      throw new Error(
        `${at}: kid ${JSON.stringify(k.kid).slice(0, 64)} is not the key's RFC 7638 thumbprint (${jwk.kid})`,
      );
    out.push(jwk);
  }
  return out;
}

export async function loadReceiptKeys(o: ReceiptKeyOptions): Promise<ReceiptKeys> {
  const keyFile = o.env.GATEWAY_SIGNING_KEY_FILE;
  if (o.production && !keyFile) {
    throw new Error(
      'GATEWAY_SIGNING_KEY_FILE (an Ed25519 private key, PKCS#8 PEM) is required when NODE_ENV=production: receipts are signed with it',
    );
  }
  const pem = keyFile ? readOrFail(keyFile, 'GATEWAY_SIGNING_KEY_FILE') : devKeyPem(o.dataDir);
  let x: string;
  try {
    const priv = createPrivateKey({ key: pem, format: 'pem' });
    if (priv.asymmetricKeyType !== 'ed25519')
      throw new Error(`a ${priv.asymmetricKeyType ?? 'non-asymmetric'} key`);
    x = createPublicKey(priv).export({ format: 'jwk' }).x!;
  } catch (e) {
    throw new Error(
      `GATEWAY_SIGNING_KEY_FILE: not an Ed25519 private key in PKCS#8 PEM (${(e as Error).message.slice(0, 80)})`,
    );
  }
  const current = await publicJwk(x);
  const previous = o.env.GATEWAY_PREVIOUS_KEYS_FILE
    ? await previousKeys(o.env.GATEWAY_PREVIOUS_KEYS_FILE)
    : [];
  const seen = new Set([current.kid]);
  const earlier = previous.filter((k) => !seen.has(k.kid) && seen.add(k.kid));
  return {
    issuer: o.env.GATEWAY_RECEIPT_ISSUER || DEFAULT_RECEIPT_ISSUER,
    kid: current.kid,
    signingKey: await importPKCS8(pem, RECEIPT_ALG),
    jwks: { keys: [current, ...earlier] as JWK[] },
  };
}
