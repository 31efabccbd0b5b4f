/**
 * The one place the database is chosen: `DATABASE_URL` a postgresql:// URL → PostgreSQL; anything
 * else is an SQLite file path (default `data/gateway.sqlite`). Both run the checked-in migrations.
 */
import { MikroORM, type Options } from '@mikro-orm/core';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { SeedManager } from '@mikro-orm/seeder';
import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { dirname } from 'node:path';
import { ENTITIES } from './entities';
import { BACKSTOP_PAGES } from './sqlite-wal';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';

export type Dialect = 'sqlite' | 'postgresql';

export const DEFAULT_SQLITE_PATH = 'data/gateway.sqlite';

export function dialectOf(databaseUrl: string | undefined): Dialect {
  return databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl) ? 'postgresql' : 'sqlite';
}

/** Where files kept with the data live (the development receipt key): beside the SQLite file, else data/. */
export function dataDirFor(databaseUrl: string | undefined): string {
  const file = databaseUrl || DEFAULT_SQLITE_PATH;
  return dialectOf(databaseUrl) === 'sqlite' && file !== ':memory:'
    ? dirname(file)
    : dirname(DEFAULT_SQLITE_PATH);
}

export interface OrmOverrides {
  databaseUrl?: string;
  /** receives each SQL statement (tests count them) */
  onQuery?: (sql: string) => void;
  /** skip migrations (the migration generator uses it) */
  migrate?: boolean;
  /** runs after the migrations, still under the startup lock (seeding) */
  afterMigrate?: (orm: MikroORM) => Promise<void>;
}

export function ormOptions(o: OrmOverrides = {}): Options {
  const dialect = dialectOf(o.databaseUrl);
  const common = {
    entities: ENTITIES,
    extensions: [Migrator, SeedManager],
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    allowGlobalContext: false,
    forceUndefined: false,
    debug: o.onQuery ? ['query' as const] : false,
    logger: o.onQuery ? (message: string) => o.onQuery!(message) : () => undefined,
    migrations: {
      migrationsList: dialect === 'sqlite' ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
  };
  if (dialect === 'postgresql') {
    return { ...common, driver: PostgreSqlDriver, clientUrl: o.databaseUrl, pool: { min: 0, max: 10 } };
  }
  const file = o.databaseUrl || DEFAULT_SQLITE_PATH;
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return { ...common, driver: BetterSqliteDriver, dbName: file };
}

/** Boots the ORM and brings the schema up to date, then `afterMigrate`, both under the startup lock. */
export async function initORM(o: OrmOverrides = {}): Promise<MikroORM> {
  const release = await startupLock(o.databaseUrl);
  let orm: MikroORM | null = null;
  try {
    orm = await MikroORM.init(ormOptions(o));
    if (dialectOf(o.databaseUrl) === 'sqlite') {
      // busy_timeout first: another process may hold the file while this one sets WAL.
      // WAL: readers do not wait for the writer; busy_timeout: concurrent writers queue, not fail.
      const conn = orm.em.getConnection() as unknown as { execute(sql: string): Promise<unknown> };
      await conn.execute('pragma busy_timeout = 5000');
      await conn.execute('pragma journal_mode = wal');
      await conn.execute('pragma synchronous = normal');
      // sorts and the lists of `json_each(?)` in memory: in a temporary file they cost a check's
      // reads and a group's inserts half their time once the log had pages (issue 8)
      await conn.execute('pragma temp_store = memory');
      // the log is copied back by the server's checkpointer thread (src/db/sqlite-wal.ts)
      await conn.execute(`pragma wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    }
    if (o.migrate !== false) await orm.getMigrator().up();
    await o.afterMigrate?.(orm);
    return orm;
  } catch (e) {
    await orm?.close(true).catch(() => undefined);
    throw e;
  } finally {
    await release();
  }
}

/** Key of the session-level advisory lock held around migrations and seeding (the audit chain uses 7301). */
export const STARTUP_LOCK_KEY = 7302;
const STARTUP_LOCK_WAIT_MS = 300_000;

/**
 * Several nodes starting at once on one database migrate and seed one after another: PostgreSQL, a
 * session-level advisory lock on a connection of its own; SQLite, an exclusive transaction on a
 * sidecar file (`<file>.startup-lock`) — the database file itself stays free for the work done
 * under the lock. Both are released by the operating system or the server if the process dies.
 */
async function startupLock(databaseUrl: string | undefined): Promise<() => Promise<void>> {
  if (dialectOf(databaseUrl) === 'postgresql') {
    const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
    client.on('error', () => undefined); // a dropped lock connection surfaces in the query below, or not at all
    await client.connect();
    try {
      await client.query(`set lock_timeout = ${STARTUP_LOCK_WAIT_MS}`);
      await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
    } catch (e) {
      await client.end().catch(() => undefined);
      throw new Error(
        `could not take the startup lock (another node migrating for too long?): ${(e as Error).message}`,
      );
    }
    return async () => {
      await client.query('select pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]).catch(() => undefined);
      await client.end().catch(() => undefined);
    };
  }
  const file = databaseUrl || DEFAULT_SQLITE_PATH;
  if (file === ':memory:') return async () => undefined;
  mkdirSync(dirname(file), { recursive: true });
  const lock = new Database(`${file}.startup-lock`, { timeout: 0 });
  const until = Date.now() + STARTUP_LOCK_WAIT_MS;
  for (;;) {
    try {
      lock.exec('begin exclusive');
      break;
    } catch (e) {
      if (
        !/SQLITE_BUSY|database is locked/i.test(
          String((e as Error).message) + String((e as { code?: string }).code),
        ) ||
        Date.now() > until
      ) {
        lock.close();
        throw new Error(`could not take the startup lock on ${file}.startup-lock: ${(e as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 50)); // wait without blocking the event loop
    }
  }
  return async () => {
    try {
      lock.exec('commit');
    } catch {
      /* already released */
    }
    lock.close();
  };
}
