/**
 * 地方事项 (ADMIN): the local items of the caller's region (Art. 18(12), 19(6)), past, in force and
 * future, 20 a page in code order, the ones in force today marked; the form to define one and the form
 * to end one (a new act: the last day in force). The server enforces the rules; its refusals are shown
 * as sentences with their reason, article and code.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { GatewayError, request } from '../../api/client';
import { getSession } from '../../auth/session';
import { citationText, dateRule, todayCst } from '../../fields';
import { useI18n } from '../../i18n';
import type { Messages } from '../../i18n/zh-CN';
import { ErrorAlert } from '../../layout/ErrorAlert';
import type { Department, EntitlementKind, LocalEntitlementFieldsFragment } from '../../gql/graphql';
import {
  AdminRegions,
  DefineLocalEntitlement,
  EndLocalEntitlement,
  LocalEntitlements as LocalEntitlementsQuery,
} from './LocalEntitlements.ops';

export const LOCAL_PAGE_SIZE = 20;
const NOWRAP = { whiteSpace: 'nowrap' } as const;

const DEPARTMENTS: readonly Department[] = [
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

type Item = LocalEntitlementFieldsFragment;
type State = 'IN_FORCE' | 'FUTURE' | 'ENDED';

function stateOf(e: Item, today: string): State {
  if (e.effectiveFrom > today) return 'FUTURE';
  if (e.effectiveUntil != null && e.effectiveUntil < today) return 'ENDED';
  return 'IN_FORCE';
}

interface DefineValues {
  code: string;
  kind: EntitlementKind;
  nameZh: string;
  nameEn: string;
  department: Department;
  regionCode: string;
  effectiveFrom: string;
  effectiveUntil?: string;
}

interface EndValues {
  code: string;
  effectiveUntil: string;
}

export function LocalEntitlements() {
  const { t, locale } = useI18n();
  const today = todayCst();
  const [items, setItems] = useState<Item[]>([]);
  const [more, setMore] = useState(false);
  const [listError, setListError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [regions, setRegions] = useState<{ code: string; nameZh: string }[]>([]);
  const [defineForm] = Form.useForm<DefineValues>();
  const [endForm] = Form.useForm<EndValues>();
  const [defineError, setDefineError] = useState<unknown>(null);
  const [endError, setEndError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<'define' | 'end' | null>(null);

  const load = useCallback(async (after: string | undefined) => {
    setLoading(true);
    setListError(null);
    try {
      const page = (await request(LocalEntitlementsQuery, { first: LOCAL_PAGE_SIZE, after }))
        .localEntitlements;
      const got: Item[] = page;
      setItems((prev) => (after ? [...prev, ...got] : got));
      setMore(got.length === LOCAL_PAGE_SIZE);
    } catch (e) {
      setListError(e);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(undefined);
    // the city government may add items for the city or a county; a county government for itself
    const mine = getSession()?.region ?? '';
    request(AdminRegions).then(
      (d) =>
        setRegions(
          d.regions.filter(
            (r) =>
              r.kind !== 'URBAN_DISTRICT' &&
              (mine === r.code || (mine.endsWith('00') && r.code.startsWith(mine.slice(0, 4)))),
          ),
        ),
      (e: unknown) => setListError(e),
    );
  }, [load]);

  const define = async (v: DefineValues) => {
    setBusy('define');
    setDefineError(null);
    setDone(null);
    try {
      const r = await request(DefineLocalEntitlement, {
        input: {
          code: v.code.trim().toUpperCase(),
          kind: v.kind,
          nameZh: v.nameZh.trim(),
          nameEn: v.nameEn.trim(),
          department: v.department,
          regionCode: v.regionCode,
          effectiveFrom: v.effectiveFrom,
          effectiveUntil: v.effectiveUntil?.trim() ? v.effectiveUntil : null,
        },
      });
      const e = r.defineLocalEntitlement;
      setDone(`${t.localDefined}${t.colon}${e.code}`);
      defineForm.resetFields();
      await load(undefined);
    } catch (e) {
      setDefineError(e);
    } finally {
      setBusy(null);
    }
  };

  const end = async (v: EndValues) => {
    setBusy('end');
    setEndError(null);
    setDone(null);
    try {
      const r = await request(EndLocalEntitlement, { code: v.code.trim(), effectiveUntil: v.effectiveUntil });
      const e = r.endLocalEntitlement;
      setDone(`${t.localEnded}${t.colon}${e.code} ${t.localUntil} ${e.effectiveUntil ?? ''}`);
      await load(undefined);
    } catch (e) {
      setEndError(e);
    } finally {
      setBusy(null);
    }
  };

  const stateTag = (s: State) =>
    s === 'IN_FORCE' ? (
      <Tag color="green">{t.localInForce}</Tag>
    ) : s === 'FUTURE' ? (
      <Tag color="blue">{t.localFuture}</Tag>
    ) : (
      <Tag>{t.localEndedTag}</Tag>
    );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t.localTitle}
      </Typography.Title>
      <Alert type="info" showIcon title={t.localIntro} />
      {done && <Alert type="success" showIcon title={done} data-testid="local-done" />}
      <ErrorAlert error={listError} />
      <Table<Item>
        data-testid="local-list"
        rowKey="code"
        loading={loading}
        dataSource={items}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t.localEmpty }}
        rowClassName={(e) => `local-${stateOf(e, today).toLowerCase()}`}
        columns={[
          { title: t.localCode, dataIndex: 'code' },
          { title: t.localName, render: (_, e) => (locale === 'en' ? e.nameEn : e.nameZh) },
          { title: t.localBasis, render: (_, e) => citationText(e.citation, locale) },
          { title: t.localDepartment, render: (_, e) => deptName(t, e.department) },
          { title: t.localRegion, render: (_, e) => e.region.nameZh },
          { title: t.localFrom, render: (_, e) => <span style={NOWRAP}>{e.effectiveFrom}</span> },
          {
            title: t.localUntil,
            render: (_, e) => <span style={NOWRAP}>{e.effectiveUntil ?? t.localNoEnd}</span>,
          },
          {
            title: t.localState,
            render: (_, e) => <span data-testid={`state-${e.code}`}>{stateTag(stateOf(e, today))}</span>,
          },
          {
            title: t.colActions,
            render: (_, e) =>
              stateOf(e, today) === 'ENDED' ? null : (
                <Button
                  size="small"
                  onClick={() => {
                    endForm.setFieldsValue({ code: e.code });
                    setEndError(null);
                    // the form's field ids are prefixed with its name
                    document.getElementById('localEnd_effectiveUntil')?.focus();
                  }}
                >
                  {t.localEndAction}
                </Button>
              ),
          },
        ]}
      />
      {more && (
        <Button onClick={() => void load(items[items.length - 1]?.code)} loading={loading}>
          {t.loadMore}
        </Button>
      )}

      <Card title={t.localEndTitle}>
        <Form<EndValues>
          form={endForm}
          name="localEnd"
          layout="vertical"
          onFinish={(v) => void end(v)}
          initialValues={{ effectiveUntil: today }}
          style={{ maxWidth: 640 }}
        >
          <Form.Item
            name="code"
            label={t.localCode}
            rules={[{ required: true, whitespace: true, message: t.localCodeRequired }]}
          >
            <Input maxLength={64} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="effectiveUntil"
            label={t.localEndDate}
            extra={t.localEndHelp}
            rules={[dateRule(t, locale)]}
          >
            <Input type="date" style={{ maxWidth: 220 }} />
          </Form.Item>
          <Button type="primary" danger htmlType="submit" loading={busy === 'end'}>
            {t.localEndSubmit}
          </Button>
        </Form>
        <div style={{ marginTop: 16 }}>
          <Refusal error={endError} testId="local-end-error" />
        </div>
      </Card>

      <Card title={t.localDefineTitle}>
        <Form<DefineValues>
          form={defineForm}
          name="localDefine"
          layout="vertical"
          requiredMark
          onFinish={(v) => void define(v)}
          initialValues={{ kind: 'PUBLIC_SERVICE', effectiveFrom: today }}
          style={{ maxWidth: 640 }}
        >
          <Form.Item
            name="code"
            label={t.localCode}
            extra={t.localCodeHelp}
            rules={[
              { required: true, whitespace: true, message: t.localCodeRequired },
              { pattern: /^[A-Za-z][A-Za-z0-9_]{2,63}$/, message: t.localCodeHelp },
            ]}
          >
            <Input maxLength={64} autoComplete="off" />
          </Form.Item>
          <Form.Item name="kind" label={t.localKind}>
            <Radio.Group
              options={[
                { value: 'PUBLIC_SERVICE', label: t.localKindPublicService },
                { value: 'CONVENIENCE', label: t.localKindConvenience },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="nameZh"
            label={t.localNameZh}
            rules={[{ required: true, whitespace: true, message: t.localNameRequired }]}
          >
            <Input maxLength={128} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="nameEn"
            label={t.localNameEn}
            rules={[{ required: true, whitespace: true, message: t.localNameRequired }]}
          >
            <Input maxLength={128} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="department"
            label={t.localDepartment}
            rules={[{ required: true, message: t.localDepartmentRequired }]}
          >
            <Select options={DEPARTMENTS.map((d) => ({ value: d, label: deptName(t, d) }))} />
          </Form.Item>
          <Form.Item
            name="regionCode"
            label={t.localRegion}
            rules={[{ required: true, message: t.localRegionRequired }]}
          >
            <Select options={regions.map((r) => ({ value: r.code, label: `${r.nameZh}（${r.code}）` }))} />
          </Form.Item>
          <Form.Item name="effectiveFrom" label={t.localFrom} rules={[dateRule(t, locale)]}>
            <Input type="date" style={{ maxWidth: 220 }} />
          </Form.Item>
          <Form.Item name="effectiveUntil" label={t.localUntil} extra={t.localUntilHelp}>
            <Input type="date" style={{ maxWidth: 220 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy === 'define'}>
            {t.localDefineSubmit}
          </Button>
        </Form>
        <div style={{ marginTop: 16 }}>
          <Refusal error={defineError} testId="local-define-error" />
        </div>
      </Card>
    </Space>
  );
}

function deptName(t: Messages, d: string): string {
  const key = `dept${d}` as keyof Messages;
  return key in t ? t[key] : d;
}

/**
 * A refusal by the rules (RULE_VIOLATION) as a sentence for its reason, the server's own words, the
 * article it rests on and the codes; any other error as ErrorAlert shows it.
 */
function Refusal({ error, testId }: { error: unknown; testId: string }) {
  const { t, locale } = useI18n();
  if (!error) return null;
  if (!(error instanceof GatewayError) || error.code !== 'RULE_VIOLATION')
    return <ErrorAlert error={error} />;
  const reason = typeof error.extensions.reason === 'string' ? error.extensions.reason : '';
  const key = `localReason${reason}` as keyof Messages;
  const sentence = key in t ? t[key] : t.errRULE_VIOLATION;
  const c = error.extensions.citation as
    { article: number; paragraph?: number | null; clause?: number | null; textZh: string } | undefined;
  // the gateway's message is "English (中文)": the page's language half
  const m = /^(.*) \((.*)\)$/s.exec(error.message);
  const detail = m ? (locale === 'en' ? m[1] : m[2]) : error.message;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid={testId}
      title={sentence}
      description={
        <Space orientation="vertical" size={2}>
          <span>{detail}</span>
          {c && (
            <span>
              {t.conditionBasis}
              {t.colon}
              {citationText(c, locale)}
            </span>
          )}
          <span>
            {t.errorCode}
            {t.colon}
            <code>RULE_VIOLATION</code> · <code>{reason}</code>
          </span>
        </Space>
      }
    />
  );
}
