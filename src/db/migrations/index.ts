/** Checked-in migrations, listed explicitly so they run the same from tsc output and under vitest. */
import type { MigrationObject } from '@mikro-orm/core';
import { SqliteMigration20261128000000_initial } from './sqlite-20261128000000-initial';
import { PostgresMigration20261128000000_initial } from './postgresql-20261128000000-initial';
import { SqliteMigration20261201000100_holders_share_codes } from './sqlite-20261201000100-holders-share-codes';
import { PostgresMigration20261201000100_holders_share_codes } from './postgresql-20261201000100-holders-share-codes';
import { SqliteMigration20261201000200_decision_lists } from './sqlite-20261201000200-decision-lists';
import { PostgresMigration20261201000200_decision_lists } from './postgresql-20261201000200-decision-lists';
import { SqliteMigration20261201000300_derived_dates } from './sqlite-20261201000300-derived-dates';
import { PostgresMigration20261201000300_derived_dates } from './postgresql-20261201000300-derived-dates';
import { SqliteMigration20261202000100_compact_reasons } from './sqlite-20261202000100-compact-reasons';
import { PostgresMigration20261202000100_compact_reasons } from './postgresql-20261202000100-compact-reasons';
import { SqliteMigration20261202000200_console_api } from './sqlite-20261202000200-console-api';
import { PostgresMigration20261202000200_console_api } from './postgresql-20261202000200-console-api';

export const SQLITE_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261128000000_initial', class: SqliteMigration20261128000000_initial },
  {
    name: 'Migration20261201000100_holders_share_codes',
    class: SqliteMigration20261201000100_holders_share_codes,
  },
  { name: 'Migration20261201000200_decision_lists', class: SqliteMigration20261201000200_decision_lists },
  { name: 'Migration20261201000300_derived_dates', class: SqliteMigration20261201000300_derived_dates },
  { name: 'Migration20261202000100_compact_reasons', class: SqliteMigration20261202000100_compact_reasons },
  { name: 'Migration20261202000200_console_api', class: SqliteMigration20261202000200_console_api },
];
export const POSTGRES_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261128000000_initial', class: PostgresMigration20261128000000_initial },
  {
    name: 'Migration20261201000100_holders_share_codes',
    class: PostgresMigration20261201000100_holders_share_codes,
  },
  { name: 'Migration20261201000200_decision_lists', class: PostgresMigration20261201000200_decision_lists },
  { name: 'Migration20261201000300_derived_dates', class: PostgresMigration20261201000300_derived_dates },
  { name: 'Migration20261202000100_compact_reasons', class: PostgresMigration20261202000100_compact_reasons },
  { name: 'Migration20261202000200_console_api', class: PostgresMigration20261202000200_console_api },
];
