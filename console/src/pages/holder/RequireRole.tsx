/**
 * A page opened by URL by a caller whose role may not use it: a refusal, and nothing of the page
 * (no request is sent). The gateway refuses the operations anyway; this keeps the page from trying.
 */
import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { getSession, type Role } from '../../auth/session';
import { useI18n } from '../../i18n';

export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const role = getSession()?.role;
  if (role && roles.includes(role)) return <>{children}</>;
  return (
    <Result
      status="403"
      data-testid="role-refused"
      title={t.holderPageRefused}
      subTitle={t.holderPageRefusedDetail}
      extra={<Button onClick={() => void navigate('/', { replace: true })}>{t.holderPageBack}</Button>}
    />
  );
}
