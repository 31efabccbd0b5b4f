/**
 * What 待发证 and 签注 share: their strings by the page's language, the date field's rule, a date
 * marked 暂定 when it rests on a year whose holiday notice is not known, and a refusal shown as a
 * sentence with its article, the window's dates (an early endorsement) and the codes.
 */
import { Alert, Tooltip, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { GatewayError } from '../../api/client';
import { Citation, type CitationLike } from '../../fields';
import { useI18n } from '../../i18n';
import { errorSentence } from '../../layout/ErrorAlert';
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

function isCitation(x: unknown): x is CitationLike {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as { article?: unknown }).article === 'number' &&
    typeof (x as { textZh?: unknown }).textZh === 'string'
  );
}

/** The gateway's message in the page's language: rule violations read "English (中文)". */
function serverText(message: string, locale: string): string {
  const m = /^(.*) \(([^()]*)\)$/s.exec(message);
  if (!m) return message;
  return locale === 'en' ? m[1] : m[2];
}

export interface RefusalProps {
  error: unknown;
  /** the window to show when the refusal itself does not carry one (the permit's, as last read) */
  window?: { from: string; to: string } | null;
  testId: string;
}

/**
 * A refusal: the sentence (by the reason when the page knows it, else by the code), the gateway's
 * own words, the article it rests on (text on hover), for an early endorsement the window's from/to,
 * and the reason and error codes.
 */
export function Refusal({ error, window, testId }: RefusalProps) {
  const { t, locale } = useI18n();
  const s = usePendingStrings();
  if (!error) return null;
  const generic = errorSentence(t, error);
  const ext = error instanceof GatewayError ? error.extensions : {};
  const reason = typeof ext.reason === 'string' ? ext.reason : null;
  const citation = isCitation(ext.citation) ? ext.citation : null;
  const details = (typeof ext.details === 'object' && ext.details !== null ? ext.details : {}) as Record<
    string,
    unknown
  >;
  const from = typeof details.windowFrom === 'string' ? details.windowFrom : (window?.from ?? null);
  const to = typeof details.windowTo === 'string' ? details.windowTo : (window?.to ?? null);
  const showWindow = reason === 'ENDORSEMENT_WINDOW_NOT_OPEN' && from !== null && to !== null;
  const sentence = (reason && s.reasons[reason]) || generic.sentence;
  const server = error instanceof Error ? serverText(error.message, locale) : '';
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid={testId}
      title={sentence}
      description={
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {server && server !== sentence && (
            <span>
              {s.refusedServer}
              {t.colon}
              {server}
              <br />
            </span>
          )}
          {citation && (
            <span data-testid={`${testId}-article`}>
              {s.refusedArticle}
              {t.colon}
              <Citation c={citation} locale={locale} />
              <br />
            </span>
          )}
          {showWindow && (
            <span data-testid={`${testId}-window`}>
              {s.refusedWindow(from, to)}
              <br />
            </span>
          )}
          {reason && (
            <span>
              {s.refusedReason}
              {t.colon}
              <code>{reason}</code>{' '}
            </span>
          )}
          <span>
            {t.errorCode}
            {t.colon}
            <code>{generic.code}</code>
          </span>
        </Typography.Paragraph>
      }
    />
  );
}
