/**
 * 收缴 (PUBLIC_SECURITY only, Art. 21 para 2): 按公民身份号码查询, then the current permit's confiscation
 * (reason, day), confirmed in a dialog before sending because it cannot be undone. A confiscated
 * permit lists the positive decisions made on it for the departments to review
 * (`affectedDecisions`, 20 a page, our own 下一页 cursor): department, entitlement, day, decision id.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { request } from '../../api/client';
import { dateRule, todayCst } from '../../fields';
import type { Messages } from '../../i18n/zh-CN';
import { ErrorAlert } from '../../layout/ErrorAlert';
import type { AffectedDecisionsQuery, EnforceEntitlementsQuery } from '../../gql/graphql';
import {
  enforceSentences,
  HolderLookup,
  loadHolder,
  useEnforce,
  type Holder,
  type HolderPermit,
} from './enforce-holder';
import { PoliceRefusal } from './police-refusal';
import { currentPermit } from './police-shared';
import { AffectedDecisions, ConfiscatePermit, EnforceEntitlements } from './Confiscate.ops';

export const AFFECTED_PAGE_SIZE = 20;

interface Values {
  reason: string;
  confiscatedOn: string;
}

export function Confiscate() {
  const { t, s, locale } = useEnforce();
  const [form] = Form.useForm<Values>();
  const [holder, setHolder] = useState<Holder | null>(null);
  const [pending, setPending] = useState<Values | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const permit = holder ? currentPermit(holder.permits) : null;

  const found = (h: Holder | null) => {
    setHolder(h);
    setDone(null);
    setError(null);
    setPending(null);
  };

  const send = async () => {
    if (!pending || !holder || !permit) return;
    setBusy(true);
    setError(null);
    try {
      const r = await request(ConfiscatePermit, {
        permitId: permit.id,
        reason: pending.reason.trim(),
        confiscatedOn: pending.confiscatedOn.trim() || null,
      });
      setDone(s.confiscated(r.confiscatePermit.confiscation?.confiscatedOn ?? pending.confiscatedOn));
      setPending(null);
      setHolder(await loadHolder(holder.citizenIdNumber));
    } catch (e) {
      setPending(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {s.confiscateTitle}
      </Typography.Title>
      <Alert type="info" showIcon title={s.confiscateIntro} />
      <HolderLookup holder={holder} onFound={found} />
      {done && <Alert type="success" showIcon title={done} data-testid="confiscate-done" />}
      {holder && !permit && <Alert type="warning" showIcon title={s.noPermitToConfiscate} />}
      {permit && !permit.confiscation && (
        <Card title={s.confiscateFormTitle}>
          <Form<Values>
            form={form}
            name="confiscate"
            layout="vertical"
            requiredMark
            onFinish={(v) => setPending(v)}
            initialValues={{ reason: '', confiscatedOn: todayCst() }}
            style={{ maxWidth: 640 }}
          >
            <Form.Item
              name="reason"
              label={s.reason}
              rules={[{ required: true, whitespace: true, message: s.reasonRequired }]}
            >
              <Input.TextArea maxLength={256} rows={2} placeholder={s.reasonPlaceholder} />
            </Form.Item>
            <Form.Item label={s.reasonPresetsLabel}>
              <Space wrap size={[8, 4]}>
                {s.reasonPresets.map((r) => (
                  <Button key={r} size="small" onClick={() => form.setFieldsValue({ reason: r })}>
                    {r}
                  </Button>
                ))}
              </Space>
            </Form.Item>
            <Form.Item
              name="confiscatedOn"
              label={s.confiscatedOnLabel}
              extra={s.confiscatedOnHelp}
              rules={[dateRule(t, locale)]}
            >
              <Input type="date" style={{ maxWidth: 220 }} />
            </Form.Item>
            <Button type="primary" danger htmlType="submit" loading={busy}>
              {s.confiscateSubmit}
            </Button>
          </Form>
          <div style={{ marginTop: 16 }}>
            <PoliceRefusal
              error={error}
              testId="confiscate-error"
              rulesOnly
              sentences={enforceSentences(s)}
            />
          </div>
          <Modal
            open={pending !== null}
            title={s.confirmTitle}
            okText={s.confirmOk}
            cancelText={s.confirmCancel}
            okButtonProps={{ danger: true }}
            confirmLoading={busy}
            onOk={() => void send()}
            onCancel={() => setPending(null)}
          >
            <p>{s.confirmText(holder!.name, permit.id)}</p>
            {pending && (
              <p>
                {s.reason}
                {t.colon}
                {pending.reason.trim()}
                <br />
                {s.confiscatedOnLabel}
                {t.colon}
                {pending.confiscatedOn}
              </p>
            )}
          </Modal>
        </Card>
      )}
      {permit?.confiscation && (
        <>
          {!done && (
            <Alert
              type="warning"
              showIcon
              data-testid="already-confiscated"
              title={s.alreadyConfiscated(permit.confiscation.confiscatedOn)}
            />
          )}
          <Affected permit={permit} />
        </>
      )}
    </Space>
  );
}

type AffectedRow = AffectedDecisionsQuery['affectedDecisions'][number];
type EntitlementRow = EnforceEntitlementsQuery['entitlements'][number];

function deptName(t: Messages, d: string): string {
  const key = `dept${d}` as keyof Messages;
  return key in t ? t[key] : d;
}

/** Art. 21 para 2: the positive decisions on the permit, a page at a time (上一页 / 下一页). */
function Affected({ permit }: { permit: HolderPermit }) {
  const { t, s, locale } = useEnforce();
  const [rows, setRows] = useState<AffectedRow[]>([]);
  const [entitlements, setEntitlements] = useState<EntitlementRow[]>([]);
  // cursors[i]: the `after` of page i (undefined for the first)
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState(0);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(
    async (after: string | undefined) => {
      setBusy(true);
      setError(null);
      try {
        const got = (
          await request(AffectedDecisions, { permitId: permit.id, first: AFFECTED_PAGE_SIZE, after })
        ).affectedDecisions;
        setRows(got);
        setMore(got.length === AFFECTED_PAGE_SIZE);
        return got;
      } catch (e) {
        setError(e);
        return null;
      } finally {
        setBusy(false);
      }
    },
    [permit.id],
  );

  useEffect(() => {
    setCursors([undefined]);
    setPage(0);
    void load(undefined);
    request(EnforceEntitlements).then(
      (d) => setEntitlements(d.entitlements),
      (e: unknown) => setError(e),
    );
  }, [load]);

  const entitlementOf = (code: string) => entitlements.find((e) => e.code === code);
  const go = async (to: number) => {
    const after = to > page ? rows.at(-1)?.decisionId : cursors[to];
    const got = await load(after);
    if (!got) return;
    setCursors((c) => {
      const next = c.slice(0, to + 1);
      next[to] = after;
      return next;
    });
    setPage(to);
  };

  return (
    <Card title={s.affectedTitle}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{s.affectedIntro}</Typography.Text>
        <ErrorAlert error={error} />
        <Table<AffectedRow>
          data-testid="affected"
          rowKey="decisionId"
          size="small"
          loading={busy}
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: s.affectedEmpty }}
          scroll={{ x: true }}
          columns={[
            {
              title: s.colDepartment,
              key: 'd',
              render: (_, d) => {
                const e = entitlementOf(d.entitlementCode);
                return e ? deptName(t, e.department) : '—';
              },
            },
            {
              title: s.colEntitlement,
              key: 'e',
              render: (_, d) => {
                const e = entitlementOf(d.entitlementCode);
                return e ? (locale === 'en' ? e.nameEn : e.nameZh) : d.entitlementCode;
              },
            },
            { title: s.colAsOf, dataIndex: 'asOf', width: 120 },
            {
              title: s.colDecisionId,
              key: 'id',
              render: (_, d) => <code data-testid="affected-decision-id">{d.decisionId}</code>,
            },
          ]}
        />
        {(page > 0 || more) && (
          <Space>
            <Button disabled={page === 0 || busy} onClick={() => void go(page - 1)}>
              {s.prevPage}
            </Button>
            <Button disabled={!more || busy} onClick={() => void go(page + 1)}>
              {s.nextPage}
            </Button>
          </Space>
        )}
      </Space>
    </Card>
  );
}
