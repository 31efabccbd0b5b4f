/**
 * `npm run receipt:verify -- <receipt> --jwks <file> [--issuer <iss>]`: verifies a receipt offline,
 * with nothing but the key set (GET /.well-known/jwks.json saved to a file). Exit 0 and the claims
 * as JSON on stdout when it is good; exit 1 and the reason on stderr otherwise.
 */
import { readFileSync } from 'node:fs';
import type { JSONWebKeySet } from 'jose';
import { checkReceipt } from '../app/receipts/receipt';

const USAGE = 'usage: npm run receipt:verify -- <receipt> --jwks <file> [--issuer <iss>]';

function parseArgs(argv: string[]): { receipt: string; jwks: string; issuer?: string } | string {
  let receipt: string | undefined;
  let jwks: string | undefined;
  let issuer: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--jwks') jwks = argv[++i];
    else if (a === '--issuer') issuer = argv[++i];
    else if (a.startsWith('--')) return `unknown option ${a}`;
    else if (receipt === undefined) receipt = a;
    else return 'one receipt at a time';
  }
  if (receipt === undefined || jwks === undefined) return 'a receipt and --jwks <file> are required';
  return { receipt: receipt.trim(), jwks, ...(issuer !== undefined ? { issuer } : {}) };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n${USAGE}\n`);
    return 1;
  }
  let keySet: JSONWebKeySet;
  try {
    keySet = JSON.parse(readFileSync(args.jwks, 'utf8')) as JSONWebKeySet;
    if (!Array.isArray(keySet?.keys)) throw new Error('not a key set: {"keys": [...]} expected');
  } catch (e) {
    process.stderr.write(`cannot use the key set ${args.jwks}: ${(e as Error).message}\n`);
    return 1;
  }
  const r = await checkReceipt(
    args.receipt,
    keySet,
    args.issuer !== undefined ? { issuer: args.issuer } : {},
  );
  if (!r.valid) {
    process.stderr.write(`not a good receipt: ${r.reason} (${r.failure})\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify({ kid: r.keyId, ...r.claims }, null, 2)}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`receipt:verify failed: ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
