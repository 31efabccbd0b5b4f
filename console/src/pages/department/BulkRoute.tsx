/**
 * 批量核验's route: the bulk component (console/src/bulk/BulkCheck.tsx) with the caller's
 * entitlements, today in China Standard Time, and `runBatch`, verifyEligibilityBatch with the
 * signed-in token (console/src/api/batch.ts).
 */
import { useI18n } from '../../i18n';
import { useEntitlements } from '../../decision/entitlements';
import { runBatch } from '../../api/batch';
import { todayCst } from '../../fields';
import { BulkCheck } from './BulkCheck';

export function BulkRoute() {
  const { locale } = useI18n();
  const { entitlements } = useEntitlements();
  return (
    <BulkCheck
      entitlements={entitlements.map((e) => ({ code: e.code, name: locale === 'en' ? e.nameEn : e.nameZh }))}
      today={todayCst()}
      runBatch={runBatch}
      locale={locale}
    />
  );
}
