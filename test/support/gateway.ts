/**
 * Test harness: starts the real gateway (HTTP on a loopback port) on a fresh database — an SQLite
 * file in a temp folder, or a PostgreSQL database made for the test and dropped after — and
 * talks to it over HTTP with real signed tokens.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import pino from 'pino';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/server';
import { signToken, type TokenClaims } from '../../src/app/auth';

export type Db = 'sqlite' | 'postgresql';

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export async function pgReachable(): Promise<boolean> {
  const c = new Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** SQLite always; PostgreSQL when reachable, and required under CI=true. */
export async function databases(): Promise<Db[]> {
  const pg = await pgReachable();
  if (!pg && process.env.CI === 'true') throw new Error(`CI=true requires PostgreSQL at ${PG_ADMIN_URL}`);
  return pg ? ['sqlite', 'postgresql'] : ['sqlite'];
}

export const TEST_SECRET = 'test-secret-for-the-luoyang-gateway-0123456789';

/** A fixed "now": 2026-11-28 12:00 in Shanghai. */
export const FIXED_NOW = Date.parse('2026-11-28T04:00:00Z');

export interface TestGateway {
  db: Db;
  gateway: Gateway;
  url: string;
  databaseUrl: string;
  token(claims: TokenClaims): Promise<string>;
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{
    status: number;
    body: { data?: T; errors?: { message: string; extensions?: Record<string, any> }[] };
  }>;
  stop(): Promise<void>;
  /** drops the database (stop() does it too) */
  cleanup(): Promise<void>;
}

/** A fresh Ed25519 signing key (PKCS#8 PEM) in a temp folder, for GATEWAY_SIGNING_KEY_FILE. */
export function signingKeyFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gw-key-')), 'signing-key.pem');
  writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
  });
  return file;
}

/**
 * An empty database of the test's own: an SQLite file in a temp folder, or a PostgreSQL database
 * made for the test; `drop` removes it (and the folder).
 */
export async function freshDatabase(
  db: Db,
  prefix = 'gw_test',
): Promise<{ url: string; dir: string; drop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'gw-data-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  if (db === 'sqlite') return { url: join(dir, 'test.sqlite'), dir, drop: async () => removeDir() };
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`),
    dir,
    drop: async () => {
      const c = new Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      removeDir();
    },
  };
}

export async function startGateway(db: Db, o: Partial<GatewayOptions> = {}): Promise<TestGateway> {
  // the data folder (the development receipt key) is a temp folder, never the repository's data/
  const { url: databaseUrl, dir: dataDir, drop: cleanup } = await freshDatabase(db);
  const gateway = await createGateway({
    databaseUrl,
    env: TEST_ENV,
    clock: () => FIXED_NOW,
    logger: pino({ level: 'silent' }),
    dataDir,
    ...o,
  });
  return wrap(db, gateway, databaseUrl, cleanup);
}

/** The environment the test gateways start with (tokens signed with TEST_SECRET). */
export const TEST_ENV: NodeJS.ProcessEnv = { NODE_ENV: 'test', GATEWAY_JWT_SECRET: TEST_SECRET };

/**
 * A rolling restart: the gateway is closed and a new one starts on the same database with new
 * options (a holiday notices file, say). Stop the returned one; the database goes with it.
 */
export async function restartGateway(g: TestGateway, o: Partial<GatewayOptions> = {}): Promise<TestGateway> {
  await g.gateway.close();
  const gateway = await createGateway({
    databaseUrl: g.databaseUrl,
    env: TEST_ENV,
    clock: () => FIXED_NOW,
    logger: pino({ level: 'silent' }),
    ...o,
  });
  return wrap(g.db, gateway, g.databaseUrl, () => g.cleanup());
}

function wrap(db: Db, gateway: Gateway, databaseUrl: string, cleanup: () => Promise<void>): TestGateway {
  return {
    db,
    cleanup,
    gateway,
    url: gateway.url,
    databaseUrl,
    token: (claims) => signToken(gateway.auth, claims),
    async gql(query, variables, token) {
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      return { status: res.status, body: JSON.parse(text) };
    },
    async stop() {
      await gateway.close();
      await cleanup();
    },
  };
}

/** Claims for each kind of caller. */
export const CALLERS = {
  psCity: { sub: 'test:psb-city', role: 'PUBLIC_SECURITY', region: '410300' },
  psLaocheng: { sub: 'test:psb-laocheng', role: 'PUBLIC_SECURITY', region: '410302' },
  psXinan: { sub: 'test:psb-xinan', role: 'PUBLIC_SECURITY', region: '410323' },
  agencyLaocheng: { sub: 'test:agency-laocheng', role: 'DELEGATED_AGENCY', region: '410302' },
  school: {
    sub: 'test:school-laocheng',
    role: 'DEPARTMENT',
    region: '410302',
    department: 'EDUCATION',
    scope: 'CHILD_EDUCATION_AND_ZHONGKAO',
  },
  housing: {
    sub: 'test:housing-city',
    role: 'DEPARTMENT',
    region: '410300',
    department: 'HOUSING_AND_URBAN_RURAL_DEVELOPMENT',
    scope: 'PUBLIC_RENTAL_HOUSING',
  },
  transitLaocheng: {
    sub: 'test:transit-laocheng',
    role: 'DEPARTMENT',
    region: '410302',
    department: 'TRANSPORT',
    scope: 'TRANSIT_CONCESSIONS_AND_TOURISM_PASS',
  },
  auditor: { sub: 'test:auditor', role: 'AUDITOR', region: '410300' },
  adminCity: { sub: 'test:city-government', role: 'ADMIN', region: '410300' },
  adminXinan: { sub: 'test:xinan-government', role: 'ADMIN', region: '410323' },
} as const satisfies Record<string, TokenClaims>;
