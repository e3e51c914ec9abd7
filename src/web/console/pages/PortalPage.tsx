/**
 * 本单位结果 (the agency portal's home): the assessments the viewer's agency is in, each with a
 * link to its own results page. Nothing here reveals other agencies or whether any results exist.
 */
import { Alert, Space, Typography } from 'antd';
import { api, type AssessmentSummary } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { useLoad } from '../../hooks/useLoad';
import { useI18n } from '../../i18n/i18n';
import { linkClick } from '../router';
import { portalUnitPath } from '../routes';
import { useSession } from '../session';

export default function PortalPage() {
  const { t } = useI18n();
  const { data, error } = useLoad(api.assessments);
  const unit = useSession().session.user.unitCode;
  const columns: Column<AssessmentSummary>[] = [
    { key: 'name', title: t('assessments.name'), value: (a) => a.name, sortable: true },
    { key: 'year', title: t('assessments.year'), value: (a) => a.year, sortable: true, width: 120 },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <PageTitle>{t('nav.portal')}</PageTitle>
      <Typography.Paragraph>{t('portal.intro')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      {unit === null ? (
        <Alert type="warning" showIcon title={t('portal.noUnit')} />
      ) : (
        <DataTable
          rows={error ? [] : data}
          columns={columns}
          rowKey={(a) => a.id}
          exportName={t('nav.portal')}
          searchPlaceholder={t('portal.search')}
          empty={t('portal.empty')}
          actions={{
            title: t('common.actions'),
            render: (a: AssessmentSummary) => (
              <a href={portalUnitPath(a.id, unit)} onClick={linkClick}>
                {t('portal.open')}
              </a>
            ),
          }}
        />
      )}
    </Space>
  );
}
