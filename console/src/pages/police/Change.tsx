/**
 * 变更登记 (Art. 14 para 1): find the holder by 公民身份号码, then record a move of the residence on the
 * current permit. Before submitting the page says what the move is: between the urban area and a
 * county (or between counties) a change registration at the new residence's office, inside the urban
 * area an address update only (I-5). After it: the permit's new region, what that means for the
 * departments' checks (IN_REGION, Art. 14), the unchanged endorsement cycle, and the permit's moves.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { request } from '../../api/client';
import { todayCst } from '../../fields';
import { ErrorAlert } from '../../layout/ErrorAlert';
import type { ChangesRegionsQuery } from '../../gql/graphql';
import { ChangesRegions } from './changes-lookup.ops';
import {
  Article,
  HolderLookup,
  dayRule,
  loadHolder,
  regionLabel,
  useChangesI18n,
  type Holder,
  type PermitFields,
} from './changes-lookup';
import { PoliceRefusal } from './police-refusal';
import { currentPermit } from './police-shared';
import { ChangeResidence } from './Change.ops';

type Region = ChangesRegionsQuery['regions'][number];

interface Values {
  residenceRegionCode: string;
  residenceAddress: string;
  changedOn: string;
}

/** Art. 14 para 1 (I-5): the urban area is one area, each county one of its own. */
const needsRegistration = (from: { code: string; kind: string }, to: { code: string; kind: string }) =>
  from.kind === 'COUNTY' || to.kind === 'COUNTY' ? from.code !== to.code : false;

export function Change() {
  const { t, c, locale } = useChangesI18n();
  const [form] = Form.useForm<Values>();
  const [holder, setHolder] = useState<Holder | null>(null);
  const [regions, setRegions] = useState<Region[]>([]);
  const [listError, setListError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<PermitFields | null>(null);
  const toCode = Form.useWatch('residenceRegionCode', form);

  useEffect(() => {
    let live = true;
    request(ChangesRegions).then(
      (d) => live && setRegions(d.regions.filter((r) => r.kind !== 'CITY')),
      (e: unknown) => live && setListError(e),
    );
    return () => {
      live = false;
    };
  }, []);

  const permit = currentPermit(holder?.permits ?? []);
  const to = regions.find((r) => r.code === toCode);

  const onHolder = (h: Holder | null) => {
    setHolder(h);
    setDone(null);
    setError(null);
  };

  const submit = async (v: Values) => {
    if (!permit || !holder) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const p = (
        await request(ChangeResidence, {
          input: {
            permitId: permit.id,
            residenceRegionCode: v.residenceRegionCode,
            residenceAddress: v.residenceAddress.trim(),
            changedOn: v.changedOn.trim(),
          },
        })
      ).changeResidence;
      setDone(p);
      form.resetFields();
      // the new region's office may not see the file of the old one: keep what we had if so
      setHolder((await loadHolder(holder.citizenIdNumber).catch(() => null)) ?? holder);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const lastMove = done ? done.moves[done.moves.length - 1] : undefined;
  const moves = (done ?? permit)?.moves ?? [];
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {c.changeTitle}
      </Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>
        {c.changeIntro} <Article k="14.1" />
      </Typography.Paragraph>
      <ErrorAlert error={listError} />
      <HolderLookup holder={holder} onHolder={onHolder} />
      {permit && (
        <Card title={c.changeFormTitle} data-testid="change-form">
          <Form<Values>
            form={form}
            name="changeResidence"
            layout="vertical"
            requiredMark
            onFinish={(v) => void submit(v)}
            initialValues={{ changedOn: todayCst() }}
            style={{ maxWidth: 640 }}
          >
            <Form.Item
              name="residenceRegionCode"
              label={c.changeRegion}
              rules={[{ required: true, message: c.changeRegionRequired }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={regions.map((r) => ({ value: r.code, label: regionLabel(c, r) }))}
              />
            </Form.Item>
            {to && (
              <Alert
                type="info"
                showIcon
                data-testid="change-kind-preview"
                style={{ marginBottom: 16 }}
                title={
                  needsRegistration(permit.region, to)
                    ? c.changeNeedsRegistration(permit.region.nameZh, to.nameZh)
                    : permit.region.kind === 'COUNTY'
                      ? c.changeSameCounty(to.nameZh)
                      : c.changeAddressOnly(permit.region.nameZh, to.nameZh)
                }
                description={<Article k="14.1" />}
              />
            )}
            <Form.Item
              name="residenceAddress"
              label={c.changeAddress}
              rules={[{ required: true, whitespace: true, message: c.changeAddressRequired }]}
            >
              <Input maxLength={256} autoComplete="off" />
            </Form.Item>
            <Form.Item name="changedOn" label={c.changeOn} extra={c.dateHelp} rules={[dayRule(c, locale)]}>
              <Input type="date" style={{ maxWidth: 220 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" loading={busy}>
              {c.changeSubmit}
            </Button>
          </Form>
          <div style={{ marginTop: 16 }}>
            <PoliceRefusal
              error={error}
              testId="change-error"
              article="14.1"
              sentences={{ FORBIDDEN: c.changeForbidden }}
            />
          </div>
        </Card>
      )}
      {done && lastMove && (
        <Alert
          type="success"
          showIcon
          data-testid="change-done"
          title={c.changeDoneTitle}
          description={
            <Space orientation="vertical" size={2}>
              <span>
                {c.changeKind}
                {t.colon}
                <strong>
                  {lastMove.changeRegistration ? c.changeKindRegistration : c.changeKindAddress}
                </strong>
                {c.open}
                <Article k="14.1" />
                {c.close}
              </span>
              <span>
                {c.changeFromTo}
                {t.colon}
                {lastMove.fromRegion.nameZh} → <strong>{lastMove.toRegion.nameZh}</strong>
                {c.comma}
                {lastMove.address}
                {c.comma}
                {lastMove.changedOn}
              </span>
              <span>
                {c.permitRegion}
                {t.colon}
                <strong data-testid="change-done-region">{regionLabel(c, done.region)}</strong>
              </span>
              <span>
                {c.validThrough}
                {t.colon}
                {done.validThrough ?? '—'}
              </span>
              <span>{c.changeConsequence(done.region.nameZh)}</span>
            </Space>
          }
        />
      )}
      {permit && (
        <Card title={c.movesTitle}>
          <Table
            size="small"
            rowKey={(m) => `${m.changedOn}-${m.toRegion.code}-${m.address}`}
            data-testid="change-moves"
            pagination={false}
            dataSource={moves}
            locale={{ emptyText: c.movesEmpty }}
            columns={[
              { title: c.changeOn, dataIndex: 'changedOn', width: 120 },
              {
                title: c.changeFromTo,
                render: (_v, m) => `${m.fromRegion.nameZh} → ${m.toRegion.nameZh}`,
              },
              { title: c.changeAddress, dataIndex: 'address' },
              {
                title: c.changeKind,
                render: (_v, m) =>
                  m.changeRegistration ? (
                    <Tag color="blue">{c.changeKindRegistration}</Tag>
                  ) : (
                    <Tag>{c.changeKindAddress}</Tag>
                  ),
              },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
