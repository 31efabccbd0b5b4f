/** 批量核验: a stand-in until the bulk page (BulkCheck.tsx) is merged; it takes the same props. */
import { Result, Typography } from 'antd';
import type { DecisionFieldsFragment, EligibilityQuery } from '../../gql/graphql';
import { useI18n, type Locale } from '../../i18n';

export interface BulkProps {
  entitlements: { code: string; name: string }[];
  /** YYYY-MM-DD, China Standard Time */
  today: string;
  runBatch(queries: EligibilityQuery[]): Promise<DecisionFieldsFragment[]>;
  locale: Locale;
}

export function BulkPlaceholder(_props: BulkProps) {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={2}>{t.menuBulk}</Typography.Title>
      <Result status="info" title={t.bulkComing} />
    </>
  );
}
