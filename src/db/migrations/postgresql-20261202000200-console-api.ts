// The API the console's pages need (issue 11, item 0): indexes for the audit log's filters.
import { Migration } from '@mikro-orm/migrations';

export class PostgresMigration20261202000200_console_api extends Migration {
  override async up(): Promise<void> {
    // auditLog(action | role | subject | date range): each filter reads its own index in sequence order
    this.addSql('create index "audit_entry_action_index" on "audit_entry" ("action", "sequence")');
    this.addSql('create index "audit_entry_role_index" on "audit_entry" ("role", "sequence")');
    this.addSql('create index "audit_entry_subject_index" on "audit_entry" ("subject", "sequence")');
    this.addSql('create index "audit_entry_at_index" on "audit_entry" ("at", "sequence")');
  }
}
