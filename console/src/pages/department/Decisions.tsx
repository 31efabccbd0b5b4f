/** 已核验记录: the caller's own past decisions, paged, each reprintable. */
import { useCallback } from 'react';
import { Typography } from 'antd';
import { request } from '../../api/client';
import { useI18n } from '../../i18n';
import { DecisionList, PAGE_SIZE } from '../../decision/DecisionList';
import { DecisionsMade } from './Decisions.ops';

export function Decisions() {
  const { t } = useI18n();
  const load = useCallback(
    async (after: string | undefined) =>
      (await request(DecisionsMade, { first: PAGE_SIZE, after })).decisionsMade,
    [],
  );
  return (
    <>
      <Typography.Title level={2}>{t.decisionsTitle}</Typography.Title>
      <DecisionList load={load} empty={t.decisionsEmpty} testId="decisions" />
    </>
  );
}
