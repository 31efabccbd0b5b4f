/** 批量核验: a stand-in until the bulk page (console/src/pages/department/BulkCheck.tsx) is merged. */
import { Result, Typography } from 'antd';
import { useI18n } from '../../i18n';

export function BulkPlaceholder() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={2}>{t.menuBulk}</Typography.Title>
      <Result status="info" title={t.bulkComing} />
    </>
  );
}
