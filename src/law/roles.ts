/**
 * Who may do what (SPEC "Who uses the gateway"), as Articles 4, 5, 12, 20–22 assign powers. The
 * GraphQL permission layer reads this table; it answers "may this caller act?", never "is this
 * holder eligible?" (that needs a citation, so it is a decision in rules/eligibility.ts).
 */
import { cite, type Citation } from './articles';

export type Role = 'PUBLIC_SECURITY' | 'DELEGATED_AGENCY' | 'DEPARTMENT' | 'AUDITOR' | 'ADMIN';

export const ROLES: readonly Role[] = ['PUBLIC_SECURITY', 'DELEGATED_AGENCY', 'DEPARTMENT', 'AUDITOR', 'ADMIN'];

export type Power =
  | 'READ_CATALOGUE'
  | 'VERIFY'
  | 'PERMIT_STATUS'
  | 'READ_PERSONAL_DATA'
  | 'READ_AFFECTED_DECISIONS'
  | 'READ_DECISIONS_MADE'
  | 'REVIEW_DECISIONS'
  | 'REGISTER_AND_ISSUE'
  | 'PENALISE'
  | 'AUDIT'
  | 'DEFINE_LOCAL_ENTITLEMENT';

/** Each power and the roles that hold it, with the article that grants it. */
export const POWERS: Readonly<Record<Power, { roles: readonly Role[]; citation: Citation }>> = {
  READ_CATALOGUE: { roles: ROLES, citation: cite('18') },
  VERIFY: { roles: ['DEPARTMENT', 'PUBLIC_SECURITY', 'DELEGATED_AGENCY'], citation: cite('4.2') },
  PERMIT_STATUS: { roles: ['DEPARTMENT', 'PUBLIC_SECURITY', 'DELEGATED_AGENCY'], citation: cite('4.2') },
  READ_PERSONAL_DATA: { roles: ['PUBLIC_SECURITY', 'DELEGATED_AGENCY'], citation: cite('22.1.4') },
  READ_AFFECTED_DECISIONS: { roles: ['PUBLIC_SECURITY', 'DEPARTMENT'], citation: cite('21.2') },
  /** an office reads back the decisions it made (each carries its id and citations for review) */
  READ_DECISIONS_MADE: { roles: ['DEPARTMENT', 'PUBLIC_SECURITY', 'DELEGATED_AGENCY'], citation: cite('23') },
  /** the departments may revoke what was enjoyed on a forged or fraudulently obtained permit */
  REVIEW_DECISIONS: { roles: ['DEPARTMENT'], citation: cite('21.2') },
  REGISTER_AND_ISSUE: { roles: ['PUBLIC_SECURITY', 'DELEGATED_AGENCY'], citation: cite('5') },
  PENALISE: { roles: ['PUBLIC_SECURITY'], citation: cite('20') },
  AUDIT: { roles: ['AUDITOR'], citation: cite('22') },
  DEFINE_LOCAL_ENTITLEMENT: { roles: ['ADMIN'], citation: cite('18.1.12') },
};

export function hasPower(role: Role, power: Power): boolean {
  return POWERS[power].roles.includes(role);
}
