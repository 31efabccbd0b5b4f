/**
 * Prepared statements for the hot path (issue 8): the reads of a verification and the writes of a
 * decision group, each written once per engine with a fixed text whatever the number of rows (lists
 * travel as one parameter: a JSON array on SQLite, `json_each`; a PostgreSQL array, `= any(...)` or
 * `unnest`), so that each is compiled once per connection and then only executed:
 *   SQLite      better-sqlite3 `db.prepare` once, the statement kept with its connection
 *   PostgreSQL  a named prepared statement (`pg`'s `{ name, text, values }`), parsed once per connection
 * They run on the ORM's own connections (its transaction's when `em` is in one, else one taken from
 * its pool for the statement) and are logged through its query logger like every other statement.
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { Database, Statement as SqliteStatement } from 'better-sqlite3';

export type Row = Record<string, unknown>;

/** A statement in both dialects; `?` placeholders in both (numbered for PostgreSQL here). */
export interface Statement {
  readonly sqlite: string;
  readonly pg: string;
  /** the name of the PostgreSQL prepared statement */
  readonly name: string;
}

export function statement(sql: { sqlite: string; pg?: string }): Statement {
  let n = 0;
  const pg = (sql.pg ?? sql.sqlite).replace(/\?/g, () => `$${(n += 1)}`);
  return {
    sqlite: sql.sqlite,
    pg,
    name: `gw_${createHash('sha1').update(pg).digest('hex').slice(0, 16)}`,
  };
}

interface PgClient {
  query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: Row[] }>;
  query(text: string): Promise<{ rows: Row[] }>;
}

/** A connection of the ORM's pool, seen by engine. */
type Conn = { readonly pg: false; readonly db: Database } | { readonly pg: true; readonly client: PgClient };

interface KnexClient {
  acquireConnection(): Promise<unknown>;
  releaseConnection(c: unknown): Promise<void>;
}

interface LoggingConnection {
  getKnex(): { client: KnexClient };
  logQuery(query: string, context?: { took?: number; results?: number; level?: 'error' }): void;
}

const prepared = new WeakMap<Database, Map<string, SqliteStatement>>();

function sqliteStatement(db: Database, sql: string): SqliteStatement {
  let cache = prepared.get(db);
  if (!cache) {
    cache = new Map();
    prepared.set(db, cache);
  }
  let st = cache.get(sql);
  if (!st) {
    st = db.prepare(sql);
    cache.set(sql, st);
  }
  return st;
}

export function isPostgres(em: EntityManager): boolean {
  return em.getPlatform().constructor.name.startsWith('PostgreSql');
}

function asConn(em: EntityManager, raw: unknown): Conn {
  return isPostgres(em) ? { pg: true, client: raw as PgClient } : { pg: false, db: raw as Database };
}

/** Runs one statement on a connection (logged as the ORM logs its own). */
async function run(
  log: LoggingConnection,
  conn: Conn,
  st: Statement | string,
  params: readonly unknown[],
): Promise<Row[]> {
  const started = Date.now();
  const text = typeof st === 'string' ? st : conn.pg ? st.pg : st.sqlite;
  try {
    let rows: Row[];
    if (conn.pg) {
      rows =
        typeof st === 'string'
          ? (await conn.client.query(st)).rows
          : (await conn.client.query({ name: st.name, text, values: [...params] })).rows;
    } else {
      const prepared = sqliteStatement(conn.db, text);
      if (prepared.reader) rows = prepared.all(...params) as Row[];
      else {
        prepared.run(...params);
        rows = [];
      }
    }
    log.logQuery(text, { took: Date.now() - started, results: rows.length });
    return rows;
  } catch (e) {
    log.logQuery(text, { took: Date.now() - started, level: 'error' });
    throw e;
  }
}

function loggingConnection(em: EntityManager): LoggingConnection {
  return em.getConnection() as unknown as LoggingConnection;
}

/**
 * SQLite: the pool's one connection, seen the first time it was taken from the pool. A read outside
 * a transaction runs on it at once while no transaction is open on it (`inTransaction`): a statement
 * of better-sqlite3 runs whole, synchronously, so it cannot land inside a transaction begun meanwhile;
 * while one is open it waits its turn through the pool, as before (issue 8: the pool's acquire and
 * release were a tenth of a check's own work). Each statement then sees what is committed when it
 * runs, as a statement outside a transaction does on PostgreSQL.
 */
const sqliteConnections = new WeakMap<KnexClient, Database>();

/** One statement outside a transaction on SQLite: at once on the idle connection, else through the pool. */
async function runOutsideTransaction(
  log: LoggingConnection,
  client: KnexClient,
  db: Database,
  st: Statement,
  params: readonly unknown[],
): Promise<Row[]> {
  if (db.open && !db.inTransaction) return run(log, { pg: false, db }, st, params);
  const raw = await client.acquireConnection();
  try {
    return await run(log, { pg: false, db: raw as Database }, st, params);
  } finally {
    await client.releaseConnection(raw);
  }
}

/**
 * Several statements on one connection of `em` (not a transaction of their own): its transaction's
 * when it is in one, else one taken from the pool for them and given back after (on SQLite, the
 * one connection, used at once while it is idle: see `sqliteConnections`).
 */
export async function connection<T>(em: EntityManager, work: (sql: Sql) => Promise<T>): Promise<T> {
  const log = loggingConnection(em);
  const trx = em.getTransactionContext<{ client: KnexClient }>();
  const client = trx ? trx.client : log.getKnex().client;
  const seen = trx ? undefined : sqliteConnections.get(client);
  if (seen)
    return work({ pg: false, query: (st, params) => runOutsideTransaction(log, client, seen, st, params) });
  const raw = await client.acquireConnection();
  const conn = asConn(em, raw);
  if (!trx && !conn.pg) sqliteConnections.set(client, conn.db);
  try {
    return await work({ pg: conn.pg, query: (st, params) => run(log, conn, st, params) });
  } finally {
    await client.releaseConnection(raw);
  }
}

/** One statement on `em`'s connection (see `connection`). */
export async function query(em: EntityManager, st: Statement, params: readonly unknown[]): Promise<Row[]> {
  return connection(em, (sql) => sql.query(st, params));
}

/** Where statements run: a transaction of this module's own, or an EntityManager (`on(em)`). */
export interface Sql {
  readonly pg: boolean;
  query(st: Statement, params: readonly unknown[]): Promise<Row[]>;
}

/** The statements of `em`: in its transaction when it is in one, each on a connection of its own otherwise. */
export function on(em: EntityManager): Sql {
  return { pg: isPostgres(em), query: (st, params) => query(em, st, params) };
}

/** Either an EntityManager or statements already on a connection. */
export type Target = EntityManager | Sql;

export function sqlOf(target: Target): Sql {
  return 'getConnection' in target ? on(target) : target;
}

/**
 * Begins, runs `work`, commits; rolls back when `work` or the commit fails. On SQLite `begin
 * immediate` takes the write lock at once (the pool has the one connection, so nothing else runs on
 * it meanwhile); on PostgreSQL an ordinary `begin`.
 */
export async function transaction<T>(em: EntityManager, work: (tx: Sql) => Promise<T>): Promise<T> {
  const log = loggingConnection(em);
  const client = log.getKnex().client;
  const raw = await client.acquireConnection();
  const conn = asConn(em, raw);
  try {
    await run(log, conn, conn.pg ? 'begin' : 'begin immediate', []);
    try {
      const result = await work({ pg: conn.pg, query: (st, params) => run(log, conn, st, params) });
      await run(log, conn, 'commit', []);
      return result;
    } catch (e) {
      await run(log, conn, 'rollback', []).catch(() => undefined);
      throw e;
    }
  } finally {
    await client.releaseConnection(raw);
  }
}

/**
 * A statement over a list of values, in two fixed texts: `many` takes the list as one parameter
 * (`in (select value from json_each(?))`, `= any(?::type[])`), `one` takes a single value (`= ?`).
 * A check asks about one holder, one entitlement, mostly one permit: PostgreSQL plans a named
 * statement whose parameter is an array afresh at every run (its generic plan, costed for an array
 * of unknown length, never looks cheaper), but keeps the plan of the one-value text after a few
 * runs: half the server's CPU for a check's reads (issue 8). On SQLite `= ?` skips `json_each`.
 */
export interface ListStatement {
  readonly one: Statement;
  readonly many: Statement;
}

/** `text(cond)` with `cond` the condition on the list (`= ?` or the list form), `pgType` its values' type. */
export function listStatement(text: (cond: string) => string, pgType: 'int' | 'text'): ListStatement {
  return {
    one: statement({ sqlite: text('= ?'), pg: text(`= ?::${pgType}`) }),
    many: statement({
      sqlite: text('in (select value from json_each(?))'),
      pg: text(`= any(?::${pgType}[])`),
    }),
  };
}

/** Runs a list statement with `values` (the text for one value when there is one), the list `uses` times in it. */
export function queryList(sql: Sql, st: ListStatement, values: readonly unknown[], uses = 1): Promise<Row[]> {
  const one = values.length === 1;
  const param = one ? values[0] : listParam(sql.pg, values);
  return sql.query(
    one ? st.one : st.many,
    Array.from({ length: uses }, () => param),
  );
}

/** A list as one parameter: a JSON array for `json_each(?)` (SQLite), the array itself for PostgreSQL. */
function listParam(pg: boolean, values: readonly unknown[]): unknown {
  return pg ? [...values] : JSON.stringify(values);
}

/** Rows as columns, for PostgreSQL's `unnest(?::type[], ...)`: one array parameter per column. */
export function columnsOf(rows: readonly (readonly unknown[])[], width = rows[0]?.length ?? 0): unknown[][] {
  return Array.from({ length: width }, (_, c) => rows.map((r) => r[c]));
}
