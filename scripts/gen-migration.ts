// Writes the initial migration of each dialect from the entity definitions:
//   npx vitest run scripts is not used; run: npx tsx-free -> `node dist/scripts/gen-migration.js <sqlite|postgresql> <url>`
import { initORM } from '../src/db/orm';

async function main() {
  const [dialect, url] = process.argv.slice(2);
  const orm = await initORM({ databaseUrl: dialect === 'postgresql' ? url : ':memory:', migrate: false });
  const sql = await orm.schema.getCreateSchemaSQL({ wrap: false });
  process.stdout.write(sql);
  await orm.close(true);
}
void main();
