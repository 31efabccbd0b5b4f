// Dates derived from the calendar are no longer stored (SPEC "Holiday notices": computed from the
// acts and the calendar in force); calendar-free columns and indexes for the paged lists.
import { Migration } from '@mikro-orm/migrations';

export class PostgresMigration20261201000300_derived_dates extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'alter table "permit_application" drop column "issue_deadline", drop column "deadline_provisional"',
    );
    this.addSql(
      'alter table "replacement_request" drop column "deadline", drop column "deadline_provisional"',
    );
    this.addSql('alter table "endorsement" drop column "extends_validity_through"');
    this.addSql('alter table "permit" add column "issue_month_day" varchar(5) not null default \'\'');
    this.addSql('update "permit" set "issue_month_day" = substr("issued_on", 6, 5)');
    this.addSql('alter table "permit" alter column "issue_month_day" drop default');
    this.addSql('create index "permit_issue_month_day_index" on "permit" ("issue_month_day", "id")');
    this.addSql(
      'create index "permit_application_open_applied_on_index" on "permit_application" ("applied_on", "id") where "open_slot" is not null',
    );
    this.addSql(
      'create index "residence_record_holder_current_index" on "residence_record" ("holder_id", "effective_on", "id")',
    );
    this.addSql(
      'create index "residence_change_permit_on_index" on "residence_change" ("permit_id", "changed_on", "id")',
    );
  }
}
