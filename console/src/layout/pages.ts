/** Which pages each role has (the menu shows only these; the gateway refuses the rest anyway). */
import { getSession, type Role } from '../auth/session';

export type PageKey =
  | 'check'
  | 'bulk'
  | 'decisions'
  | 'review'
  // holder pages (issue 11 item 4)
  | 'myPermit'
  | 'shareCode'
  | 'myChecks'
  | 'local'
  | AuditorPageKey;

// auditor pages (p2-audit)
export type AuditorPageKey = 'auditLog' | 'auditChain';

const VERIFIERS: readonly Role[] = ['DEPARTMENT', 'PUBLIC_SECURITY', 'DELEGATED_AGENCY'];
export const HOLDER_ONLY: readonly Role[] = ['HOLDER'];

export const PAGES: readonly { key: PageKey; path: string; roles: readonly Role[] }[] = [
  { key: 'check', path: '/check', roles: VERIFIERS },
  { key: 'bulk', path: '/bulk', roles: VERIFIERS },
  { key: 'decisions', path: '/decisions', roles: VERIFIERS },
  // Art. 21 para 2: a department reviews its own positive decisions on permits confiscated since
  { key: 'review', path: '/review', roles: ['DEPARTMENT'] },
  // 地方事项 (issue 11 item 3): Art. 18(12), 19(6), the city and county governments
  { key: 'local', path: '/local', roles: ['ADMIN'] },
  // holder pages (issue 11 item 4): SPEC's role table, `me`, `myVerifications`, share codes: HOLDER only
  { key: 'myPermit', path: '/my-permit', roles: HOLDER_ONLY },
  { key: 'shareCode', path: '/share-code', roles: HOLDER_ONLY },
  { key: 'myChecks', path: '/my-checks', roles: HOLDER_ONLY },
  // auditor pages (p2-audit): the audit log and the chain check are the AUDITOR's (SPEC roles table)
  { key: 'auditLog', path: '/audit-log', roles: ['AUDITOR'] },
  { key: 'auditChain', path: '/audit-chain', roles: ['AUDITOR'] },
];

/** The roles a page is for (RequireRole refuses the others when the page is opened by URL). */
export function rolesFor(key: PageKey): readonly Role[] {
  return PAGES.find((p) => p.key === key)?.roles ?? [];
}

export function pagesFor(role: Role | undefined): typeof PAGES {
  return role ? PAGES.filter((p) => p.roles.includes(role)) : [];
}

export function firstPageFor(): string {
  return pagesFor(getSession()?.role)[0]?.path ?? '/none';
}
