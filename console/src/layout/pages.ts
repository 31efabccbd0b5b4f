/** Which pages each role has (the menu shows only these; the gateway refuses the rest anyway). */
import { getSession, type Role } from '../auth/session';

export type PageKey = 'check' | 'bulk' | 'decisions' | 'review' | AuditorPageKey;

// auditor pages (p2-audit)
export type AuditorPageKey = 'auditLog' | 'auditChain';

const VERIFIERS: readonly Role[] = ['DEPARTMENT', 'PUBLIC_SECURITY', 'DELEGATED_AGENCY'];

export const PAGES: readonly { key: PageKey; path: string; roles: readonly Role[] }[] = [
  { key: 'check', path: '/check', roles: VERIFIERS },
  { key: 'bulk', path: '/bulk', roles: VERIFIERS },
  { key: 'decisions', path: '/decisions', roles: VERIFIERS },
  // Art. 21 para 2: a department reviews its own positive decisions on permits confiscated since
  { key: 'review', path: '/review', roles: ['DEPARTMENT'] },
  // auditor pages (p2-audit): the audit log and the chain check are the AUDITOR's (SPEC roles table)
  { key: 'auditLog', path: '/audit-log', roles: ['AUDITOR'] },
  { key: 'auditChain', path: '/audit-chain', roles: ['AUDITOR'] },
];

export function pagesFor(role: Role | undefined): typeof PAGES {
  return role ? PAGES.filter((p) => p.roles.includes(role)) : [];
}

export function firstPageFor(): string {
  return pagesFor(getSession()?.role)[0]?.path ?? '/none';
}
