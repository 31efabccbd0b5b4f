/**
 * Issue 11, "Done when": every mutation and query of the contract is reachable from the console by
 * the roles that may call it. The root fields are the emitted schema's (schema/schema.graphql); the
 * roles that may call each come from the gateway's own shield rules (src/graphql/permissions.ts
 * ROOT_RULES: `may:<POWER>` rules through src/law's hasPower, `authenticated` for every role, and()
 * as the roles all its rules let through); the fields each page sends come from the console's own
 * sources (test/support/browser.ts consolePages: App.tsx's routes, each page's imports followed, every
 * graphql(`…`) document parsed); a page's roles are those of console/src/layout/pages.ts PAGES.
 * A field/role pair no page reaches must be in REASONS, with a sentence; no page may send a field
 * one of its roles may not call.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ROOT_RULES } from '../../src/graphql/permissions';
import { ROLES, hasPower, type Power, type Role } from '../../src/law';
import { PAGES } from '../../console/src/layout/pages';
import { consoleFiles, consolePages, operationsIn } from '../support/browser';
import { ROOT } from '../support/process';

type RootType = 'Query' | 'Mutation';

/**
 * The pairs no page reaches, and why: `field` for every role that may call it, `field@ROLE` for one.
 * Kept short and true; a reason no longer needed fails the test too (remove it).
 */
const REASONS: Readonly<Record<string, string>> = {
  verifyReceipt:
    '回执验证 (/console/verify-receipt) checks a receipt in the browser against /.well-known/jwks.json, without sign-in; the signed-in query is for other systems.',
  permitStatus:
    '资格核验 answers with the permit’s status and valid-through in every decision (EligibilityDecision.permit), recorded and receipted; the bare status look-up is for other systems.',
  'affectedDecisions@DEPARTMENT':
    '待复核 lists the department’s own positive decisions on permits confiscated since (decisionsToReview); a department knows no permit id to ask affectedDecisions with.',
  'entitlements@ADMIN':
    '地方事项 lists the region’s local items with localEntitlements (ended and future ones too); the catalogue in force on one day adds nothing to it.',
  'entitlements@AUDITOR': 'The auditor’s pages (审计日志, 校验审计链) show actions, not entitlements.',
  'regions@AUDITOR': 'The auditor’s pages filter by action, role and date, not by region.',
  'regions@DEPARTMENT': 'A department’s pages check and list decisions; none of them chooses a region.',
  'regions@HOLDER':
    'The holder’s pages show the holder’s own file, its region with it; the holder chooses none.',
};

/**
 * Operations a page sends for some of its roles only (`<page> <Operation>` → those roles, and where
 * the page decides it). Each is also covered by a browser test showing the other roles no such control.
 */
const ONLY_FOR: Readonly<Record<string, { roles: readonly Role[]; why: string }>> = {
  'holderFile SearchHolders': {
    roles: ['PUBLIC_SECURITY'],
    why: 'HolderFile.tsx shows 按姓名查找 to PUBLIC_SECURITY only (Art. 5 delegates registration and acceptance, not look-ups by name); test/browser/police-file.test.ts: the street office sees no search box',
  },
};

/** A shield rule as ROOT_RULES holds it: a named rule, or a logic rule holding `.rules`. */
interface ShieldRule {
  readonly name?: string;
  readonly rules?: readonly ShieldRule[];
  readonly constructor: { readonly name: string };
}

/** The roles a rule lets through, or `null` for a rule on the arguments only (inScope, a region check). */
function rolesOfRule(rule: ShieldRule): Set<Role> | null {
  if (rule.rules) {
    const parts = rule.rules.map(rolesOfRule);
    const deciding = parts.filter((p): p is Set<Role> => p !== null);
    if (deciding.length === 0) return null;
    switch (rule.constructor.name) {
      case 'RuleAnd':
      case 'RuleChain':
        return deciding.reduce((a, b) => new Set([...a].filter((r) => b.has(r))));
      case 'RuleOr':
      case 'RuleRace':
        return parts.includes(null) ? null : new Set(deciding.flatMap((p) => [...p]));
      default:
        throw new Error(`a ${rule.constructor.name} rule: not understood by this test`);
    }
  }
  if (rule.name === 'authenticated') return new Set(ROLES);
  const may = /^may:([A-Z_]+)$/.exec(rule.name ?? '');
  if (may) return new Set(ROLES.filter((r) => hasPower(r, may[1] as Power)));
  return null;
}

const schema = buildSchema(readFileSync(join(ROOT, 'schema', 'schema.graphql'), 'utf-8'));
const ROOT_FIELDS: { type: RootType; field: string }[] = (['Query', 'Mutation'] as const).flatMap((type) =>
  Object.keys((type === 'Query' ? schema.getQueryType() : schema.getMutationType())?.getFields() ?? {}).map(
    (field) => ({ type, field }),
  ),
);

/** Who may call each root field, by the gateway's own rules. */
const MAY_CALL = new Map<string, Set<Role>>(
  ROOT_FIELDS.map(({ type, field }) => {
    const rule = (ROOT_RULES[type] as unknown as Record<string, ShieldRule | undefined>)[field];
    if (!rule) return [field, new Set<Role>()]; // shield's fallback: deny
    const roles = rolesOfRule(rule);
    if (!roles) throw new Error(`${type}.${field}: its rule decides no role (no may:<POWER>)`);
    return [field, roles];
  }),
);

const pages = consolePages();
const rolesOfPage = (key: string): readonly Role[] => PAGES.find((p) => p.key === key)?.roles ?? [];
/** the roles for which a page sends an operation: the page's, or fewer where ONLY_FOR says so */
const rolesSending = (key: string, operation: string): readonly Role[] =>
  ONLY_FOR[`${key} ${operation}`]?.roles.filter((r) => rolesOfPage(key).includes(r)) ?? rolesOfPage(key);

/** `field@ROLE` for every root field a page sends and every role of that page */
const USED = new Set(
  pages.flatMap((page) =>
    page.operations.flatMap((op) =>
      op.rootFields.flatMap((field) => rolesSending(page.key, op.name).map((role) => `${field}@${role}`)),
    ),
  ),
);
/** every root field with every role its rule lets call it */
const PAIRS = ROOT_FIELDS.flatMap(({ type, field }) =>
  [...MAY_CALL.get(field)!].map((role) => ({ type, field, role, pair: `${field}@${role}` })),
);
const reasonFor = (p: { field: string; pair: string }): string | undefined =>
  [p.pair, p.field].find((k) => k in REASONS);

describe('every root field is reachable from the console by the roles that may call it', () => {
  it('reads the schema, the rules and the pages', () => {
    expect(ROOT_FIELDS.length).toBeGreaterThan(30);
    // every menu entry is routed to a file, and every routed key is a menu entry's
    expect(new Set(pages.map((p) => p.key))).toEqual(new Set(PAGES.map((p) => p.key)));
    expect(MAY_CALL.get('verifyEligibility')).toEqual(
      new Set(['DEPARTMENT', 'PUBLIC_SECURITY', 'DELEGATED_AGENCY']),
    );
    expect(MAY_CALL.get('confiscatePermit')).toEqual(new Set(['PUBLIC_SECURITY']));
    // every field the console sends is in the schema
    const unknown = pages.flatMap((p) =>
      p.operations.flatMap((o) => o.rootFields.filter((f) => !MAY_CALL.has(f)).map((f) => `${o.file}: ${f}`)),
    );
    expect(unknown).toEqual([]);
  });

  it('every operation of the console is sent by some page', () => {
    const reached = new Set(pages.flatMap((p) => p.files));
    const orphans = consoleFiles()
      .flatMap(operationsIn)
      .filter((o) => !reached.has(o.file))
      .map((o) => `${o.file}: ${o.name}`);
    expect(orphans, 'operations in files no page imports').toEqual([]);
  });

  it('each field/role pair the rules allow has a page of that role using it, or a stated reason', () => {
    const unreached = PAIRS.filter((p) => !USED.has(p.pair) && !reasonFor(p)).map(
      (p) => `${p.type}.${p.field} ${p.role}`,
    );
    expect(unreached, 'root field / role pairs no page of that role reaches (and no reason given)').toEqual(
      [],
    );
  });

  it('every reason is still needed: no page of that role uses the field', () => {
    const needed = new Set(PAIRS.filter((p) => !USED.has(p.pair)).map(reasonFor));
    const stale = Object.keys(REASONS).filter((k) => !needed.has(k));
    expect(stale, 'REASONS no longer needed (a page of that role uses the field now): remove them').toEqual(
      [],
    );
  });

  it('every ONLY_FOR entry names an operation its page sends', () => {
    const sent = new Set(pages.flatMap((p) => p.operations.map((o) => `${p.key} ${o.name}`)));
    expect(Object.keys(ONLY_FOR).filter((k) => !sent.has(k))).toEqual([]);
  });

  it('no page sends a field one of its roles may not call', () => {
    const wrong = pages.flatMap((page) =>
      page.operations.flatMap((op) =>
        op.rootFields.flatMap((field) =>
          rolesSending(page.key, op.name)
            .filter((role) => !MAY_CALL.get(field)?.has(role))
            .map((role) => `${page.key} (${op.file} ${op.name}): ${field} refused to ${role}`),
        ),
      ),
    );
    expect(wrong).toEqual([]);
  });
});
