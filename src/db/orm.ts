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
import { dirname } from 'node:path';
import { ENTITIES } from './entities';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';

export type Dialect = 'sqlite' | 'postgresql';

export const DEFAULT_SQLITE_PATH = 'data/gateway.sqlite';

export function dialectOf(databaseUrl: string | undefined): Dialect {
  return databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl) ? 'postgresql' : 'sqlite';
}

/** Where files kept with the data live (the development receipt key): beside the SQLite file, else data/. */
export function dataDirFor(databaseUrl: string | undefined): string {
  const file = databaseUrl || DEFAULT_SQLITE_PATH;
  return dialectOf(databaseUrl) === 'sqlite' && file !== ':memory:' ? dirname(file) : dirname(DEFAULT_SQLITE_PATH);
}

export interface OrmOverrides {
  databaseUrl?: string;
  /** receives each SQL statement (tests count them) */
  onQuery?: (sql: string) => void;
  /** skip migrations (the migration generator uses it) */
  migrate?: boolean;
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
    logger: o.onQuery
      ? (message: string) => o.onQuery!(message)
      : () => undefined,
    migrations: {
      migrationsList: dialect === 'sqlite' ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
  };
  if (dialect === 'postgresql') {
    return { ...common, driver: PostgreSqlDriver, clientUrl: o.databaseUrl, pool: { min: 0, max: 10 } } as Options;
  }
  const file = o.databaseUrl || DEFAULT_SQLITE_PATH;
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return { ...common, driver: BetterSqliteDriver, dbName: file } as Options;
}

/** Boots the ORM and brings the schema up to date. */
export async function initORM(o: OrmOverrides = {}): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions(o));
  if (dialectOf(o.databaseUrl) === 'sqlite') {
    // WAL: readers do not wait for the writer; busy_timeout: concurrent writers queue, not fail.
    const conn = orm.em.getConnection() as unknown as { execute(sql: string): Promise<unknown> };
    await conn.execute('pragma journal_mode = wal');
    await conn.execute('pragma busy_timeout = 5000');
    await conn.execute('pragma synchronous = normal');
  }
  if (o.migrate !== false) await orm.getMigrator().up();
  return orm;
}
