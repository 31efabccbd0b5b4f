/**
 * A page opened by URL by a role that may not use it: a refusal (and no request for its data); the
 * gateway refuses the data anyway. The roles are those of layout/pages.ts (SPEC's roles table).
 */
import type { ReactNode } from 'react';
import { Result } from 'antd';
import { getSession } from '../auth/session';
import { useI18n } from '../i18n';
import type { Messages } from '../i18n/zh-CN';
import { PAGES, type PageKey } from './pages';

export function RequirePage({ page, children }: { page: PageKey; children: ReactNode }) {
  const { t } = useI18n();
  const roles = PAGES.find((p) => p.key === page)?.roles ?? [];
  const role = getSession()?.role;
  if (role && roles.includes(role)) return <>{children}</>;
  const names = roles.map((r) => {
    const k = `role${r}` as keyof Messages;
    return k in t ? t[k] : r;
  });
  return (
    <Result
      status="403"
      data-testid="role-refused"
      title={t.roleRefused}
      subTitle={`${t.roleRefusedHelp}${names.join('、')}`}
    />
  );
}
