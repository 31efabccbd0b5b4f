// Holders as callers and share codes (SPEC "Holders, consent and receipts"), for sqlite: whose ID
// number each decision asked about (holder_id, backfilled from the permit where one was found) and
// whether consent was given by code; the share_code table (codes kept only as keyed hashes).
import { Migration } from '@mikro-orm/migrations';

export class SqliteMigration20261201000100_holders_share_codes extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table `eligibility_decision` add column `holder_id` integer null');
    this.addSql(
      'alter table `eligibility_decision` add column `by_share_code` integer not null default false',
    );
    this.addSql(
      'update `eligibility_decision` set `holder_id` = (select `p`.`holder_id` from `permit` `p` where `p`.`id` = `eligibility_decision`.`permit_id`) where `permit_id` is not null',
    );
    this.addSql(
      'create index `eligibility_decision_holder_newest_index` on `eligibility_decision` (`holder_id`, `created_at`, `decision_id`)',
    );
    this.addSql(
      'create table `share_code` (`id` integer not null primary key autoincrement, `holder_id` integer not null, `code_hash` text not null, `last_two` text not null, `entitlement_code` text null, `department` text null, `expires_at` text not null, `created_at` text not null, `used_at` text null, `used_decision_id` text null, `revoked_at` text null)',
    );
    this.addSql('create index `share_code_holder_id_index` on `share_code` (`holder_id`)');
    this.addSql('create unique index `share_code_code_hash_unique` on `share_code` (`code_hash`)');
  }
}
