/**
 * 批量核验's route. Until the bulk page is merged it shows a placeholder; at merge the lead replaces the
 * placeholder with the bulk component, which takes exactly these props:
 *
 *   <BulkCheck entitlements={options} today={todayCst()} runBatch={runBatch} locale={locale} />
 *
 * (`import { BulkCheck } from './BulkCheck'`), `runBatch` being verifyEligibilityBatch with the
 * signed-in token (console/src/api/batch.ts).
 */
import { useI18n } from '../../i18n';
import { useEntitlements } from '../../decision/entitlements';
import { runBatch } from '../../api/batch';
import { todayCst } from '../../fields';
import { BulkPlaceholder } from './BulkPlaceholder';

export function BulkRoute() {
  const { locale } = useI18n();
  const { entitlements } = useEntitlements();
  const props = {
    entitlements: entitlements.map((e) => ({ code: e.code, name: locale === 'en' ? e.nameEn : e.nameZh })),
    today: todayCst(),
    runBatch,
    locale,
  };
  return <BulkPlaceholder {...props} />;
}
