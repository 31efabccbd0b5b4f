/** 申领受理: a placeholder until its page lands (issue 11 item 1). */
import { Typography } from 'antd';
import { useI18n } from '../../i18n';

export function Apply() {
  const { t } = useI18n();
  return (
    <Typography.Title level={2} style={{ margin: 0 }}>
      {t.menuApply}
    </Typography.Title>
  );
}
