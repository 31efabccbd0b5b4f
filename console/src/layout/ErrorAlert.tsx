/** Every gateway error as a sentence (in the page's language) plus the gateway's own message and code. */
import { Alert } from 'antd';
import { GatewayError } from '../api/client';
import { useI18n } from '../i18n';
import type { Messages } from '../i18n/zh-CN';

export function errorSentence(t: Messages, e: unknown): { sentence: string; detail: string; code: string } {
  const code = e instanceof GatewayError ? e.code : 'OTHER';
  const key = `err${code}` as keyof Messages;
  const sentence = key in t ? t[key] : t.errOTHER;
  return { sentence, detail: e instanceof Error ? e.message : String(e), code };
}

export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const { sentence, detail, code } = errorSentence(t, error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="gateway-error"
      title={sentence}
      description={
        <span>
          {detail !== sentence && <span>{detail} </span>}
          <span>
            {t.errorCode}
            {t.colon}
            <code>{code}</code>
          </span>
        </span>
      }
    />
  );
}
