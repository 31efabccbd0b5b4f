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
// the permit workflow (issue 11 item 1): public security and delegated agencies
import { Register } from './pages/police/Register';
import { Apply } from './pages/police/Apply';
import { Pending } from './pages/police/Pending';
import { Endorse } from './pages/police/Endorse';
import { Change } from './pages/police/Change';
import { Loss } from './pages/police/Loss';
import { Dependent } from './pages/police/Dependent';
import { Violation } from './pages/police/Violation';
import { Confiscate } from './pages/police/Confiscate';
import { HolderFile } from './pages/police/HolderFile';
import { AcceptanceReceipt } from './pages/police/AcceptanceReceipt';
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
              {/* 受理回执 (A4, printable): outside the frame, for the roles of 申领受理 */}
              <Route
                path="/acceptance-receipt"
                element={
                  <RequireSession>
                    <RequirePage page="apply">
                      <AcceptanceReceipt />
                    </RequirePage>
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
                {/* the permit workflow (issue 11 item 1) */}
                <Route
                  path="register"
                  element={
                    <RequirePage page="register">
                      <Register />
                    </RequirePage>
                  }
                />
                <Route
                  path="apply"
                  element={
                    <RequirePage page="apply">
                      <Apply />
                    </RequirePage>
                  }
                />
                <Route
                  path="pending"
                  element={
                    <RequirePage page="pending">
                      <Pending />
                    </RequirePage>
                  }
                />
                <Route
                  path="endorse"
                  element={
                    <RequirePage page="endorse">
                      <Endorse />
                    </RequirePage>
                  }
                />
                <Route
                  path="change"
                  element={
                    <RequirePage page="change">
                      <Change />
                    </RequirePage>
                  }
                />
                <Route
                  path="loss"
                  element={
                    <RequirePage page="loss">
                      <Loss />
                    </RequirePage>
                  }
                />
                <Route
                  path="dependent"
                  element={
                    <RequirePage page="dependent">
                      <Dependent />
                    </RequirePage>
                  }
                />
                <Route
                  path="violation"
                  element={
                    <RequirePage page="violation">
                      <Violation />
                    </RequirePage>
                  }
                />
                <Route
                  path="confiscate"
                  element={
                    <RequirePage page="confiscate">
                      <Confiscate />
                    </RequirePage>
                  }
                />
                <Route
                  path="holder-file"
                  element={
                    <RequirePage page="holderFile">
                      <HolderFile />
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
