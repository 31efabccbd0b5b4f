/**
 * 资格核验: one holder, one entitlement, one day. By 公民身份号码 and 姓名, or by the holder's 亮证码;
 * 子女公民身份号码 only for 18(7); 核验日期 today in China Standard Time unless changed.
 */
import { useEffect, useState } from 'react';
import { Button, Card, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { request } from '../../api/client';
import { citizenIdRule, dateRule, todayCst } from '../../fields';
import { useI18n } from '../../i18n';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { DecisionView, type Decision } from '../../decision/DecisionView';
import { CHILD_ENTITLEMENT, entitlementName, useEntitlements } from '../../decision/entitlements';
import { openReceipt } from '../../decision/receipt-link';
import { VerifyByShareCode, VerifyEligibility } from './Check.ops';

interface Values {
  mode: 'id' | 'code';
  citizenIdNumber?: string;
  holderName?: string;
  code?: string;
  entitlement?: string;
  dependentCitizenIdNumber?: string;
  asOf: string;
}

export function Check() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form) ?? 'id';
  const entitlement = Form.useWatch('entitlement', form);
  const { entitlements, error: listError } = useEntitlements();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const child = entitlement === CHILD_ENTITLEMENT;
  // a department with one entitlement in scope (a school) has nothing to choose
  useEffect(() => {
    if (entitlements.length === 1 && !form.getFieldValue('entitlement'))
      form.setFieldValue('entitlement', entitlements[0].code);
  }, [entitlements, form]);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    setDecision(null);
    const dependent = child ? v.dependentCitizenIdNumber?.trim().toUpperCase() || undefined : undefined;
    try {
      const d =
        v.mode === 'code'
          ? (
              await request(VerifyByShareCode, {
                code: (v.code ?? '').trim(),
                entitlement: v.entitlement!,
                asOf: v.asOf,
                dependent,
              })
            ).verifyEligibilityByShareCode
          : (
              await request(VerifyEligibility, {
                query: {
                  citizenIdNumber: (v.citizenIdNumber ?? '').trim().toUpperCase(),
                  holderName: (v.holderName ?? '').trim(),
                  entitlement: v.entitlement!,
                  asOf: v.asOf,
                  dependentCitizenIdNumber: dependent,
                },
              })
            ).verifyEligibility;
      setDecision(d);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const name = decision ? entitlementName(entitlements, decision.entitlementCode, locale) : '';
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t.checkTitle}
      </Typography.Title>
      <ErrorAlert error={listError} />
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark
          onFinish={(v) => void submit(v)}
          initialValues={{ mode: 'id', asOf: todayCst() }}
          style={{ maxWidth: 640 }}
        >
          <Form.Item name="mode" label={t.checkBy}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'id', label: t.checkByIdAndName },
                { value: 'code', label: t.checkByShareCode },
              ]}
            />
          </Form.Item>
          {mode === 'id' ? (
            <>
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
                  inputMode="text"
                />
              </Form.Item>
              <Form.Item
                name="holderName"
                label={t.holderName}
                rules={[{ required: true, whitespace: true, message: t.holderNameRequired }]}
              >
                <Input maxLength={50} autoComplete="off" />
              </Form.Item>
            </>
          ) : (
            <Form.Item
              name="code"
              label={t.shareCode}
              rules={[{ required: true, whitespace: true, message: t.shareCodeRequired }]}
            >
              <Input maxLength={32} autoComplete="off" />
            </Form.Item>
          )}
          <Form.Item
            name="entitlement"
            label={t.entitlement}
            rules={[{ required: true, message: t.entitlementRequired }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={entitlements.map((e) => ({
                value: e.code,
                label: locale === 'en' ? e.nameEn : e.nameZh,
              }))}
            />
          </Form.Item>
          {child && (
            <Form.Item
              name="dependentCitizenIdNumber"
              label={t.dependentCitizenIdNumber}
              required
              rules={[citizenIdRule(t, locale, t.dependentIdRequired)]}
              validateTrigger="onBlur"
            >
              <Input maxLength={18} placeholder={t.citizenIdPlaceholder} autoComplete="off" />
            </Form.Item>
          )}
          <Form.Item name="asOf" label={t.asOf} extra={t.asOfHelp} rules={[dateRule(t, locale)]}>
            <Input type="date" style={{ maxWidth: 220 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" loading={busy}>
            {busy ? t.checking : t.submitCheck}
          </Button>
        </Form>
      </Card>
      <ErrorAlert error={error} />
      {decision && (
        <DecisionView
          decision={decision}
          entitlementName={name}
          onPrint={() => openReceipt(navigate, { decision, entitlementName: name })}
        />
      )}
    </Space>
  );
}
