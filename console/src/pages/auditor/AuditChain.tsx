/**
 * 校验审计链 (AUDITOR): verifyAuditChain in stretches (fromSequence/limit, following nextSequence until
 * it is null) with a progress bar; the first broken entry shown (read from auditLog) when there is
 * one; the head to write down, and the head written down last time given back as expectHead.
 */
import { useRef, useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, InputNumber, Progress, Space, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { request } from '../../api/client';
import { useI18n } from '../../i18n';
import { ErrorAlert } from '../../layout/ErrorAlert';
import type { AuditChainStretchQuery } from '../../gql/graphql';
import { AuditChainStretch } from './AuditChain.ops';
import { AuditLogPage } from './AuditLog.ops';
import type { AuditEntryRow } from './audit-csv';
import { fill, instantCst } from './format';

type Report = AuditChainStretchQuery['verifyAuditChain'];

const DEFAULT_STRETCH = 10_000;
const HASH = /^[0-9a-f]{64}$/i;

interface FormValues {
  expectSequence?: number | null;
  expectHash?: string;
  stretch?: number | null;
}

interface Progressed {
  /** entries found to follow, summed over the stretches */
  readonly checked: number;
  /** the last sequence checked */
  readonly reached: number;
  readonly head: number | null;
}

type Outcome =
  | { kind: 'intact'; last: Report; checked: number }
  | { kind: 'broken'; last: Report; checked: number; entry: AuditEntryRow | null }
  | { kind: 'stopped'; resumeFrom: number }
  | { kind: 'empty' };

export function AuditChain() {
  const { t } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<Progressed | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const stop = useRef(false);

  const run = async (v: FormValues, start: number, checkedBefore: number) => {
    const expectHead =
      v.expectSequence && v.expectHash?.trim()
        ? { sequence: v.expectSequence, hash: v.expectHash.trim().toLowerCase() }
        : null;
    const limit = v.stretch ?? DEFAULT_STRETCH;
    stop.current = false;
    setRunning(true);
    setError(null);
    setOutcome(null);
    let from = start;
    let checked = checkedBefore;
    try {
      for (;;) {
        if (stop.current) {
          setOutcome({ kind: 'stopped', resumeFrom: from });
          return;
        }
        const r = (await request(AuditChainStretch, { fromSequence: from, limit, expectHead }))
          .verifyAuditChain;
        checked += r.entries;
        if (r.headSequence === null || r.headSequence === undefined) {
          setOutcome({ kind: 'empty' });
          return;
        }
        if (!r.intact) {
          setProgress({ checked, reached: (r.firstBrokenAt ?? from) - 1, head: r.headSequence });
          setOutcome({ kind: 'broken', last: r, checked, entry: await entryAt(r.firstBrokenAt ?? null) });
          return;
        }
        if (r.nextSequence === null || r.nextSequence === undefined) {
          setProgress({ checked, reached: r.headSequence, head: r.headSequence });
          setOutcome({ kind: 'intact', last: r, checked });
          return;
        }
        from = r.nextSequence;
        setProgress({ checked, reached: from - 1, head: r.headSequence });
      }
    } catch (e) {
      setError(e);
    } finally {
      setRunning(false);
    }
  };

  const start = (v: FormValues) => {
    setProgress(null);
    void run(v, 1, 0);
  };

  const percent = progress?.head ? Math.floor((progress.reached / progress.head) * 100) : 0;

  return (
    <>
      <Typography.Title level={2}>{t.auditChainTitle}</Typography.Title>
      <Alert type="info" showIcon title={t.auditChainIntro} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 720 }}
        initialValues={{ stretch: DEFAULT_STRETCH }}
        onFinish={start}
      >
        <Space wrap align="start">
          <Form.Item name="expectSequence" label={t.auditChainExpectSequence}>
            <InputNumber min={1} precision={0} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="expectHash"
            label={t.auditChainExpectHash}
            dependencies={['expectSequence']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_r: unknown, value: unknown) => {
                  const h = typeof value === 'string' ? value.trim() : '';
                  const seq = getFieldValue('expectSequence') as number | null | undefined;
                  if (h !== '' && !HASH.test(h)) throw new Error(t.auditChainExpectHashBad);
                  if ((h === '') !== (seq === null || seq === undefined))
                    throw new Error(t.auditChainExpectBoth);
                },
              }),
            ]}
          >
            <Input style={{ width: 480 }} className="audit-hash" allowClear />
          </Form.Item>
        </Space>
        <Form.Item name="stretch" label={t.auditChainStretch}>
          <InputNumber min={1} max={1_000_000} precision={0} style={{ width: 200 }} />
        </Form.Item>
        <Space>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SafetyCertificateOutlined />}
            loading={running}
            disabled={running}
          >
            {t.auditChainStart}
          </Button>
          {running && <Button onClick={() => (stop.current = true)}>{t.auditChainStop}</Button>}
        </Space>
      </Form>
      <ErrorAlert error={error} />
      {progress && (
        <div data-testid="chain-progress" style={{ margin: '16px 0', maxWidth: 720 }}>
          <Progress
            percent={percent}
            status={outcome?.kind === 'broken' ? 'exception' : running ? 'active' : 'normal'}
          />
          <Typography.Text>
            {fill(t.auditChainChecked, {
              n: progress.checked,
              seq: progress.reached,
              head: progress.head ?? '—',
            })}
          </Typography.Text>
        </div>
      )}
      {outcome?.kind === 'empty' && <Alert type="info" showIcon title={t.auditChainEmpty} />}
      {outcome?.kind === 'stopped' && (
        <Alert
          type="warning"
          showIcon
          title={fill(t.auditChainStopped, { seq: outcome.resumeFrom })}
          action={
            <Button
              size="small"
              onClick={() => void run(form.getFieldsValue(), outcome.resumeFrom, progress?.checked ?? 0)}
            >
              {fill(t.auditChainResume, { seq: outcome.resumeFrom })}
            </Button>
          }
        />
      )}
      {(outcome?.kind === 'intact' || outcome?.kind === 'broken') && (
        <section data-testid="chain-result" data-intact={String(outcome.kind === 'intact')}>
          {outcome.kind === 'intact' ? (
            <Alert
              type="success"
              showIcon
              title={t.auditChainIntact}
              description={fill(t.auditChainIntactLong, { n: outcome.checked })}
            />
          ) : (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={fill(t.auditChainBroken, { seq: outcome.last.firstBrokenAt ?? '—' })}
              description={
                <>
                  <div>{t.auditChainBrokenLong}</div>
                  <Typography.Text strong>{t.auditChainBrokenEntry}</Typography.Text>
                  {outcome.entry ? (
                    <Descriptions size="small" column={1} data-testid="chain-broken-entry">
                      <Descriptions.Item label={t.auditColSequence}>
                        {outcome.entry.sequence}
                      </Descriptions.Item>
                      <Descriptions.Item label={t.auditColAt}>
                        {instantCst(outcome.entry.at)}
                      </Descriptions.Item>
                      <Descriptions.Item label={t.auditColActor}>{outcome.entry.actor}</Descriptions.Item>
                      <Descriptions.Item label={t.auditColAction}>{outcome.entry.action}</Descriptions.Item>
                      <Descriptions.Item label={t.auditColSubject}>
                        {outcome.entry.subject ?? ''}
                      </Descriptions.Item>
                      <Descriptions.Item label={t.auditColHash}>
                        <code className="audit-hash">{outcome.entry.hash}</code>
                      </Descriptions.Item>
                    </Descriptions>
                  ) : (
                    <div>{t.auditChainBrokenMissing}</div>
                  )}
                </>
              }
            />
          )}
          {outcome.last.expectedHeadFound === true && (
            <Alert type="success" showIcon title={t.auditChainExpectFound} style={{ marginTop: 12 }} />
          )}
          {outcome.last.expectedHeadFound === false && (
            <Alert
              type="error"
              showIcon
              role="alert"
              data-testid="chain-expect-missing"
              title={t.auditChainExpectMissing}
              style={{ marginTop: 12 }}
            />
          )}
          <Descriptions
            title={t.auditChainHead}
            bordered
            size="small"
            column={1}
            style={{ marginTop: 16, maxWidth: 900 }}
            data-testid="chain-head"
          >
            <Descriptions.Item label={t.auditChainHeadSequence}>
              <Typography.Text copyable data-testid="chain-head-sequence">
                {String(outcome.last.headSequence ?? '')}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t.auditChainHeadHash}>
              <Typography.Text copyable code data-testid="chain-head-hash">
                {outcome.last.headHash ?? ''}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </section>
      )}
    </>
  );
}

/** The entry at a sequence (the first broken one), or null when it is gone. */
async function entryAt(sequence: number | null): Promise<AuditEntryRow | null> {
  if (sequence === null) return null;
  try {
    const page = (await request(AuditLogPage, { first: 1, after: sequence > 1 ? sequence - 1 : undefined }))
      .auditLog;
    return page[0]?.sequence === sequence ? page[0] : null;
  } catch {
    return null;
  }
}
