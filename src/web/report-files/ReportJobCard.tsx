/**
 * 生成报告: the button (with 同时生成 PDF when the server has LibreOffice), and the newest report
 * job: live progress with its message while it runs, its error and what to do when it failed.
 * The job is in the database (hooks/useJob.ts resumes it), so the page can be left meanwhile.
 */
import { Alert, Button, Card, Checkbox, Progress, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, type Job } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { isLive, useJob } from '../hooks/useJob';
import { useI18n } from '../i18n/i18n';

export function ReportJobCard(props: { assessment: string; pdfAvailable: boolean; onDone: () => void }) {
  const { t } = useI18n();
  const [pdf, setPdf] = useState(false);
  const report = useJob(props.assessment, 'report', api.startReports, {
    onDone: props.onDone,
    resume: true,
  });
  const job = report.job;
  const running = isLive(job);
  const start = (params: { pdf: boolean }) => void report.start(params);
  return (
    <Card title={t('reports.generate.title')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t('reports.generate.intro')}</Typography.Paragraph>
        <Space wrap align="center">
          {props.pdfAvailable && (
            <Checkbox checked={pdf} disabled={running} onChange={(e) => setPdf(e.target.checked)}>
              {t('reports.pdf')}
            </Checkbox>
          )}
          <Button
            type="primary"
            disabled={running}
            loading={running}
            onClick={() => start({ pdf: props.pdfAvailable && pdf })}
            data-testid="reports-generate"
          >
            {t('reports.generate')}
          </Button>
        </Space>
        {props.pdfAvailable && <Typography.Text type="secondary">{t('reports.pdf.hint')}</Typography.Text>}
        <JobState job={job} retry={() => start({ pdf: job?.params.pdf === true })} />
        <ErrorAlert error={report.error} />
      </Space>
    </Card>
  );
}

/** a running job's progress bar and message, announced politely; a failed job's error */
function JobState({ job, retry }: { job: Job | null; retry: () => void }) {
  const { t, date } = useI18n();
  if (!job) return null;
  if (job.status === 'failed')
    return (
      <Alert
        type="error"
        showIcon
        data-testid="reports-failed"
        title={t('reports.job.failed', { id: job.id })}
        description={
          <>
            <div>{job.error ?? ''}</div>
            <div>{t('reports.job.failed.hint')}</div>
          </>
        }
        action={
          <Button size="small" onClick={retry}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  const done = job.status === 'succeeded';
  return (
    <div role="status" aria-live="polite" data-testid="reports-progress">
      <Typography.Text>
        {done
          ? t('reports.job.done', {
              id: job.id,
              at: date(job.finishedAt ?? job.createdAt),
              files: typeof job.result?.files === 'number' ? job.result.files : '—',
            })
          : t('reports.job.running', { id: job.id, message: job.message ?? t(`job.status.${job.status}`) })}
        {done && job.params.pdf === true && typeof job.result?.pdfSkipped === 'string'
          ? ` ${t('reports.job.pdfSkipped', { why: job.result.pdfSkipped })}`
          : ''}
      </Typography.Text>
      <Progress
        percent={done ? 100 : Math.round(job.progress * 100)}
        status={done ? 'success' : 'active'}
        format={(p) => `${p ?? 0}%`}
      />
    </div>
  );
}
