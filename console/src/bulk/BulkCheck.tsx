/**
 * 批量核验 (issue 10 item 4): a department uploads a CSV or XLSX of up to 1000 rows; the rows the
 * batch would refuse are listed with their row numbers and problems and not sent; the rest go in
 * one verifyEligibilityBatch (`runBatch`), with a progress indicator; the answers in a table
 * (filter 符合/不符合, sort) and as CSV and XLSX downloads. The file is read in the browser; the
 * logic is in the pure modules beside this one.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { maskCitizenId } from '../../../src/law/citizen-id';
import { bulkEn } from '../i18n/bulk.en';
import { bulkZhCN } from '../i18n/bulk.zh-CN';
import { MAX_FILE_BYTES } from './columns';
import { CSV_TYPE, saveBytes, XLSX_TYPE } from './download';
import { batchErrorSentence } from './errors';
import { citationZh, resultRows, resultsCsv, resultsXlsx, type ResultRow } from './export';
import { parseBulkFile, tooLarge, type FileError } from './parse';
import { templateCsv, templateXlsx } from './template';
import type { AcceptedRow, EligibilityDecisionLike, EligibilityQuery, Locale, RefusedRow } from './types';
import { validateRows } from './validate';

export interface BulkCheckProps {
  /** what the caller may check (its scope) */
  entitlements: { code: string; name: string }[];
  /** YYYY-MM-DD, China Standard Time */
  today: string;
  /** one verifyEligibilityBatch with these queries (at most 1000): the answers in the order asked */
  runBatch: (queries: EligibilityQuery[]) => Promise<EligibilityDecisionLike[]>;
  locale: 'zh-CN' | 'en';
}

interface Checked {
  fileName: string;
  accepted: AcceptedRow[];
  refused: RefusedRow[];
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'reading'; fileName: string }
  | { kind: 'fileError'; fileName: string; error: FileError }
  | ({ kind: 'checked' } & Checked)
  | ({ kind: 'running'; startedAt: number } & Checked)
  | ({ kind: 'done'; results: ResultRow[] } & Checked)
  | ({ kind: 'batchError'; code: string; sentence: string } & Checked);

const stringsOf = (locale: Locale) => (locale === 'en' ? bulkEn : bulkZhCN);

/** A progress estimate for one request with no progress of its own: rises towards 95% meanwhile. */
function estimatedPercent(elapsedMs: number, rows: number): number {
  const tau = Math.max(1500, rows * 4);
  return Math.min(95, Math.round(95 * (1 - Math.exp(-elapsedMs / tau))));
}

function articleText(
  c: { article: number; paragraph?: number | null; clause?: number | null },
  locale: Locale,
) {
  if (locale !== 'en') return citationZh(c);
  return `Art. ${c.article}${c.paragraph != null ? `(${c.paragraph})` : ''}${c.clause != null ? `(${c.clause})` : ''}`;
}

export function BulkCheck(props: BulkCheckProps) {
  const { entitlements, today, runBatch, locale } = props;
  const t = stringsOf(locale);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [percent, setPercent] = useState(0);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  // the progress estimate while the batch runs
  useEffect(() => {
    if (phase.kind !== 'running') return;
    const { startedAt, accepted } = phase;
    const timer = setInterval(
      () => setPercent(estimatedPercent(Date.now() - startedAt, accepted.length)),
      200,
    );
    return () => clearInterval(timer);
  }, [phase]);

  const nameOf = (code: string) => entitlements.find((e) => e.code === code)?.name ?? code;

  async function read(file: File) {
    if (file.size > MAX_FILE_BYTES) {
      setPhase({ kind: 'fileError', fileName: file.name, error: tooLarge().error });
      return;
    }
    setPhase({ kind: 'reading', fileName: file.name });
    const parsed = await parseBulkFile(await file.arrayBuffer()).catch(() => null);
    if (!alive.current) return;
    if (parsed === null) {
      setPhase({
        kind: 'fileError',
        fileName: file.name,
        error: { code: 'UNREADABLE', zh: bulkZhCN.fileErrors.UNREADABLE, en: bulkEn.fileErrors.UNREADABLE },
      });
      return;
    }
    if (!parsed.ok) {
      setPhase({ kind: 'fileError', fileName: file.name, error: parsed.error });
      return;
    }
    const v = validateRows(parsed.rows, { entitlements, today });
    setPhase({ kind: 'checked', fileName: file.name, accepted: v.accepted, refused: v.refused });
  }

  async function run(from: Checked) {
    // only the file's rows: `from` may be a phase object with a kind of its own
    const checked: Checked = { fileName: from.fileName, accepted: from.accepted, refused: from.refused };
    setPercent(0);
    setPhase({ kind: 'running', startedAt: Date.now(), ...checked });
    try {
      const answers = await runBatch(checked.accepted.map((r) => r.query));
      if (!alive.current) return;
      const results = resultRows(checked.accepted, answers);
      setPercent(100);
      setPhase({ kind: 'done', results, ...checked });
    } catch (e) {
      if (!alive.current) return;
      setPhase({ kind: 'batchError', ...batchErrorSentence(e, locale), ...checked });
    }
  }

  const busy = phase.kind === 'reading' || phase.kind === 'running';
  // every caller that may check has at least one entitlement: none yet means the list is still loading
  const noScope = entitlements.length === 0;
  const sentence = (s: { zh: string; en: string }) => (locale === 'en' ? s.en : s.zh);

  const refusedColumns: TableColumnsType<RefusedRow> = [
    {
      title: t.refusedRow,
      dataIndex: 'rowNumber',
      width: 80,
      sorter: (a, b) => a.rowNumber - b.rowNumber,
      defaultSortOrder: 'ascend',
    },
    {
      title: t.refusedProblem,
      key: 'problems',
      render: (_: unknown, r: RefusedRow) => (
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {r.problems.map((p) => (
            <li key={`${p.column}:${p.code}`}>
              <Typography.Text type="danger">{sentence(p)}</Typography.Text>
            </li>
          ))}
        </ul>
      ),
    },
  ];

  const resultColumns: TableColumnsType<ResultRow> = [
    {
      title: t.col.rowNumber,
      dataIndex: 'rowNumber',
      width: 72,
      sorter: (a, b) => a.rowNumber - b.rowNumber,
      defaultSortOrder: 'ascend',
    },
    {
      title: t.col.citizenIdNumber,
      key: 'id',
      width: 190,
      render: (_: unknown, r: ResultRow) => (
        <span style={{ fontFamily: 'monospace' }}>{maskCitizenId(r.input.citizenIdNumber)}</span>
      ),
    },
    {
      title: t.col.holderName,
      key: 'name',
      width: 110,
      render: (_: unknown, r: ResultRow) => r.input.holderName,
      sorter: (a, b) => a.input.holderName.localeCompare(b.input.holderName, 'zh-CN'),
    },
    {
      title: t.col.entitlement,
      key: 'entitlement',
      width: 170,
      render: (_: unknown, r: ResultRow) => nameOf(r.decision.entitlementCode),
    },
    {
      title: t.col.asOf,
      key: 'asOf',
      width: 120,
      render: (_: unknown, r: ResultRow) => r.decision.asOf,
      sorter: (a, b) => a.decision.asOf.localeCompare(b.decision.asOf),
    },
    {
      title: t.col.result,
      key: 'result',
      width: 120,
      filters: [
        { text: t.eligible, value: 'eligible' },
        { text: t.notEligible, value: 'notEligible' },
      ],
      onFilter: (value, r) => (value === 'eligible') === r.eligible,
      sorter: (a, b) => Number(b.eligible) - Number(a.eligible),
      render: (_: unknown, r: ResultRow) =>
        r.eligible ? (
          <Tag color="success" style={{ fontSize: 14 }}>
            {t.eligible}
          </Tag>
        ) : (
          <Tag color="error" style={{ fontSize: 14 }}>
            {t.notEligible}
          </Tag>
        ),
    },
    {
      title: t.col.failed,
      key: 'failed',
      render: (_: unknown, r: ResultRow) => {
        const failed = r.decision.reasons.filter((x) => !x.passed);
        if (failed.length === 0) return null;
        return (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {failed.map((x) => (
              <li key={x.code} title={x.citation.textZh}>
                {locale === 'en' ? (x.messageEn ?? x.messageZh) : x.messageZh}{' '}
                <Typography.Text type="secondary">{articleText(x.citation, locale)}</Typography.Text>
              </li>
            ))}
          </ul>
        );
      },
    },
    {
      title: t.col.validThrough,
      dataIndex: 'validThrough',
      width: 120,
      sorter: (a, b) => a.validThrough.localeCompare(b.validThrough),
    },
    {
      title: t.col.decisionId,
      dataIndex: 'decisionId',
      width: 330,
      render: (id: string) => (
        <Typography.Text copyable={{ text: id }} style={{ fontFamily: 'monospace', fontSize: 12 }}>
          {id}
        </Typography.Text>
      ),
    },
  ];

  const checked: Checked | null =
    phase.kind === 'checked' ||
    phase.kind === 'running' ||
    phase.kind === 'done' ||
    phase.kind === 'batchError'
      ? phase
      : null;

  return (
    <Flex vertical gap="middle" style={{ maxWidth: 1280 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {t.title}
      </Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>{t.intro}</Typography.Paragraph>
      <Space wrap>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            void templateXlsx(entitlements).then((b) => saveBytes(b, '批量核验模板.xlsx', XLSX_TYPE))
          }
        >
          {t.templateXlsx}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          onClick={() => saveBytes(templateCsv(), '批量核验模板.csv', CSV_TYPE)}
        >
          {t.templateCsv}
        </Button>
      </Space>

      <Upload.Dragger
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={busy || noScope}
        beforeUpload={(file) => {
          void read(file);
          return Upload.LIST_IGNORE;
        }}
        aria-label={t.dropHint}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t.dropHint}</p>
        <p className="ant-upload-hint">{t.dropSubHint}</p>
      </Upload.Dragger>

      {phase.kind === 'reading' && <Alert type="info" showIcon title={t.reading} />}
      {phase.kind === 'fileError' && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t.fileLabel(phase.fileName)}
          description={sentence(phase.error)}
        />
      )}

      {checked && (
        <>
          <Alert
            type={checked.refused.length > 0 ? 'warning' : 'info'}
            showIcon
            title={t.fileLabel(checked.fileName)}
            description={
              checked.accepted.length + checked.refused.length === 0
                ? t.noRows
                : t.summary(
                    checked.accepted.length + checked.refused.length,
                    checked.accepted.length,
                    checked.refused.length,
                  )
            }
          />
          {checked.refused.length > 0 && (
            <section aria-label={t.refusedTitle(checked.refused.length)}>
              <Typography.Title level={4}>{t.refusedTitle(checked.refused.length)}</Typography.Title>
              <Table<RefusedRow>
                size="small"
                rowKey="rowNumber"
                columns={refusedColumns}
                dataSource={checked.refused}
                pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              />
            </section>
          )}
          <Space wrap>
            <Button
              type="primary"
              size="large"
              disabled={checked.accepted.length === 0 || phase.kind === 'running' || phase.kind === 'done'}
              loading={phase.kind === 'running'}
              onClick={() => void run(checked)}
            >
              {t.run(checked.accepted.length)}
            </Button>
            <Button disabled={busy} onClick={() => setPhase({ kind: 'idle' })}>
              {t.reset}
            </Button>
          </Space>
        </>
      )}

      {phase.kind === 'running' && (
        <div role="status" aria-live="polite">
          <Typography.Text>{t.running(phase.accepted.length)}</Typography.Text>
          <Progress percent={percent} status="active" />
        </div>
      )}

      {phase.kind === 'batchError' && (
        <Alert type="error" showIcon role="alert" title={t.batchFailed} description={phase.sentence} />
      )}

      {phase.kind === 'done' && (
        <section
          aria-label={t.resultsTitle(phase.results.length, phase.results.filter((r) => r.eligible).length)}
        >
          <Progress percent={100} />
          <Flex justify="space-between" align="center" wrap gap="small">
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t.resultsTitle(phase.results.length, phase.results.filter((r) => r.eligible).length)}
            </Typography.Title>
            <Space wrap>
              <Button
                icon={<DownloadOutlined />}
                onClick={() => saveBytes(resultsCsv(phase.results), `核验结果-${today}.csv`, CSV_TYPE)}
              >
                {t.downloadCsv}
              </Button>
              <Button
                icon={<DownloadOutlined />}
                onClick={() =>
                  void resultsXlsx(phase.results).then((b) =>
                    saveBytes(b, `核验结果-${today}.xlsx`, XLSX_TYPE),
                  )
                }
              >
                {t.downloadXlsx}
              </Button>
            </Space>
          </Flex>
          <Table<ResultRow>
            size="small"
            rowKey="decisionId"
            columns={resultColumns}
            dataSource={phase.results}
            scroll={{ x: 1600 }}
            pagination={{ defaultPageSize: 20, showSizeChanger: true, pageSizeOptions: [20, 50, 100] }}
          />
        </section>
      )}
    </Flex>
  );
}
