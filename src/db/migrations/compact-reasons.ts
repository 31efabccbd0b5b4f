// Shared by migration 20261202000100 on both engines: rewrites the reasons of applications and the
// bodies of decisions from JSON to the compact form (src/db/reasons.ts), a chunk of rows at a time
// in key order, so no table is ever held in memory. A row the compact form would not give back
// exactly (see compactReasons, compactDecisionBody) is left as it is; it is still read correctly.
import { compactDecisionBody, compactReasons } from '../reasons';

type Execute = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** Rows read and rewritten per statement (two parameters per rewritten row). */
export const CHUNK_ROWS = 500;

const bool = (v: unknown) => v === true || v === 1 || v === '1' || v === 't';

/**
 * `update table set column = new.value from (values (key, value), ...) new where table.key = new.key`
 * in each engine's words (SQLite 3.33+ has UPDATE … FROM; its VALUES columns are column1, column2).
 */
function rewrite(
  dialect: 'sqlite' | 'postgresql',
  table: string,
  key: string,
  keyType: string,
  column: string,
) {
  return (n: number) => {
    if (dialect === 'sqlite') {
      const values = Array.from({ length: n }, () => '(?, ?)').join(', ');
      return `update \`${table}\` set \`${column}\` = v.column2 from (values ${values}) as v where \`${table}\`.\`${key}\` = v.column1`;
    }
    const values = Array.from({ length: n }, () => `(?::${keyType}, ?::text)`).join(', ');
    return `update "${table}" set "${column}" = v.value from (values ${values}) as v (key, value) where "${table}"."${key}" = v.key`;
  };
}

export async function compactStoredReasons(
  execute: Execute,
  dialect: 'sqlite' | 'postgresql',
): Promise<{ applications: number; decisions: number }> {
  const q = (name: string) => (dialect === 'sqlite' ? `\`${name}\`` : `"${name}"`);
  let applications = 0;
  const updateApplications = rewrite(dialect, 'permit_application', 'id', 'int', 'reasons');
  for (let after = 0; ;) {
    const rows = await execute(
      `select ${q('id')}, ${q('reasons')} from ${q('permit_application')} where ${q('id')} > ? order by ${q('id')} limit ?`,
      [after, CHUNK_ROWS],
    );
    if (rows.length === 0) break;
    after = Number(rows[rows.length - 1].id);
    const changed = rows.flatMap((r) => {
      const compact = compactReasons(String(r.reasons));
      return compact === null ? [] : [[Number(r.id), compact]];
    });
    if (changed.length > 0) await execute(updateApplications(changed.length), changed.flat());
    applications += changed.length;
  }
  let decisions = 0;
  const updateDecisions = rewrite(dialect, 'eligibility_decision', 'decision_id', 'varchar', 'body');
  const cols = ['decision_id', 'eligible', 'entitlement_code', 'as_of', 'created_at', 'department', 'body'];
  for (let after = ''; ;) {
    const rows = await execute(
      `select ${cols.map(q).join(', ')} from ${q('eligibility_decision')} where ${q('decision_id')} > ? order by ${q('decision_id')} limit ?`,
      [after, CHUNK_ROWS],
    );
    if (rows.length === 0) break;
    after = String(rows[rows.length - 1].decision_id);
    const changed = rows.flatMap((r) => {
      const compact = compactDecisionBody({
        decisionId: String(r.decision_id),
        eligible: bool(r.eligible),
        entitlementCode: String(r.entitlement_code),
        asOf: String(r.as_of),
        createdAt: String(r.created_at),
        department: r.department == null ? null : (r.department as string),
        body: String(r.body),
      });
      return compact === null ? [] : [[String(r.decision_id), compact]];
    });
    if (changed.length > 0) await execute(updateDecisions(changed.length), changed.flat());
    decisions += changed.length;
  }
  return { applications, decisions };
}
