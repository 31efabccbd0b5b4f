/**
 * 持证人档案 (PUBLIC_SECURITY, DELEGATED_AGENCY; issue 11 item 1): the holder's whole file by ID number
 * (`permitHolder`): the holder, residence registrations and record, applications, permits with their
 * timeline bar and the reason each is (not) valid today, violations and children. Public security
 * also finds holders by name (`searchHolders`, its role only: the search box is shown to it alone);
 * picking a result opens the file. A holder outside the caller's region is refused by the gateway
 * (FORBIDDEN), shown as a sentence.
 */
import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Form, Input, Space, Spin, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { FileSearchOutlined, SearchOutlined } from '@ant-design/icons';
import { GatewayError, request } from '../../api/client';
import { getSession } from '../../auth/session';
import { Citation, citizenIdRule, todayCst } from '../../fields';
import { useI18n, type Locale } from '../../i18n';
import { policeFileEn } from '../../i18n/police-file.en';
import { policeFileZhCN, type PoliceFileStrings } from '../../i18n/police-file.zh-CN';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { statusText } from '../../decision/DecisionView';
import type { HolderFileQuery, SearchHoldersQuery } from '../../gql/graphql';
import { HolderFileDoc, SearchHoldersDoc } from './HolderFile.ops';
import { PermitCard } from './file-permit';

const PAGE = 20;

type Holder = NonNullable<HolderFileQuery['permitHolder']>;
type Found = SearchHoldersQuery['searchHolders'][number];

const stringsOf = (locale: Locale): PoliceFileStrings => (locale === 'en' ? policeFileEn : policeFileZhCN);

function basisText(s: PoliceFileStrings, basis: readonly string[]): string {
  return basis.length === 0 ? '—' : basis.map((b) => pick(s, `basis${b}`, b)).join('、');
}

function pick(s: PoliceFileStrings, key: string, fallback: string): string {
  const v = (s as unknown as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : fallback;
}

/** 按姓名查找 (PUBLIC_SECURITY only): results in name order, 下一页 by the last holder's id. */
function SearchHolders({ s, onOpen }: { s: PoliceFileStrings; onOpen: (citizenIdNumber: string) => void }) {
  const [name, setName] = useState<string | null>(null);
  const [rows, setRows] = useState<Found[]>([]);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = async (n: string, after: string | undefined) => {
    setLoading(true);
    setError(null);
    try {
      const page = (await request(SearchHoldersDoc, { name: n, first: PAGE, after })).searchHolders;
      setName(n);
      setRows(page);
      setMore(page.length === PAGE);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  const columns: TableColumnsType<Found> = [
    { title: s.name, dataIndex: 'name', key: 'name' },
    { title: s.citizenIdNumber, dataIndex: 'citizenIdNumber', key: 'id' },
    { title: s.birthDate, dataIndex: 'birthDate', key: 'birth' },
    { title: s.residenceRegion, key: 'region', render: (_: unknown, r) => r.residenceRegion.nameZh },
    { title: s.residenceAddress, dataIndex: 'residenceAddress', key: 'address' },
    {
      title: '',
      key: 'open',
      render: (_: unknown, r) => (
        <Button size="small" icon={<FileSearchOutlined />} onClick={() => onOpen(r.citizenIdNumber)}>
          {s.open}
        </Button>
      ),
    },
  ];

  return (
    <Card title={s.searchTitle} size="small" data-testid="holder-search">
      <Typography.Paragraph type="secondary">{s.searchHelp}</Typography.Paragraph>
      <Form
        layout="inline"
        aria-label={s.searchTitle}
        onFinish={(v: { name: string }) => void load(v.name.trim(), undefined)}
        style={{ rowGap: 12, marginBottom: 12 }}
      >
        <Form.Item
          name="name"
          label={s.searchName}
          rules={[
            {
              validator: async (_r: unknown, v: unknown) => {
                if (typeof v !== 'string' || [...v.trim()].length < 2) throw new Error(s.searchNameRequired);
              },
            },
          ]}
        >
          <Input allowClear style={{ width: 220 }} autoComplete="off" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={loading}>
            {s.search}
          </Button>
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
      {name !== null && (
        <div data-testid="holder-search-results">
          <Table<Found>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: s.searchNone }}
          />
          {more && (
            <Button
              style={{ marginTop: 8 }}
              loading={loading}
              onClick={() => void load(name, rows[rows.length - 1]?.id)}
            >
              {s.nextPage}
            </Button>
          )}
        </div>
      )}
    </Card>
  );
}

function HolderView({ h, s, locale }: { h: Holder; s: PoliceFileStrings; locale: Locale }) {
  const { t } = useI18n();
  const today = todayCst();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="holder-file">
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        title={h.name}
        items={[
          { key: 'n', label: s.name, children: <span data-testid="holder-name">{h.name}</span> },
          { key: 'id', label: s.citizenIdNumber, children: h.citizenIdNumber },
          { key: 'sex', label: s.sex, children: pick(s, `sex${h.sex}`, h.sex) },
          { key: 'b', label: s.birthDate, children: h.birthDate },
          { key: 'hk', label: s.hukouAddress, children: h.hukouAddress },
          { key: 'rr', label: s.residenceRegion, children: h.residenceRegion.nameZh },
          { key: 'ra', label: s.residenceAddress, children: h.residenceAddress },
        ]}
      />

      <Typography.Title level={4}>{s.permits}</Typography.Title>
      {h.permits.length === 0 && <Empty description={s.noPermit} />}
      {h.permits.map((p, i) => (
        <PermitCard
          key={p.id}
          p={p}
          n={i + 1}
          s={s}
          locale={locale}
          today={today}
          statusLabel={statusText(t, p.status)}
        />
      ))}

      <Typography.Title level={4}>{s.applications}</Typography.Title>
      <Table
        data-testid="holder-applications"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={h.applications}
        locale={{ emptyText: s.none }}
        columns={[
          { title: s.appliedOn, dataIndex: 'appliedOn', key: 'on' },
          {
            title: s.appStatus,
            key: 'status',
            render: (_: unknown, a: Holder['applications'][number]) => (
              <Space size={4}>
                <Tag
                  color={a.status === 'REFUSED' ? 'error' : a.status === 'ISSUED' ? 'success' : 'processing'}
                >
                  {pick(s, `app${a.status}`, a.status)}
                </Tag>
                {a.overdue && <Tag color="warning">{s.overdue}</Tag>}
              </Space>
            ),
          },
          {
            title: s.issueDeadline,
            key: 'deadline',
            render: (_: unknown, a: Holder['applications'][number]) =>
              a.issueDeadline
                ? `${a.issueDeadline}${a.deadlineProvisional ? `（${s.provisional}）` : ''}`
                : '—',
          },
          {
            title: s.reasons,
            key: 'reasons',
            render: (_: unknown, a: Holder['applications'][number]) => {
              const shown = a.status === 'REFUSED' ? a.reasons.filter((r) => !r.passed) : [];
              return shown.length === 0
                ? '—'
                : shown.map((r) => (
                    <div key={r.code}>
                      {locale === 'en' ? r.messageEn : r.messageZh}（
                      <Citation c={r.citation} locale={locale} />）
                    </div>
                  ));
            },
          },
        ]}
      />

      <Typography.Title level={4}>{s.registrations}</Typography.Title>
      <Table
        data-testid="holder-registrations"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={h.registrations}
        locale={{ emptyText: s.none }}
        columns={[
          { title: s.registeredOn, dataIndex: 'registeredOn', key: 'on' },
          {
            title: s.region,
            key: 'region',
            render: (_: unknown, r: Holder['registrations'][number]) => r.region.nameZh,
          },
          {
            title: s.basis,
            key: 'basis',
            render: (_: unknown, r: Holder['registrations'][number]) => basisText(s, r.basis),
          },
          { title: s.eligibleToApplyOn, dataIndex: 'eligibleToApplyOn', key: 'eligible' },
        ]}
      />

      <Typography.Title level={4}>{s.history}</Typography.Title>
      <Table
        data-testid="holder-history"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={h.residenceHistory}
        locale={{ emptyText: s.none }}
        columns={[
          { title: s.effectiveOn, dataIndex: 'effectiveOn', key: 'on' },
          {
            title: s.kind,
            key: 'kind',
            render: (_: unknown, r: Holder['residenceHistory'][number]) => pick(s, `kind${r.kind}`, r.kind),
          },
          {
            title: s.region,
            key: 'region',
            render: (_: unknown, r: Holder['residenceHistory'][number]) => r.region.nameZh,
          },
          { title: s.address, dataIndex: 'address', key: 'address' },
          {
            title: s.proof,
            key: 'proof',
            render: (_: unknown, r: Holder['residenceHistory'][number]) =>
              [r.proofKind, r.proofReference].filter(Boolean).join(' ') || '—',
          },
        ]}
      />

      <Typography.Title level={4}>{s.violations}</Typography.Title>
      <Table
        data-testid="holder-violations"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={h.violations}
        locale={{ emptyText: s.none }}
        columns={[
          { title: s.occurredOn, dataIndex: 'occurredOn', key: 'on' },
          {
            title: s.article,
            key: 'article',
            render: (_: unknown, v: Holder['violations'][number]) => (
              <Citation c={v.citation} locale={locale} />
            ),
          },
          {
            title: s.penalty,
            key: 'penalty',
            render: (_: unknown, v: Holder['violations'][number]) =>
              [
                v.warning ? s.warning : null,
                v.fineYuan > 0 ? s.fine(v.fineYuan) : null,
                v.illegalGainsYuan > 0 ? s.gains(v.illegalGainsYuan) : null,
              ]
                .filter(Boolean)
                .join('，') || '—',
          },
        ]}
      />

      <Typography.Title level={4}>{s.dependents}</Typography.Title>
      <Table
        data-testid="holder-dependents"
        rowKey="citizenIdNumber"
        size="small"
        pagination={false}
        dataSource={h.dependents}
        locale={{ emptyText: s.none }}
        columns={[
          { title: s.name, dataIndex: 'name', key: 'name' },
          { title: s.citizenIdNumber, dataIndex: 'citizenIdNumber', key: 'id' },
          { title: s.birthDate, dataIndex: 'birthDate', key: 'birth' },
        ]}
      />
    </Space>
  );
}

export function HolderFile() {
  const { t, locale } = useI18n();
  const s = stringsOf(locale);
  const [form] = Form.useForm<{ citizenIdNumber: string }>();
  const [file, setFile] = useState<Holder | null | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const mayFindByName = getSession()?.role === 'PUBLIC_SECURITY';

  const open = async (citizenIdNumber: string) => {
    const id = citizenIdNumber.trim().toUpperCase();
    form.setFieldsValue({ citizenIdNumber: id });
    setLoading(true);
    setError(null);
    setFile(undefined);
    try {
      setFile((await request(HolderFileDoc, { citizenIdNumber: id })).permitHolder ?? null);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  const forbidden = error instanceof GatewayError && error.code === 'FORBIDDEN';

  return (
    <>
      <Typography.Title level={2}>{s.title}</Typography.Title>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {mayFindByName && <SearchHolders s={s} onOpen={(id) => void open(id)} />}
        <Card title={s.lookupTitle} size="small" data-testid="holder-lookup">
          <Typography.Paragraph type="secondary">{s.lookupHelp}</Typography.Paragraph>
          <Form
            form={form}
            layout="inline"
            aria-label={s.lookupTitle}
            onFinish={(v) => void open(v.citizenIdNumber)}
            style={{ rowGap: 12 }}
          >
            <Form.Item name="citizenIdNumber" label={s.citizenIdNumber} rules={[citizenIdRule(t, locale)]}>
              <Input allowClear style={{ width: 240 }} autoComplete="off" />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<FileSearchOutlined />} loading={loading}>
                {s.lookup}
              </Button>
            </Form.Item>
          </Form>
        </Card>
        {forbidden && (
          <Typography.Text type="danger" strong data-testid="holder-forbidden">
            {s.forbiddenHint}
          </Typography.Text>
        )}
        <ErrorAlert error={error} />
        {loading && <Spin />}
        {file === null && <Empty data-testid="holder-not-found" description={s.notFound} />}
        {file && <HolderView h={file} s={s} locale={locale} />}
      </Space>
    </>
  );
}
