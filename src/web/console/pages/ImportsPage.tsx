/**
 * 数据导入 (set-up): answers, the phone sample or the performance scores from a .csv/.xlsx
 * file, imported by a background job (the same importer as `kaoping import`, all or nothing)
 * whose progress is followed live; then its outcome, or the importer's error line and what to
 * do next; and the assessment's recent imports.
 */
import { Alert, App, Card, Progress, Segmented, Space, Table, Tag, Typography, Upload } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, type Job } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { isLive, useJob } from '../../hooks/useJob';
import { useLoad } from '../../hooks/useLoad';
import { useI18n, type Translate } from '../../i18n/i18n';
import { useSession } from '../session';
import { IMPORT_KINDS, type ImportWhat } from '../../../shared/api/jobs.js';
import type { PageProps } from '../routes';

/** SPEC §4.3–4.5: the column, one Chinese header the importer accepts, required or not. */
const COLUMNS: Record<ImportWhat, [string, string, boolean][]> = {
  responses: [
    ['response_id', '问卷编号', true],
    ['channel', '渠道', true],
    ['group', '群体', true],
    ['respondent_unit', '评价人单位', false],
    ['respondent_key', '答卷人标识', false],
    ['target_unit', '被评单位', true],
    ['item', '题目', true],
    ['value', '答案', true],
    ['duration_s', '时长', false],
    ['submitted_at', '提交时间', false],
  ],
  cases: [
    ['case_id', '样本编号', true],
    ['unit_code', '单位编码', true],
    ['phone', '电话', true],
    ['service', '办理事项', false],
    ['service_date', '办理日期', false],
    ['disposition', '结果代码', false],
    ['attempts', '拨打次数', false],
  ],
  scores: [
    ['unit_code', '单位编码', true],
    ['daily', '日常履职得分', true],
    ['bonus', '优质履职加分', false],
  ],
};

const STATUS_COLOR = { queued: 'default', running: 'processing', succeeded: 'success', failed: 'error' };

const whatOf = (j: Job): ImportWhat => j.params.what as ImportWhat;
const fileOf = (j: Job): string => (typeof j.params.fileName === 'string' ? j.params.fileName : '');

/** What a finished import did, in a sentence. */
function outcome(t: Translate, j: Job): string {
  if (j.status === 'failed') return j.error ?? '';
  if (j.status !== 'succeeded' || !j.result) return t(`job.status.${j.status}`);
  const n = (k: string) => {
    const v = j.result?.[k];
    return typeof v === 'number' ? String(v) : '0';
  };
  return whatOf(j) === 'responses'
    ? t('imports.done.responses', { rows: n('rows'), added: n('added'), unchanged: n('unchanged') })
    : t('imports.done.rows', { rows: n('rows') });
}

function jobColumns(t: Translate, date: (iso: string) => string): Column<Job>[] {
  return [
    { key: 'id', title: t('imports.col.id'), value: (j) => j.id, sortable: true, width: 80 },
    {
      key: 'what',
      title: t('imports.col.what'),
      value: (j) => t(`imports.what.${whatOf(j)}`),
      sortable: true,
    },
    { key: 'file', title: t('imports.col.file'), value: fileOf, sortable: true },
    {
      key: 'status',
      title: t('imports.col.status'),
      value: (j) => t(`job.status.${j.status}`),
      render: (j) => <Tag color={STATUS_COLOR[j.status]}>{t(`job.status.${j.status}`)}</Tag>,
      sortable: true,
    },
    {
      key: 'outcome',
      title: t('imports.col.outcome'),
      value: (j) => outcome(t, j),
      // an error line can be long: wrap it rather than push the other columns off the page
      render: (j) => (
        <div style={{ maxWidth: 360, whiteSpace: 'normal', wordBreak: 'break-word' }}>{outcome(t, j)}</div>
      ),
    },
    { key: 'by', title: t('imports.col.by'), value: (j) => j.createdBy, sortable: true },
    { key: 'at', title: t('imports.col.at'), value: (j) => date(j.createdAt), sortable: true },
  ];
}

/** The followed job: a live bar while it runs, then its outcome or its error and what to do. */
function JobOutcome({ job }: { job: Job }) {
  const { t } = useI18n();
  if (job.status === 'failed')
    return (
      <Alert
        type="error"
        showIcon
        title={t('imports.failed')}
        description={
          <>
            <Typography.Text code data-testid="import-error">
              {job.error}
            </Typography.Text>
            <div>{t('imports.failed.next')}</div>
          </>
        }
      />
    );
  if (job.status === 'succeeded')
    return <Alert type="success" showIcon title={<span data-testid="import-done">{outcome(t, job)}</span>} />;
  return (
    <div role="status" aria-live="polite">
      <Typography.Text>
        {t('imports.running', { name: fileOf(job) })} · {job.message ?? t(`job.status.${job.status}`)}
      </Typography.Text>
      <Progress percent={Math.round(job.progress * 100)} status="active" />
    </div>
  );
}

export default function ImportsPage({ params }: PageProps) {
  const { t, date } = useI18n();
  const { message } = App.useApp();
  const id = params.id ?? '';
  // a supervisor manages the phone sample and imports nothing else (the server says the same)
  const supervisor = useSession().session.user.role === 'supervisor';
  const kinds: readonly ImportWhat[] = supervisor ? ['cases'] : IMPORT_KINDS;
  const [what, setWhat] = useState<ImportWhat>(kinds[0]!);
  const assessment = useLoad(useCallback(() => api.assessment(id), [id])).data?.assessment;
  const jobs = useLoad(
    useCallback(async () => (await api.jobs(id)).filter((j) => j.kind === 'import'), [id]),
  );
  // resume: the newest import is shown (and followed while it runs) when the page opens
  const { job, error, start } = useJob<File>(id, 'import', (a, file) => api.startImport(a, what, file), {
    resume: true,
  });
  const reload = jobs.reload;
  const status = job?.status;
  useEffect(() => reload(), [reload, status]);

  const upload = (file: File) => {
    if (!/\.(csv|xlsx)$/i.test(file.name)) {
      void message.error(t('imports.wrongType', { name: file.name }));
      return;
    }
    void start(file);
  };
  const busy = isLive(job);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle>{`${t('nav.imports')} · ${assessment?.name ?? id}`}</PageTitle>
      <Card>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap align="center">
            <Typography.Text strong>{t('imports.what')}</Typography.Text>
            <Segmented<ImportWhat>
              value={what}
              onChange={setWhat}
              options={kinds.map((k) => ({ value: k, label: t(`imports.what.${k}`) }))}
            />
          </Space>
          <Typography.Text type="secondary">{t('imports.columns')}</Typography.Text>
          <Table
            size="small"
            style={{ maxWidth: 560 }}
            pagination={false}
            rowKey={(r) => r[0]}
            dataSource={COLUMNS[what]}
            columns={[
              {
                title: t('imports.col.csv'),
                render: (_, r) => <Typography.Text code>{r[0] + (r[2] ? ' *' : '')}</Typography.Text>,
              },
              { title: t('imports.col.zh'), render: (_, r) => r[1] },
            ]}
          />
          <Typography.Text type="secondary">{t(`imports.columns.note.${what}`)}</Typography.Text>
          <Upload.Dragger
            accept=".xlsx,.csv"
            showUploadList={false}
            maxCount={1}
            disabled={busy}
            beforeUpload={(file) => {
              upload(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon" aria-hidden style={{ fontSize: 40, margin: 0 }}>
              ⇪
            </p>
            <p className="ant-upload-text">{t('imports.drop')}</p>
            <p className="ant-upload-hint">{t('imports.dropHint')}</p>
          </Upload.Dragger>
          <ErrorAlert error={error} />
          {job && <JobOutcome job={job} />}
        </Space>
      </Card>
      <Card title={t('imports.recent')}>
        <ErrorAlert error={jobs.error} />
        <DataTable
          rows={jobs.error ? [] : jobs.data}
          columns={jobColumns(t, date)}
          rowKey={(j) => String(j.id)}
          exportName={`${t('nav.imports')}-${id}`}
          searchPlaceholder={t('imports.search')}
          empty={t('imports.empty')}
          label={t('imports.recent')}
        />
      </Card>
    </Space>
  );
}
