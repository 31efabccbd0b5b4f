/**
 * 申领受理 (Art. 2, 10–11): find the person by 公民身份号码 (permitHolder), see the registration on
 * record, apply with the Art. 10 corrections (居住地址, 居住事由) in the same form; the answer is 受理
 * with the Art. 11 deadline (and the note when provisional) or 不予受理 with each failed reason and its
 * article; an accepted application prints a 受理回执 (handed over in sessionStorage, never in the URL).
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, PrinterOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { request } from '../../api/client';
import { citizenIdRule, todayCst } from '../../fields';
import { ErrorAlert } from '../../layout/ErrorAlert';
import type { ApplyForPermitMutation, IntakeHolderQuery, ResidenceBasis } from '../../gql/graphql';
import type { IntakeStrings } from '../../i18n/police-intake.zh-CN';
import { ApplyForPermit, IntakeHolder } from './Apply.ops';
import { BASES, basisText, officeName, residenceLine, storeReceipt, useIntake } from './intake-shared';
import { PoliceRefusal } from './police-refusal';
import { ReasonsTable } from '../../decision/DecisionView';

type Holder = NonNullable<IntakeHolderQuery['permitHolder']>;
type Application = ApplyForPermitMutation['applyForPermit'];

interface LookupValues {
  citizenIdNumber: string;
}

interface ApplyValues {
  residenceAddress: string;
  basis: ResidenceBasis[];
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

function statusText(s: IntakeStrings, status: string): string {
  return status === 'ACCEPTED' || status === 'REFUSED' || status === 'ISSUED' ? s[`status${status}`] : status;
}

function ApplicationVerdict({ accepted }: { accepted: boolean }) {
  const { s } = useIntake();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className={`verdict ${accepted ? 'verdict-yes' : 'verdict-no'}`}
      role="status"
      aria-live="polite"
      data-testid="application-verdict"
      data-status={accepted ? 'ACCEPTED' : 'REFUSED'}
    >
      {accepted ? <CheckCircleFilled aria-hidden /> : <CloseCircleFilled aria-hidden />}
      <span>
        {accepted ? s.accepted : s.refused}
        <br />
        <small>{accepted ? s.acceptedLong : s.refusedLong}</small>
      </span>
    </div>
  );
}

export function Apply() {
  const { t, s, locale } = useIntake();
  const navigate = useNavigate();
  const [lookupForm] = Form.useForm<LookupValues>();
  const [applyForm] = Form.useForm<ApplyValues>();
  const [holder, setHolder] = useState<Holder | null>(null);
  const [missing, setMissing] = useState(false);
  const [lookupError, setLookupError] = useState<unknown>(null);
  const [applyError, setApplyError] = useState<unknown>(null);
  const [answer, setAnswer] = useState<Application | null>(null);
  const [corrected, setCorrected] = useState(false);
  const [busy, setBusy] = useState<'lookup' | 'apply' | null>(null);

  const latest = holder?.registrations[holder.registrations.length - 1];
  const currentBasis: ResidenceBasis[] = latest?.basis ?? [];

  const find = async (id: string): Promise<Holder | null> => {
    const h = (await request(IntakeHolder, { citizenIdNumber: id })).permitHolder ?? null;
    setHolder(h);
    setMissing(h === null);
    return h;
  };

  const lookup = async (v: LookupValues) => {
    setBusy('lookup');
    setLookupError(null);
    setApplyError(null);
    setAnswer(null);
    setHolder(null);
    setMissing(false);
    try {
      await find(v.citizenIdNumber.trim().toUpperCase());
    } catch (e) {
      setLookupError(e);
    } finally {
      setBusy(null);
    }
  };

  const apply = async (v: ApplyValues) => {
    if (!holder) return;
    setBusy('apply');
    setApplyError(null);
    setAnswer(null);
    const address = v.residenceAddress.trim();
    const newAddress = address !== holder.residenceAddress ? address : null;
    const newBasis = sameSet(v.basis, currentBasis) ? null : v.basis;
    try {
      const r = await request(ApplyForPermit, {
        input: { citizenIdNumber: holder.citizenIdNumber, residenceAddress: newAddress, basis: newBasis },
      });
      setAnswer(r.applyForPermit);
      setCorrected(newAddress !== null || newBasis !== null);
      await find(holder.citizenIdNumber);
    } catch (e) {
      setApplyError(e);
    } finally {
      setBusy(null);
    }
  };

  const printReceipt = (a: Application) => {
    storeReceipt({
      applicationId: a.id,
      status: a.status,
      appliedOn: a.appliedOn,
      issueDeadline: a.issueDeadline ?? null,
      deadlineProvisional: a.deadlineProvisional,
      name: a.holder.name,
      citizenIdNumber: a.holder.citizenIdNumber,
      residence: residenceLine(a.holder.residenceRegion.nameZh, a.holder.residenceAddress),
      office: officeName(),
      citations: a.reasons.map((r) => r.citation),
    });
    void navigate('/acceptance-receipt');
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {s.applyTitle}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0, maxWidth: 800 }}>
        {s.applyIntro}
      </Typography.Paragraph>
      <Card title={s.lookupCard}>
        <Form<LookupValues>
          form={lookupForm}
          name="applyLookup"
          layout="inline"
          onFinish={(v) => void lookup(v)}
        >
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
              style={{ width: 260 }}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy === 'lookup'}>
            {s.lookup}
          </Button>
        </Form>
      </Card>
      <ErrorAlert error={lookupError} />
      {missing && <Alert type="warning" showIcon data-testid="not-registered" title={s.notRegistered} />}
      {holder && (
        <Card title={s.holderCard}>
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            data-testid="holder"
            items={[
              { key: 'n', label: s.name, children: holder.name },
              { key: 'i', label: t.citizenIdNumber, children: holder.citizenIdNumber },
              { key: 's', label: s.sex, children: s[`sex${holder.sex}`] },
              { key: 'b', label: s.birthDate, children: holder.birthDate },
              {
                key: 'h',
                label: s.hukouAddress,
                children: `${holder.hukouAddress}（${holder.hukouRegionCode}）`,
              },
              {
                key: 'r',
                label: s.residenceAddress,
                children: residenceLine(holder.residenceRegion.nameZh, holder.residenceAddress),
              },
              {
                key: 'g',
                label: s.registrations,
                span: 'filled',
                children: (
                  <span data-testid="registrations">
                    {holder.registrations.length === 0
                      ? s.none
                      : holder.registrations.map((r) => (
                          <div key={r.id}>
                            {s.registrationLine(r.registeredOn, r.region.nameZh, r.eligibleToApplyOn)}（
                            {r.basis.map((b) => basisText(s, b)).join('、')}）
                          </div>
                        ))}
                  </span>
                ),
              },
              {
                key: 'a',
                label: s.applications,
                span: 'filled',
                children: (
                  <span data-testid="applications">
                    {holder.applications.length === 0
                      ? s.none
                      : holder.applications.map((a) => (
                          <div key={a.id}>{s.applicationLine(a.appliedOn, statusText(s, a.status))}</div>
                        ))}
                  </span>
                ),
              },
            ]}
          />
        </Card>
      )}
      {holder && (
        <Card title={s.applyCard}>
          <Form<ApplyValues>
            key={holder.id}
            form={applyForm}
            name="apply"
            layout="vertical"
            initialValues={{ residenceAddress: holder.residenceAddress, basis: currentBasis }}
            onFinish={(v) => void apply(v)}
            style={{ maxWidth: 720 }}
          >
            <Form.Item
              name="residenceAddress"
              label={s.correctAddress}
              rules={[{ required: true, whitespace: true, message: s.residenceAddressRequired }]}
            >
              <Input maxLength={256} autoComplete="off" />
            </Form.Item>
            <Form.Item name="basis" label={s.correctBasis}>
              <Checkbox.Group options={BASES.map((b) => ({ value: b, label: basisText(s, b) }))} />
            </Form.Item>
            <Typography.Paragraph type="secondary">{s.appliedOnNote(todayCst())}</Typography.Paragraph>
            <Button type="primary" htmlType="submit" size="large" loading={busy === 'apply'}>
              {s.submitApply}
            </Button>
          </Form>
        </Card>
      )}
      <PoliceRefusal
        error={applyError}
        testId="apply-error"
        rulesOnly
        sentences={{ RULE_VIOLATION: s.ruleRefusal }}
      />
      {answer && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="application">
          <ApplicationVerdict accepted={answer.status !== 'REFUSED'} />
          {corrected && <Alert type="info" showIcon title={s.corrected} />}
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              {
                key: 'id',
                label: answer.status === 'REFUSED' ? s.applicationIdRefused : s.applicationId,
                children: <code>{answer.id}</code>,
              },
              {
                key: 'd',
                label: answer.status === 'REFUSED' ? s.appliedOnRefused : s.appliedOn,
                children: answer.appliedOn,
              },
              ...(answer.issueDeadline
                ? [
                    {
                      key: 'dl',
                      label: s.issueDeadline,
                      children: (
                        <span data-testid="issue-deadline">
                          <strong>{s.issueDeadlineText(answer.issueDeadline)}</strong>
                          {answer.deadlineProvisional && (
                            <>
                              <br />
                              <Tag color="warning">{s.provisional}</Tag>
                            </>
                          )}
                        </span>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <ReasonsTable
            reasons={answer.status === 'REFUSED' ? answer.reasons.filter((r) => !r.passed) : answer.reasons}
            caption={answer.status === 'REFUSED' ? s.failedReasons : s.conditions}
            testId="application-reasons"
          />
          {answer.status !== 'REFUSED' && (
            <Button icon={<PrinterOutlined />} onClick={() => printReceipt(answer)}>
              {s.openReceipt}
            </Button>
          )}
        </Space>
      )}
    </Space>
  );
}
