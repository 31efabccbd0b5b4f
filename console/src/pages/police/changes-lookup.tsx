/**
 * What 变更登记, 挂失/补领 and 子女登记 share: the strings of the page's language, 按公民身份号码查询 (the
 * holder's name, addresses, current permit and its status from `permitHolder`), the article label
 * and the date field (today in China Standard Time).
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Form, Input, Space, Tag } from 'antd';
import type { Rule } from 'antd/es/form';
import { request } from '../../api/client';
import { Citation, citizenIdRule } from '../../fields';
import { useI18n, type Locale } from '../../i18n';
import type { Messages } from '../../i18n/zh-CN';
import { statusText } from '../../decision/DecisionView';
import type { ChangesHolderQuery, ChangesPermitFieldsFragment } from '../../gql/graphql';
import { cite, type CitationKey } from '../../../../src/law/articles';
import { isDateError, parseLocalDate } from '../../../../src/law/date';
import { changesZhCN, type ChangesStrings } from '../../i18n/police-changes.zh-CN';
import { changesEn } from '../../i18n/police-changes.en';
import { ChangesHolder } from './changes-lookup.ops';
import { PoliceRefusal } from './police-refusal';
import { currentPermit } from './police-shared';

export type Holder = NonNullable<ChangesHolderQuery['permitHolder']>;
export type PermitFields = ChangesPermitFieldsFragment;

export function useChangesI18n(): { t: Messages; c: ChangesStrings; locale: Locale } {
  const { t, locale } = useI18n();
  return { t, c: locale === 'en' ? changesEn : changesZhCN, locale };
}

export async function loadHolder(citizenIdNumber: string): Promise<Holder | null> {
  return (await request(ChangesHolder, { citizenIdNumber })).permitHolder ?? null;
}

const STATUS_COLOR: Record<string, string> = {
  VALID: 'success',
  LAPSED: 'warning',
  CONFISCATED: 'error',
  NOT_YET_ISSUED: 'default',
};

export function StatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status] ?? 'default'} data-testid="changes-status">
      {statusText(t, status)}
    </Tag>
  );
}

export function regionLabel(c: ChangesStrings, r: { nameZh: string; kind: string }): string {
  const k = c[`kind${r.kind}` as keyof ChangesStrings];
  return typeof k === 'string' ? `${r.nameZh} · ${k}` : r.nameZh;
}

/** An article as a label with its text on hover or focus. */
export function Article({ k }: { k: CitationKey }) {
  const { locale } = useI18n();
  return <Citation c={cite(k)} locale={locale} />;
}

/** A YYYY-MM-DD date rule, with this page's message. */
export function dayRule(c: ChangesStrings, locale: Locale): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const v = typeof value === 'string' ? value.trim() : '';
      if (v === '') throw new Error(c.dateRequired);
      const d = parseLocalDate(v);
      if (isDateError(d)) throw new Error(locale === 'en' ? d.messageEn : d.messageZh);
    },
  };
}

/** The holder's file and current permit, as the three pages show it above their form. */
export function HolderCard({ holder, extra }: { holder: Holder; extra?: ReactNode }) {
  const { c } = useChangesI18n();
  const p = currentPermit(holder.permits);
  return (
    <Card title={c.holderTitle} data-testid="changes-holder">
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          { key: 'n', label: c.name, children: <strong data-testid="changes-name">{holder.name}</strong> },
          { key: 'i', label: c.citizenIdNumber, children: holder.citizenIdNumber },
          { key: 'h', label: c.hukouAddress, children: holder.hukouAddress },
          {
            key: 'r',
            label: c.residenceRegion,
            children: <span data-testid="changes-residence">{regionLabel(c, holder.residenceRegion)}</span>,
          },
          { key: 'a', label: c.residenceAddress, children: holder.residenceAddress, span: 'filled' },
          ...(p
            ? [
                {
                  key: 'p',
                  label: c.permit,
                  children: <span data-testid="changes-permit">{c.permitNumber(p.id, p.cardVersion)}</span>,
                },
                { key: 's', label: c.status, children: <StatusTag status={p.status} /> },
                { key: 'io', label: c.issuedOn, children: p.issuedOn },
                {
                  key: 'pr',
                  label: c.permitRegion,
                  children: <span data-testid="changes-permit-region">{regionLabel(c, p.region)}</span>,
                },
                {
                  key: 'v',
                  label: c.validThrough,
                  children: <span data-testid="changes-valid-through">{p.validThrough ?? '—'}</span>,
                },
                {
                  key: 'w',
                  label: c.endorsementWindow,
                  children: p.endorsementWindow
                    ? `${p.endorsementWindow.from} — ${p.endorsementWindow.to}${
                        p.endorsementWindow.provisional ? `${c.open}${c.provisional}${c.close}` : ''
                      }`
                    : '—',
                },
              ]
            : []),
        ]}
      />
      {!p && <Empty description={c.permitNone} style={{ marginTop: 16 }} />}
      {extra}
    </Card>
  );
}

/**
 * 按公民身份号码查询: the form and, once found, the holder's card. `onHolder` gets the holder (null
 * when the region has no such file); the page keeps it and reloads it after its act.
 */
export function HolderLookup({
  holder,
  onHolder,
  extra,
}: {
  holder: Holder | null;
  onHolder: (h: Holder | null) => void;
  extra?: ReactNode;
}) {
  const { t, c, locale } = useChangesI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const submit = async (v: { citizenIdNumber: string }) => {
    setBusy(true);
    setError(null);
    setMissing(false);
    onHolder(null);
    try {
      const h = await loadHolder(v.citizenIdNumber.trim().toUpperCase());
      setMissing(h === null);
      onHolder(h);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={c.lookupTitle}>
        <Form<{ citizenIdNumber: string }>
          name="changesLookup"
          layout="inline"
          onFinish={(v) => void submit(v)}
        >
          <Form.Item
            name="citizenIdNumber"
            label={c.citizenIdNumber}
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
            {c.lookupSubmit}
          </Button>
        </Form>
        <div style={{ marginTop: 12 }}>
          <PoliceRefusal error={error} testId="changes-lookup-error" />
          {missing && (
            <Alert type="warning" showIcon title={c.lookupNotFound} data-testid="changes-not-found" />
          )}
        </div>
      </Card>
      {holder && <HolderCard holder={holder} extra={extra} />}
    </Space>
  );
}
