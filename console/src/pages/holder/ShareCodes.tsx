/**
 * 亮证 (HOLDER): make a one-time share code (CreateShareCodeInput: an entitlement, a department, the
 * seconds it lives), shown large and as a QR code (drawn on a canvas in the page) with a countdown to
 * its expiry; the live codes (`myShareCodes`, masked) with 撤销 each.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Card, Form, InputNumber, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { QrcodeOutlined, ReloadOutlined } from '@ant-design/icons';
import QRCode from 'qrcode';
import { request } from '../../api/client';
import { useI18n } from '../../i18n';
import type { Messages } from '../../i18n/zh-CN';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { entitlementName, useEntitlements } from '../../decision/entitlements';
import type { Department, MyShareCodesQuery } from '../../gql/graphql';
import { CreateShareCode, MyShareCodes, RevokeShareCode } from './ShareCodes.ops';

type Code = MyShareCodesQuery['myShareCodes'][number];

export const DEPARTMENTS: readonly Department[] = [
  'PUBLIC_SECURITY',
  'DEVELOPMENT_AND_REFORM',
  'HUMAN_RESOURCES_AND_SOCIAL_SECURITY',
  'HEALTH',
  'EDUCATION',
  'CIVIL_AFFAIRS',
  'JUSTICE',
  'HOUSING_AND_URBAN_RURAL_DEVELOPMENT',
  'TRANSPORT',
  'CULTURE_AND_TOURISM',
];

export function departmentText(t: Messages, d: string | null | undefined): string {
  if (!d) return t.holderAnyDepartment;
  const key = `holderDept${d}` as keyof Messages;
  return key in t ? t[key] : d;
}

interface FormValues {
  entitlement?: string;
  department?: Department;
  ttlSeconds?: number;
}

/** mm:ss left until `expiresAt` (0:00 once passed), ticking each second. */
function useCountdown(expiresAt: string | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!expiresAt) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [expiresAt]);
  return expiresAt ? Math.max(0, Math.floor((Date.parse(expiresAt) - now) / 1000)) : 0;
}

const mmss = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

export function ShareCodes() {
  const { t, locale } = useI18n();
  const { entitlements } = useEntitlements();
  const [form] = Form.useForm<FormValues>();
  const [made, setMade] = useState<Code | null>(null);
  const [codes, setCodes] = useState<Code[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const left = useCountdown(made?.expiresAt ?? null);

  const reload = useCallback(async () => {
    try {
      setCodes((await request(MyShareCodes)).myShareCodes);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => void reload(), [reload]);

  useEffect(() => {
    if (!made || !canvas.current) return;
    QRCode.toCanvas(canvas.current, made.code, { errorCorrectionLevel: 'M', margin: 1, width: 240 }).catch(
      (e: unknown) => setError(e),
    );
  }, [made]);

  const create = async (v: FormValues) => {
    setBusy(true);
    setError(null);
    try {
      const input = {
        ...(v.entitlement ? { entitlement: v.entitlement } : {}),
        ...(v.department ? { department: v.department } : {}),
        ...(v.ttlSeconds ? { ttlSeconds: v.ttlSeconds } : {}),
      };
      setMade((await request(CreateShareCode, { input })).createShareCode);
      await reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (id: string) => {
    setError(null);
    try {
      await request(RevokeShareCode, { id });
      if (made?.id === id) setMade(null);
      await reload();
    } catch (e) {
      setError(e);
    }
  };

  const name = (code: string | null | undefined) =>
    code ? entitlementName(entitlements, code, locale) : t.holderAnyEntitlement;
  return (
    <>
      <Typography.Title level={2}>{t.holderShareTitle}</Typography.Title>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ErrorAlert error={error} />
        <Form<FormValues>
          form={form}
          layout="vertical"
          style={{ maxWidth: 520 }}
          initialValues={{ ttlSeconds: 300 }}
          onFinish={(v) => void create(v)}
        >
          <Form.Item name="entitlement" label={t.holderShareEntitlement} extra={t.holderShareEntitlementHelp}>
            <Select
              allowClear
              placeholder={t.holderAnyEntitlement}
              options={entitlements.map((e) => ({
                value: e.code,
                label: locale === 'en' ? e.nameEn : e.nameZh,
              }))}
            />
          </Form.Item>
          <Form.Item name="department" label={t.holderShareDepartment}>
            <Select
              allowClear
              placeholder={t.holderAnyDepartment}
              options={DEPARTMENTS.map((d) => ({ value: d, label: departmentText(t, d) }))}
            />
          </Form.Item>
          <Form.Item name="ttlSeconds" label={t.holderShareTtl} extra={t.holderShareTtlHelp}>
            <InputNumber min={60} max={1800} step={60} style={{ width: 160 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<QrcodeOutlined />} loading={busy}>
            {t.holderShareCreate}
          </Button>
        </Form>
        {made && (
          <Card data-testid="share-code-made" data-code-id={made.id}>
            <Space size="large" wrap align="center">
              <canvas ref={canvas} data-testid="share-code-qr" aria-label={t.holderShareQr} />
              <Space orientation="vertical">
                <span
                  className="share-code-big"
                  data-testid="share-code"
                  style={{ fontSize: 48, letterSpacing: 6 }}
                >
                  <strong>{made.code}</strong>
                </span>
                <span data-testid="share-code-countdown" role="timer">
                  {left > 0 ? `${t.holderShareExpiresIn}${mmss(left)}` : t.holderShareExpired}
                </span>
                <span>
                  {name(made.entitlement)} · {departmentText(t, made.department)}
                </span>
              </Space>
            </Space>
          </Card>
        )}
        <Typography.Title level={3}>{t.holderShareLive}</Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={() => void reload()}>
          {t.refresh}
        </Button>
        <Table<Code>
          data-testid="share-codes"
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={codes}
          locale={{ emptyText: t.holderShareNone }}
          columns={[
            { title: t.holderShareCode, dataIndex: 'code', width: 140 },
            { title: t.holderShareEntitlement, key: 'e', render: (_, c) => name(c.entitlement) },
            { title: t.holderShareDepartment, key: 'd', render: (_, c) => departmentText(t, c.department) },
            {
              title: t.holderShareExpiresAt,
              key: 'x',
              render: (_, c) =>
                new Intl.DateTimeFormat('zh-CN', {
                  timeZone: 'Asia/Shanghai',
                  dateStyle: 'short',
                  timeStyle: 'medium',
                }).format(new Date(c.expiresAt)),
            },
            {
              title: t.colActions,
              key: 'a',
              width: 100,
              render: (_, c) => (
                <Popconfirm title={t.holderShareRevokeConfirm} onConfirm={() => void revoke(c.id)}>
                  <Button size="small" danger>
                    {t.holderShareRevoke}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Space>
    </>
  );
}
