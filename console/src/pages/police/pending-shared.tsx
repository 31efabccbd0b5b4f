/**
 * What 待发证 and 签注 share: their strings by the page's language, the date field's rule, a date
 * marked 暂定 when it rests on a year whose holiday notice is not known. Refusals: `PoliceRefusal`
 * in police-refusal.tsx (with the window's dates for an early endorsement).
 */
import { Tooltip } from 'antd';
import type { Rule } from 'antd/es/form';
import { useI18n } from '../../i18n';
import { policePendingEn } from '../../i18n/police-pending.en';
import { policePendingZhCN, type PolicePendingStrings } from '../../i18n/police-pending.zh-CN';
import { isDateError, parseLocalDate } from '../../../../src/law/date';

export const PAGE_SIZE = 20;

export function usePendingStrings(): PolicePendingStrings {
  const { locale } = useI18n();
  return locale === 'en' ? policePendingEn : policePendingZhCN;
}

/** A required YYYY-MM-DD field. */
export function requiredDateRule(s: PolicePendingStrings): Rule {
  return {
    validator: async (_r: unknown, value: unknown) => {
      const v = typeof value === 'string' ? value.trim() : '';
      if (v === '') throw new Error(s.dateRequired);
      if (isDateError(parseLocalDate(v))) throw new Error(s.dateBad);
    },
  };
}

/** A date, with 暂定 (and why, on hover) when the calendar for its year is not yet known. */
export function DateText({ date, provisional }: { date: string | null | undefined; provisional?: boolean }) {
  const s = usePendingStrings();
  if (!date) return <>—</>;
  if (!provisional) return <>{date}</>;
  return (
    <Tooltip title={s.provisionalHelp}>
      <span>
        {date}
        {s.provisional}
      </span>
    </Tooltip>
  );
}
