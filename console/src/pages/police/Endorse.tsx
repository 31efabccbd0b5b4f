/**
 * 签注 (PUBLIC_SECURITY, DELEGATED_AGENCY; Art. 13, I-3): the permits in the caller's region whose
 * endorsement window is open on some day of a chosen range, each with its window, a page at a time
 * (下一页: the last row's id as `after`); 签注 from a row endorses on the 签注日期 above the list and
 * the row shows 已签注 with the new valid-through. 按公民身份号码签注 looks a holder up
 * (permitHolder) and endorses the current permit; an early endorsement is refused by the gateway,
 * shown with its sentence, 第十三条 and the window's from/to.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { request } from '../../api/client';
import { statusText } from '../../decision/DecisionView';
import { citizenIdRule, todayCst } from '../../fields';
import type {
  EndorseHolderQuery,
  EndorsePermitFieldsFragment,
  EndorsementsDueQuery,
} from '../../gql/graphql';
import { useI18n } from '../../i18n';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { EndorseHolder, EndorsePermit, EndorsementsDue } from './Endorse.ops';
import { DateText, PAGE_SIZE, requiredDateRule, usePagedList, usePendingStrings } from './pending-shared';
import { PoliceRefusal } from './police-refusal';
import { currentPermit } from './police-shared';

type Row = EndorsementsDueQuery['endorsementsDue'][number];
type Holder = NonNullable<EndorseHolderQuery['permitHolder']>;
type PermitFields = EndorsePermitFieldsFragment;

interface RangeValues {
  from: string;
  to: string;
  endorsedOn: string;
}

interface Range {
  from: string;
  to: string;
}

function WindowText({ w }: { w: PermitFields['endorsementWindow'] }) {
  const s = usePendingStrings();
  if (!w) return <>—</>;
  return <DateText date={s.endorseWindowRange(w.from, w.to)} provisional={w.provisional} />;
}

function DueList() {
  const s = usePendingStrings();
  const [form] = Form.useForm<RangeValues>();
  const {
    query: range,
    rows,
    page,
    cursor,
    more,
    loading,
    error,
    load,
  } = usePagedList<Range, Row>(
    async (r, after) => (await request(EndorsementsDue, { ...r, first: PAGE_SIZE, after })).endorsementsDue,
  );
  const [endorsing, setEndorsing] = useState<string | null>(null);
  const [done, setDone] = useState<Record<string, PermitFields>>({});
  const [rowError, setRowError] = useState<{ row: Row; error: unknown } | null>(null);

  const search = (v: RangeValues) => {
    setDone({});
    setRowError(null);
    void load({ from: v.from.trim(), to: v.to.trim() }, null, 1);
  };

  const endorse = async (row: Row) => {
    let endorsedOn: string;
    try {
      endorsedOn = (
        (await form.validateFields(['endorsedOn'])) as Pick<RangeValues, 'endorsedOn'>
      ).endorsedOn.trim();
    } catch {
      return;
    }
    setEndorsing(row.id);
    setRowError(null);
    try {
      const p = (await request(EndorsePermit, { permitId: row.id, endorsedOn })).endorsePermit;
      setDone((d) => ({ ...d, [row.id]: p }));
    } catch (e) {
      setRowError({ row, error: e });
    } finally {
      setEndorsing(null);
    }
  };

  useEffect(() => {
    const today = todayCst();
    form.setFieldsValue({ from: today, to: today, endorsedOn: today });
    void load({ from: today, to: today }, null, 1);
  }, []);

  const columns: TableColumnsType<Row> = [
    { title: s.colName, key: 'name', render: (_: unknown, r) => r.holder.name },
    {
      title: s.colCitizenId,
      key: 'citizenId',
      render: (_: unknown, r) => <span className="citizen-id">{r.holder.citizenIdNumber}</span>,
    },
    { title: s.colRegion, key: 'region', render: (_: unknown, r) => r.region.nameZh },
    { title: s.endorseColIssuedOn, dataIndex: 'issuedOn', key: 'issuedOn' },
    {
      title: s.endorseColWindow,
      key: 'window',
      render: (_: unknown, r) => <WindowText w={r.endorsementWindow} />,
    },
    {
      title: s.endorseColValidThrough,
      key: 'validThrough',
      render: (_: unknown, r) => done[r.id]?.validThrough ?? r.validThrough ?? '—',
    },
    {
      title: s.endorseColState,
      key: 'action',
      render: (_: unknown, r) => {
        const d = done[r.id];
        if (d) {
          const last = d.endorsements[d.endorsements.length - 1];
          return (
            <Space size={4} data-testid={`endorsed-${r.id}`}>
              <Tag color="green">{s.endorsed}</Tag>
              {last && <span>{s.endorsedThrough(last.extendsValidityThrough)}</span>}
            </Space>
          );
        }
        return (
          <Button type="primary" size="small" loading={endorsing === r.id} onClick={() => void endorse(r)}>
            {s.endorse}
          </Button>
        );
      },
    },
  ];

  return (
    <>
      <Form
        form={form}
        name="endorse-due"
        layout="inline"
        onFinish={search}
        style={{ rowGap: 12, marginBottom: 16 }}
        aria-label={s.endorseTitle}
      >
        <Form.Item name="from" label={s.endorseFrom} rules={[requiredDateRule(s)]}>
          <Input placeholder="YYYY-MM-DD" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item
          name="to"
          label={s.endorseTo}
          dependencies={['from']}
          rules={[
            requiredDateRule(s),
            ({ getFieldValue }) => ({
              validator: async (_r: unknown, value: unknown) => {
                const from = String(getFieldValue('from') ?? '').trim();
                const to = typeof value === 'string' ? value.trim() : '';
                if (from && to && from > to) throw new Error(s.rangeBad);
              },
            }),
          ]}
        >
          <Input placeholder="YYYY-MM-DD" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={loading}>
            {s.search}
          </Button>
        </Form.Item>
        <Form.Item name="endorsedOn" label={s.endorseOn} rules={[requiredDateRule(s)]}>
          <Input placeholder="YYYY-MM-DD" style={{ width: 140 }} />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
      {rowError && (
        <div style={{ marginBottom: 12 }}>
          <PoliceRefusal
            sentences={s.reasons}
            error={rowError.error}
            window={rowError.row.endorsementWindow}
            testId="endorse-row-error"
          />
        </div>
      )}
      {range && (
        <section aria-label={s.endorseTitle} data-testid="endorse-list">
          <Table
            rowKey="id"
            size="small"
            dataSource={rows}
            columns={columns}
            pagination={false}
            loading={loading}
            locale={{ emptyText: s.endorseEmpty }}
            scroll={{ x: true }}
          />
          <Space style={{ marginTop: 12 }}>
            <Typography.Text data-testid="endorse-shown">{s.shown(rows.length, page)}</Typography.Text>
            {page > 1 && (
              <Button onClick={() => void load(range, null, 1)} loading={loading}>
                {s.firstPage}
              </Button>
            )}
            {more && (
              <Button onClick={() => void load(range, cursor, page + 1)} loading={loading}>
                {s.nextPage}
              </Button>
            )}
          </Space>
        </section>
      )}
    </>
  );
}

interface ByIdValues {
  citizenIdNumber: string;
  endorsedOn: string;
}

function ById() {
  const { t, locale } = useI18n();
  const s = usePendingStrings();
  const [form] = Form.useForm<ByIdValues>();
  const [holder, setHolder] = useState<Holder | null | undefined>(undefined);
  const [permit, setPermit] = useState<PermitFields | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [endorseError, setEndorseError] = useState<unknown>(null);
  const [endorsed, setEndorsed] = useState<PermitFields | null>(null);

  useEffect(() => {
    form.setFieldsValue({ endorsedOn: todayCst() });
  }, []);

  const lookup = async (v: ByIdValues) => {
    setLoading(true);
    setError(null);
    setEndorseError(null);
    setEndorsed(null);
    try {
      const h = (await request(EndorseHolder, { citizenIdNumber: v.citizenIdNumber.trim().toUpperCase() }))
        .permitHolder;
      setHolder(h ?? null);
      setPermit(h ? currentPermit(h.permits) : null);
    } catch (e) {
      setHolder(undefined);
      setPermit(null);
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  const endorse = async () => {
    if (!permit) return;
    let endorsedOn: string;
    try {
      endorsedOn = (
        (await form.validateFields(['endorsedOn'])) as Pick<ByIdValues, 'endorsedOn'>
      ).endorsedOn.trim();
    } catch {
      return;
    }
    setLoading(true);
    setEndorseError(null);
    setEndorsed(null);
    try {
      const p = (await request(EndorsePermit, { permitId: permit.id, endorsedOn })).endorsePermit;
      setEndorsed(p);
      setPermit(p);
    } catch (e) {
      setEndorseError(e);
    } finally {
      setLoading(false);
    }
  };

  const lastEndorsement = endorsed?.endorsements[endorsed.endorsements.length - 1];

  return (
    <Card title={s.byIdTitle} data-testid="endorse-by-id" style={{ marginTop: 24 }}>
      <Typography.Paragraph type="secondary">{s.byIdHelp}</Typography.Paragraph>
      <Form
        form={form}
        name="endorse-by-id"
        layout="inline"
        onFinish={(v) => void lookup(v)}
        style={{ rowGap: 12, marginBottom: 16 }}
        aria-label={s.byIdTitle}
      >
        <Form.Item name="citizenIdNumber" label={s.colCitizenId} rules={[citizenIdRule(t, locale)]}>
          <Input style={{ width: 220 }} autoComplete="off" />
        </Form.Item>
        <Form.Item name="endorsedOn" label={s.endorseOn} rules={[requiredDateRule(s)]}>
          <Input placeholder="YYYY-MM-DD" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" loading={loading}>
            {s.byIdLookup}
          </Button>
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
      {holder === null && (
        <Alert type="warning" showIcon title={s.byIdNoHolder} data-testid="endorse-by-id-none" />
      )}
      {holder && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} data-testid="endorse-by-id-holder">
            <Descriptions.Item label={s.colName}>{holder.name}</Descriptions.Item>
            <Descriptions.Item label={s.colCitizenId}>{holder.citizenIdNumber}</Descriptions.Item>
            <Descriptions.Item label={s.colRegion}>{holder.residenceRegion.nameZh}</Descriptions.Item>
            <Descriptions.Item label={s.colResidenceAddress}>{holder.residenceAddress}</Descriptions.Item>
            {permit && (
              <>
                <Descriptions.Item label={s.pendingPermitId}>{permit.id}</Descriptions.Item>
                <Descriptions.Item label={s.byIdStatus}>{statusText(t, permit.status)}</Descriptions.Item>
                <Descriptions.Item label={s.endorseColIssuedOn}>{permit.issuedOn}</Descriptions.Item>
                <Descriptions.Item label={s.endorseColValidThrough}>
                  {permit.validThrough ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label={s.endorseColWindow}>
                  {permit.endorsementWindow ? <WindowText w={permit.endorsementWindow} /> : s.byIdNoWindow}
                </Descriptions.Item>
              </>
            )}
          </Descriptions>
          {!permit && <Alert type="info" showIcon title={s.byIdNoPermit} />}
          {permit && (
            <Button type="primary" onClick={() => void endorse()} loading={loading}>
              {s.endorse}
            </Button>
          )}
          {endorsed && (
            <Alert
              type="success"
              showIcon
              data-testid="endorse-by-id-done"
              title={s.byIdDone(lastEndorsement?.extendsValidityThrough ?? endorsed.validThrough ?? '—')}
            />
          )}
          <PoliceRefusal
            error={endorseError}
            sentences={s.reasons}
            window={permit?.endorsementWindow}
            testId="endorse-by-id-error"
          />
        </Space>
      )}
    </Card>
  );
}

export function Endorse() {
  const s = usePendingStrings();
  return (
    <>
      <Typography.Title level={2}>{s.endorseTitle}</Typography.Title>
      <Typography.Paragraph type="secondary">{s.endorseIntro}</Typography.Paragraph>
      <DueList />
      <ById />
    </>
  );
}
