/**
 * 单位结果: one agency in one snapshot: its composite, ranks and grade; its group scores (bars
 * with the CI); item diagnostics (results/ItemDiagnostics: each item's score minus that item's
 * mean over all agencies, as a diverging bar, weakest first); its comment keywords as ranked
 * bars with example comments.
 */
import { Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { api, type UnitResultsView } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { useSnapshots } from '../../hooks/useSnapshots';
import { useI18n } from '../../i18n/i18n';
import { ItemDiagnosticsCard } from '../../results/ItemDiagnostics';
import { text } from '../../results/rows';
import { SnapshotSection } from '../../results/SnapshotBar';
import { UnitOverview } from '../../results/UnitSections';
import { linkClick } from '../router';
import type { PageProps } from '../routes';

export default function UnitPage({ params }: PageProps) {
  const { t } = useI18n();
  const id = params.id ?? '';
  const unit = params.unit ?? '';
  const snaps = useSnapshots(id);
  const s = snaps.selected;
  const [view, setView] = useState<UnitResultsView>();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!s) return;
    let live = true;
    setView(undefined);
    api.unitResults(id, unit, s.id).then(
      (v) => live && setView(v),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [id, unit, s]);
  const u = view?.unit.unitResult;
  const name = u ? text(u.unit_name) : unit;

  const ranking = `/assessments/${encodeURIComponent(id)}/results${s ? `?snapshot=${s.id}` : ''}`;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <PageTitle>{name}</PageTitle>
      <a href={ranking} onClick={linkClick}>
        {t('unit.back')}
      </a>
      <ErrorAlert error={snaps.error ?? error} />
      <SnapshotSection assessment={id} snaps={snaps} />
      {s && !view && !error && <Spin />}
      {view && u && (
        <>
          <UnitOverview unit={view.unit} name={name} />
          <ItemDiagnosticsCard unit={view.unit} name={name} />
        </>
      )}
    </Space>
  );
}
