/**
 * 单位结果: one agency in one snapshot: its composite, ranks and grade; its group scores (bars
 * with the CI); item diagnostics (each item's score minus that item's mean over all agencies,
 * as a diverging bar, weakest first); its comment keywords as ranked bars.
 */
import { Card, Col, Descriptions, Empty, Row as AntRow, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, type UnitResultsView } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { EChart, type ChartOption } from '../../components/EChart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { WhiskerBars, type WhiskerBar } from '../../components/WhiskerBars';
import { useSnapshots } from '../../hooks/useSnapshots';
import { useI18n } from '../../i18n/i18n';
import { count, interval, isNum, percent, score } from '../../results/format';
import { gradeColor } from '../../results/grades';
import { groupName } from '../../results/groups';
import { itemDiagnostics, type ItemDiagnostic } from '../../results/items';
import { text, type Row } from '../../results/rows';
import { NoSnapshot, SnapshotBar } from '../../results/SnapshotBar';
import { useSnapshotTables } from '../../results/useSnapshotTables';
import { linkClick } from '../router';
import type { PageProps } from '../routes';

const num = (v: Row[string] | undefined) => (isNum(v) ? v : 0);
const ITEM_TABLES = ['item_scores'] as const;
/** the weakest items shown in the chart; the table lists them all */
const WEAKEST = 12;
const KEYWORDS = 20;

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

function KeywordBars(props: { keywords: Row[]; label: string; axisName: string }) {
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 110, right: 48, top: 36, bottom: 8 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'value',
        position: 'top',
        minInterval: 1,
        name: props.axisName,
        nameLocation: 'middle',
        nameGap: 24,
        nameTextStyle: { color: '#333' },
        axisLabel: { color: '#333' },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: props.keywords.map((k) => text(k.keyword)),
        axisTick: { show: false },
        axisLabel: { color: '#1f1f1f', interval: 0, fontSize: 14 },
      },
      series: [
        {
          type: 'bar',
          name: props.axisName,
          barWidth: '60%',
          itemStyle: { color: '#1456b8' },
          label: { show: true, position: 'right', color: '#1f1f1f' },
          data: props.keywords.map((k) => (isNum(k.count) ? k.count : 0)),
        },
      ],
    }),
    [props.keywords, props.axisName],
  );
  return (
    <EChart
      option={option}
      height={props.keywords.length * 26 + 48}
      label={props.label}
      testId="keywords-chart"
    />
  );
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
  const ri = view?.unit.rankInterval;
  const name = u ? text(u.unit_name) : unit;

  const groupBars = useMemo<WhiskerBar[]>(
    () =>
      (view?.unit.groupScores ?? [])
        .filter((g) => isNum(g.score))
        .map((g) => ({
          name: groupName(t, text(g.group)),
          value: g.score as number,
          low: isNum(g.ci_low) ? g.ci_low : null,
          high: isNum(g.ci_high) ? g.ci_high : null,
          label: t('unit.groupLabel', { n: count(g.n_used) }),
          color: '#1456b8',
          tooltip: [
            `${t('unit.groupScore')}：${score(g.score)}`,
            `${t('results.ci')}：${interval(g.ci_low, g.ci_high)}`,
            `${t('unit.satisfaction')}：${percent(g.satisfaction_rate)}`,
          ],
        })),
    [view, t],
  );
  const groupColumns: Column<Row>[] = [
    { key: 'group', title: t('unit.group'), value: (g) => groupName(t, text(g.group)) },
    { key: 'n_valid', title: t('unit.nValid'), value: (g) => count(g.n_valid), sortValue: (g) => g.n_valid },
    { key: 'n_used', title: t('unit.nUsed'), value: (g) => count(g.n_used), sortValue: (g) => g.n_used },
    {
      key: 'score',
      title: t('unit.groupScore'),
      value: (g) => score(g.score),
      sortValue: (g) => g.score,
      sortable: true,
    },
    { key: 'ci', title: t('results.ci'), value: (g) => interval(g.ci_low, g.ci_high) },
    {
      key: 'rate',
      title: t('unit.satisfaction'),
      value: (g) => percent(g.satisfaction_rate),
      sortValue: (g) => g.satisfaction_rate,
      sortable: true,
    },
  ];
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
  const keywords = useMemo(
    () =>
      [...(view?.unit.keywords ?? [])]
        .sort((a, b) => num(b.count) - num(a.count) || num(b.weight) - num(a.weight))
        .slice(0, KEYWORDS),
    [view],
  );
  const ranking = `/assessments/${encodeURIComponent(id)}/results${s ? `?snapshot=${s.id}` : ''}`;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <PageTitle>{name}</PageTitle>
      <a href={ranking} onClick={linkClick}>
        {t('unit.back')}
      </a>
      <ErrorAlert error={snaps.error ?? error ?? all.error} />
      {snaps.snapshots?.length === 0 && <NoSnapshot assessment={id} reload={snaps.reload} />}
      {s && snaps.snapshots && (
        <SnapshotBar
          assessment={id}
          snapshots={snaps.snapshots}
          selected={s}
          select={snaps.select}
          reload={snaps.reload}
        />
      )}
      {s && !view && !error && <Spin />}
      {view && u && (
        <>
          <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 4 }}>
            <Descriptions.Item label={t('results.unitCode')}>{text(u.unit_code)}</Descriptions.Item>
            <Descriptions.Item label={t('results.category')}>{text(u.category)}</Descriptions.Item>
            <Descriptions.Item label={t('results.composite')}>
              <span data-testid="unit-composite">{score(u.composite)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('results.ci')}>{interval(u.ci_low, u.ci_high)}</Descriptions.Item>
            <Descriptions.Item label={t('results.rank')}>
              {isNum(u.rank_overall)
                ? t('results.rankLabel', {
                    rank: u.rank_overall,
                    range:
                      ri && isNum(ri.rank_low) && isNum(ri.rank_high)
                        ? t('results.rankRange', { low: ri.rank_low, high: ri.rank_high })
                        : '',
                  })
                : t('results.unranked')}
            </Descriptions.Item>
            <Descriptions.Item label={t('results.rankInCategory')}>
              {count(u.rank_in_category)}
            </Descriptions.Item>
            <Descriptions.Item label={t('results.rate')}>{percent(u.composite_rate)}</Descriptions.Item>
            <Descriptions.Item label={t('results.total')}>{score(u.total)}</Descriptions.Item>
            <Descriptions.Item label={t('results.daily')}>{score(u.daily)}</Descriptions.Item>
            <Descriptions.Item label={t('results.bonus')}>{count(u.bonus)}</Descriptions.Item>
            <Descriptions.Item label={t('results.grade')}>
              {text(u.grade) ? <Tag color={gradeColor(text(u.grade))}>{text(u.grade)}</Tag> : '—'}
            </Descriptions.Item>
          </Descriptions>
          <AntRow gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card title={t('unit.groups')}>
                {groupBars.length ? (
                  <WhiskerBars
                    bars={groupBars}
                    axisName={t('unit.groupScore')}
                    label={t('unit.groups.aria', { name })}
                    nameWidth={90}
                    rowPx={40}
                    testId="groups-chart"
                  />
                ) : (
                  <Empty description={t('unit.noGroups')} />
                )}
                <DataTable
                  rows={view.unit.groupScores}
                  columns={groupColumns}
                  rowKey={(g) => text(g.group)}
                  exportName={`${name}-${t('unit.groups')}`}
                  searchPlaceholder={t('unit.searchGroups')}
                  label={t('unit.groups')}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={t('unit.keywords')}>
                {keywords.length ? (
                  <KeywordBars
                    keywords={keywords}
                    axisName={t('unit.keywordCount')}
                    label={t('unit.keywords.aria', {
                      name,
                      words: keywords.map((k) => text(k.keyword)).join('、'),
                    })}
                  />
                ) : (
                  <Empty description={t('unit.noKeywords')} />
                )}
                <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                  {t('unit.keywords.note')}
                </Typography.Paragraph>
              </Card>
            </Col>
          </AntRow>
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
