// The API the console's pages need (issue 11, item 0): indexes for the audit log's filters; the
// end of a local entitlement as an act of its own; a name-prefix index for searchHolders.
import { Migration } from '@mikro-orm/migrations';

export class SqliteMigration20261202000200_console_api extends Migration {
  override async up(): Promise<void> {
    // auditLog(action | role | subject | date range): each filter reads its own index in sequence order
    this.addSql('create index `audit_entry_action_index` on `audit_entry` (`action`, `sequence`)');
    this.addSql('create index `audit_entry_role_index` on `audit_entry` (`role`, `sequence`)');
    this.addSql('create index `audit_entry_subject_index` on `audit_entry` (`subject`, `sequence`)');
    this.addSql('create index `audit_entry_at_index` on `audit_entry` (`at`, `sequence`)');
    // Art. 18(12)/19(6): ending a local item is an act of its own (the latest one counts)
    this.addSql(
      'create table `entitlement_end` (`id` integer not null primary key autoincrement, `entitlement_code` text not null, `effective_until` text not null, `actor` text not null, `created_at` text not null)',
    );
    this.addSql(
      'create index `entitlement_end_latest_index` on `entitlement_end` (`entitlement_code`, `id`)',
    );
    // searchHolders: a name prefix as a range in byte order (SQLite's BINARY collation)
    this.addSql('create index `holder_name_key_prefix_index` on `holder` (`name_key`, `id`)');
  }
}
