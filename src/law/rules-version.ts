/**
 * rulesVersion: identifies the rules, the regulation text and the holiday calendar a decision used,
 * so a decision can be reproduced on review (Art. 23). Bump RULES_VERSION with any change to
 * src/law's behaviour or to an interpretation in SPEC.
 */
import { ARTICLE_TEXTS } from './articles.generated';
import type { WorkingCalendar } from './working-days';

export const RULES_VERSION = '1.0.1';

/** FNV-1a, 32 bit: a stable fingerprint of the regulation text (no crypto needed: not a secret). */
export function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export const REGULATION_FINGERPRINT = fnv1a(JSON.stringify(ARTICLE_TEXTS));

export function rulesVersion(cal: WorkingCalendar): string {
  return `ly-rp-2016/rules-${RULES_VERSION}/text-${REGULATION_FINGERPRINT}/cal-${cal.id}`;
}
