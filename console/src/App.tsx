/**
 * The console: Ant Design with its zh_CN (or en_US) locale and CSS-in-JS under the page's CSP nonce,
 * routes under /console/, and the menu a caller's role may use.
 */
import { lazy, Suspense } from 'react';
import { App as AntApp, Alert, ConfigProvider, Spin } from 'antd';
import zh_CN from 'antd/locale/zh_CN';
import en_US from 'antd/locale/en_US';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { I18nProvider, useI18n } from './i18n';
import type { ConsoleConfig } from './config';
import { Shell } from './layout/Shell';
import { SignIn } from './pages/common/SignIn';
import { Callback } from './pages/common/Callback';
import { NoPages } from './pages/common/NoPages';
import { Check } from './pages/department/Check';
import { BulkRoute } from './pages/department/BulkRoute';
import { Decisions } from './pages/department/Decisions';
import { Review } from './pages/department/Review';
import { Receipt } from './pages/department/Receipt';
import { RequireSession } from './layout/RequireSession';
import { firstPageFor, rolesFor } from './layout/pages';
import { RequireRole } from './layout/RequireRole';
import { LocalEntitlements } from './pages/admin/LocalEntitlements';
// holder pages (issue 11 item 4)
import { MyPermit } from './pages/holder/MyPermit';
import { ShareCodes } from './pages/holder/ShareCodes';
import { MyChecks } from './pages/holder/MyChecks';
import { RequireRole as RequireHolder } from './pages/holder/RequireRole';
import { HOLDER_ONLY } from './layout/pages';
// auditor pages and the public receipt check (p2-audit)
import { RequirePage } from './layout/RequirePage';
import { AuditLog } from './pages/auditor/AuditLog';
import { AuditChain } from './pages/auditor/AuditChain';
// the public receipt check (jose, the catalogue) is its own chunk, fetched only when opened
const VerifyReceipt = lazy(() =>
  import('./pages/common/VerifyReceipt').then((m) => ({ default: m.VerifyReceipt })),
);

const FONT =
  "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', system-ui, sans-serif";

interface Props {
  config: ConsoleConfig | null;
  nonce: string | undefined;
  configError?: unknown;
}

export function App(props: Props) {
  return (
    <I18nProvider>
      <Themed {...props} />
    </I18nProvider>
  );
}

function Themed({ config, nonce, configError }: Props) {
  const { locale, t } = useI18n();
  return (
    <ConfigProvider
      locale={locale === 'en' ? en_US : zh_CN}
      csp={nonce ? { nonce } : undefined}
      button={{ autoInsertSpace: false }}
      theme={{ token: { fontFamily: FONT, colorPrimary: '#0b57d0', fontSize: 15 } }}
    >
      <AntApp>
        {config ? (
          <BrowserRouter basename="/console">
            <Routes>
              <Route path="/signin" element={<SignIn config={config} />} />
              <Route path="/callback" element={<Callback config={config} />} />
              {/* public: no sign-in (p2-audit) */}
              <Route
                path="/verify-receipt"
                element={
                  <Suspense fallback={<Spin />}>
                    <VerifyReceipt />
                  </Suspense>
                }
              />
              <Route
                path="/receipt"
                element={
                  <RequireSession>
                    <Receipt />
                  </RequireSession>
                }
              />
              <Route
                element={
                  <RequireSession>
                    <Shell config={config} />
                  </RequireSession>
                }
              >
                <Route index element={<Home />} />
                <Route path="check" element={<Check />} />
                <Route path="bulk" element={<BulkRoute />} />
                <Route path="decisions" element={<Decisions />} />
                <Route path="review" element={<Review />} />
                <Route
                  path="local"
                  element={
                    <RequireRole roles={rolesFor('local')}>
                      <LocalEntitlements />
                    </RequireRole>
                  }
                />
                {/* holder pages (issue 11 item 4) */}
                <Route
                  path="my-permit"
                  element={
                    <RequireHolder roles={HOLDER_ONLY}>
                      <MyPermit />
                    </RequireHolder>
                  }
                />
                <Route
                  path="share-code"
                  element={
                    <RequireHolder roles={HOLDER_ONLY}>
                      <ShareCodes />
                    </RequireHolder>
                  }
                />
                <Route
                  path="my-checks"
                  element={
                    <RequireHolder roles={HOLDER_ONLY}>
                      <MyChecks />
                    </RequireHolder>
                  }
                />
                {/* auditor pages (p2-audit) */}
                <Route
                  path="audit-log"
                  element={
                    <RequirePage page="auditLog">
                      <AuditLog />
                    </RequirePage>
                  }
                />
                <Route
                  path="audit-chain"
                  element={
                    <RequirePage page="auditChain">
                      <AuditChain />
                    </RequirePage>
                  }
                />
                <Route path="none" element={<NoPages />} />
                <Route path="*" element={<Navigate to="/" replace />} />
              </Route>
            </Routes>
          </BrowserRouter>
        ) : (
          <div className="signin">
            <Alert type="error" showIcon title={t.configFailed} description={String(configError)} />
          </div>
        )}
      </AntApp>
    </ConfigProvider>
  );
}

function Home() {
  return <Navigate to={firstPageFor()} replace />;
}
