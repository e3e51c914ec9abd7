/**
 * The head of every results page: which snapshot it shows (a selector for the others), when it
 * was computed and how old it is, whether newer data exists (with 重新分析, followed live), and
 * whether it is published (for admins: 发布 / 重新发布, after a confirmation), and 下载结果工作簿: the
 * snapshot's results.xlsx (every table, one sheet each).
 */
import { Alert, App, Button, Empty, Popconfirm, Progress, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, type Job, type SnapshotMeta } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { useSession } from '../console/session';
import { useAnalysisJob } from '../hooks/useAnalysisJob';
import type { useSnapshots } from '../hooks/useSnapshots';
import { useI18n } from '../i18n/i18n';
import { age } from './format';

export function SnapshotBar(props: {
  assessment: string;
  snapshots: readonly SnapshotMeta[];
  selected: SnapshotMeta;
  select: (sid: number) => void;
  reload: () => void;
}) {
  const { t, date } = useI18n();
  const { message } = App.useApp();
  const { session } = useSession();
  const { assessment, snapshots, selected: s } = props;
  const isAdmin = session.user.role === 'admin';
  const published = snapshots.find((x) => x.published);
  const [publishError, setPublishError] = useState<unknown>(null);
  const analysis = useAnalysisJob(assessment, (sid) => {
    props.reload();
    props.select(sid);
    void message.success(t('results.analysis.done', { id: sid }));
  });
  const running = analysis.job && (analysis.job.status === 'queued' || analysis.job.status === 'running');

  const publish = async () => {
    setPublishError(null);
    try {
      await api.publish(assessment, s.id);
      void message.success(t('results.published.done', { id: s.id }));
      props.reload();
    } catch (e) {
      setPublishError(e);
    }
  };
  const reanalyse = () => void analysis.start({ replicates: s.params.replicates, seed: s.params.seed });

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="small">
      <Space wrap align="center" size="middle">
        <label htmlFor="snapshot-select">{t('results.snapshot')}</label>
        <Select
          id="snapshot-select"
          aria-label={t('results.snapshot')}
          value={s.id}
          onChange={props.select}
          style={{ minWidth: 320 }}
          options={snapshots.map((x) => ({
            value: x.id,
            label: [
              t('results.snapshot.option', { id: x.id, at: date(x.createdAt) }),
              x.latest ? t('results.snapshot.latest') : '',
              x.published ? t('results.snapshot.published') : '',
            ]
              .filter(Boolean)
              .join(' · '),
          }))}
        />
        <Typography.Text data-testid="snapshot-age">
          {t('results.createdAt', { at: date(s.createdAt), age: age(t, s.ageSeconds) })}
        </Typography.Text>
        {s.published ? (
          <Tag color="green" data-testid="published-tag">
            {t('results.tag.published')}
          </Tag>
        ) : (
          <Tag data-testid="published-tag">{t('results.tag.unpublished')}</Tag>
        )}
        {isAdmin && !s.published && (
          <Popconfirm
            title={published ? t('results.republish.title') : t('results.publish.title')}
            description={
              published
                ? t('results.republish.confirm', { id: s.id, old: published.id })
                : t('results.publish.confirm', { id: s.id })
            }
            okText={published ? t('results.republish') : t('results.publish')}
            cancelText={t('common.cancel')}
            onConfirm={() => void publish()}
          >
            <Button type="primary">{published ? t('results.republish') : t('results.publish')}</Button>
          </Popconfirm>
        )}
        <Button onClick={reanalyse} disabled={Boolean(running)}>
          {t('results.reanalyse')}
        </Button>
        <Button
          href={api.snapshotWorkbookUrl(assessment, s.id)}
          download
          title={t('results.workbook.hint')}
          data-testid="snapshot-workbook"
        >
          {t('results.workbook')}
        </Button>
      </Space>
      {s.stale && !running && (
        <Alert
          type="warning"
          showIcon
          title={t('results.stale')}
          description={t('results.stale.hint')}
          action={
            <Button size="small" onClick={reanalyse}>
              {t('results.reanalyse')}
            </Button>
          }
        />
      )}
      <JobProgress job={analysis.job} />
      <ErrorAlert error={analysis.error ?? publishError} />
    </Space>
  );
}

/** A running or failed analysis job: its message and a progress bar, announced politely. */
export function JobProgress({ job }: { job: Job | null }) {
  const { t } = useI18n();
  if (!job || job.status === 'succeeded') return null;
  return (
    <div role="status" aria-live="polite" data-testid="analysis-progress">
      <Typography.Text>
        {job.status === 'failed'
          ? t('results.analysis.failed', { error: job.error ?? '' })
          : t('results.analysis.running', {
              id: job.id,
              message: job.message ?? t(`job.status.${job.status}`),
            })}
      </Typography.Text>
      <Progress
        percent={Math.round(job.progress * 100)}
        status={job.status === 'failed' ? 'exception' : 'active'}
      />
    </div>
  );
}

/** No snapshot yet: say so, and let staff run the first analysis (the server's defaults). */
export function NoSnapshot(props: { assessment: string; reload: () => void }) {
  const { t } = useI18n();
  const analysis = useAnalysisJob(props.assessment, props.reload);
  const running = analysis.job && (analysis.job.status === 'queued' || analysis.job.status === 'running');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Empty description={t('results.noSnapshot')}>
        <Button type="primary" disabled={Boolean(running)} onClick={() => void analysis.start({})}>
          {t('results.analyse')}
        </Button>
      </Empty>
      <JobProgress job={analysis.job} />
      <ErrorAlert error={analysis.error} />
    </Space>
  );
}

/**
 * The top of every page that reads a snapshot: the "no snapshot yet" state, or the bar with the
 * snapshot selector, its age and publication, and re-analysis.
 */
export function SnapshotSection({
  assessment,
  snaps,
}: {
  assessment: string;
  snaps: ReturnType<typeof useSnapshots>;
}) {
  if (snaps.snapshots?.length === 0) return <NoSnapshot assessment={assessment} reload={snaps.reload} />;
  if (!snaps.selected || !snaps.snapshots) return null;
  return (
    <SnapshotBar
      assessment={assessment}
      snapshots={snaps.snapshots}
      selected={snaps.selected}
      select={snaps.select}
      reload={snaps.reload}
    />
  );
}
