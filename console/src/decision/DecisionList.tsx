/** A paged list of decisions (first/after: the id of the last one shown), each reprintable. */
import { useCallback, useEffect, useState } from 'react';
import { Button, Space, Table, Tag } from 'antd';
import { PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n';
import { ErrorAlert } from '../layout/ErrorAlert';
import type { Decision } from './DecisionView';
import { statusText } from './DecisionView';
import { entitlementName, useEntitlements } from './entitlements';
import { openReceipt } from './receipt-link';

export const PAGE_SIZE = 20;

export function DecisionList({
  load,
  empty,
  testId,
}: {
  load: (after: string | undefined) => Promise<Decision[]>;
  empty: string;
  testId: string;
}) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { entitlements } = useEntitlements();
  const [rows, setRows] = useState<Decision[]>([]);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const fetchPage = useCallback(
    async (after: string | undefined) => {
      setBusy(true);
      setError(null);
      try {
        const page = await load(after);
        setRows((old) => (after ? [...old, ...page] : page));
        setMore(page.length === PAGE_SIZE);
      } catch (e) {
        setError(e);
      } finally {
        setBusy(false);
      }
    },
    [load],
  );
  useEffect(() => void fetchPage(undefined), [fetchPage]);

  const name = (code: string) => entitlementName(entitlements, code, locale);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={error} />
      <Button icon={<ReloadOutlined />} onClick={() => void fetchPage(undefined)} disabled={busy}>
        {t.refresh}
      </Button>
      <Table<Decision>
        data-testid={testId}
        rowKey="decisionId"
        size="small"
        loading={busy}
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: empty }}
        scroll={{ x: 720 }}
        columns={[
          { title: t.colAsOf, dataIndex: 'asOf', width: 110 },
          { title: t.colEntitlement, key: 'e', render: (_, d) => name(d.entitlementCode) },
          {
            title: t.colResult,
            key: 'r',
            width: 90,
            render: (_, d) =>
              d.eligible ? <Tag color="success">{t.eligible}</Tag> : <Tag color="error">{t.notEligible}</Tag>,
          },
          {
            title: t.colFailed,
            key: 'f',
            render: (_, d) =>
              d.reasons
                .filter((r) => !r.passed)
                .map((r) => (locale === 'en' ? r.messageEn : r.messageZh))
                .join('；') || '—',
          },
          {
            title: t.maskedId,
            key: 'm',
            width: 170,
            render: (_, d) => d.permit?.maskedCitizenIdNumber ?? '—',
          },
          {
            title: t.permitStatus,
            key: 's',
            width: 90,
            render: (_, d) => (d.permit ? statusText(t, d.permit.status) : '—'),
          },
          {
            title: t.colActions,
            key: 'a',
            width: 110,
            render: (_, d) => (
              <Button
                size="small"
                icon={<PrinterOutlined />}
                onClick={() =>
                  openReceipt(navigate, { decision: d, entitlementName: name(d.entitlementCode) })
                }
              >
                {t.reprint}
              </Button>
            ),
          },
        ]}
      />
      {more && (
        <Button onClick={() => void fetchPage(rows.at(-1)?.decisionId)} loading={busy}>
          {t.loadMore}
        </Button>
      )}
    </Space>
  );
}
