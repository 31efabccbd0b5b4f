/**
 * 审计日志 (AUDITOR): the audit log in pages with the filters action, role, subject and a date range
 * (days in China Standard Time, both inclusive), and a CSV export of everything the filters select
 * (audit-csv.ts: page by page with a progress bar, at most EXPORT_CAP entries).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Form, Input, Progress, Select, Space, Table, Typography } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { request } from '../../api/client';
import { CSV_TYPE, saveBytes } from '../../bulk/download';
import { useI18n } from '../../i18n';
import type { Messages } from '../../i18n/zh-CN';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { todayCst } from '../../fields';
import { isDateError, parseLocalDate } from '../../../../src/law/date';
import { AuditLogPage } from './AuditLog.ops';
import { EXPORT_CAP, auditCsv, walkAuditLog, type AuditEntryRow, type AuditFilters } from './audit-csv';
import { fill, instantCst } from './format';

const PAGE = 50;
const ROLES = ['DEPARTMENT', 'PUBLIC_SECURITY', 'DELEGATED_AGENCY', 'AUDITOR', 'ADMIN', 'HOLDER'] as const;

interface FormValues {
  action?: string;
  role?: string;
  subject?: string;
  from?: string;
  to?: string;
}

const orNull = (v: string | undefined): string | null => (v && v.trim() !== '' ? v.trim() : null);

function filtersOf(v: FormValues): AuditFilters {
  return {
    action: orNull(v.action)?.toUpperCase() ?? null,
    role: orNull(v.role),
    subject: orNull(v.subject),
    from: orNull(v.from),
    to: orNull(v.to),
  };
}

function optionalDateRule(t: Messages) {
  return {
    validator: async (_r: unknown, value: unknown) => {
      const v = typeof value === 'string' ? value.trim() : '';
      if (v !== '' && isDateError(parseLocalDate(v))) throw new Error(t.auditFilterDateBad);
    },
  };
}

export function AuditLog() {
  const { t } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const [filters, setFilters] = useState<AuditFilters | null>(null);
  const [rows, setRows] = useState<AuditEntryRow[]>([]);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [exporting, setExporting] = useState<number | null>(null);
  const [exported, setExported] = useState<{ n: number; capped: boolean } | null>(null);
  const stop = useRef(false);

  const load = useCallback(
    async (f: AuditFilters, after: number | undefined, first: number) =>
      (await request(AuditLogPage, { ...f, first, after })).auditLog,
    [],
  );

  const search = async (v: FormValues) => {
    const f = filtersOf(v);
    setLoading(true);
    setError(null);
    setExported(null);
    try {
      const page = await load(f, undefined, PAGE);
      setFilters(f);
      setRows(page);
      setMore(page.length === PAGE);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  const loadMore = async () => {
    if (!filters || rows.length === 0) return;
    setLoading(true);
    setError(null);
    try {
      const page = await load(filters, rows[rows.length - 1].sequence, PAGE);
      setRows((r) => [...r, ...page]);
      setMore(page.length === PAGE);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  const exportCsv = async () => {
    if (!filters) return;
    stop.current = false;
    setExporting(0);
    setExported(null);
    setError(null);
    try {
      const out = await walkAuditLog(
        (after, first) => load(filters, after, first),
        (n) => setExporting(n),
        () => stop.current,
      );
      if (out) {
        saveBytes(auditCsv(out.rows), `audit-log-${todayCst()}.csv`, CSV_TYPE);
        setExported({ n: out.rows.length, capped: out.capped });
      }
    } catch (e) {
      setError(e);
    } finally {
      setExporting(null);
    }
  };

  useEffect(() => {
    // the page opens on the whole log, in its own order (sequence)
    void search({});
  }, []);

  const columns = [
    { title: t.auditColSequence, dataIndex: 'sequence', key: 'sequence', width: 80 },
    {
      title: t.auditColAt,
      dataIndex: 'at',
      key: 'at',
      width: 180,
      render: (at: string) => instantCst(at),
    },
    { title: t.auditColActor, dataIndex: 'actor', key: 'actor' },
    { title: t.auditColRole, dataIndex: 'role', key: 'role' },
    { title: t.auditColAction, dataIndex: 'action', key: 'action' },
    { title: t.auditColSubject, dataIndex: 'subject', key: 'subject' },
    { title: t.auditColOutcome, dataIndex: 'outcome', key: 'outcome' },
    {
      title: t.auditColHash,
      dataIndex: 'hash',
      key: 'hash',
      render: (h: string) => (
        <code title={h} className="audit-hash">
          {h.slice(0, 12)}…
        </code>
      ),
    },
  ];

  return (
    <>
      <Typography.Title level={2}>{t.auditLogTitle}</Typography.Title>
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => void search(v)}
        style={{ rowGap: 12, marginBottom: 16 }}
        aria-label={t.auditLogTitle}
      >
        <Form.Item name="action" label={t.auditFilterAction}>
          <Input placeholder={t.auditFilterActionPlaceholder} allowClear style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="role" label={t.auditFilterRole}>
          <Select
            allowClear
            placeholder={t.auditFilterRoleAny}
            style={{ width: 160 }}
            options={ROLES.map((r) => {
              const k = `role${r}` as keyof Messages;
              return { value: r, label: k in t ? t[k] : r };
            })}
          />
        </Form.Item>
        <Form.Item name="subject" label={t.auditFilterSubject}>
          <Input placeholder={t.auditFilterSubjectPlaceholder} allowClear style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="from" label={t.auditFilterFrom} rules={[optionalDateRule(t)]}>
          <Input placeholder={t.auditFilterDatePlaceholder} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="to"
          label={t.auditFilterTo}
          dependencies={['from']}
          rules={[
            optionalDateRule(t),
            ({ getFieldValue }) => ({
              validator: async (_r: unknown, value: unknown) => {
                const from = orNull(getFieldValue('from') as string | undefined);
                const to = orNull(typeof value === 'string' ? value : undefined);
                if (from && to && from > to) throw new Error(t.auditFilterRangeBad);
              },
            }),
          ]}
        >
          <Input placeholder={t.auditFilterDatePlaceholder} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={loading}>
              {t.auditSearch}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                void search({});
              }}
            >
              {t.auditReset}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
      {filters && (
        <section aria-label={t.auditLogTitle} data-testid="audit-log">
          <Space style={{ margin: '12px 0' }} wrap>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void exportCsv()}
              disabled={exporting !== null || rows.length === 0}
            >
              {t.auditExport}
            </Button>
            <Typography.Text type="secondary">{fill(t.auditExportHelp, { cap: EXPORT_CAP })}</Typography.Text>
          </Space>
          {exporting !== null && (
            <div data-testid="audit-export-progress" style={{ marginBottom: 12 }}>
              <Typography.Text>{fill(t.auditExporting, { n: exporting })}</Typography.Text>
              <Progress percent={Math.floor((exporting / EXPORT_CAP) * 100)} showInfo={false} />
              <Button size="small" onClick={() => (stop.current = true)}>
                {t.auditExportCancel}
              </Button>
            </div>
          )}
          {exported && (
            <Alert
              style={{ marginBottom: 12 }}
              type={exported.capped ? 'warning' : 'success'}
              showIcon
              data-testid="audit-exported"
              title={
                exported.capped
                  ? fill(t.auditExportCapped, { cap: EXPORT_CAP })
                  : fill(t.auditExported, { n: exported.n })
              }
            />
          )}
          <Table
            rowKey="sequence"
            size="small"
            dataSource={rows}
            columns={columns}
            pagination={false}
            loading={loading}
            locale={{ emptyText: t.auditEmpty }}
            scroll={{ x: true }}
          />
          <Space style={{ marginTop: 12 }}>
            <Typography.Text data-testid="audit-shown">
              {fill(t.auditShown, { n: rows.length })}
            </Typography.Text>
            {more && (
              <Button onClick={() => void loadMore()} loading={loading}>
                {t.loadMore}
              </Button>
            )}
          </Space>
        </section>
      )}
    </>
  );
}
