/**
 * What 违法处理 and 收缴 share: their strings by the page's language, 按公民身份号码查询 (the holder's
 * name and current permit, from `permitHolder`), and this act's sentences for the gateway's refusals
 * by the rules (shown by `PoliceRefusal`).
 */
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Tag } from 'antd';
import { request } from '../../api/client';
import { citizenIdRule } from '../../fields';
import { useI18n, type Locale } from '../../i18n';
import type { Messages } from '../../i18n/zh-CN';
import { enforceEn } from '../../i18n/police-enforce.en';
import { enforceZhCN, type EnforceStrings } from '../../i18n/police-enforce.zh-CN';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { statusText } from '../../decision/DecisionView';
import type { EnforceHolderQuery } from '../../gql/graphql';
import { EnforceHolder } from './enforce-holder.ops';
import { currentPermit } from './police-shared';

export const enforceStrings = (locale: Locale): EnforceStrings => (locale === 'en' ? enforceEn : enforceZhCN);

export function useEnforce(): { t: Messages; s: EnforceStrings; locale: Locale } {
  const { t, locale } = useI18n();
  return { t, s: enforceStrings(locale), locale };
}

export type Holder = NonNullable<EnforceHolderQuery['permitHolder']>;
export type HolderPermit = Holder['permits'][number];

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

  const p = holder ? currentPermit(holder.permits) : null;
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

/** This act's sentences for the gateway's refusals by the rules: by reason, else the generic one. */
export function enforceSentences(s: EnforceStrings): Record<string, string> {
  const own: Record<string, string> = { RULE_VIOLATION: s.ruleRefused };
  for (const [k, v] of Object.entries(s)) {
    const m = /^reason([A-Z][A-Z_]+)$/.exec(k);
    if (m && typeof v === 'string') own[m[1]] = v;
  }
  return own;
}
