/**
 * 实施进度 — the fieldwork wallboard of an assessment, live: stored responses per channel
 * against the quotas (progress rings), the evaluation firm's own satisfaction rating, and the
 * agencies × channels table coloured by status. Reached from 考评项目 or the left menu
 * (/progress opens the newest assessment; a selector switches). The counts are of stored
 * responses, not yet validated: the page says so.
 */
import { Alert, Badge, Empty, Select, Space, Spin, Typography } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { useLoad } from '../../hooks/useLoad';
import { useProgress, type LiveState } from '../../hooks/useProgress';
import { useI18n } from '../../i18n/i18n';
import { count } from '../../results/format';
import { ProgressCards } from '../../progress/ProgressCards';
import { UnitProgressTable } from '../../progress/UnitProgressTable';
import { navigate } from '../router';
import type { PageProps } from '../routes';

export const progressPath = (id: string) => `/assessments/${encodeURIComponent(id)}/progress`;

const BADGES: Record<LiveState, 'processing' | 'default' | 'warning'> = {
  live: 'processing',
  connecting: 'default',
  polling: 'warning',
};

function LiveIndicator({ live, receivedAt }: { live: LiveState; receivedAt: number | undefined }) {
  const { t, date } = useI18n();
  return (
    <Space size="middle" data-testid="progress-live" data-live={live}>
      <Badge status={BADGES[live]} text={t(`progress.${live}`)} />
      {receivedAt ? (
        <Typography.Text type="secondary">
          {t('progress.updatedAt', { at: date(new Date(receivedAt).toISOString()) })}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

function Wallboard({ id, name }: { id: string; name: string }) {
  const { t } = useI18n();
  const { progress, error, live, receivedAt } = useProgress(id);
  if (!progress) return error ? <ErrorAlert error={error} /> : <Spin />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space size="large" wrap>
        <LiveIndicator live={live} receivedAt={receivedAt} />
        <Typography.Text data-testid="progress-responses">
          {t('progress.responses', { n: count(progress.responses) })}
        </Typography.Text>
      </Space>
      <ErrorAlert error={error} />
      <Alert type="info" showIcon title={t('progress.note')} />
      <ProgressCards progress={progress} />
      <Typography.Title level={2} style={{ fontSize: 18, margin: '8px 0 0' }}>
        {t('progress.table')}
      </Typography.Title>
      <UnitProgressTable progress={progress} name={name} />
    </Space>
  );
}

export default function ProgressPage({ params }: PageProps) {
  const { t } = useI18n();
  const { data: assessments, error } = useLoad(api.assessments);
  const id = params.id;
  const newest =
    assessments && [...assessments].sort((a, b) => b.year - a.year || a.id.localeCompare(b.id))[0];
  useEffect(() => {
    // /progress: open the newest assessment's wallboard
    if (id === undefined && newest) navigate(progressPath(newest.id), { replace: true });
  }, [id, newest]);
  const current = assessments?.find((a) => a.id === id);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap align="baseline" size="large">
        <PageTitle>{current ? `${t('nav.progress')} · ${current.name}` : t('nav.progress')}</PageTitle>
        {assessments && assessments.length > 1 ? (
          <Select
            aria-label={t('progress.choose')}
            value={id}
            style={{ minWidth: 260 }}
            options={assessments.map((a) => ({ value: a.id, label: `${a.name}（${a.year}）` }))}
            onChange={(v: string) => navigate(progressPath(v))}
          />
        ) : null}
      </Space>
      <ErrorAlert error={error} />
      {assessments && assessments.length === 0 ? <Empty description={t('progress.noAssessments')} /> : null}
      {id !== undefined ? <Wallboard key={id} id={id} name={current?.name ?? id} /> : null}
    </Space>
  );
}
