/**
 * One permit in 持证人档案: its facts as the gateway states them, the timeline bar and, under it, the
 * one sentence why it is (not) valid today with its article.
 */
import { Alert, Card, Descriptions, Space, Tag } from 'antd';
import { cite } from '../../../../src/law/articles';
import { Citation } from '../../fields';
import type { Locale } from '../../i18n';
import type { PoliceFileStrings } from '../../i18n/police-file.zh-CN';
import type { HolderFileQuery } from '../../gql/graphql';
import { permitReason } from './file-reason';
import { permitTimeline } from './file-timeline';
import { TimelineBar } from './file-timeline-bar';

export type FilePermit = NonNullable<HolderFileQuery['permitHolder']>['permits'][number];

const STATUS_COLOR: Record<string, string> = {
  VALID: 'success',
  LAPSED: 'default',
  CONFISCATED: 'error',
  NOT_YET_ISSUED: 'default',
};

export function PermitCard({
  p,
  n,
  s,
  locale,
  today,
  statusLabel,
}: {
  p: FilePermit;
  n: number;
  s: PoliceFileStrings;
  locale: Locale;
  today: string;
  statusLabel: string;
}) {
  const tl = permitTimeline(p, today);
  const reason = permitReason(s, p, tl);
  const w = p.endorsementWindow;
  return (
    <Card
      title={s.permitTitle(n, p.region.nameZh)}
      data-testid="holder-permit"
      data-status={p.status}
      extra={
        <Tag color={STATUS_COLOR[p.status] ?? 'default'} data-testid="holder-permit-status">
          {statusLabel}
        </Tag>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'i', label: s.issuedOn, children: p.issuedOn },
            { key: 'a', label: s.issuingAuthority, children: p.issuingAuthority },
            {
              key: 'v',
              label: s.validThrough,
              children: <span data-testid="holder-permit-valid-through">{p.validThrough ?? '—'}</span>,
            },
            {
              key: 'w',
              label: s.currentWindow,
              children: w ? `${w.from} — ${w.to}${w.provisional ? `（${s.provisional}）` : ''}` : '—',
            },
            { key: 'c', label: s.cardVersion, children: s.cardVersionValue(p.cardVersion) },
            { key: 'r', label: s.region, children: p.region.nameZh },
          ]}
        />
        <TimelineBar tl={tl} s={s} statusLabel={statusLabel} />
        <Alert
          type={p.status === 'VALID' ? 'success' : p.status === 'NOT_YET_ISSUED' ? 'info' : 'error'}
          showIcon
          data-testid="permit-reason"
          title={
            <span>
              {reason.sentence}（<Citation c={cite(reason.article)} locale={locale} />）
            </span>
          }
        />
      </Space>
    </Card>
  );
}
