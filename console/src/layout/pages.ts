/** Which pages each role has (the menu shows only these; the gateway refuses the rest anyway). */
import { getSession, type Role } from '../auth/session';
import type { Messages } from '../i18n/zh-CN';

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
  | AuditorPageKey
  | PolicePageKey;

// public-security and delegated-agency pages (issue 11 item 1): console/src/pages/police/
export type PolicePageKey =
  | 'register'
  | 'apply'
  | 'pending'
  | 'endorse'
  | 'change'
  | 'loss'
  | 'dependent'
  | 'violation'
  | 'confiscate'
  | 'holderFile';

// auditor pages (p2-audit)
export type AuditorPageKey = 'auditLog' | 'auditChain';

const VERIFIERS: readonly Role[] = ['DEPARTMENT', 'PUBLIC_SECURITY', 'DELEGATED_AGENCY'];
/** SPEC roles table: the permit workflow (Art. 8–17) is public security's and the agencies' it delegates (Art. 5) */
const WORKFLOW: readonly Role[] = ['PUBLIC_SECURITY', 'DELEGATED_AGENCY'];
/** Art. 20–21: penalties and confiscation are public security's alone */
const POLICE_ONLY: readonly Role[] = ['PUBLIC_SECURITY'];
export const HOLDER_ONLY: readonly Role[] = ['HOLDER'];

export const PAGES: readonly { key: PageKey; path: string; roles: readonly Role[] }[] = [
  { key: 'check', path: '/check', roles: VERIFIERS },
  { key: 'bulk', path: '/bulk', roles: VERIFIERS },
  { key: 'decisions', path: '/decisions', roles: VERIFIERS },
  // the permit workflow (issue 11 item 1)
  { key: 'register', path: '/register', roles: WORKFLOW }, // 居住登记 Art. 8–9
  { key: 'apply', path: '/apply', roles: WORKFLOW }, // 申领受理 Art. 2, 10–11
  { key: 'pending', path: '/pending', roles: WORKFLOW }, // 待发证 Art. 11
  { key: 'endorse', path: '/endorse', roles: WORKFLOW }, // 签注 Art. 13
  { key: 'change', path: '/change', roles: WORKFLOW }, // 变更登记 Art. 14 para 1
  { key: 'loss', path: '/loss', roles: WORKFLOW }, // 挂失/补领 Art. 14 para 2
  { key: 'dependent', path: '/dependent', roles: WORKFLOW }, // 子女登记 Art. 18(7) (schooling of children who moved with the holder)
  { key: 'violation', path: '/violation', roles: POLICE_ONLY }, // 违法处理 Art. 20
  { key: 'confiscate', path: '/confiscate', roles: POLICE_ONLY }, // 收缴 Art. 21
  { key: 'holderFile', path: '/holder-file', roles: WORKFLOW }, // 持证人档案
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

/** Each page's menu label (the i18n key; the page's heading reads the same). */
export const MENU_LABELS: Record<PageKey, keyof Messages> = {
  check: 'menuCheck',
  bulk: 'menuBulk',
  decisions: 'menuDecisions',
  review: 'menuReview',
  local: 'menuLocal',
  // holder pages (issue 11 item 4)
  myPermit: 'menuMyPermit',
  shareCode: 'menuShareCode',
  myChecks: 'menuMyChecks',
  // auditor pages (p2-audit)
  auditLog: 'menuAuditLog',
  auditChain: 'menuAuditChain',
  // the permit workflow (issue 11 item 1)
  register: 'menuRegister',
  apply: 'menuApply',
  pending: 'menuPending',
  endorse: 'menuEndorse',
  change: 'menuChange',
  loss: 'menuLoss',
  dependent: 'menuDependent',
  violation: 'menuViolation',
  confiscate: 'menuConfiscate',
  holderFile: 'menuHolderFile',
};

/** The roles a page is for (RequirePage refuses the others when the page is opened by URL). */
export function rolesFor(key: PageKey): readonly Role[] {
  return PAGES.find((p) => p.key === key)?.roles ?? [];
}

export function pagesFor(role: Role | undefined): typeof PAGES {
  return role ? PAGES.filter((p) => p.roles.includes(role)) : [];
}

export function firstPageFor(): string {
  return pagesFor(getSession()?.role)[0]?.path ?? '/none';
}
