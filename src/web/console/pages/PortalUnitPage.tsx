/**
 * 本单位考评结果 (the agency portal): one agency's own results in the published snapshot of one
 * assessment — composite, CI, rank and rank interval, grade, group scores, item scores and
 * comment keywords. Never the ranking of the others. The server decides: before publication it
 * answers KP_EMBARGO (shown as the embargo state), for another agency 403 (the 403 screen).
 * Item scores are shown without the all-agency means, which agency viewers may not read.
 */
import { Alert, Card, Empty, Result, Space, Spin, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { api, ApiError, type UnitResultsView } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { EChart, type ChartOption } from '../../components/EChart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Forbidden } from '../../components/Forbidden';
import { PageTitle } from '../../components/PageTitle';
import { useLoad } from '../../hooks/useLoad';
import { useI18n } from '../../i18n/i18n';
import { count, isNum, score } from '../../results/format';
import { groupName } from '../../results/groups';
import { text } from '../../results/rows';
import { UnitOverview } from '../../results/UnitSections';
import { PortalRectification } from '../../rectification/PortalRectification';
import { PortalReport } from '../../report-files/PortalReport';
import { linkClick } from '../router';
import type { PageProps } from '../routes';

/** the lowest items shown in the chart; the table lists them all */
const LOWEST = 12;

interface ItemScore {
  group: string;
  item: string;
  n: number | null;
  score: number;
}

function itemScores(view: UnitResultsView): ItemScore[] {
  return view.unit.itemScores
    .filter((r) => isNum(r.score))
    .map((r) => ({
      group: text(r.group),
      item: text(r.item),
      n: isNum(r.n) ? r.n : null,
      score: r.score as number,
    }))
    .sort((a, b) => a.score - b.score || a.item.localeCompare(b.item));
}

function ItemBars(props: { items: ItemScore[]; label: string; axisName: string }) {
  const { t } = useI18n();
  const { items } = props;
  const option = useMemo<ChartOption>(() => {
    const lo = Math.max(0, Math.floor((Math.min(...items.map((i) => i.score)) - 5) / 10) * 10);
    return {
      grid: { left: 150, right: 60, top: 36, bottom: 8 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'value',
        position: 'top',
        min: lo,
        max: 100,
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
      },
      series: [
        {
          type: 'bar',
          name: props.axisName,
          barWidth: '60%',
          itemStyle: { color: '#1456b8' },
          data: items.map((i) => Number(i.score.toFixed(2))),
          label: {
            show: true,
            position: 'right',
            color: '#1f1f1f',
            formatter: (p: { value: number }) => p.value.toFixed(2),
          },
        },
      ],
    };
  }, [items, props.axisName, t]);
  return <EChart option={option} height={items.length * 28 + 48} label={props.label} testId="items-chart" />;
}

export default function PortalUnitPage({ params }: PageProps) {
  const { t, date } = useI18n();
  const id = params.id ?? '';
  const unit = params.unit ?? '';
  const results = useLoad(useCallback(() => api.unitResults(id, unit, 'published'), [id, unit]));
  const detail = useLoad(useCallback(() => api.assessment(id), [id]));
  const view = results.data;
  const refused = results.error instanceof ApiError && results.error.status === 403;
  const embargo = refused && (results.error as ApiError).code === 'KP_EMBARGO';
  const items = useMemo(() => (view ? itemScores(view) : []), [view]);

  if (refused && !embargo) return <Forbidden />;
  const assessment = detail.data?.assessment;
  const name =
    (view ? text(view.unit.unitResult.unit_name) : '') ||
    detail.data?.units.find((u) => u.code === unit)?.name ||
    unit;
  const itemColumns: Column<ItemScore>[] = [
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
  ];

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
          <Card title={t('unit.items')}>
            <Typography.Paragraph>{t('portal.items.intro')}</Typography.Paragraph>
            {items.length ? (
              <ItemBars
                items={items.slice(0, LOWEST)}
                axisName={t('unit.itemScore')}
                label={t('portal.items.aria', { n: Math.min(LOWEST, items.length) })}
              />
            ) : (
              <Empty description={t('unit.noItems')} />
            )}
            <DataTable
              rows={items}
              columns={itemColumns}
              rowKey={(i) => `${i.group}.${i.item}`}
              exportName={`${name}-${t('unit.items')}`}
              searchPlaceholder={t('unit.searchItems')}
              label={t('unit.items')}
              pageSize={10}
            />
          </Card>
          <PortalRectification assessmentId={id} unit={unit} />
        </>
      )}
    </Space>
  );
}
