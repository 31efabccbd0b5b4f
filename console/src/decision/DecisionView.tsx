/**
 * A decision as the desk sees it: 符合 / 不符合, large; every condition with passed or not, its
 * message and its article (text on hover or focus); the masked ID, status, valid through, region,
 * the decision id.
 */
import { useEffect, useRef } from 'react';
import { Button, Descriptions, Space, Table, Tag } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, PrinterOutlined } from '@ant-design/icons';
import type { DecisionFieldsFragment } from '../gql/graphql';
import { Citation } from '../fields';
import { useI18n } from '../i18n';
import type { Messages } from '../i18n/zh-CN';

export type Decision = DecisionFieldsFragment;

/** A reason as the gateway answers it: message in both languages, passed or not, its article. */
type Reason = Decision['reasons'][number];

/**
 * Every condition with 通过/未通过, its message and its article (text on hover or focus): a
 * decision's reasons, and an application's (申领受理).
 */
export function ReasonsTable({
  reasons,
  caption,
  testId,
}: {
  reasons: readonly Pick<Reason, 'code' | 'passed' | 'messageZh' | 'messageEn' | 'citation'>[];
  caption: string;
  testId: string;
}) {
  const { t, locale } = useI18n();
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="code"
      caption={<strong>{caption}</strong>}
      dataSource={reasons}
      data-testid={testId}
      columns={[
        {
          title: t.condition,
          key: 'm',
          render: (_, r) => (locale === 'en' ? r.messageEn : r.messageZh),
        },
        {
          title: t.conditionResult,
          key: 'p',
          width: 96,
          render: (_, r) =>
            r.passed ? (
              <Tag color="success" className="reason-tag">
                {t.passed}
              </Tag>
            ) : (
              <Tag color="error" className="reason-tag">
                {t.notPassed}
              </Tag>
            ),
        },
        {
          title: t.conditionBasis,
          key: 'c',
          width: 200,
          render: (_, r) => <Citation c={r.citation} locale={locale} />,
        },
      ]}
    />
  );
}

export function statusText(t: Messages, status: string): string {
  const key = `status${status}` as keyof Messages;
  return key in t ? t[key] : status;
}

export function Verdict({ eligible }: { eligible: boolean }) {
  const { t } = useI18n();
  // the answer takes the focus: a keyboard user continues from it (打印回执 is the next stop)
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className={`verdict ${eligible ? 'verdict-yes' : 'verdict-no'}`}
      role="status"
      aria-live="polite"
      data-testid="verdict"
      data-eligible={eligible}
    >
      {eligible ? <CheckCircleFilled aria-hidden /> : <CloseCircleFilled aria-hidden />}
      <span>
        {eligible ? t.eligible : t.notEligible}
        <br />
        <small>{eligible ? t.eligibleLong : t.notEligibleLong}</small>
      </span>
    </div>
  );
}

export function DecisionView({
  decision,
  entitlementName,
  onPrint,
}: {
  decision: Decision;
  entitlementName: string;
  onPrint?: () => void;
}) {
  const { t } = useI18n();
  const p = decision.permit;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="decision">
      <Verdict eligible={decision.eligible} />
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          { key: 'e', label: t.entitlement, children: entitlementName },
          { key: 'd', label: t.asOf, children: decision.asOf },
          { key: 'm', label: t.maskedId, children: p?.maskedCitizenIdNumber ?? t.noPermit },
          { key: 's', label: t.permitStatus, children: p ? statusText(t, p.status) : '—' },
          { key: 'v', label: t.validThrough, children: p?.validThrough ?? '—' },
          { key: 'r', label: t.region, children: p?.region.nameZh ?? '—' },
          {
            key: 'id',
            label: t.decisionId,
            children: <code data-testid="decision-id">{decision.decisionId}</code>,
          },
          { key: 'rv', label: t.rulesVersion, children: decision.rulesVersion },
        ]}
      />
      <ReasonsTable reasons={decision.reasons} caption={t.conditions} testId="reasons" />
      {onPrint && (
        <Button icon={<PrinterOutlined />} onClick={onPrint}>
          {t.printReceipt}
        </Button>
      )}
    </Space>
  );
}
