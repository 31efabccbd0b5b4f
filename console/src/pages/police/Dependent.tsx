/**
 * 子女登记 (Art. 18(7)): find the holder by 公民身份号码, see the children already registered, register
 * a child (公民身份号码 and 姓名; the birth date is read from the number) and see what was recorded and
 * until when the school's check finds the child condition met (under 18, SPEC I-6).
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { request } from '../../api/client';
import { citizenIdRule, todayCst } from '../../fields';
import { addYears, d } from '../../../../src/law/date';
import type { AddDependentMutation } from '../../gql/graphql';
import { Article, HolderLookup, loadHolder, useChangesI18n, type Holder } from './changes-lookup';
import { PoliceRefusal } from './police-refusal';
import { AddDependent } from './Dependent.ops';

type Child = AddDependentMutation['addDependent'];

interface Values {
  citizenIdNumber: string;
  name: string;
}

const adultOn = (birthDate: string) => addYears(d(birthDate), 18);

export function Dependent() {
  const { t, c, locale } = useChangesI18n();
  const [form] = Form.useForm<Values>();
  const [holder, setHolder] = useState<Holder | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Child | null>(null);
  const today = todayCst();

  const onHolder = (h: Holder | null) => {
    setHolder(h);
    setDone(null);
    setError(null);
  };

  const submit = async (v: Values) => {
    if (!holder) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const child = (
        await request(AddDependent, {
          input: {
            holderCitizenIdNumber: holder.citizenIdNumber,
            citizenIdNumber: v.citizenIdNumber.trim().toUpperCase(),
            name: v.name.trim(),
          },
        })
      ).addDependent;
      setDone(child);
      form.resetFields();
      setHolder((await loadHolder(holder.citizenIdNumber).catch(() => null)) ?? holder);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const under18 = (birthDate: string) => today < adultOn(birthDate);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {c.dependentTitle}
      </Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>
        {c.dependentIntro} <Article k="18.1.7" />
      </Typography.Paragraph>
      <HolderLookup holder={holder} onHolder={onHolder} />
      {done && (
        <Alert
          type="success"
          showIcon
          data-testid="dependent-done"
          title={c.dependentDoneTitle}
          description={
            <Space orientation="vertical" size={2}>
              <span>
                {c.childName}
                {t.colon}
                <strong>{done.name}</strong>
              </span>
              <span>
                {c.childId}
                {t.colon}
                {done.citizenIdNumber}
              </span>
              <span>
                {c.childBirth}
                {t.colon}
                {done.birthDate}
                {' · '}
                {c.childAdultOn}
                {t.colon}
                {adultOn(done.birthDate)}
              </span>
              <span>
                {under18(done.birthDate)
                  ? c.dependentDoneText(adultOn(done.birthDate))
                  : c.dependentAdultText(adultOn(done.birthDate))}{' '}
                <Article k="18.1.7" />
              </span>
            </Space>
          }
        />
      )}
      {holder && (
        <Card title={c.dependentsTitle}>
          <Table
            size="small"
            rowKey="citizenIdNumber"
            data-testid="dependent-list"
            pagination={false}
            dataSource={holder.dependents}
            locale={{ emptyText: c.dependentsEmpty }}
            columns={[
              { title: c.childName, dataIndex: 'name' },
              { title: c.childId, dataIndex: 'citizenIdNumber' },
              { title: c.childBirth, dataIndex: 'birthDate', width: 120 },
              {
                title: c.childAdultOn,
                dataIndex: 'birthDate',
                key: 'adult',
                render: (b: string) => (
                  <Space size={4}>
                    {adultOn(b)}
                    {under18(b) ? <Tag color="success">{c.childUnder18}</Tag> : <Tag>{c.childAdult}</Tag>}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
      {holder && (
        <Card title={c.dependentTitle} data-testid="dependent-form">
          <Form<Values>
            form={form}
            name="addDependent"
            layout="vertical"
            requiredMark
            onFinish={(v) => void submit(v)}
            style={{ maxWidth: 640 }}
          >
            <Form.Item
              name="citizenIdNumber"
              label={c.childId}
              required
              rules={[citizenIdRule(t, locale)]}
              validateTrigger="onBlur"
            >
              <Input maxLength={18} placeholder={t.citizenIdPlaceholder} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="name"
              label={c.childName}
              rules={[{ required: true, whitespace: true, message: c.childNameRequired }]}
            >
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" loading={busy}>
              {c.dependentSubmit}
            </Button>
          </Form>
          <div style={{ marginTop: 16 }}>
            <PoliceRefusal
              error={error}
              testId="dependent-error"
              article="18.1.7"
              sentences={{ CONFLICT: c.dependentAlready }}
            />
          </div>
        </Card>
      )}
    </Space>
  );
}
