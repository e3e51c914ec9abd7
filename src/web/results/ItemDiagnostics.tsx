/**
 * 题目诊断 of an agency page, shared by the staff page and the portal: each item's score minus
 * that item's mean over all agencies, as a diverging bar (weakest first), and the table of all
 * items. The means come with the unit view (UnitResults.itemMeans, an aggregate), so an agency
 * viewer sees the same chart as staff without reading another agency's row.
 */
import { Card, Empty, Spin, Typography } from 'antd';
import { useMemo } from 'react';
import type { UnitResultsView } from '../api/client';
import { DataTable, type Column } from '../components/DataTable';
import { EChart, type ChartOption } from '../components/EChart';
import { useI18n } from '../i18n/i18n';
import { count, score } from './format';
import { groupName } from './groups';
import { itemDiagnosticsFromMeans, type ItemDiagnostic } from './items';

/** the weakest items shown in the chart; the table lists them all */
const WEAKEST = 12;
const signed = (x: number) => (x > 0 ? `+${x.toFixed(2)}` : x.toFixed(2));

function DivergingBars(props: { items: ItemDiagnostic[]; label: string; axisName: string }) {
  const { t } = useI18n();
  const { items } = props;
  const option = useMemo<ChartOption>(() => {
    const lim = Math.ceil(Math.max(1, ...items.map((i) => Math.abs(i.diff))));
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
            formatter: (p: { value: number }) => signed(p.value),
          },
        },
      ],
    };
  }, [items, props.axisName, t]);
  return <EChart option={option} height={items.length * 28 + 48} label={props.label} testId="items-chart" />;
}

/** The card: chart of the weakest items against the all-agency mean, and every item's row. */
export function ItemDiagnosticsCard({ unit, name }: { unit: UnitResultsView['unit']; name: string }) {
  const { t } = useI18n();
  const items = useMemo(
    () => (unit.itemMeans ? itemDiagnosticsFromMeans(unit.itemScores, unit.itemMeans) : undefined),
    [unit],
  );
  const columns: Column<ItemDiagnostic>[] = [
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
      value: (i) => signed(i.diff),
      sortValue: (i) => i.diff,
      sortable: true,
    },
  ];
  return (
    <Card title={t('unit.items')}>
      <Typography.Paragraph>{t('unit.items.intro')}</Typography.Paragraph>
      {items === undefined ? (
        <Spin />
      ) : items.length ? (
        <DivergingBars
          items={items.slice(0, WEAKEST)}
          axisName={t('unit.diff')}
          label={t('unit.items.aria', { name, n: Math.min(WEAKEST, items.length) })}
        />
      ) : (
        <Empty description={t('unit.noItems')} />
      )}
      <DataTable
        rows={items}
        columns={columns}
        rowKey={(i) => `${i.group}.${i.item}`}
        exportName={`${name}-${t('unit.items')}`}
        searchPlaceholder={t('unit.searchItems')}
        label={t('unit.items')}
        pageSize={10}
      />
    </Card>
  );
}
