/**
 * The head of every results page: which snapshot it shows (a selector for the others), when it
 * was computed and how old it is, whether newer data exists (with 重新分析, followed live), and
 * whether it is published (for admins: 发布 / 重新发布, after a confirmation).
 */
import { Alert, App, Button, Popconfirm, Progress, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, type SnapshotMeta } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { useSession } from '../console/session';
import { useAnalysisJob } from '../hooks/useAnalysisJob';
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
      {analysis.job && analysis.job.status !== 'succeeded' && (
        <div role="status" aria-live="polite" data-testid="analysis-progress">
          <Typography.Text>
            {analysis.job.status === 'failed'
              ? t('results.analysis.failed', { error: analysis.job.error ?? '' })
              : t('results.analysis.running', {
                  id: analysis.job.id,
                  message: analysis.job.message ?? t(`job.status.${analysis.job.status}`),
                })}
          </Typography.Text>
          <Progress
            percent={Math.round(analysis.job.progress * 100)}
            status={analysis.job.status === 'failed' ? 'exception' : 'active'}
          />
        </div>
      )}
      <ErrorAlert error={analysis.error ?? publishError} />
    </Space>
  );
}
