// The API the console's pages need (issue 11, item 0): indexes for the audit log's filters; the
// end of a local entitlement as an act of its own; a name-prefix index for searchHolders.
import { Migration } from '@mikro-orm/migrations';

export class PostgresMigration20261202000200_console_api extends Migration {
  override async up(): Promise<void> {
    // auditLog(action | role | subject | date range): each filter reads its own index in sequence order
    this.addSql('create index "audit_entry_action_index" on "audit_entry" ("action", "sequence")');
    this.addSql('create index "audit_entry_role_index" on "audit_entry" ("role", "sequence")');
    this.addSql('create index "audit_entry_subject_index" on "audit_entry" ("subject", "sequence")');
    this.addSql('create index "audit_entry_at_index" on "audit_entry" ("at", "sequence")');
    // Art. 18(12)/19(6): ending a local item is an act of its own (the latest one counts)
    this.addSql(
      'create table "entitlement_end" ("id" serial primary key, "entitlement_code" varchar(64) not null, "effective_until" varchar(10) not null, "actor" varchar(128) not null, "created_at" varchar(40) not null)',
    );
    this.addSql(
      'create index "entitlement_end_latest_index" on "entitlement_end" ("entitlement_code", "id")',
    );
    // searchHolders: a name prefix as a range in byte order, whatever the database's locale
    this.addSql('create index "holder_name_key_prefix_index" on "holder" ("name_key" collate "C", "id")');
  }
}
