/**
 * 回执验证 (public, no sign-in): a receipt (compact JWS) pasted here is verified in the browser
 * against GET /.well-known/jwks.json (EdDSA) by the gateway's own verifier, src/app/receipts/receipt.ts
 * (jose's jwtVerify over createLocalJWKSet), and what it states is shown; or why it is not valid.
 * Nothing but the key set is fetched: the receipt never leaves the page.
 */
import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import type { JSONWebKeySet } from 'jose';
import { checkReceipt, type ReceiptResult } from '../../../../src/app/receipts/receipt';
import { CATALOGUE } from '../../../../src/law/catalogue';
import { useI18n } from '../../i18n';
import type { Messages } from '../../i18n/zh-CN';
import { instantCst } from '../auditor/format';

async function fetchKeySet(): Promise<JSONWebKeySet> {
  const res = await fetch('/.well-known/jwks.json', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as JSONWebKeySet;
}

export function VerifyReceipt() {
  const { t, locale, setLocale } = useI18n();
  const [result, setResult] = useState<ReceiptResult | null>(null);
  const [keysError, setKeysError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const verify = async ({ receipt }: { receipt: string }) => {
    setBusy(true);
    setResult(null);
    setKeysError(null);
    try {
      const jwks = await fetchKeySet();
      setResult(await checkReceipt(receipt.replace(/\s+/g, ''), jwks));
    } catch (e) {
      setKeysError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const entName = (code: string) => {
    const e = CATALOGUE.find((x) => x.code === code);
    return e ? `${locale === 'en' ? e.nameEn : e.nameZh}（${code}）` : code;
  };

  return (
    <main className="signin" style={{ maxWidth: 820 }}>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
          <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
            {t.verifyReceiptTitle}
          </Typography.Title>
          <Typography.Text type="secondary">{t.appTitle}</Typography.Text>
          <Space style={{ marginLeft: 'auto' }}>
            <Link to="/signin">{t.verifyReceiptSignIn}</Link>
            <Button
              size="small"
              aria-label={t.languageSwitchLabel}
              onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
            >
              {t.languageSwitch}
            </Button>
          </Space>
        </div>
        <Alert type="info" showIcon title={t.verifyReceiptIntro} />
        <Form layout="vertical" onFinish={(v: { receipt: string }) => void verify(v)}>
          <Form.Item
            name="receipt"
            label={t.verifyReceiptLabel}
            rules={[{ required: true, whitespace: true, message: t.verifyReceiptRequired }]}
          >
            <Input.TextArea
              rows={5}
              placeholder={t.verifyReceiptPlaceholder}
              spellCheck={false}
              style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<SafetyCertificateOutlined />} loading={busy}>
            {t.verifyReceiptButton}
          </Button>
        </Form>
        {keysError && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={t.verifyReceiptKeysFailed}
            description={keysError}
          />
        )}
        {result && !result.valid && (
          <Alert
            type="error"
            showIcon
            role="alert"
            data-testid="receipt-invalid"
            title={t.verifyReceiptInvalid}
            description={t[`verifyReceipt${result.failure}` as keyof Messages]}
          />
        )}
        {result?.valid && (
          <section data-testid="receipt-valid" data-eligible={String(result.claims.elig)}>
            <Alert
              type="success"
              showIcon
              title={t.verifyReceiptValid}
              description={t.verifyReceiptValidLong}
              style={{ marginBottom: 16 }}
            />
            <Descriptions bordered size="small" column={1}>
              <Descriptions.Item label={t.verifyReceiptDecision}>
                <Tag color={result.claims.elig ? 'green' : 'red'}>
                  {result.claims.elig ? t.eligible : t.notEligible}
                </Tag>
                {result.claims.elig ? t.verifyReceiptDecisionYes : t.verifyReceiptDecisionNo}
              </Descriptions.Item>
              <Descriptions.Item label={t.verifyReceiptEntitlement}>
                {entName(result.claims.ent)}
              </Descriptions.Item>
              <Descriptions.Item label={t.verifyReceiptEligible}>
                {result.claims.elig ? t.verifyReceiptYes : t.verifyReceiptNo}
              </Descriptions.Item>
              <Descriptions.Item label={t.verifyReceiptAsOf}>{result.claims.asOf}</Descriptions.Item>
              <Descriptions.Item label={t.verifyReceiptMaskedId}>
                {result.claims.mid ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t.verifyReceiptDecisionId}>
                <code data-testid="receipt-decision-id">{result.claims.jti}</code>
              </Descriptions.Item>
              <Descriptions.Item label={t.verifyReceiptIssuedAt}>
                {instantCst(result.claims.iat * 1000)}
              </Descriptions.Item>
              <Descriptions.Item label={t.verifyReceiptFailed}>
                {result.claims.failed.length ? result.claims.failed.join('、') : t.verifyReceiptNone}
              </Descriptions.Item>
              <Descriptions.Item label={t.verifyReceiptRulesVersion}>{result.claims.rv}</Descriptions.Item>
              <Descriptions.Item label={t.verifyReceiptIssuer}>{result.claims.iss}</Descriptions.Item>
              <Descriptions.Item label={t.verifyReceiptKeyId}>
                <code>{result.keyId}</code>
              </Descriptions.Item>
            </Descriptions>
          </section>
        )}
      </Space>
    </main>
  );
}
