/**
 * 下载本单位报告 on the agency portal: the agency's own .docx made from the published snapshot
 * (the server lists nothing else to an agency viewer); a short note while there is none.
 */
import { Button, Card, Space, Typography } from 'antd';
import { useCallback } from 'react';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { useLoad } from '../hooks/useLoad';
import { useI18n } from '../i18n/i18n';

export function PortalReport({ assessmentId, unit }: { assessmentId: string; unit: string }) {
  const { t } = useI18n();
  const list = useLoad(useCallback(() => api.reports(assessmentId), [assessmentId]));
  if (list.error) return <ErrorAlert error={list.error} />;
  if (!list.data) return null;
  const own = list.data.files.find((f) => f.unitCode === unit && f.kind === 'docx');
  return (
    <Card size="small">
      {own ? (
        <Space wrap>
          <Button
            type="primary"
            href={api.reportFileUrl(assessmentId, own.id)}
            download
            data-testid="portal-report"
          >
            {t('portal.report.download')}
          </Button>
          <Typography.Text type="secondary">{t('portal.report.hint')}</Typography.Text>
        </Space>
      ) : (
        <Typography.Text type="secondary" data-testid="portal-report-none">
          {t('portal.report.none')}
        </Typography.Text>
      )}
    </Card>
  );
}
