/** The frame of every signed-in page: title, caller, 中文/English, sign-out, and the role's menu. */
import { Button, Layout, Menu, Space, Tag } from 'antd';
import {
  ApiOutlined,
  CalendarOutlined,
  ClockCircleOutlined,
  ExceptionOutlined,
  FolderOpenOutlined,
  FormOutlined,
  SolutionOutlined,
  StopOutlined,
  SwapOutlined,
  TeamOutlined,
  WarningOutlined,
  AuditOutlined,
  FileSearchOutlined,
  HistoryOutlined,
  IdcardOutlined,
  LogoutOutlined,
  ProfileOutlined,
  QrcodeOutlined,
  SafetyCertificateOutlined,
  TableOutlined,
} from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { oidcSignOutUrl } from '../auth/oidc';
import { getSession, signOut } from '../auth/session';
import { postLogoutRedirectUri, redirectUri, type ConsoleConfig } from '../config';
import { useI18n } from '../i18n';
import type { Messages } from '../i18n/zh-CN';
import { MENU_LABELS, pagesFor, type PageKey } from './pages';

const ICONS: Record<PageKey, React.ReactNode> = {
  check: <FileSearchOutlined />,
  bulk: <TableOutlined />,
  decisions: <HistoryOutlined />,
  review: <AuditOutlined />,
  local: <ProfileOutlined />,
  // holder pages (issue 11 item 4)
  myPermit: <IdcardOutlined />,
  shareCode: <QrcodeOutlined />,
  myChecks: <SafetyCertificateOutlined />,
  // auditor pages (p2-audit)
  auditLog: <ProfileOutlined />,
  auditChain: <SafetyCertificateOutlined />,
  // the permit workflow (issue 11 item 1)
  register: <FormOutlined />,
  apply: <SolutionOutlined />,
  pending: <ClockCircleOutlined />,
  endorse: <CalendarOutlined />,
  change: <SwapOutlined />,
  loss: <ExceptionOutlined />,
  dependent: <TeamOutlined />,
  violation: <WarningOutlined />,
  confiscate: <StopOutlined />,
  holderFile: <FolderOpenOutlined />,
};

export function Shell({ config }: { config: ConsoleConfig }) {
  const { t, locale, setLocale } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const session = getSession();
  const pages = pagesFor(session?.role);
  const roleKey = `role${session?.role ?? ''}` as keyof Messages;
  // a demo caller's name follows the language switch
  const demo = config.demoCallers?.find((c) => c.token === session?.token);
  const who = demo ? (locale === 'en' ? demo.labelEn : demo.labelZh) : (session?.label ?? session?.sub);
  const items = [
    ...pages.map((p) => ({
      key: p.path,
      icon: ICONS[p.key],
      label: <Link to={p.path}>{t[MENU_LABELS[p.key]]}</Link>,
    })),
    ...(config.explorer
      ? [{ key: 'explorer', icon: <ApiOutlined />, label: <a href="/explorer/">{t.menuExplorer}</a> }]
      : []),
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="console-header">
        <span className="console-brand">{t.appTitle}</span>
        <span className="console-header-user">
          <span>
            {t.signedInAs}
            {t.colon}
            {who} <Tag color="blue">{roleKey in t ? t[roleKey] : session?.role}</Tag>
          </span>
          <Space>
            <Button
              size="small"
              ghost
              lang={locale === 'en' ? 'zh-CN' : 'en'}
              aria-label={t.languageSwitchLabel}
              onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
            >
              {t.languageSwitch}
            </Button>
            <Button
              size="small"
              icon={<LogoutOutlined />}
              onClick={() => void signOutEverywhere(config, () => navigate('/signin', { replace: true }))}
            >
              {t.signOut}
            </Button>
          </Space>
        </span>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={184} breakpoint="md" collapsedWidth={56} theme="light">
          <nav aria-label={t.menuLabel}>
            <Menu mode="inline" selectedKeys={[location.pathname]} items={items} />
          </nav>
        </Layout.Sider>
        <Layout.Content className="console-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/**
 * 退出登录: the console forgets its token first; signed in through the issuer, the browser then goes
 * to the issuer's end-session endpoint (with the ID token kept at sign-in as the hint), which sends
 * it back to /console/; without one (or when the issuer cannot be reached), straight to sign-in.
 */
async function signOutEverywhere(config: ConsoleConfig, toSignIn: () => unknown): Promise<void> {
  const s = getSession();
  signOut('signedOut');
  if (s?.fromIssuer && config.oidc) {
    const url = await oidcSignOutUrl(
      { ...config.oidc, redirectUri: redirectUri(), postLogoutRedirectUri: postLogoutRedirectUri() },
      s.idToken ?? undefined,
    ).catch(() => null);
    if (url) {
      window.location.assign(url);
      return;
    }
  }
  toSignIn();
}
