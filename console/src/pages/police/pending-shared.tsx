/**
 * What 待发证 and 签注 share: their strings by the page's language, the date field's rule, a date
 * marked 暂定 when it rests on a year whose holiday notice is not known. Refusals: `PoliceRefusal`
 * in police-refusal.tsx (with the window's dates for an early endorsement).
 */
import { useRef, useState } from 'react';
import { Tooltip } from 'antd';
import type { Rule } from 'antd/es/form';
import { useI18n } from '../../i18n';
import { policePendingEn } from '../../i18n/police-pending.en';
import { policePendingZhCN, type PolicePendingStrings } from '../../i18n/police-pending.zh-CN';
import { isDateError, parseLocalDate } from '../../../../src/law/date';

export const PAGE_SIZE = 20;

/**
 * A list read a page at a time (`first`/`after`, the last row's id as the next page's cursor): the
 * query shown, its rows, the page number, whether there may be more, and an error. An older answer
 * arriving after a newer one is dropped, never shown over it.
 */
export function usePagedList<Q, R extends { id: string }>(
  fetchPage: (query: Q, after: string | null) => Promise<R[]>,
) {
  const [query, setQuery] = useState<Q | null>(null);
  const [rows, setRows] = useState<R[]>([]);
  const [page, setPage] = useState(1);
  /** the id of the last row this page read: the next page's `after` */
  const [cursor, setCursor] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const asked = useRef(0);
  const load = async (q: Q, after: string | null, pageNo: number) => {
    const mine = ++asked.current;
    setLoading(true);
    setError(null);
    try {
      const list = await fetchPage(q, after);
      if (mine !== asked.current) return;
      setQuery(q);
      setRows(list);
      setPage(pageNo);
      setCursor(list.length > 0 ? list[list.length - 1].id : after);
      setMore(list.length === PAGE_SIZE);
    } catch (e) {
      if (mine === asked.current) setError(e);
    } finally {
      if (mine === asked.current) setLoading(false);
    }
  };
  return { query, rows, setRows, page, cursor, more, loading, error, load };
}

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
