// The initial schema for postgresql, generated from src/db/entities.ts (scripts/gen-migration.ts).
import { Migration } from '@mikro-orm/migrations';

export class PostgresMigration20261128000000_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "permit_application" ("id" serial primary key, "holder_id" int not null, "applied_on" varchar(10) not null, "accepted" boolean not null, "issue_deadline" varchar(10) null, "deadline_provisional" boolean not null, "reasons" text not null, "open_slot" varchar(40) null, "office_region_code" varchar(6) not null, "actor" varchar(128) not null, "created_at" varchar(40) not null)',
    );
    this.addSql('create index "permit_application_holder_id_index" on "permit_application" ("holder_id")');
    this.addSql(
      'alter table "permit_application" add constraint "permit_application_open_slot_unique" unique ("open_slot")',
    );
    this.addSql(
      'create table "audit_entry" ("sequence" int not null, "at" varchar(40) not null, "actor" varchar(128) not null, "role" varchar(24) not null, "action" varchar(64) not null, "subject" varchar(128) null, "outcome" varchar(256) not null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null, constraint "audit_entry_pkey" primary key ("sequence"))',
    );
    this.addSql(
      'create table "confiscation" ("id" serial primary key, "permit_id" int not null, "confiscated_on" varchar(10) not null, "reason" varchar(512) not null, "actor" varchar(128) not null, "created_at" varchar(40) not null)',
    );
    this.addSql(
      'alter table "confiscation" add constraint "confiscation_permit_id_unique" unique ("permit_id")',
    );
    this.addSql(
      'create table "eligibility_decision" ("decision_id" varchar(36) not null, "entitlement_code" varchar(64) not null, "as_of" varchar(10) not null, "permit_id" int null, "eligible" boolean not null, "body" text not null, "actor" varchar(128) not null, "role" varchar(24) not null, "department" varchar(48) null, "actor_region_code" varchar(6) not null, "created_at" varchar(40) not null, constraint "eligibility_decision_pkey" primary key ("decision_id"))',
    );
    this.addSql(
      'create index "eligibility_decision_permit_id_index" on "eligibility_decision" ("permit_id")',
    );
    this.addSql(
      'create table "dependent" ("id" serial primary key, "holder_id" int not null, "citizen_id_number" varchar(18) not null, "name" varchar(256) not null, "birth_date" varchar(10) not null, "actor" varchar(128) not null, "created_at" varchar(40) not null)',
    );
    this.addSql('create index "dependent_holder_id_index" on "dependent" ("holder_id")');
    this.addSql(
      'alter table "dependent" add constraint "dependent_once_per_holder" unique ("holder_id", "citizen_id_number")',
    );
    this.addSql(
      'create table "endorsement" ("id" serial primary key, "permit_id" int not null, "year" int not null, "endorsed_on" varchar(10) not null, "extends_validity_through" varchar(10) not null, "actor" varchar(128) not null, "created_at" varchar(40) not null)',
    );
    this.addSql('create index "endorsement_permit_id_index" on "endorsement" ("permit_id")');
    this.addSql(
      'alter table "endorsement" add constraint "endorsement_one_per_window" unique ("permit_id", "year")',
    );
    this.addSql(
      'create table "entitlement" ("code" varchar(64) not null, "kind" varchar(16) not null, "article" int not null, "clause" int not null, "name_zh" varchar(256) not null, "name_en" varchar(256) not null, "department" varchar(48) not null, "region_code" varchar(6) not null, "effective_from" varchar(10) not null, "effective_until" varchar(10) null, "local" boolean not null, "actor" varchar(128) not null, "created_at" varchar(40) not null, constraint "entitlement_pkey" primary key ("code"))',
    );
    this.addSql(
      'create table "holder" ("id" serial primary key, "citizen_id_number" varchar(18) not null, "name" varchar(256) not null, "name_key" varchar(256) not null, "sex" varchar(6) not null, "birth_date" varchar(10) not null, "hukou_region_code" varchar(6) not null, "hukou_address" varchar(512) not null, "created_at" varchar(40) not null)',
    );
    this.addSql(
      'alter table "holder" add constraint "holder_citizen_id_number_unique" unique ("citizen_id_number")',
    );
    this.addSql(
      'create table "permit" ("id" serial primary key, "holder_id" int not null, "application_id" int not null, "issued_on" varchar(10) not null, "issuing_authority" varchar(64) not null, "region_code" varchar(6) not null, "actor" varchar(128) not null, "created_at" varchar(40) not null)',
    );
    this.addSql('create index "permit_holder_id_index" on "permit" ("holder_id")');
    this.addSql(
      'alter table "permit" add constraint "permit_application_id_unique" unique ("application_id")',
    );
    this.addSql(
      'create table "region" ("code" varchar(6) not null, "name_zh" varchar(32) not null, "kind" varchar(16) not null, constraint "region_pkey" primary key ("code"))',
    );
    this.addSql(
      'create table "replacement_issue" ("id" serial primary key, "request_id" int not null, "permit_id" int not null, "issued_on" varchar(10) not null, "card_version" int not null, "actor" varchar(128) not null, "created_at" varchar(40) not null)',
    );
    this.addSql(
      'alter table "replacement_issue" add constraint "replacement_issue_request_id_unique" unique ("request_id")',
    );
    this.addSql('create index "replacement_issue_permit_id_index" on "replacement_issue" ("permit_id")');
    this.addSql(
      'alter table "replacement_issue" add constraint "replacement_card_version" unique ("permit_id", "card_version")',
    );
    this.addSql(
      'create table "replacement_request" ("id" serial primary key, "permit_id" int not null, "kind" varchar(8) not null, "reported_on" varchar(10) not null, "deadline" varchar(10) not null, "deadline_provisional" boolean not null, "open_slot" varchar(40) not null, "actor" varchar(128) not null, "created_at" varchar(40) not null)',
    );
    this.addSql('create index "replacement_request_permit_id_index" on "replacement_request" ("permit_id")');
    this.addSql(
      'alter table "replacement_request" add constraint "replacement_request_open_slot_unique" unique ("open_slot")',
    );
    this.addSql(
      'create table "residence_change" ("id" serial primary key, "permit_id" int not null, "holder_id" int not null, "from_region_code" varchar(6) not null, "to_region_code" varchar(6) not null, "address" varchar(512) not null, "changed_on" varchar(10) not null, "change_registration" boolean not null, "actor" varchar(128) not null, "created_at" varchar(40) not null)',
    );
    this.addSql('create index "residence_change_permit_id_index" on "residence_change" ("permit_id")');
    this.addSql('create index "residence_change_holder_id_index" on "residence_change" ("holder_id")');
    this.addSql(
      'create table "residence_record" ("id" serial primary key, "holder_id" int not null, "kind" varchar(16) not null, "effective_on" varchar(10) not null, "region_code" varchar(6) not null, "address" varchar(512) not null, "basis" varchar(128) not null, "proof_kind" varchar(128) null, "proof_reference" varchar(256) null, "portrait_captured" boolean not null, "office_region_code" varchar(6) not null, "actor" varchar(128) not null, "created_at" varchar(40) not null)',
    );
    this.addSql('create index "residence_record_holder_id_index" on "residence_record" ("holder_id")');
    this.addSql(
      'create table "violation" ("id" serial primary key, "holder_id" int null, "citizen_id_number" varchar(18) not null, "article" int not null, "clause" int not null, "warning" boolean not null, "fine_yuan" int not null, "illegal_gains_yuan" int not null, "occurred_on" varchar(10) not null, "office_region_code" varchar(6) not null, "actor" varchar(128) not null, "created_at" varchar(40) not null)',
    );
    this.addSql('create index "violation_holder_id_index" on "violation" ("holder_id")');
    this.addSql('create index "violation_citizen_id_number_index" on "violation" ("citizen_id_number")');
  }
}
