// The initial schema for sqlite, generated from src/db/entities.ts (scripts/gen-migration.ts).
import { Migration } from '@mikro-orm/migrations';

export class SqliteMigration20261128000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table `permit_application` (`id` integer not null primary key autoincrement, `holder_id` integer not null, `applied_on` text not null, `accepted` integer not null, `issue_deadline` text null, `deadline_provisional` integer not null, `reasons` text not null, `open_slot` text null, `office_region_code` text not null, `actor` text not null, `created_at` text not null)',
    );
    this.addSql('create index `permit_application_holder_id_index` on `permit_application` (`holder_id`)');
    this.addSql(
      'create unique index `permit_application_open_slot_unique` on `permit_application` (`open_slot`)',
    );
    this.addSql(
      'create table `audit_entry` (`sequence` integer not null, `at` text not null, `actor` text not null, `role` text not null, `action` text not null, `subject` text null, `outcome` text not null, `prev_hash` text not null, `hash` text not null, primary key (`sequence`))',
    );
    this.addSql(
      'create table `confiscation` (`id` integer not null primary key autoincrement, `permit_id` integer not null, `confiscated_on` text not null, `reason` text not null, `actor` text not null, `created_at` text not null)',
    );
    this.addSql('create unique index `confiscation_permit_id_unique` on `confiscation` (`permit_id`)');
    this.addSql(
      'create table `eligibility_decision` (`decision_id` text not null, `entitlement_code` text not null, `as_of` text not null, `permit_id` integer null, `eligible` integer not null, `body` text not null, `actor` text not null, `role` text not null, `department` text null, `actor_region_code` text not null, `created_at` text not null, primary key (`decision_id`))',
    );
    this.addSql(
      'create index `eligibility_decision_permit_id_index` on `eligibility_decision` (`permit_id`)',
    );
    this.addSql(
      'create table `dependent` (`id` integer not null primary key autoincrement, `holder_id` integer not null, `citizen_id_number` text not null, `name` text not null, `birth_date` text not null, `actor` text not null, `created_at` text not null)',
    );
    this.addSql('create index `dependent_holder_id_index` on `dependent` (`holder_id`)');
    this.addSql(
      'create unique index `dependent_once_per_holder` on `dependent` (`holder_id`, `citizen_id_number`)',
    );
    this.addSql(
      'create table `endorsement` (`id` integer not null primary key autoincrement, `permit_id` integer not null, `year` integer not null, `endorsed_on` text not null, `extends_validity_through` text not null, `actor` text not null, `created_at` text not null)',
    );
    this.addSql('create index `endorsement_permit_id_index` on `endorsement` (`permit_id`)');
    this.addSql('create unique index `endorsement_one_per_window` on `endorsement` (`permit_id`, `year`)');
    this.addSql(
      'create table `entitlement` (`code` text not null, `kind` text not null, `article` integer not null, `clause` integer not null, `name_zh` text not null, `name_en` text not null, `department` text not null, `region_code` text not null, `effective_from` text not null, `effective_until` text null, `local` integer not null, `actor` text not null, `created_at` text not null, primary key (`code`))',
    );
    this.addSql(
      'create table `holder` (`id` integer not null primary key autoincrement, `citizen_id_number` text not null, `name` text not null, `name_key` text not null, `sex` text not null, `birth_date` text not null, `hukou_region_code` text not null, `hukou_address` text not null, `created_at` text not null)',
    );
    this.addSql('create unique index `holder_citizen_id_number_unique` on `holder` (`citizen_id_number`)');
    this.addSql(
      'create table `permit` (`id` integer not null primary key autoincrement, `holder_id` integer not null, `application_id` integer not null, `issued_on` text not null, `issuing_authority` text not null, `region_code` text not null, `actor` text not null, `created_at` text not null)',
    );
    this.addSql('create index `permit_holder_id_index` on `permit` (`holder_id`)');
    this.addSql('create unique index `permit_application_id_unique` on `permit` (`application_id`)');
    this.addSql(
      'create table `region` (`code` text not null, `name_zh` text not null, `kind` text not null, primary key (`code`))',
    );
    this.addSql(
      'create table `replacement_issue` (`id` integer not null primary key autoincrement, `request_id` integer not null, `permit_id` integer not null, `issued_on` text not null, `card_version` integer not null, `actor` text not null, `created_at` text not null)',
    );
    this.addSql(
      'create unique index `replacement_issue_request_id_unique` on `replacement_issue` (`request_id`)',
    );
    this.addSql('create index `replacement_issue_permit_id_index` on `replacement_issue` (`permit_id`)');
    this.addSql(
      'create unique index `replacement_card_version` on `replacement_issue` (`permit_id`, `card_version`)',
    );
    this.addSql(
      'create table `replacement_request` (`id` integer not null primary key autoincrement, `permit_id` integer not null, `kind` text not null, `reported_on` text not null, `deadline` text not null, `deadline_provisional` integer not null, `open_slot` text not null, `actor` text not null, `created_at` text not null)',
    );
    this.addSql('create index `replacement_request_permit_id_index` on `replacement_request` (`permit_id`)');
    this.addSql(
      'create unique index `replacement_request_open_slot_unique` on `replacement_request` (`open_slot`)',
    );
    this.addSql(
      'create table `residence_change` (`id` integer not null primary key autoincrement, `permit_id` integer not null, `holder_id` integer not null, `from_region_code` text not null, `to_region_code` text not null, `address` text not null, `changed_on` text not null, `change_registration` integer not null, `actor` text not null, `created_at` text not null)',
    );
    this.addSql('create index `residence_change_permit_id_index` on `residence_change` (`permit_id`)');
    this.addSql('create index `residence_change_holder_id_index` on `residence_change` (`holder_id`)');
    this.addSql(
      'create table `residence_record` (`id` integer not null primary key autoincrement, `holder_id` integer not null, `kind` text not null, `effective_on` text not null, `region_code` text not null, `address` text not null, `basis` text not null, `proof_kind` text null, `proof_reference` text null, `portrait_captured` integer not null, `office_region_code` text not null, `actor` text not null, `created_at` text not null)',
    );
    this.addSql('create index `residence_record_holder_id_index` on `residence_record` (`holder_id`)');
    this.addSql(
      'create table `violation` (`id` integer not null primary key autoincrement, `holder_id` integer null, `citizen_id_number` text not null, `article` integer not null, `clause` integer not null, `warning` integer not null, `fine_yuan` integer not null, `illegal_gains_yuan` integer not null, `occurred_on` text not null, `office_region_code` text not null, `actor` text not null, `created_at` text not null)',
    );
    this.addSql('create index `violation_holder_id_index` on `violation` (`holder_id`)');
    this.addSql('create index `violation_citizen_id_number_index` on `violation` (`citizen_id_number`)');
  }
}
