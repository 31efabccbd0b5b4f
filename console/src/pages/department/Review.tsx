/** 待复核: positive decisions on permits confiscated since they were made (Art. 21 para 2). */
import { useCallback } from 'react';
import { Alert, Typography } from 'antd';
import { request } from '../../api/client';
import { useI18n } from '../../i18n';
import { DecisionList, PAGE_SIZE } from '../../decision/DecisionList';
import { DecisionsToReview } from './Review.ops';

export function Review() {
  const { t } = useI18n();
  const load = useCallback(
    async (after: string | undefined) =>
      (await request(DecisionsToReview, { first: PAGE_SIZE, after })).decisionsToReview,
    [],
  );
  return (
    <>
      <Typography.Title level={2}>{t.reviewTitle}</Typography.Title>
      <Alert type="info" showIcon title={t.reviewIntro} style={{ marginBottom: 16 }} />
      <DecisionList load={load} empty={t.reviewEmpty} testId="review" />
    </>
  );
}
