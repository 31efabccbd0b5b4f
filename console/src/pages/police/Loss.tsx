/**
 * 挂失/补领 (Art. 14 para 2): find the holder by 公民身份号码; the current permit's loss and damage
 * requests are listed with their deadlines (15 working days from acceptance, as the calendar in force
 * counts them), so an open request is found again by the same lookup; accept a new request (遗失: 补领,
 * 损毁: 换领) and see its deadline; then issue the new card for the open request and see its number.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import { request } from '../../api/client';
import { todayCst } from '../../fields';
import type { LossKind } from '../../gql/graphql';
import {
  Article,
  HolderLookup,
  StatusTag,
  dayRule,
  loadHolder,
  useChangesI18n,
  type Holder,
  type PermitFields,
} from './changes-lookup';
import { PoliceRefusal } from './police-refusal';
import { currentPermit } from './police-shared';
import { IssueReplacement, ReportPermitLoss } from './Loss.ops';

type Request = PermitFields['replacementRequests'][number];

export function Loss() {
  const { t, c, locale } = useChangesI18n();
  const [holder, setHolder] = useState<Holder | null>(null);
  const [reportError, setReportError] = useState<unknown>(null);
  const [issueError, setIssueError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [accepted, setAccepted] = useState<Request | null>(null);
  const [issued, setIssued] = useState<{ permit: PermitFields; on: string } | null>(null);
  const today = todayCst();
  const permit = currentPermit(holder?.permits ?? []);
  const open = permit?.replacementRequests.find((r) => r.issuedOn === null) ?? null;

  const onHolder = (h: Holder | null) => {
    setHolder(h);
    setAccepted(null);
    setIssued(null);
    setReportError(null);
    setIssueError(null);
  };
  const reload = async () => {
    if (holder) setHolder((await loadHolder(holder.citizenIdNumber).catch(() => null)) ?? holder);
  };

  const report = async (v: { kind: LossKind; reportedOn: string }) => {
    if (!permit) return;
    setBusy(true);
    setReportError(null);
    setAccepted(null);
    setIssued(null);
    try {
      const r = (
        await request(ReportPermitLoss, {
          permitId: permit.id,
          kind: v.kind,
          reportedOn: v.reportedOn.trim(),
        })
      ).reportPermitLoss;
      setAccepted(r);
      await reload();
    } catch (e) {
      setReportError(e);
    } finally {
      setBusy(false);
    }
  };

  const issue = async (v: { issuedOn: string }) => {
    if (!open) return;
    setBusy(true);
    setIssueError(null);
    try {
      const p = (await request(IssueReplacement, { requestId: open.id, issuedOn: v.issuedOn.trim() }))
        .issueReplacement;
      setIssued({ permit: p, on: v.issuedOn.trim() });
      setAccepted(null);
      await reload();
    } catch (e) {
      setIssueError(e);
    } finally {
      setBusy(false);
    }
  };

  const kindText = (k: string) => (k === 'LOST' ? c.kindLOST : c.kindDAMAGED);
  const deadline = (r: Request) => (
    <span>
      <strong data-testid={`loss-deadline-${r.id}`}>{r.deadline}</strong>
      {r.deadlineProvisional && `${c.open}${c.provisional}${c.close}`}
    </span>
  );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {c.lossTitle}
      </Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>
        {c.lossIntro} <Article k="14.2" />
      </Typography.Paragraph>
      <HolderLookup holder={holder} onHolder={onHolder} />

      {issued && (
        <Alert
          type="success"
          showIcon
          data-testid="loss-issued"
          title={c.issueDoneTitle}
          description={
            <Space orientation="vertical" size={2}>
              <span>
                {c.newCard}
                {t.colon}
                <strong data-testid="loss-new-card">
                  {c.permitNumber(issued.permit.id, issued.permit.cardVersion)}
                </strong>
              </span>
              <span>
                {c.issueOn}
                {t.colon}
                {issued.on}
              </span>
              <span>
                {c.status}
                {t.colon}
                <StatusTag status={issued.permit.status} />
                {' · '}
                {c.validThrough}
                {t.colon}
                {issued.permit.validThrough ?? '—'}
              </span>
            </Space>
          }
        />
      )}

      {permit && (
        <Card title={c.requestsTitle}>
          <Table<Request>
            size="small"
            rowKey="id"
            data-testid="loss-requests"
            pagination={false}
            dataSource={permit.replacementRequests}
            locale={{ emptyText: c.requestsEmpty }}
            columns={[
              { title: c.requestNumber, dataIndex: 'id', width: 100 },
              { title: c.lossKind, dataIndex: 'kind', render: (k: string) => kindText(k) },
              { title: c.lossOn, dataIndex: 'reportedOn', width: 120 },
              { title: c.requestDeadline, render: (_v, r) => deadline(r) },
              {
                title: c.requestStatus,
                render: (_v, r) =>
                  r.issuedOn ? (
                    <Tag color="success">{c.requestIssued(r.issuedOn)}</Tag>
                  ) : (
                    <Space size={4}>
                      <Tag color="processing">{c.requestOpen}</Tag>
                      {r.deadline < today && <Tag color="error">{c.requestOverdue}</Tag>}
                    </Space>
                  ),
              },
            ]}
          />
        </Card>
      )}

      {accepted && (
        <Alert
          type="success"
          showIcon
          data-testid="loss-accepted"
          title={c.requestDoneTitle}
          description={
            <Space orientation="vertical" size={2}>
              <span>
                {c.requestNumber}
                {t.colon}
                {accepted.id} · {kindText(accepted.kind)} · {c.lossOn}
                {t.colon}
                {accepted.reportedOn}
              </span>
              <span>
                {c.requestDeadline}
                {t.colon}
                {deadline(accepted)}
                {c.comma}
                {c.requestDeadlineText(accepted.deadline)}
                {c.open}
                <Article k="14.2" />
                {c.close}
              </span>
            </Space>
          }
        />
      )}

      {permit && open && (
        <Card title={c.issueTitle} data-testid="loss-issue-form">
          <Typography.Paragraph type="secondary">{c.lossOpenExists}</Typography.Paragraph>
          <Typography.Paragraph>
            {c.requestNumber}
            {t.colon}
            {open.id} · {kindText(open.kind)} · {c.lossOn} {open.reportedOn} · {c.requestDeadline}{' '}
            {open.deadline}
          </Typography.Paragraph>
          <Form<{ issuedOn: string }>
            name="issueReplacement"
            layout="vertical"
            requiredMark
            onFinish={(v) => void issue(v)}
            initialValues={{ issuedOn: today }}
            style={{ maxWidth: 640 }}
          >
            <Form.Item name="issuedOn" label={c.issueOn} extra={c.dateHelp} rules={[dayRule(c, locale)]}>
              <Input type="date" style={{ maxWidth: 220 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" loading={busy}>
              {c.issueSubmit}
            </Button>
          </Form>
          <div style={{ marginTop: 16 }}>
            <PoliceRefusal error={issueError} testId="loss-issue-error" article="14.2" />
          </div>
        </Card>
      )}

      {permit && !open && (
        <Card title={c.lossFormTitle} data-testid="loss-form">
          <Form<{ kind: LossKind; reportedOn: string }>
            name="reportPermitLoss"
            layout="vertical"
            requiredMark
            onFinish={(v) => void report(v)}
            initialValues={{ kind: 'LOST', reportedOn: today }}
            style={{ maxWidth: 640 }}
          >
            <Form.Item name="kind" label={c.lossKind}>
              <Radio.Group
                options={[
                  { value: 'LOST', label: c.kindLOST },
                  { value: 'DAMAGED', label: c.kindDAMAGED },
                ]}
              />
            </Form.Item>
            <Form.Item name="reportedOn" label={c.lossOn} extra={c.dateHelp} rules={[dayRule(c, locale)]}>
              <Input type="date" style={{ maxWidth: 220 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" loading={busy}>
              {c.lossSubmit}
            </Button>
          </Form>
          <div style={{ marginTop: 16 }}>
            <PoliceRefusal error={reportError} testId="loss-error" article="14.2" />
          </div>
        </Card>
      )}
    </Space>
  );
}
