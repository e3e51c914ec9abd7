/** 考评项目: the assessments the signed-in user may see. */
import { Space } from 'antd';
import { api, type AssessmentSummary } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { useLoad } from '../../hooks/useLoad';
import { useI18n } from '../../i18n/i18n';
import { linkClick } from '../router';
import { useSession } from '../session';

export default function AssessmentsPage() {
  const { t } = useI18n();
  const { data, error } = useLoad(api.assessments);
  const role = useSession().session.user.role;
  const staff = role === 'admin' || role === 'analyst';
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
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <PageTitle>{t('nav.assessments')}</PageTitle>
      <ErrorAlert error={error} />
      <DataTable
        rows={error ? [] : data}
        columns={columns}
        rowKey={(a) => a.id}
        exportName={t('nav.assessments')}
        searchPlaceholder={t('assessments.search')}
        empty={t('assessments.empty')}
        {...(staff
          ? {
              actions: {
                title: t('common.actions'),
                render: (a: AssessmentSummary) => (
                  <Space size="middle">
                    {link(a, 'units', t('nav.units'))}
                    {link(a, 'results', t('nav.results'))}
                    {link(a, 'quality', t('nav.quality'))}
                    {link(a, 'targets', t('nav.targets'))}
                  </Space>
                ),
              },
            }
          : {})}
      />
    </Space>
  );
}
