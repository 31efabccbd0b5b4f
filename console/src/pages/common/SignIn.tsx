/**
 * 登录: in development a demo caller (GET /console/config.json lists them, never in production); in
 * production OpenID Connect (authorization code with PKCE) through the oidc module.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Radio, Space, Typography } from 'antd';
import { LoginOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { beginOidcSignIn } from '../../auth/oidc';
import { signIn, takeSignedOutReason } from '../../auth/session';
import { redirectUri, type ConsoleConfig } from '../../config';
import { useI18n } from '../../i18n';
import { ErrorAlert } from '../../layout/ErrorAlert';

export function SignIn({ config }: { config: ConsoleConfig }) {
  const { t, locale, setLocale } = useI18n();
  const navigate = useNavigate();
  const [reason] = useState(takeSignedOutReason);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const demo = config.production ? [] : (config.demoCallers ?? []);
  const [picked, setPicked] = useState<string | undefined>(demo[0]?.id);

  const signInDemo = () => {
    const caller = demo.find((c) => c.id === picked);
    if (!caller) return;
    signIn(caller.token, locale === 'en' ? caller.labelEn : caller.labelZh);
    void navigate('/', { replace: true });
  };
  const signInOidc = async () => {
    if (!config.oidc) return;
    setBusy(true);
    setError(null);
    try {
      await beginOidcSignIn({ ...config.oidc, redirectUri: redirectUri() });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <main className="signin">
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <div style={{ display: 'flex', alignItems: 'center' }}>
          <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
            {t.appTitle}
          </Typography.Title>
          <Button
            style={{ marginLeft: 'auto' }}
            size="small"
            aria-label={t.languageSwitchLabel}
            onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
          >
            {t.languageSwitch}
          </Button>
        </div>
        {reason === 'expired' && <Alert type="warning" showIcon role="alert" title={t.signInExpired} />}
        {reason === 'signedOut' && <Alert type="info" showIcon title={t.signInSignedOut} />}
        <ErrorAlert error={error} />
        <Card title={<h2 style={{ margin: 0, fontSize: 18 }}>{t.signInTitle}</h2>}>
          {config.oidc && (
            <Space orientation="vertical" style={{ width: '100%', marginBottom: demo.length ? 24 : 0 }}>
              <Typography.Paragraph>{t.signInOidcIntro}</Typography.Paragraph>
              <Button
                type="primary"
                icon={<LoginOutlined />}
                loading={busy}
                onClick={() => void signInOidc()}
              >
                {t.signInOidcButton}
              </Button>
            </Space>
          )}
          {demo.length > 0 && (
            <Form layout="vertical" onFinish={signInDemo}>
              <Typography.Paragraph>{t.signInDemoIntro}</Typography.Paragraph>
              <Form.Item label={t.signInDemoLabel} htmlFor="demo-caller">
                <Radio.Group
                  id="demo-caller"
                  role="radiogroup"
                  aria-label={t.signInDemoLabel}
                  value={picked}
                  onChange={(e) => setPicked(e.target.value as string)}
                  options={demo.map((c) => ({ value: c.id, label: locale === 'en' ? c.labelEn : c.labelZh }))}
                  style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" disabled={!picked}>
                {t.signInDemoButton}
              </Button>
            </Form>
          )}
          {!config.oidc && demo.length === 0 && <Alert type="error" showIcon title={t.signInNoMethod} />}
        </Card>
      </Space>
    </main>
  );
}
