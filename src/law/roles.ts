/**
 * Who may do what (SPEC "Who uses the gateway"), as Articles 4, 5, 12, 20–22 assign powers. The
 * GraphQL permission layer reads this table; it answers "may this caller act?", never "is this
 * holder eligible?" (that needs a citation, so it is a decision in rules/eligibility.ts).
 */
import { cite, type Citation } from './articles';

/** The offices (staff of an authority, each with a region) and the permit holder (SPEC 2026-12), who has none. */
export type OfficeRole = 'PUBLIC_SECURITY' | 'DELEGATED_AGENCY' | 'DEPARTMENT' | 'AUDITOR' | 'ADMIN';
export type Role = OfficeRole | 'HOLDER';

export const OFFICE_ROLES: readonly OfficeRole[] = [
  'PUBLIC_SECURITY',
  'DELEGATED_AGENCY',
  'DEPARTMENT',
  'AUDITOR',
  'ADMIN',
];
export const ROLES: readonly Role[] = [...OFFICE_ROLES, 'HOLDER'];

export type Power =
  | 'READ_CATALOGUE'
  | 'VERIFY'
  | 'PERMIT_STATUS'
  | 'READ_PERSONAL_DATA'
  | 'SEARCH_HOLDERS'
  | 'READ_AFFECTED_DECISIONS'
  | 'READ_DECISIONS_MADE'
  | 'REVIEW_DECISIONS'
  | 'REGISTER_AND_ISSUE'
  | 'PENALISE'
  | 'AUDIT'
  | 'DEFINE_LOCAL_ENTITLEMENT'
  | 'READ_OWN_RECORDS'
  | 'SHARE_OWN_PERMIT'
  | 'VERIFY_BY_SHARE_CODE';

/** Each power and the roles that hold it, with the article that grants it. */
export const POWERS: Readonly<Record<Power, { roles: readonly Role[]; citation: Citation }>> = {
  READ_CATALOGUE: { roles: ROLES, citation: cite('18') },
  VERIFY: { roles: ['DEPARTMENT', 'PUBLIC_SECURITY', 'DELEGATED_AGENCY'], citation: cite('4.2') },
  PERMIT_STATUS: { roles: ['DEPARTMENT', 'PUBLIC_SECURITY', 'DELEGATED_AGENCY'], citation: cite('4.2') },
  READ_PERSONAL_DATA: { roles: ['PUBLIC_SECURITY', 'DELEGATED_AGENCY'], citation: cite('22.1.4') },
  /** looking people up by name in the register public security keeps (Art. 4); not delegated (Art. 5) */
  SEARCH_HOLDERS: { roles: ['PUBLIC_SECURITY'], citation: cite('4.1') },
  READ_AFFECTED_DECISIONS: { roles: ['PUBLIC_SECURITY', 'DEPARTMENT'], citation: cite('21.2') },
  /** an office reads back the decisions it made (each carries its id and citations for review) */
  READ_DECISIONS_MADE: { roles: ['DEPARTMENT', 'PUBLIC_SECURITY', 'DELEGATED_AGENCY'], citation: cite('23') },
  /** the departments may revoke what was enjoyed on a forged or fraudulently obtained permit */
  REVIEW_DECISIONS: { roles: ['DEPARTMENT'], citation: cite('21.2') },
  REGISTER_AND_ISSUE: { roles: ['PUBLIC_SECURITY', 'DELEGATED_AGENCY'], citation: cite('5') },
  PENALISE: { roles: ['PUBLIC_SECURITY'], citation: cite('20') },
  AUDIT: { roles: ['AUDITOR'], citation: cite('22') },
  DEFINE_LOCAL_ENTITLEMENT: { roles: ['ADMIN'], citation: cite('18.1.12') },
  // SPEC "Holders, consent and receipts": the holder reads their own file and the checks made about
  // them (22(4): every read of personal data is accounted for), and lends a department a one-time
  // code in place of the ID number and name; the department still sees only the masked summary.
  READ_OWN_RECORDS: { roles: ['HOLDER'], citation: cite('22.1.4') },
  SHARE_OWN_PERMIT: { roles: ['HOLDER'], citation: cite('22.1.4') },
  VERIFY_BY_SHARE_CODE: {
    roles: ['DEPARTMENT', 'PUBLIC_SECURITY', 'DELEGATED_AGENCY'],
    citation: cite('4.2'),
  },
};

export function hasPower(role: Role, power: Power): boolean {
  return POWERS[power].roles.includes(role);
}
