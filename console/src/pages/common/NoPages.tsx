import { Result } from 'antd';
import { useI18n } from '../../i18n';

export function NoPages() {
  const { t } = useI18n();
  return <Result status="info" title={t.noPagesForRole} />;
}
