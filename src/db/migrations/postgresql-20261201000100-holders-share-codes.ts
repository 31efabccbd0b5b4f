// Holders as callers and share codes (SPEC "Holders, consent and receipts"), for postgresql: whose
// ID number each decision asked about (holder_id, backfilled from the permit where one was found)
// and whether consent was given by code; the share_code table (codes kept only as keyed hashes).
import { Migration } from '@mikro-orm/migrations';

export class PostgresMigration20261201000100_holders_share_codes extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'alter table "eligibility_decision" add column "holder_id" int null, add column "by_share_code" boolean not null default false',
    );
    this.addSql(
      'update "eligibility_decision" d set "holder_id" = p."holder_id" from "permit" p where p."id" = d."permit_id"',
    );
    this.addSql(
      'create index "eligibility_decision_holder_newest_index" on "eligibility_decision" ("holder_id", "created_at", "decision_id")',
    );
    this.addSql(
      'create table "share_code" ("id" serial primary key, "holder_id" int not null, "code_hash" varchar(64) not null, "last_two" varchar(2) not null, "entitlement_code" varchar(64) null, "department" varchar(48) null, "expires_at" varchar(40) not null, "created_at" varchar(40) not null, "used_at" varchar(40) null, "used_decision_id" varchar(36) null, "revoked_at" varchar(40) null)',
    );
    this.addSql('create index "share_code_holder_id_index" on "share_code" ("holder_id")');
    this.addSql('alter table "share_code" add constraint "share_code_code_hash_unique" unique ("code_hash")');
  }
}
