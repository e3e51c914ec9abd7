/**
 * 本单位考评结果 (the agency portal): one agency's own results in the published snapshot of one
 * assessment — composite, CI, rank and rank interval, grade, group scores, item scores and
 * comment keywords. Never the ranking of the others. The server decides: before publication it
 * answers KP_EMBARGO (shown as the embargo state), for another agency 403 (the 403 screen).
 * Item diagnostics compare with the all-agency means the unit view serves (an aggregate, no
 * other agency's row), as on the staff page.
 */
import { Alert, Card, Result, Space, Spin, Typography } from 'antd';
import { useCallback } from 'react';
import { api, ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Forbidden } from '../../components/Forbidden';
import { PageTitle } from '../../components/PageTitle';
import { useLoad } from '../../hooks/useLoad';
import { useI18n } from '../../i18n/i18n';
import { ItemDiagnosticsCard } from '../../results/ItemDiagnostics';
import { text } from '../../results/rows';
import { UnitOverview } from '../../results/UnitSections';
import { PortalRectification } from '../../rectification/PortalRectification';
import { PortalReport } from '../../report-files/PortalReport';
import { linkClick } from '../router';
import type { PageProps } from '../routes';

export default function PortalUnitPage({ params }: PageProps) {
  const { t, date } = useI18n();
  const id = params.id ?? '';
  const unit = params.unit ?? '';
  const results = useLoad(useCallback(() => api.unitResults(id, unit, 'published'), [id, unit]));
  const detail = useLoad(useCallback(() => api.assessment(id), [id]));
  const view = results.data;
  const refused = results.error instanceof ApiError && results.error.status === 403;
  const embargo = refused && (results.error as ApiError).code === 'KP_EMBARGO';

  if (refused && !embargo) return <Forbidden />;
  const assessment = detail.data?.assessment;
  const name =
    (view ? text(view.unit.unitResult.unit_name) : '') ||
    detail.data?.units.find((u) => u.code === unit)?.name ||
    unit;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <PageTitle>{name}</PageTitle>
      {assessment && (
        <Typography.Text type="secondary">
          {assessment.name}（{assessment.year}）
        </Typography.Text>
      )}
      <a href="/portal" onClick={linkClick}>
        {t('portal.backToList')}
      </a>
      {!refused && <ErrorAlert error={results.error} />}
      {embargo && (
        <Card>
          <Result
            status="info"
            title={<span data-testid="portal-embargo">{t('portal.embargo.title')}</span>}
            subTitle={t('portal.embargo.text')}
          />
        </Card>
      )}
      {!view && !results.error && <Spin />}
      {view && (
        <>
          <Alert
            type="success"
            showIcon
            data-testid="portal-published"
            title={t('portal.published', { date: date(view.snapshot.publishedAt) })}
            description={t('portal.publishedFrozen')}
          />
          <PortalReport assessmentId={id} unit={unit} />
          <UnitOverview unit={view.unit} name={name} />
          <ItemDiagnosticsCard unit={view.unit} name={name} />
          <PortalRectification assessmentId={id} unit={unit} />
        </>
      )}
    </Space>
  );
}
