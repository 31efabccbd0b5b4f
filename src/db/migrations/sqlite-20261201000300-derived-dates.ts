// Dates derived from the calendar are no longer stored (SPEC "Holiday notices": computed from the
// acts and the calendar in force); calendar-free columns and indexes for the paged lists.
import { Migration } from '@mikro-orm/migrations';

export class SqliteMigration20261201000300_derived_dates extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table `permit_application` drop column `issue_deadline`');
    this.addSql('alter table `permit_application` drop column `deadline_provisional`');
    this.addSql('alter table `replacement_request` drop column `deadline`');
    this.addSql('alter table `replacement_request` drop column `deadline_provisional`');
    this.addSql('alter table `endorsement` drop column `extends_validity_through`');
    // SQLite adds a not-null column only with a default; the table is rebuilt so that it has none,
    // as the entity says (a permit always states its issue month-day)
    this.addSql(
      'create table `permit__new` (`id` integer not null primary key autoincrement, `holder_id` integer not null, `application_id` integer not null, `issued_on` text not null, `issue_month_day` text not null, `issuing_authority` text not null, `region_code` text not null, `actor` text not null, `created_at` text not null)',
    );
    this.addSql(
      'insert into `permit__new` select `id`, `holder_id`, `application_id`, `issued_on`, substr(`issued_on`, 6, 5), `issuing_authority`, `region_code`, `actor`, `created_at` from `permit`',
    );
    this.addSql('drop table `permit`');
    this.addSql('alter table `permit__new` rename to `permit`');
    this.addSql('create index `permit_holder_id_index` on `permit` (`holder_id`)');
    this.addSql('create unique index `permit_application_id_unique` on `permit` (`application_id`)');
    this.addSql('create index `permit_issue_month_day_index` on `permit` (`issue_month_day`, `id`)');
    this.addSql(
      'create index `permit_application_open_applied_on_index` on `permit_application` (`applied_on`, `id`) where `open_slot` is not null',
    );
    this.addSql(
      'create index `residence_record_holder_current_index` on `residence_record` (`holder_id`, `effective_on`, `id`)',
    );
    this.addSql(
      'create index `residence_change_permit_on_index` on `residence_change` (`permit_id`, `changed_on`, `id`)',
    );
  }
}
