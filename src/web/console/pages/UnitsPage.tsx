/**
 * 单位管理 (set-up): the agencies of an assessment; their import from Excel or CSV in two steps
 * (the file is checked first — every problem by line and column, and the rows it would store,
 * with nothing saved — then saved on 确认导入, only when there are no problems); the template.
 */
import { Alert, App, Button, Card, Space, Tag, Typography, Upload } from 'antd';
import { useCallback, useState } from 'react';
import { api, type UnitImportReport, type UnitRow } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { useLoad } from '../../hooks/useLoad';
import { useI18n, type Translate } from '../../i18n/i18n';
import { columnLabel, reasonText, type ImportProblem } from '../../setup/unit-problems';
import type { PageProps } from '../routes';

type PreviewRow = UnitImportReport['units'][number];
const STATUS_COLOR = { new: 'green', updated: 'blue', unchanged: 'default' } as const;

function unitColumns<T extends UnitRow>(t: Translate): Column<T>[] {
  return [
    { key: 'code', title: t('units.code'), value: (u) => u.code, sortable: true, width: 140 },
    { key: 'name', title: t('units.name'), value: (u) => u.name, sortable: true },
    { key: 'category', title: t('units.category'), value: (u) => u.category, sortable: true },
    {
      key: 'hasWindow',
      title: t('units.hasWindow'),
      value: (u) => (u.hasWindow ? t('units.yes') : t('units.no')),
      sortable: true,
      filters: [
        { text: t('units.yes'), value: t('units.yes') },
        { text: t('units.no'), value: t('units.no') },
      ],
      width: 150,
    },
  ];
}

/** The checked file: what would be stored, and every problem; 确认导入 only without problems. */
function Preview(props: {
  file: File;
  report: UnitImportReport;
  busy: boolean;
  onConfirm: () => void;
  onDiscard: () => void;
}) {
  const { t } = useI18n();
  const { report } = props;
  const bad = report.problems.length > 0;
  const problemColumns: Column<ImportProblem & { key: string }>[] = [
    {
      key: 'line',
      title: t('units.problem.line'),
      value: (p) => p.line ?? t('units.problem.file'),
      sortValue: (p) => p.line ?? 0,
      sortable: true,
      width: 100,
    },
    { key: 'column', title: t('units.problem.column'), value: (p) => columnLabel(t, p.column), width: 140 },
    { key: 'why', title: t('units.problem.why'), value: (p) => reasonText(t, p.why) },
  ];
  const previewColumns: Column<PreviewRow>[] = [
    { key: 'line', title: t('units.problem.line'), value: (u) => u.line, sortable: true, width: 100 },
    ...unitColumns<PreviewRow>(t),
    {
      key: 'status',
      title: t('units.preview.status'),
      value: (u) => t(`units.preview.status.${u.status}`),
      render: (u) => <Tag color={STATUS_COLOR[u.status]}>{t(`units.preview.status.${u.status}`)}</Tag>,
      filters: (['new', 'updated', 'unchanged'] as const).map((s) => ({
        text: t(`units.preview.status.${s}`),
        value: t(`units.preview.status.${s}`),
      })),
      width: 110,
    },
  ];
  const problems = report.problems.map((p, i) => ({ ...p, key: String(i) }));
  return (
    <Card
      title={t('units.preview.title', { name: props.file.name })}
      extra={
        <Space>
          <Button onClick={props.onDiscard}>{t('units.cancel')}</Button>
          <Button type="primary" disabled={bad} loading={props.busy} onClick={props.onConfirm}>
            {t('units.confirm')}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Alert
          role={bad ? 'alert' : 'status'}
          showIcon
          type={bad ? 'error' : 'success'}
          title={
            bad
              ? t('units.preview.bad', { n: report.problems.length })
              : t('units.preview.ok', { n: report.units.length, ...report.counts })
          }
        />
        {bad && (
          <section aria-label={t('units.preview.errors')}>
            <Typography.Title level={2} style={{ fontSize: 16 }}>
              {t('units.preview.errors')}
            </Typography.Title>
            <DataTable
              rows={problems}
              columns={problemColumns}
              rowKey={(p) => p.key}
              exportName={`${props.file.name}-${t('units.preview.errors')}`}
              searchPlaceholder={t('common.search')}
              label={t('units.preview.errors')}
              pageSize={10}
            />
          </section>
        )}
        <section aria-label={t('units.preview.rows')}>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('units.preview.rows')}
          </Typography.Title>
          <DataTable
            rows={report.units}
            columns={previewColumns}
            rowKey={(u) => `${u.line}`}
            exportName={`${props.file.name}-${t('units.preview.rows')}`}
            searchPlaceholder={t('units.search')}
            label={t('units.preview.rows')}
            pageSize={10}
          />
        </section>
      </Space>
    </Card>
  );
}

export default function UnitsPage({ params }: PageProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const id = params.id ?? '';
  const { data, error, reload } = useLoad(useCallback(() => api.units(id), [id]));
  const assessment = useLoad(useCallback(() => api.assessment(id), [id])).data?.assessment;
  const [checked, setChecked] = useState<{ file: File; report: UnitImportReport } | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);

  const check = async (file: File) => {
    setActionError(null);
    setChecked(null);
    if (!/\.(csv|xlsx)$/i.test(file.name)) {
      void message.error(t('units.import.wrongType', { name: file.name }));
      return;
    }
    setBusy(true);
    try {
      setChecked({ file, report: await api.importUnits(id, file, true) });
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    if (!checked) return;
    setBusy(true);
    setActionError(null);
    try {
      const r = await api.importUnits(id, checked.file, false);
      setChecked(null);
      void message.success(t('units.imported', { n: r.stored }));
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
      reload();
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle>{`${t('nav.units')} · ${assessment?.name ?? id}`}</PageTitle>
      <Space wrap align="center">
        <Upload
          accept=".xlsx,.csv"
          showUploadList={false}
          maxCount={1}
          beforeUpload={(file) => {
            void check(file);
            return false;
          }}
        >
          <Button type="primary" loading={busy && !checked}>
            {t('units.import')}
          </Button>
        </Upload>
        <Button href={api.unitsTemplateUrl} download>
          {t('units.template')}
        </Button>
        <Typography.Text type="secondary">{t('units.import.hint')}</Typography.Text>
      </Space>
      <ErrorAlert error={actionError} />
      {checked && (
        <Preview
          file={checked.file}
          report={checked.report}
          busy={busy}
          onConfirm={() => void confirm()}
          onDiscard={() => setChecked(null)}
        />
      )}
      <Card title={t('units.title')}>
        <ErrorAlert error={error} />
        <DataTable
          rows={error ? [] : data}
          columns={unitColumns<UnitRow>(t)}
          rowKey={(u) => u.code}
          exportName={`${t('units.title')}-${id}`}
          searchPlaceholder={t('units.search')}
          empty={t('units.empty')}
          label={t('units.title')}
        />
      </Card>
    </Space>
  );
}
