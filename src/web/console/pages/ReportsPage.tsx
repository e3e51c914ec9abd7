/**
 * 报告: generate the Word reports (one per agency and the overall one, PDFs too when the server
 * has LibreOffice) as a job followed live; which snapshot the stored reports were made from and
 * whether newer data exists; the stored files as a table, each downloadable, or all as a zip.
 */
import { Alert, Button, Space, Tag } from 'antd';
import { useCallback, useMemo } from 'react';
import { api, type ReportFile, type SnapshotMeta } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { useLoad } from '../../hooks/useLoad';
import { useI18n, type Translate } from '../../i18n/i18n';
import { ReportJobCard } from '../../report-files/ReportJobCard';
import type { PageProps } from '../routes';

interface Row extends ReportFile {
  name: string;
}

/** 12.3 KB / 1.2 MB */
function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** what the stored reports were made from, whether newer data exists, and who may download them */
function SnapshotState(props: { files: readonly ReportFile[]; snapshots: readonly SnapshotMeta[] }) {
  const { t, date } = useI18n();
  const docx = props.files.filter((f) => f.kind === 'docx');
  if (docx.length === 0) return null;
  const from = Math.max(...docx.map((f) => f.snapshotId));
  const mixed = new Set(props.files.map((f) => f.snapshotId)).size > 1;
  const made = props.snapshots.find((s) => s.id === from);
  const latest = props.snapshots[0];
  const published = props.snapshots.find((s) => s.published);
  const newer = latest && latest.id > from;
  const publication =
    published?.id === from
      ? t('reports.published.same', { id: from })
      : published
        ? t('reports.published.other', { id: published.id, from })
        : t('reports.published.none');
  return (
    <Alert
      type={newer || latest?.stale ? 'warning' : 'success'}
      showIcon
      data-testid="reports-snapshot"
      title={t('reports.snapshot.from', { id: from, at: made ? date(made.createdAt) : '—' })}
      description={
        <>
          <div>
            {newer
              ? t('reports.snapshot.newer', { id: latest.id })
              : latest?.stale
                ? t('reports.snapshot.stale')
                : t('reports.snapshot.current')}
            {mixed ? ` ${t('reports.snapshot.mixed')}` : ''}
          </div>
          <div data-testid="reports-publication">{publication}</div>
        </>
      }
    />
  );
}

function columns(t: Translate, date: (s: string) => string): Column<Row>[] {
  return [
    {
      key: 'unit',
      title: t('reports.col.unit'),
      value: (r) => r.unitCode ?? t('reports.overall.code'),
      sortable: true,
    },
    { key: 'name', title: t('reports.col.name'), value: (r) => r.name, sortable: true },
    {
      key: 'kind',
      title: t('reports.col.kind'),
      value: (r) => r.kind,
      render: (r) => <Tag color={r.kind === 'pdf' ? 'red' : 'blue'}>{r.kind}</Tag>,
      sortable: true,
      filters: [
        { text: 'docx', value: 'docx' },
        { text: 'pdf', value: 'pdf' },
      ],
      width: 100,
    },
    {
      key: 'size',
      title: t('reports.col.size'),
      value: (r) => size(r.sizeBytes),
      sortValue: (r) => r.sizeBytes,
      sortable: true,
      width: 120,
    },
    {
      key: 'at',
      title: t('reports.col.at'),
      value: (r) => date(r.createdAt),
      sortValue: (r) => r.createdAt,
      sortable: true,
    },
    {
      key: 'snapshot',
      title: t('reports.col.snapshot'),
      value: (r) => `#${r.snapshotId}`,
      sortValue: (r) => r.snapshotId,
      sortable: true,
      width: 120,
    },
  ];
}

export default function ReportsPage({ params }: PageProps) {
  const { t, date } = useI18n();
  const id = params.id ?? '';
  const files = useLoad(useCallback(() => api.reports(id), [id]));
  const detail = useLoad(useCallback(() => api.assessment(id), [id]));
  const snaps = useLoad(useCallback(() => api.snapshots(id), [id]));
  const reloadFiles = files.reload;
  const reloadSnaps = snaps.reload;
  const done = useCallback(() => {
    reloadFiles();
    reloadSnaps();
  }, [reloadFiles, reloadSnaps]);
  const names = useMemo(
    () => new Map((detail.data?.units ?? []).map((u) => [u.code, u.name])),
    [detail.data],
  );
  const rows = useMemo<Row[] | undefined>(
    () =>
      files.data?.files.map((f) => ({
        ...f,
        name: f.unitCode === null ? t('reports.overall') : (names.get(f.unitCode) ?? f.unitCode),
      })),
    [files.data, names, t],
  );
  const cols = useMemo(() => columns(t, date), [t, date]);
  const assessment = detail.data?.assessment;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <PageTitle>{t('nav.reports')}</PageTitle>
      {assessment && (
        <span>
          {assessment.name}（{assessment.year}）
        </span>
      )}
      <ErrorAlert error={files.error ?? detail.error ?? snaps.error} />
      <ReportJobCard assessment={id} pdfAvailable={files.data?.pdfAvailable === true} onDone={done} />
      {files.data && snaps.data && <SnapshotState files={files.data.files} snapshots={snaps.data} />}
      <DataTable
        rows={files.error ? [] : rows}
        columns={cols}
        rowKey={(r) => String(r.id)}
        exportName={t('reports.export')}
        searchPlaceholder={t('reports.search')}
        label={t('reports.files')}
        empty={t('reports.empty')}
        toolbar={
          rows && rows.length > 0 ? (
            <Button href={api.reportsZipUrl(id)} download data-testid="reports-zip">
              {t('reports.zip')}
            </Button>
          ) : null
        }
        actions={{
          title: t('common.actions'),
          render: (r) => (
            <a
              href={api.reportFileUrl(id, r.id)}
              download
              aria-label={`${t('reports.download')} ${r.fileName}`}
              data-testid="report-download"
            >
              {t('reports.download')}
            </a>
          ),
        }}
      />
    </Space>
  );
}
