/**
 * 单位结果: one agency in one snapshot: its composite, ranks and grade; its group scores (bars
 * with the CI); item diagnostics (each item's score minus that item's mean over all agencies,
 * as a diverging bar, weakest first); its comment keywords as ranked bars.
 */
import { Card, Empty, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, type UnitResultsView } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { EChart, type ChartOption } from '../../components/EChart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { useSnapshots } from '../../hooks/useSnapshots';
import { useI18n } from '../../i18n/i18n';
import { count, score } from '../../results/format';
import { groupName } from '../../results/groups';
import { itemDiagnostics, type ItemDiagnostic } from '../../results/items';
import { text } from '../../results/rows';
import { SnapshotSection } from '../../results/SnapshotBar';
import { UnitOverview } from '../../results/UnitSections';
import { useSnapshotTables } from '../../results/useSnapshotTables';
import { linkClick } from '../router';
import type { PageProps } from '../routes';

const ITEM_TABLES = ['item_scores'] as const;
/** the weakest items shown in the chart; the table lists them all */
const WEAKEST = 12;

function DivergingBars(props: { items: ItemDiagnostic[]; label: string; axisName: string }) {
  const { t } = useI18n();
  const { items } = props;
  const option = useMemo<ChartOption>(() => {
    const m = Math.max(1, ...items.map((i) => Math.abs(i.diff)));
    const lim = Math.ceil(m);
    return {
      grid: { left: 150, right: 60, top: 36, bottom: 8 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'value',
        position: 'top',
        min: -lim,
        max: lim,
        name: props.axisName,
        nameLocation: 'middle',
        nameGap: 24,
        nameTextStyle: { color: '#333' },
        axisLabel: { color: '#333' },
        splitLine: { lineStyle: { color: '#e5e5e5' } },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: items.map((i) => `${i.item} · ${groupName(t, i.group)}`),
        axisTick: { show: false },
        axisLabel: { color: '#1f1f1f', interval: 0 },
        axisLine: { onZero: false },
      },
      series: [
        {
          type: 'bar',
          name: props.axisName,
          barWidth: '60%',
          data: items.map((i) => ({
            value: Number(i.diff.toFixed(2)),
            itemStyle: { color: i.diff < 0 ? '#a8071a' : '#237804' },
          })),
          label: {
            show: true,
            position: 'right',
            color: '#1f1f1f',
            formatter: (p: { value: number }) =>
              p.value > 0 ? `+${p.value.toFixed(2)}` : p.value.toFixed(2),
          },
        },
      ],
    };
  }, [items, props.axisName, t]);
  return <EChart option={option} height={items.length * 28 + 48} label={props.label} testId="items-chart" />;
}

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
  const all = useSnapshotTables(id, s?.id, ITEM_TABLES);
  const items = useMemo(
    () => (view && all.tables ? itemDiagnostics(view.unit.itemScores, all.tables.item_scores) : []),
    [view, all.tables],
  );
  const u = view?.unit.unitResult;
  const name = u ? text(u.unit_name) : unit;

  const itemColumns: Column<ItemDiagnostic>[] = [
    { key: 'item', title: t('unit.item'), value: (i) => i.item, sortable: true },
    { key: 'group', title: t('unit.group'), value: (i) => groupName(t, i.group), sortable: true },
    { key: 'n', title: t('unit.n'), value: (i) => count(i.n), sortValue: (i) => i.n, sortable: true },
    {
      key: 'score',
      title: t('unit.itemScore'),
      value: (i) => score(i.score),
      sortValue: (i) => i.score,
      sortable: true,
    },
    {
      key: 'mean',
      title: t('unit.itemMean'),
      value: (i) => score(i.mean),
      sortValue: (i) => i.mean,
      sortable: true,
    },
    {
      key: 'diff',
      title: t('unit.diff'),
      value: (i) => (i.diff > 0 ? `+${i.diff.toFixed(2)}` : i.diff.toFixed(2)),
      sortValue: (i) => i.diff,
      sortable: true,
    },
  ];
  const ranking = `/assessments/${encodeURIComponent(id)}/results${s ? `?snapshot=${s.id}` : ''}`;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <PageTitle>{name}</PageTitle>
      <a href={ranking} onClick={linkClick}>
        {t('unit.back')}
      </a>
      <ErrorAlert error={snaps.error ?? error ?? all.error} />
      <SnapshotSection assessment={id} snaps={snaps} />
      {s && !view && !error && <Spin />}
      {view && u && (
        <>
          <UnitOverview unit={view.unit} name={name} />
          <Card title={t('unit.items')}>
            <Typography.Paragraph>{t('unit.items.intro')}</Typography.Paragraph>
            {items.length ? (
              <DivergingBars
                items={items.slice(0, WEAKEST)}
                axisName={t('unit.diff')}
                label={t('unit.items.aria', { name, n: Math.min(WEAKEST, items.length) })}
              />
            ) : all.tables ? (
              <Empty description={t('unit.noItems')} />
            ) : (
              <Spin />
            )}
            <DataTable
              rows={all.tables ? items : undefined}
              columns={itemColumns}
              rowKey={(i) => `${i.group}.${i.item}`}
              exportName={`${name}-${t('unit.items')}`}
              searchPlaceholder={t('unit.searchItems')}
              label={t('unit.items')}
              pageSize={10}
            />
          </Card>
        </>
      )}
    </Space>
  );
}
