/** Checked-in migrations, listed explicitly so they run the same from tsc output and under vitest. */
import type { MigrationObject } from '@mikro-orm/core';
import { SqliteMigration20261128000000_initial } from './sqlite-20261128000000-initial';
import { PostgresMigration20261128000000_initial } from './postgresql-20261128000000-initial';

export const SQLITE_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261128000000_initial', class: SqliteMigration20261128000000_initial },
];
export const POSTGRES_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261128000000_initial', class: PostgresMigration20261128000000_initial },
];
