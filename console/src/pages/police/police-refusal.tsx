/**
 * The police pages' one refusal box: a gateway error as the clerk reads it. The sentence (this act's
 * own for the reason or code when the page has one, else the generic one for the code), the gateway's
 * own words (the page's language half of "English (中文)"), the article it rests on with its text (the
 * one the gateway names, else the article of the act), for an early endorsement the window's dates,
 * and the reason and error codes.
 */
import { Alert, Space } from 'antd';
import { GatewayError } from '../../api/client';
import { Citation, type CitationLike } from '../../fields';
import { useI18n } from '../../i18n';
import { policeCommonEn } from '../../i18n/police-common.en';
import { policeCommonZhCN } from '../../i18n/police-common.zh-CN';
import { ErrorAlert, errorSentence } from '../../layout/ErrorAlert';
import { cite, type CitationKey } from '../../../../src/law/articles';

export interface PoliceRefusalProps {
  error: unknown;
  testId: string;
  /** the article of the act, when the gateway names none */
  article?: CitationKey;
  /** the window to show when the refusal itself does not carry one (the permit's, as last read) */
  window?: { from: string; to: string } | null;
  /** this act's own sentences, by reason (first) or by error code (a CONFLICT that can only mean one thing here) */
  sentences?: Partial<Record<string, string>>;
  /** only refusals by the rules (RULE_VIOLATION) in this box; any other error as ErrorAlert */
  rulesOnly?: boolean;
}

function isCitation(x: unknown): x is CitationLike {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as { article?: unknown }).article === 'number' &&
    typeof (x as { textZh?: unknown }).textZh === 'string'
  );
}

/** The gateway's message in the page's language: refusals by the rules read "English (中文)". */
function serverText(message: string, locale: string): string {
  const m = /^(.*) \(([^()]*[\u3400-\u9fff][^()]*)\)$/s.exec(message);
  if (!m) return message;
  return locale === 'en' ? m[1] : m[2];
}

export function PoliceRefusal({ error, testId, article, window, sentences, rulesOnly }: PoliceRefusalProps) {
  const { t, locale } = useI18n();
  const s = locale === 'en' ? policeCommonEn : policeCommonZhCN;
  if (!error) return null;
  if (rulesOnly && !(error instanceof GatewayError && error.code === 'RULE_VIOLATION'))
    return <ErrorAlert error={error} />;
  const generic = errorSentence(t, error);
  const ext = error instanceof GatewayError ? error.extensions : {};
  const reason = typeof ext.reason === 'string' ? ext.reason : null;
  const citation = isCitation(ext.citation) ? ext.citation : article ? cite(article) : null;
  const details = (typeof ext.details === 'object' && ext.details !== null ? ext.details : {}) as Record<
    string,
    unknown
  >;
  const from = typeof details.windowFrom === 'string' ? details.windowFrom : (window?.from ?? null);
  const to = typeof details.windowTo === 'string' ? details.windowTo : (window?.to ?? null);
  const showWindow = reason === 'ENDORSEMENT_WINDOW_NOT_OPEN' && from !== null && to !== null;
  const sentence = (reason && sentences?.[reason]) || sentences?.[generic.code] || generic.sentence;
  const server = error instanceof Error ? serverText(error.message, locale) : '';
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid={testId}
      title={sentence}
      description={
        <Space orientation="vertical" size={2}>
          {server !== '' && server !== sentence && (
            <span>
              {s.refusedServer}
              {t.colon}
              {server}
            </span>
          )}
          {citation && (
            <span data-testid={`${testId}-article`}>
              {s.refusedArticle}
              {t.colon}
              <Citation c={citation} locale={locale} />
              {t.colon}
              {citation.textZh}
            </span>
          )}
          {showWindow && <span data-testid={`${testId}-window`}>{s.refusedWindow(from, to)}</span>}
          <span>
            {reason && (
              <>
                {s.refusedReason}
                {t.colon}
                <code>{reason}</code>
                {' · '}
              </>
            )}
            {t.errorCode}
            {t.colon}
            <code>{generic.code}</code>
          </span>
        </Space>
      }
    />
  );
}
