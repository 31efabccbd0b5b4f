/** 核验记录 (HOLDER): who checked me — department, entitlement, date, result — newest first, 20 a page. */
import { useCallback, useEffect, useState } from 'react';
import { Button, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { request } from '../../api/client';
import { useI18n } from '../../i18n';
import type { Messages } from '../../i18n/zh-CN';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { entitlementName, useEntitlements } from '../../decision/entitlements';
import type { MyVerificationsQuery } from '../../gql/graphql';
import { MyVerifications } from './MyChecks.ops';
import { departmentText } from './ShareCodes';

type Check = MyVerificationsQuery['myVerifications'][number];

export const CHECKS_PAGE_SIZE = 20;

function who(t: Messages, c: Check): string {
  if (c.department) return departmentText(t, c.department);
  const key = `role${c.role}` as keyof Messages;
  return key in t ? t[key] : c.role;
}

export function MyChecks() {
  const { t, locale } = useI18n();
  const { entitlements } = useEntitlements();
  const [rows, setRows] = useState<Check[]>([]);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const fetchPage = useCallback(async (after: string | undefined) => {
    setBusy(true);
    setError(null);
    try {
      const page = (await request(MyVerifications, { first: CHECKS_PAGE_SIZE, after })).myVerifications;
      setRows((old) => (after ? [...old, ...page] : page));
      setMore(page.length === CHECKS_PAGE_SIZE);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, []);
  useEffect(() => void fetchPage(undefined), [fetchPage]);

  const time = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'short',
    timeStyle: 'short',
  });
  return (
    <>
      <Typography.Title level={2}>{t.holderChecksTitle}</Typography.Title>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ErrorAlert error={error} />
        <Button icon={<ReloadOutlined />} onClick={() => void fetchPage(undefined)} disabled={busy}>
          {t.refresh}
        </Button>
        <Table<Check>
          data-testid="my-checks"
          rowKey="decisionId"
          size="small"
          loading={busy}
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: t.holderChecksNone }}
          scroll={{ x: 720 }}
          columns={[
            { title: t.holderChecksAt, key: 'at', width: 150, render: (_, c) => time.format(new Date(c.at)) },
            {
              title: t.holderChecksWho,
              key: 'w',
              render: (_, c) => `${who(t, c)}（${c.callerRegion.nameZh}）`,
            },
            {
              title: t.colEntitlement,
              key: 'e',
              render: (_, c) => entitlementName(entitlements, c.entitlementCode, locale),
            },
            { title: t.colAsOf, dataIndex: 'asOf', width: 110 },
            {
              title: t.colResult,
              key: 'r',
              width: 90,
              render: (_, c) =>
                c.eligible ? (
                  <Tag color="success">{t.eligible}</Tag>
                ) : (
                  <Tag color="error">{t.notEligible}</Tag>
                ),
            },
            {
              title: t.holderChecksHow,
              key: 'h',
              width: 110,
              render: (_, c) => (c.byShareCode ? t.holderChecksByCode : t.holderChecksById),
            },
          ]}
        />
        {more && (
          <Button onClick={() => void fetchPage(rows.at(-1)?.decisionId)} loading={busy}>
            {t.loadMore}
          </Button>
        )}
      </Space>
    </>
  );
}
