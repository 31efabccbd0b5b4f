/**
 * Writes the initial migration of each dialect from src/db/entities.ts:
 *   npx tsc -p tsconfig.bench.json --outDir .gen-out && node .gen-out/scripts/gen-migration.js postgresql://postgres@127.0.0.1:5432/postgres
 * (PostgreSQL's DDL is read from a scratch database made and dropped through the given admin URL.)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { initORM } from '../src/db/orm';

const DIR = join(__dirname, '..', '..', 'src', 'db', 'migrations');
const STAMP = '20261128000000';

async function ddl(databaseUrl: string): Promise<string[]> {
  const orm = await initORM({ databaseUrl, migrate: false });
  const sql = await orm.schema.getCreateSchemaSQL({ wrap: false });
  await orm.close(true);
  return sql
    .split(';\n')
    .map((x) => x.trim().replace(/;$/, ''))
    .filter(Boolean);
}

function write(dialect: 'sqlite' | 'postgresql', statements: string[]) {
  const cls = `${dialect === 'sqlite' ? 'Sqlite' : 'Postgres'}Migration${STAMP}_initial`;
  const body = statements.map((st) => `    this.addSql(${JSON.stringify(st)});`).join('\n');
  writeFileSync(
    join(DIR, `${dialect}-${STAMP}-initial.ts`),
    `// The initial schema for ${dialect}, generated from src/db/entities.ts (scripts/gen-migration.ts).\nimport { Migration } from '@mikro-orm/migrations';\n\nexport class ${cls} extends Migration {\n  override async up(): Promise<void> {\n${body}\n  }\n}\n`,
  );
}

async function main() {
  const admin = process.argv[2] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  write('sqlite', await ddl(':memory:'));
  const c = new Client({ connectionString: admin });
  await c.connect();
  await c.query('drop database if exists gw_migration_scratch');
  await c.query('create database gw_migration_scratch');
  try {
    write('postgresql', await ddl(admin.replace(/\/[^/]*$/, '/gw_migration_scratch')));
  } finally {
    await c.query('drop database if exists gw_migration_scratch with (force)');
    await c.end();
  }
}
void main();
