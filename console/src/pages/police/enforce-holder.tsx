/**
 * What 违法处理 and 收缴 share: their strings by the page's language, 按公民身份号码查询 (the holder's
 * name and current permit, from `permitHolder`), and the gateway's refusals as sentences with the
 * reason, the article and the codes.
 */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Tag } from 'antd';
import { GatewayError, request } from '../../api/client';
import { citationText, citizenIdRule } from '../../fields';
import { useI18n, type Locale } from '../../i18n';
import type { Messages } from '../../i18n/zh-CN';
import { enforceEn } from '../../i18n/police-enforce.en';
import { enforceZhCN, type EnforceStrings } from '../../i18n/police-enforce.zh-CN';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { statusText } from '../../decision/DecisionView';
import type { EnforceHolderQuery } from '../../gql/graphql';
import { EnforceHolder } from './enforce-holder.ops';

export const enforceStrings = (locale: Locale): EnforceStrings => (locale === 'en' ? enforceEn : enforceZhCN);

export function useEnforce(): { t: Messages; s: EnforceStrings; locale: Locale } {
  const { t, locale } = useI18n();
  return { t, s: enforceStrings(locale), locale };
}

export type Holder = NonNullable<EnforceHolderQuery['permitHolder']>;
export type HolderPermit = Holder['permits'][number];

/** The permit issued last (a lapsed holder who applied again has more than one). */
export function currentPermit(h: Holder): HolderPermit | null {
  return (
    [...h.permits].sort((a, b) =>
      a.issuedOn === b.issuedOn ? Number(b.id) - Number(a.id) : a.issuedOn < b.issuedOn ? 1 : -1,
    )[0] ?? null
  );
}

export async function loadHolder(citizenIdNumber: string): Promise<Holder | null> {
  return (await request(EnforceHolder, { citizenIdNumber })).permitHolder ?? null;
}

/** 按公民身份号码查询: the form, then the holder's name and current permit. */
export function HolderLookup({
  holder,
  onFound,
}: {
  holder: Holder | null;
  /** after each lookup: the holder (null when none has the number) and the number looked up (null: no answer) */
  onFound: (h: Holder | null, citizenIdNumber: string | null) => void;
}) {
  const { t, s, locale } = useEnforce();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notFound, setNotFound] = useState(false);

  const find = async (v: { citizenIdNumber: string }) => {
    setBusy(true);
    setError(null);
    setNotFound(false);
    onFound(null, null);
    const id = v.citizenIdNumber.trim().toUpperCase();
    try {
      const h = await loadHolder(id);
      setNotFound(h === null);
      onFound(h, id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const p = holder ? currentPermit(holder) : null;
  return (
    <Card title={s.lookupTitle}>
      <Form<{ citizenIdNumber: string }>
        name="enforceLookup"
        layout="inline"
        onFinish={(v) => void find(v)}
        style={{ rowGap: 8 }}
      >
        <Form.Item
          name="citizenIdNumber"
          label={t.citizenIdNumber}
          required
          rules={[citizenIdRule(t, locale)]}
          validateTrigger="onBlur"
        >
          <Input
            maxLength={18}
            placeholder={t.citizenIdPlaceholder}
            autoComplete="off"
            style={{ width: 240 }}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {s.lookupSubmit}
        </Button>
      </Form>
      <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }}>
        <ErrorAlert error={error} />
        {notFound && (
          <Alert type="warning" showIcon title={s.lookupNotFound} data-testid="holder-not-found" />
        )}
        {holder && (
          <Descriptions
            data-testid="holder"
            bordered
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            items={[
              { key: 'n', label: s.holderName, children: <strong>{holder.name}</strong> },
              { key: 'i', label: t.citizenIdNumber, children: holder.citizenIdNumber },
              {
                key: 'a',
                label: s.holderResidence,
                span: 2,
                children: `${holder.residenceRegion.nameZh} ${holder.residenceAddress}`,
              },
              ...(p
                ? [
                    { key: 'p', label: s.permitId, children: <code data-testid="permit-id">{p.id}</code> },
                    {
                      key: 's',
                      label: s.permitStatus,
                      children: (
                        <Tag color={p.status === 'VALID' ? 'success' : 'error'} data-testid="permit-status">
                          {statusText(t, p.status)}
                        </Tag>
                      ),
                    },
                    { key: 'o', label: s.issuedOn, children: p.issuedOn },
                    { key: 'v', label: s.validThrough, children: p.validThrough ?? '—' },
                    { key: 'r', label: s.permitRegion, children: p.region.nameZh },
                    { key: 'c', label: s.cardVersion, children: p.cardVersion },
                    ...(p.confiscation
                      ? [
                          { key: 'co', label: s.confiscatedOn, children: p.confiscation.confiscatedOn },
                          { key: 'cr', label: s.confiscationReason, children: p.confiscation.reason },
                        ]
                      : []),
                  ]
                : [{ key: 'p', label: s.currentPermit, children: s.noPermit }]),
            ]}
          />
        )}
      </Space>
    </Card>
  );
}

/**
 * A refusal by the rules (RULE_VIOLATION) as a sentence for its reason, the gateway's own words (the
 * page's language half of "English (中文)"), the article and the codes; any other error as ErrorAlert.
 */
export function EnforceRefusal({ error, testId }: { error: unknown; testId: string }) {
  const { t, s, locale } = useEnforce();
  if (!error) return null;
  if (!(error instanceof GatewayError) || error.code !== 'RULE_VIOLATION')
    return <ErrorAlert error={error} />;
  const reason = typeof error.extensions.reason === 'string' ? error.extensions.reason : '';
  const key = `reason${reason}` as keyof EnforceStrings;
  const own = key in s ? s[key] : null;
  const sentence = typeof own === 'string' ? own : s.ruleRefused;
  const c = error.extensions.citation as
    { article: number; paragraph?: number | null; clause?: number | null; textZh: string } | undefined;
  const m = /^(.*) \((.*)\)$/s.exec(error.message);
  const detail = m ? (locale === 'en' ? m[1] : m[2]) : error.message;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid={testId}
      title={sentence}
      description={
        <Space orientation="vertical" size={2}>
          <span>{detail}</span>
          {c && (
            <span>
              {t.conditionBasis}
              {t.colon}
              {citationText(c, locale)}
            </span>
          )}
          <span>
            {t.errorCode}
            {t.colon}
            <code>RULE_VIOLATION</code> · <code>{reason}</code>
          </span>
        </Space>
      }
    />
  );
}
