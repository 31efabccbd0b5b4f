/**
 * 我的居住证 (HOLDER): each permit's status, valid through and next endorsement window as `me` states
 * them; only the days from today to the window's dates are counted here.
 */
import { useEffect, useState } from 'react';
import { Card, Descriptions, Empty, Space, Spin, Tag, Typography } from 'antd';
import { request } from '../../api/client';
import { useI18n } from '../../i18n';
import type { Messages } from '../../i18n/zh-CN';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { statusText } from '../../decision/DecisionView';
import type { MyPermitQuery } from '../../gql/graphql';
import { MyPermit as MyPermitDoc } from './MyPermit.ops';
import { daysFromToday } from './days';

type Me = NonNullable<MyPermitQuery['me']>;
type Permit = Me['permits'][number];

const STATUS_COLOR: Record<string, string> = {
  VALID: 'success',
  LAPSED: 'warning',
  CONFISCATED: 'error',
  NOT_YET_ISSUED: 'default',
};

function windowText(t: Messages, w: NonNullable<Permit['endorsementWindow']>): string {
  const toOpen = daysFromToday(w.from);
  const toClose = daysFromToday(w.to);
  if (toOpen !== null && toOpen > 0) return `${t.holderWindowOpensIn}${toOpen}${t.holderDays}`;
  if (toClose !== null && toClose >= 0) return `${t.holderWindowOpenLeft}${toClose}${t.holderDays}`;
  return t.holderWindowPassed;
}

export function MyPermit() {
  const { t } = useI18n();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    request(MyPermitDoc).then(
      (d) => live && setMe(d.me ?? null),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, []);
  return (
    <>
      <Typography.Title level={2}>{t.holderPermitTitle}</Typography.Title>
      <ErrorAlert error={error} />
      {me === undefined && !error && <Spin />}
      {me === null && <Empty description={t.holderNoFile} />}
      {me && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'n', label: t.holderName, children: me.name },
              { key: 'r', label: t.region, children: me.residenceRegion.nameZh },
              { key: 'a', label: t.holderAddress, children: me.residenceAddress },
            ]}
          />
          {me.permits.length === 0 && <Empty description={t.holderNoPermit} />}
          {me.permits.map((p) => (
            <Card key={p.id} title={`${t.holderPermitCard} ${p.region.nameZh}`} data-testid="my-permit">
              <Descriptions
                size="small"
                column={1}
                items={[
                  {
                    key: 's',
                    label: t.permitStatus,
                    children: (
                      <Tag color={STATUS_COLOR[p.status] ?? 'default'} data-testid="my-permit-status">
                        {statusText(t, p.status)}
                      </Tag>
                    ),
                  },
                  {
                    key: 'v',
                    label: t.validThrough,
                    children: <span data-testid="my-permit-valid-through">{p.validThrough ?? '—'}</span>,
                  },
                  { key: 'i', label: t.holderIssuedOn, children: p.issuedOn },
                  {
                    key: 'w',
                    label: t.holderNextWindow,
                    children: p.endorsementWindow ? (
                      <span data-testid="my-permit-window">
                        {p.endorsementWindow.from} — {p.endorsementWindow.to}
                        {p.endorsementWindow.provisional && ` (${t.holderProvisional})`}
                        {t.holderSeparator}
                        <strong>{windowText(t, p.endorsementWindow)}</strong>
                      </span>
                    ) : (
                      '—'
                    ),
                  },
                ]}
              />
            </Card>
          ))}
        </Space>
      )}
    </>
  );
}
