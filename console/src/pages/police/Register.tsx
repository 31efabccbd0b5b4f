/**
 * 居住登记 (Art. 8–9): the person (公民身份号码 checked as the server checks it, 姓名, 户籍), the
 * residence in the office's own region, the basis (Art. 2), the proof and the on-site portrait
 * (Art. 9: refused here when unticked, and the server's refusal shown if it refuses anyway); after
 * saving, the day from which the person may apply (Art. 2's six months).
 */
import { useState } from 'react';
import { Button, Card, Checkbox, Descriptions, Form, Input, Result, Select, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { request } from '../../api/client';
import { citizenIdRule, dateRule, todayCst } from '../../fields';
import { ErrorAlert } from '../../layout/ErrorAlert';
import type { RegisterResidenceMutation, ResidenceBasis } from '../../gql/graphql';
import { RegisterResidence } from './Register.ops';
import { BASES, basisText, useIntake, useOfficeRegions } from './intake-shared';
import { PoliceRefusal } from './police-refusal';

interface Values {
  citizenIdNumber: string;
  name: string;
  hukouRegionCode?: string;
  hukouAddress: string;
  residenceRegionCode: string;
  residenceAddress: string;
  basis: ResidenceBasis[];
  proofKind: string;
  proofReference: string;
  portraitCaptured: boolean;
  registeredOn: string;
}

type Registration = RegisterResidenceMutation['registerResidence'];

export function Register() {
  const { t, s, locale } = useIntake();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const { regions, error: regionsError } = useOfficeRegions();
  const [done, setDone] = useState<Registration | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const today = todayCst();

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const id = v.citizenIdNumber.trim().toUpperCase();
      const r = await request(RegisterResidence, {
        input: {
          citizenIdNumber: id,
          name: v.name.trim(),
          hukouRegionCode: v.hukouRegionCode?.trim() || id.slice(0, 6),
          hukouAddress: v.hukouAddress.trim(),
          residenceRegionCode: v.residenceRegionCode,
          residenceAddress: v.residenceAddress.trim(),
          basis: v.basis,
          proofKind: v.proofKind.trim(),
          proofReference: v.proofReference.trim(),
          portraitCaptured: v.portraitCaptured === true,
          registeredOn: v.registeredOn,
        },
      });
      setDone(r.registerResidence);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {s.registerTitle}
        </Typography.Title>
        <Result
          status="success"
          title={s.registered}
          data-testid="register-done"
          subTitle={
            <span data-testid="eligible-to-apply-on">
              {s.eligibleToApplyOn}
              {t.colon}
              <strong>{done.eligibleToApplyOn}</strong>
            </span>
          }
          extra={[
            <Button key="apply" type="primary" onClick={() => void navigate('/apply')}>
              {s.toApply}
            </Button>,
            <Button
              key="again"
              onClick={() => {
                form.resetFields();
                setDone(null);
              }}
            >
              {s.registerAnother}
            </Button>,
          ]}
        />
        <Descriptions
          bordered
          size="small"
          column={1}
          data-testid="registration"
          items={[
            { key: 'n', label: s.registeredName, children: done.holder.name },
            { key: 'i', label: t.citizenIdNumber, children: done.holder.citizenIdNumber },
            { key: 'd', label: s.registeredOn, children: done.registeredOn },
            { key: 'r', label: s.registeredRegion, children: done.region.nameZh },
            {
              key: 'b',
              label: s.registeredBasis,
              children: done.basis.map((b) => basisText(s, b)).join('、'),
            },
            {
              key: 'e',
              label: s.eligibleToApplyOn,
              children: (
                <span>
                  <strong>{done.eligibleToApplyOn}</strong>
                  <br />
                  <small>{s.eligibleToApplyOnHelp}</small>
                </span>
              ),
            },
          ]}
        />
      </Space>
    );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {s.registerTitle}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0, maxWidth: 800 }}>
        {s.registerIntro}
      </Typography.Paragraph>
      <ErrorAlert error={regionsError} />
      <Form<Values>
        form={form}
        name="register"
        layout="vertical"
        requiredMark
        onFinish={(v) => void submit(v)}
        initialValues={{ basis: [], portraitCaptured: false, registeredOn: today }}
        style={{ maxWidth: 720 }}
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card title={s.personCard}>
            <Form.Item
              name="citizenIdNumber"
              label={t.citizenIdNumber}
              required
              rules={[citizenIdRule(t, locale)]}
              validateTrigger="onBlur"
            >
              <Input maxLength={18} placeholder={t.citizenIdPlaceholder} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="name"
              label={s.name}
              rules={[{ required: true, whitespace: true, message: s.nameRequired }]}
            >
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="hukouRegionCode"
              label={s.hukouRegionCode}
              extra={s.hukouRegionCodeHelp}
              rules={[{ pattern: /^\d{6}$/, message: s.hukouRegionCodeInvalid }]}
            >
              <Input maxLength={6} inputMode="numeric" autoComplete="off" style={{ maxWidth: 220 }} />
            </Form.Item>
            <Form.Item
              name="hukouAddress"
              label={s.hukouAddress}
              rules={[{ required: true, whitespace: true, message: s.hukouAddressRequired }]}
            >
              <Input maxLength={256} autoComplete="off" />
            </Form.Item>
          </Card>
          <Card title={s.residenceCard}>
            <Form.Item
              name="residenceRegionCode"
              label={s.residenceRegion}
              rules={[{ required: true, message: s.residenceRegionRequired }]}
            >
              <Select options={regions.map((r) => ({ value: r.code, label: `${r.nameZh}（${r.code}）` }))} />
            </Form.Item>
            <Form.Item
              name="residenceAddress"
              label={s.residenceAddress}
              rules={[{ required: true, whitespace: true, message: s.residenceAddressRequired }]}
            >
              <Input maxLength={256} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="basis"
              label={s.basis}
              rules={[{ required: true, type: 'array', min: 1, message: s.basisRequired }]}
            >
              <Checkbox.Group options={BASES.map((b) => ({ value: b, label: basisText(s, b) }))} />
            </Form.Item>
            <Form.Item
              name="registeredOn"
              label={s.registeredOn}
              extra={s.registeredOnHelp}
              rules={[
                dateRule(t, locale),
                {
                  validator: async (_r, v: unknown) => {
                    if (typeof v === 'string' && v > todayCst()) throw new Error(s.registeredOnFuture);
                  },
                },
              ]}
            >
              <Input type="date" max={today} style={{ maxWidth: 220 }} />
            </Form.Item>
          </Card>
          <Card title={s.proofCard}>
            <Form.Item
              name="proofKind"
              label={s.proofKind}
              extra={s.proofKindHelp}
              rules={[{ required: true, whitespace: true, message: s.proofKindRequired }]}
            >
              <Input maxLength={64} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="proofReference"
              label={s.proofReference}
              rules={[{ required: true, whitespace: true, message: s.proofReferenceRequired }]}
            >
              <Input maxLength={128} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="portraitCaptured"
              valuePropName="checked"
              required
              rules={[
                {
                  validator: async (_r, v: unknown) => {
                    if (v !== true) throw new Error(s.portraitRequired);
                  },
                },
              ]}
            >
              <Checkbox>{s.portrait}</Checkbox>
            </Form.Item>
          </Card>
          <Button type="primary" htmlType="submit" size="large" loading={busy}>
            {s.submitRegister}
          </Button>
        </Space>
      </Form>
      <PoliceRefusal
        error={error}
        testId="register-error"
        rulesOnly
        sentences={{ RULE_VIOLATION: s.ruleRefusal }}
      />
    </Space>
  );
}
