/**
 * The console: Ant Design with its zh_CN (or en_US) locale and CSS-in-JS under the page's CSP nonce,
 * routes under /console/, and the menu a caller's role may use.
 */
import { lazy, Suspense, type ReactNode } from 'react';
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
import { RequirePage } from './layout/RequirePage';
import { firstPageFor, PAGES, type PageKey } from './layout/pages';
import { LocalEntitlements } from './pages/admin/LocalEntitlements';
// holder pages (issue 11 item 4)
import { MyPermit } from './pages/holder/MyPermit';
import { ShareCodes } from './pages/holder/ShareCodes';
import { MyChecks } from './pages/holder/MyChecks';
// auditor pages and the public receipt check (p2-audit)
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

/**
 * The page of each menu entry (layout/pages.ts): every one is routed at its path behind RequirePage;
 * test/console/reachability.test.ts reads this table to know which operations each page sends.
 */
const PAGE_COMPONENTS: Record<PageKey, () => ReactNode> = {
  check: Check,
  bulk: BulkRoute,
  decisions: Decisions,
  review: Review,
  local: LocalEntitlements,
  // holder pages (issue 11 item 4)
  myPermit: MyPermit,
  shareCode: ShareCodes,
  myChecks: MyChecks,
  // auditor pages (p2-audit)
  auditLog: AuditLog,
  auditChain: AuditChain,
  // the permit workflow (issue 11 item 1)
  register: Register,
  apply: Apply,
  pending: Pending,
  endorse: Endorse,
  change: Change,
  loss: Loss,
  dependent: Dependent,
  violation: Violation,
  confiscate: Confiscate,
  holderFile: HolderFile,
};

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
              {/* 打印回执 (A4): outside the frame, for the roles that make decisions (资格核验's) */}
              <Route
                path="/receipt"
                element={
                  <RequireSession>
                    <RequirePage page="check">
                      <Receipt />
                    </RequirePage>
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
                {/* every page of the menu, behind the one refusal (a page opened by URL by another role) */}
                {PAGES.map(({ key, path }) => {
                  const Page = PAGE_COMPONENTS[key];
                  return (
                    <Route
                      key={key}
                      path={path.slice(1)}
                      element={
                        <RequirePage page={key}>
                          <Page />
                        </RequirePage>
                      }
                    />
                  );
                })}
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
