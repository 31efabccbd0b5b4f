/**
 * 违法处理 (PUBLIC_SECURITY only, Art. 20–21): 按公民身份号码查询, then the penalty. The form keeps to the
 * chosen clause's range before sending (the ranges and the check are src/law's, enforce-ranges.ts):
 * the range shows under the fine, an amount outside it is refused with a sentence and not sent; the
 * warning follows the article (Art. 20 always, Art. 21 never). The gateway's own refusal is shown too.
 * The holder's penalties are listed below, oldest first.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { request } from '../../api/client';
import { Citation, citationText, dateRule, todayCst } from '../../fields';
import type { EnforceStrings } from '../../i18n/police-enforce.zh-CN';
import type { Locale } from '../../i18n';
import { enforceSentences, HolderLookup, loadHolder, useEnforce, type Holder } from './enforce-holder';
import { PoliceRefusal } from './police-refusal';
import { offences, parseOffence, penaltyProblem, rangeOf, type PenaltyField } from './enforce-ranges';
import { RecordViolation } from './Violation.ops';

interface Values {
  offence?: string;
  fineYuan?: number | null;
  illegalGainsYuan?: number | null;
  occurredOn: string;
}

type Recorded = Holder['violations'][number];

/** 第二十条：罚款 0 元至 200 元（含本数），并给予警告。 */
export function rangeSentence(s: EnforceStrings, locale: Locale, offence: string | undefined): string {
  const o = parseOffence(offence);
  if (!o) return s.chooseOffenceFirst;
  const r = rangeOf(o.article);
  return s.rangeFor(
    citationText({ article: o.article, paragraph: null, clause: null, textZh: '' }, locale),
    r.minFine,
    r.maxFine,
    r.warning,
  );
}

export function Violation() {
  const { t, s, locale } = useEnforce();
  const [form] = Form.useForm<Values>();
  const offence = Form.useWatch('offence', form);
  const [holder, setHolder] = useState<Holder | null>(null);
  // the ID number penalised: the holder's, or one with no record here (a buyer of a forged permit)
  const [subject, setSubject] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<Recorded | null>(null);
  const chosen = parseOffence(offence);

  // each amount field is checked with src/law's rule for the chosen clause; only its own problem shows
  const lawRule =
    (field: PenaltyField): Rule =>
    ({ getFieldValue }) => ({
      validator: async () => {
        const o = parseOffence(getFieldValue('offence') as string | undefined);
        if (!o) return;
        const p = penaltyProblem({
          article: o.article,
          clause: o.clause,
          warning: rangeOf(o.article).warning,
          fineYuan: getFieldValue('fineYuan') as number | null | undefined,
          illegalGainsYuan: (getFieldValue('illegalGainsYuan') as number | null | undefined) ?? 0,
        });
        if (p && p.field === field) throw new Error(locale === 'en' ? p.messageEn : p.messageZh);
      },
    });

  const found = (h: Holder | null, citizenIdNumber: string | null) => {
    setHolder(h);
    setSubject(citizenIdNumber);
    setDone(null);
    setError(null);
  };

  const submit = async (v: Values) => {
    const o = parseOffence(v.offence);
    if (!subject || !o) return;
    const warning = rangeOf(o.article).warning;
    const input = {
      citizenIdNumber: subject,
      article: o.article,
      clause: o.clause,
      warning,
      fineYuan: v.fineYuan ?? Number.NaN,
      illegalGainsYuan: v.illegalGainsYuan ?? 0,
      occurredOn: v.occurredOn.trim() || null,
    };
    // the form's rules ran already; the same check once more guards the request itself
    if (penaltyProblem(input)) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await request(RecordViolation, { input });
      setDone(r.recordViolation);
      form.resetFields(['fineYuan', 'illegalGainsYuan']);
      setHolder(await loadHolder(subject));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {s.violationTitle}
      </Typography.Title>
      <Alert type="info" showIcon title={s.violationIntro} />
      <HolderLookup holder={holder} onFound={found} />
      {subject && (
        <Card title={s.formTitle}>
          {!holder && (
            <Alert
              type="warning"
              showIcon
              title={s.notRegisteredPenalty(subject)}
              style={{ marginBottom: 16 }}
            />
          )}
          <Form<Values>
            form={form}
            name="violation"
            layout="vertical"
            requiredMark
            onFinish={(v) => void submit(v)}
            initialValues={{ illegalGainsYuan: 0, occurredOn: todayCst() }}
            style={{ maxWidth: 640 }}
          >
            <Form.Item
              name="offence"
              label={s.offence}
              rules={[{ required: true, message: s.offenceRequired }]}
            >
              <Select
                options={offences().map((o) => ({
                  value: o.value,
                  label: `${citationText(o.citation, locale)} ${o.citation.textZh}`,
                }))}
                onChange={() => {
                  // a range changed: an amount already typed is checked again
                  if (form.getFieldValue('fineYuan') != null)
                    void form.validateFields(['fineYuan']).catch(() => {});
                }}
              />
            </Form.Item>
            <Form.Item label={s.warning}>
              {chosen ? (
                <Tag color={rangeOf(chosen.article).warning ? 'warning' : 'default'} data-testid="warning">
                  {rangeOf(chosen.article).warning ? s.warningYes : s.warningNo}
                </Tag>
              ) : (
                <span>—</span>
              )}
            </Form.Item>
            <Form.Item
              name="fineYuan"
              label={s.fineYuan}
              required
              validateFirst
              extra={<span data-testid="fine-range">{rangeSentence(s, locale, offence)}</span>}
              rules={[{ required: true, message: s.fineRequired }, lawRule('fineYuan')]}
            >
              <InputNumber style={{ width: 220 }} />
            </Form.Item>
            <Form.Item
              name="illegalGainsYuan"
              label={s.illegalGainsYuan}
              extra={s.illegalGainsHelp}
              required
              validateFirst
              rules={[{ required: true, message: s.illegalGainsRequired }, lawRule('illegalGainsYuan')]}
            >
              <InputNumber style={{ width: 220 }} />
            </Form.Item>
            <Form.Item
              name="occurredOn"
              label={s.occurredOn}
              extra={s.occurredOnHelp}
              rules={[dateRule(t, locale)]}
            >
              <Input type="date" style={{ maxWidth: 220 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {s.recordSubmit}
            </Button>
          </Form>
          <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }}>
            <PoliceRefusal error={error} testId="violation-error" rulesOnly sentences={enforceSentences(s)} />
            {done && (
              <Alert
                type="success"
                showIcon
                data-testid="violation-done"
                title={s.recorded}
                description={`${citationText(done.citation, locale)} · ${s.colFine} ${done.fineYuan} · ${
                  s.colGains
                } ${done.illegalGainsYuan} · ${done.warning ? s.warning : s.warningNo} · ${done.occurredOn}`}
              />
            )}
          </Space>
        </Card>
      )}
      {holder && <Violations holder={holder} />}
    </Space>
  );
}

function Violations({ holder }: { holder: Holder }) {
  const { s, locale } = useEnforce();
  return (
    <Card title={s.violationsTitle}>
      <Table<Recorded>
        data-testid="violations"
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={holder.violations}
        locale={{ emptyText: s.violationsEmpty }}
        scroll={{ x: true }}
        columns={[
          { title: s.colOccurredOn, dataIndex: 'occurredOn', width: 120 },
          { title: s.colBasis, render: (_, v) => <Citation c={v.citation} locale={locale} /> },
          { title: s.colWarning, render: (_, v) => (v.warning ? s.yes : s.no), width: 80 },
          { title: s.colFine, dataIndex: 'fineYuan', width: 110 },
          { title: s.colGains, dataIndex: 'illegalGainsYuan', width: 150 },
        ]}
      />
    </Card>
  );
}
