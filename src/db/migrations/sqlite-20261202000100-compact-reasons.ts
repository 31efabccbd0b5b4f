// Reasons stored compactly (issue 8, "Storage that fits the data"), for sqlite: the reasons of
// applications and the bodies of decisions become codes, variants and data (src/db/reasons.ts);
// the texts and citations come from the registry. No column changes: the rows are rewritten in
// chunks (compact-reasons.ts). The audit chain does not hash reasons, so it is untouched.
import { Migration } from '@mikro-orm/migrations';
import { compactStoredReasons } from './compact-reasons';

export class SqliteMigration20261202000100_compact_reasons extends Migration {
  override async up(): Promise<void> {
    await compactStoredReasons((sql, params) => this.execute(sql, params), 'sqlite');
  }
}
