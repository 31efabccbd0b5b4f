/**
 * The one refusal of the console: a page opened by URL by a role it is not for shows 无权访问此页面,
 * the roles the page is for (layout/pages.ts, SPEC's roles table) and a way back to the caller's own
 * first page. The page itself is never rendered, so no request for its data is made; the gateway
 * refuses the data anyway.
 */
import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { getSession } from '../auth/session';
import { useI18n } from '../i18n';
import type { Messages } from '../i18n/zh-CN';
import { firstPageFor, rolesFor, type PageKey } from './pages';

export function RequirePage({ page, children }: { page: PageKey; children: ReactNode }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const roles = rolesFor(page);
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
      title={t.roleRefusedTitle}
      subTitle={`${t.roleRefused}${t.roleRefusedHelp}${names.join('、')}`}
      extra={
        <Button type="primary" onClick={() => void navigate(firstPageFor(), { replace: true })}>
          {t.roleRefusedBack}
        </Button>
      }
    />
  );
}
