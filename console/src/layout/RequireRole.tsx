/** A page opened by URL without the role it is for: a refusal, never the page (the gateway refuses too). */
import type { ReactNode } from 'react';
import { Result } from 'antd';
import { getSession, type Role } from '../auth/session';
import { useI18n } from '../i18n';

export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { t } = useI18n();
  const role = getSession()?.role;
  if (role && roles.includes(role)) return <>{children}</>;
  return (
    <Result status="403" title={t.pageRefusedTitle} subTitle={t.pageRefused} data-testid="page-refused" />
  );
}
