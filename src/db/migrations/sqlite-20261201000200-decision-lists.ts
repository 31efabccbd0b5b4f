// Indexes for the decision lists (src/db/decisions.ts): each list is an index range in (created_at, decision_id) order.
import { Migration } from '@mikro-orm/migrations';

export class SqliteMigration20261201000200_decision_lists extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create index `eligibility_decision_permit_created` on `eligibility_decision` (`permit_id`, `created_at`, `decision_id`)',
    );
    // the new index starts with permit_id: the single-column one is redundant
    this.addSql('drop index if exists `eligibility_decision_permit_id_index`');
    this.addSql(
      'create index `eligibility_decision_office_created` on `eligibility_decision` (`role`, `actor_region_code`, `created_at`, `decision_id`)',
    );
    this.addSql(
      'create index `eligibility_decision_department_created` on `eligibility_decision` (`department`, `actor_region_code`, `created_at`, `decision_id`)',
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists `eligibility_decision_department_created`');
    this.addSql('drop index if exists `eligibility_decision_office_created`');
    this.addSql(
      'create index `eligibility_decision_permit_id_index` on `eligibility_decision` (`permit_id`)',
    );
    this.addSql('drop index if exists `eligibility_decision_permit_created`');
  }
}
