/**
 * 待发证 (PUBLIC_SECURITY, DELEGATED_AGENCY; Art. 11): the accepted applications not yet issued in
 * the caller's region, in deadline order with the overdue ones first and marked 逾期 (or only the
 * overdue ones, 只看逾期), a page at a time (下一页: the last row's id as `after`); 发证 from a row
 * issues the permit on the 发证日期 given above the list: the row leaves the list and the new
 * permit's number, valid-through and first endorsement window are shown.
 */
import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { request } from '../../api/client';
import { todayCst } from '../../fields';
import type { IssuePermitMutation, PendingApplicationFieldsFragment } from '../../gql/graphql';
import { ErrorAlert } from '../../layout/ErrorAlert';
import { IssuePermit, OpenApplications, OverdueApplications } from './Pending.ops';
import { DateText, PAGE_SIZE, requiredDateRule, usePagedList, usePendingStrings } from './pending-shared';
import { PoliceRefusal } from './police-refusal';

type Row = PendingApplicationFieldsFragment;

interface FormValues {
  asOf: string;
  onlyOverdue: boolean;
  issuedOn: string;
}

interface Query {
  asOf: string;
  onlyOverdue: boolean;
}

export function Pending() {
  const s = usePendingStrings();
  const [form] = Form.useForm<FormValues>();
  const { query, rows, setRows, page, cursor, more, loading, error, load } = usePagedList<Query, Row>(
    async (q, after) => {
      const vars = { asOf: q.asOf, first: PAGE_SIZE, after };
      return q.onlyOverdue
        ? (await request(OverdueApplications, vars)).overdueApplications
        : (await request(OpenApplications, vars)).openApplications;
    },
  );
  const [issuing, setIssuing] = useState<string | null>(null);
  const [issueError, setIssueError] = useState<{ id: string; error: unknown } | null>(null);
  const [issued, setIssued] = useState<IssuePermitMutation['issuePermit'] | null>(null);
  const issuedOnField = Form.useWatch('issuedOn', form);

  const search = (v: FormValues) => {
    setIssued(null);
    setIssueError(null);
    void load({ asOf: v.asOf.trim(), onlyOverdue: v.onlyOverdue }, null, 1);
  };

  const issue = async (row: Row) => {
    let issuedOn: string;
    try {
      issuedOn = ((await form.validateFields(['issuedOn'])) as Pick<FormValues, 'issuedOn'>).issuedOn.trim();
    } catch {
      return;
    }
    setIssuing(row.id);
    setIssueError(null);
    setIssued(null);
    try {
      const permit = (await request(IssuePermit, { applicationId: row.id, issuedOn })).issuePermit;
      setIssued(permit);
      setRows((r) => r.filter((x) => x.id !== row.id));
    } catch (e) {
      setIssueError({ id: row.id, error: e });
    } finally {
      setIssuing(null);
    }
  };

  useEffect(() => {
    const today = todayCst();
    form.setFieldsValue({ asOf: today, onlyOverdue: false, issuedOn: today });
    void load({ asOf: today, onlyOverdue: false }, null, 1);
  }, []);

  const columns: TableColumnsType<Row> = [
    { title: s.colName, key: 'name', render: (_: unknown, r) => r.holder.name },
    {
      title: s.colCitizenId,
      key: 'citizenId',
      render: (_: unknown, r) => <span className="citizen-id">{r.holder.citizenIdNumber}</span>,
    },
    { title: s.colRegion, key: 'region', render: (_: unknown, r) => r.holder.residenceRegion.nameZh },
    { title: s.colResidenceAddress, key: 'address', render: (_: unknown, r) => r.holder.residenceAddress },
    { title: s.pendingColAppliedOn, dataIndex: 'appliedOn', key: 'appliedOn' },
    {
      title: s.pendingColDeadline,
      key: 'deadline',
      render: (_: unknown, r) => <DateText date={r.issueDeadline} provisional={r.deadlineProvisional} />,
    },
    {
      title: s.pendingColState,
      key: 'state',
      render: (_: unknown, r) =>
        r.overdue ? (
          <Tag color="red" data-testid={`overdue-${r.id}`}>
            {s.pendingOverdue}
          </Tag>
        ) : (
          <Tag color="blue">{s.pendingInTime}</Tag>
        ),
    },
    {
      title: s.colAction,
      key: 'action',
      render: (_: unknown, r) => (
        <Popconfirm
          title={s.pendingIssue}
          description={s.pendingIssueConfirm(r.holder.name, issuedOnField ?? '')}
          okText={s.pendingIssueOk}
          cancelText={s.pendingCancel}
          onConfirm={() => void issue(r)}
        >
          <Button type="primary" size="small" loading={issuing === r.id}>
            {s.pendingIssue}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <>
      <Typography.Title level={2}>{s.pendingTitle}</Typography.Title>
      <Typography.Paragraph type="secondary">{s.pendingIntro}</Typography.Paragraph>
      <Form
        form={form}
        name="pending"
        layout="inline"
        onFinish={search}
        style={{ rowGap: 12, marginBottom: 16 }}
        aria-label={s.pendingTitle}
      >
        <Form.Item name="asOf" label={s.pendingAsOf} rules={[requiredDateRule(s)]}>
          <Input placeholder="YYYY-MM-DD" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="onlyOverdue" valuePropName="checked">
          <Checkbox>{s.pendingOnlyOverdue}</Checkbox>
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={loading}>
            {s.search}
          </Button>
        </Form.Item>
        <Form.Item name="issuedOn" label={s.pendingIssuedOn} rules={[requiredDateRule(s)]}>
          <Input placeholder="YYYY-MM-DD" style={{ width: 140 }} />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
      {issued && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="pending-issued"
          title={s.pendingIssued(issued.holder.name)}
          description={
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={s.pendingPermitId}>
                <span data-testid="pending-issued-id">{issued.id}</span>
              </Descriptions.Item>
              <Descriptions.Item label={s.colCitizenId}>{issued.holder.citizenIdNumber}</Descriptions.Item>
              <Descriptions.Item label={s.pendingIssuedOnLabel}>{issued.issuedOn}</Descriptions.Item>
              <Descriptions.Item label={s.pendingValidThrough}>
                <span data-testid="pending-issued-valid-through">{issued.validThrough ?? '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label={s.pendingWindow}>
                {issued.endorsementWindow ? (
                  <DateText
                    date={s.endorseWindowRange(issued.endorsementWindow.from, issued.endorsementWindow.to)}
                    provisional={issued.endorsementWindow.provisional}
                  />
                ) : (
                  '—'
                )}
              </Descriptions.Item>
              <Descriptions.Item label={s.pendingAuthority}>{issued.issuingAuthority}</Descriptions.Item>
            </Descriptions>
          }
        />
      )}
      {issueError && (
        <div style={{ marginBottom: 12 }}>
          <PoliceRefusal error={issueError.error} testId="pending-issue-error" sentences={s.reasons} />
        </div>
      )}
      {query && (
        <section aria-label={s.pendingTitle} data-testid="pending-list">
          <Table
            rowKey="id"
            size="small"
            dataSource={rows}
            columns={columns}
            pagination={false}
            loading={loading}
            locale={{ emptyText: query.onlyOverdue ? s.pendingEmptyOverdue : s.pendingEmpty }}
            scroll={{ x: true }}
          />
          <Space style={{ marginTop: 12 }}>
            <Typography.Text data-testid="pending-shown">{s.shown(rows.length, page)}</Typography.Text>
            {page > 1 && (
              <Button onClick={() => void load(query, null, 1)} loading={loading}>
                {s.firstPage}
              </Button>
            )}
            {more && (
              <Button onClick={() => void load(query, cursor, page + 1)} loading={loading}>
                {s.nextPage}
              </Button>
            )}
          </Space>
        </section>
      )}
    </>
  );
}
