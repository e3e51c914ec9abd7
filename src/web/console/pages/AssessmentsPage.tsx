/** 考评项目: the assessments the signed-in user may see. */
import { Alert, Progress as Bar, Space } from 'antd';
import { api, type AssessmentSummary } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { useLoad } from '../../hooks/useLoad';
import { useI18n } from '../../i18n/i18n';
import { shareOf, useAssessmentsProgress } from '../../progress/useAssessmentsProgress';
import { count, percent } from '../../results/format';
import { linkClick } from '../router';
import { useSession } from '../session';

export default function AssessmentsPage() {
  const { t } = useI18n();
  const { data, error } = useLoad(api.assessments);
  const role = useSession().session.user.role;
  const staff = role === 'admin' || role === 'analyst';
  const fieldwork = staff || role === 'supervisor';
  const progress = useAssessmentsProgress(
    data?.map((a) => a.id),
    fieldwork,
  );
  const link = (a: AssessmentSummary, page: string, label: string) => (
    <a href={`/assessments/${encodeURIComponent(a.id)}/${page}`} onClick={linkClick}>
      {label}
    </a>
  );
  const columns: Column<AssessmentSummary>[] = [
    { key: 'id', title: t('assessments.id'), value: (a) => a.id, sortable: true },
    { key: 'name', title: t('assessments.name'), value: (a) => a.name, sortable: true },
    { key: 'year', title: t('assessments.year'), value: (a) => a.year, sortable: true, width: 120 },
  ];
  // 实施进度: the targets of all channels together, as a bar leading to the wallboard
  if (fieldwork)
    columns.push({
      key: 'progress',
      title: t('progress.column'),
      // the same words in the file as under the bar: "n / target（share）"
      value: (a) => {
        const p = progress.get(a.id);
        const share = shareOf(p);
        if (!p || share === null || !p.total.target) return '';
        return `${count(p.total.towardTarget)} / ${count(p.total.target)}（${percent(share)}）`;
      },
      sortable: true,
      sortValue: (a) => shareOf(progress.get(a.id)),
      width: 260,
      render: (a) => {
        const p = progress.get(a.id);
        const share = shareOf(p);
        if (!p || share === null || !p.total.target) return null;
        return (
          <a href={`/assessments/${encodeURIComponent(a.id)}/progress`} onClick={linkClick}>
            <Bar
              percent={Math.round(share * 1000) / 10}
              size="small"
              showInfo={false}
              style={{ marginBottom: 0 }}
            />
            <span style={{ fontSize: 12 }}>
              {count(p.total.towardTarget)} / {count(p.total.target)}（{percent(share)}）
            </span>
          </a>
        );
      },
    });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <PageTitle>{t('nav.assessments')}</PageTitle>
      {role === 'interviewer' ? <Alert type="info" showIcon title={t('assessments.interviewer')} /> : null}
      <ErrorAlert error={error} />
      <DataTable
        rows={error ? [] : data}
        columns={columns}
        rowKey={(a) => a.id}
        exportName={t('nav.assessments')}
        searchPlaceholder={t('assessments.search')}
        empty={t('assessments.empty')}
        {...(fieldwork
          ? {
              actions: {
                title: t('common.actions'),
                // staff get nine links, wrapped in lines so that the table fits a laptop screen
                ...(staff ? { width: 300 } : {}),
                render: (a: AssessmentSummary) => (
                  <Space size={[16, 4]} wrap style={{ maxWidth: 270 }}>
                    {staff ? link(a, 'units', t('nav.units')) : null}
                    {staff || role === 'supervisor' ? link(a, 'imports', t('nav.imports')) : null}
                    {staff ? link(a, 'groups', t('assessments.setup')) : null}
                    {staff ? link(a, 'results', t('nav.results')) : null}
                    {staff ? link(a, 'quality', t('nav.quality')) : null}
                    {staff ? link(a, 'rectification', t('nav.rectification')) : null}
                    {link(a, 'progress', t('nav.progress'))}
                    {staff ? link(a, 'targets', t('nav.targets')) : null}
                    {staff ? link(a, 'reports', t('nav.reports')) : null}
                  </Space>
                ),
              },
            }
          : {})}
      />
    </Space>
  );
}
