/**
 * 结果: the ranking of one snapshot, overall and per category (tabs): bars with the 95% CI as a
 * whisker and the rank interval as a label, and beneath them the same numbers as a table (the
 * accessible equivalent, searchable, sortable, exportable).
 */
import { Empty, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { WhiskerBars, type WhiskerBar } from '../../components/WhiskerBars';
import { useSnapshots } from '../../hooks/useSnapshots';
import { useI18n, type Translate } from '../../i18n/i18n';
import { count, interval, percent, score } from '../../results/format';
import { gradeColor, gradeOrder } from '../../results/grades';
import { groupName } from '../../results/groups';
import { byRank, categories, groupCodes, rankRows, type RankRow } from '../../results/ranking';
import { SnapshotSection } from '../../results/SnapshotBar';
import { useSnapshotTables } from '../../results/useSnapshotTables';
import { linkClick } from '../router';
import type { PageProps } from '../routes';

const TABLES = ['unit_results', 'rank_intervals', 'unit_group_scores'] as const;
const OVERALL = '__overall';

type Scope = { kind: 'overall' } | { kind: 'category'; category: string };
const OVERALL_SCOPE: Scope = { kind: 'overall' };

const rankOf = (scope: Scope) => (r: RankRow) =>
  scope.kind === 'overall' ? r.rankOverall : r.rankInCategory;

function rankLabel(t: Translate, r: RankRow, scope: Scope): string {
  if (r.rankOverall === null) return t('results.unranked');
  const range =
    r.rankLow !== null && r.rankHigh !== null
      ? t('results.rankRange', { low: r.rankLow, high: r.rankHigh })
      : '';
  return scope.kind === 'overall'
    ? t('results.rankLabel', { rank: r.rankOverall, range })
    : t('results.rankLabel.category', { rank: r.rankInCategory ?? '—', overall: r.rankOverall, range });
}

function Ranking(props: {
  assessment: string;
  sid: number;
  rows: RankRow[];
  groups: string[];
  scope: Scope;
}) {
  const { t } = useI18n();
  const { rows, scope, groups } = props;
  const sorted = useMemo(() => byRank(rows, rankOf(scope)), [rows, scope]);
  const bars = useMemo<WhiskerBar[]>(
    () =>
      sorted
        .filter((r) => r.composite !== null)
        .map((r) => ({
          name: r.name,
          value: r.composite ?? 0,
          low: r.ciLow,
          high: r.ciHigh,
          label: `${rankLabel(t, r, scope)} · ${r.grade}`,
          color: gradeColor(r.grade),
          tooltip: [
            `${t('results.composite')}：${score(r.composite)}`,
            `${t('results.ci')}：${interval(r.ciLow, r.ciHigh)}`,
            rankLabel(t, r, scope),
            `${t('results.grade')}：${r.grade}`,
          ],
        })),
    [sorted, scope, t],
  );
  const unitLink = (r: RankRow) =>
    `/assessments/${encodeURIComponent(props.assessment)}/units/${encodeURIComponent(r.code)}?snapshot=${props.sid}`;
  const columns: Column<RankRow>[] = [
    {
      key: 'rank',
      title: scope.kind === 'overall' ? t('results.rank') : t('results.rankInCategory'),
      value: (r) => rankOf(scope)(r) ?? '—',
      sortValue: (r) => rankOf(scope)(r),
      sortable: true,
      width: 80,
    },
    {
      key: 'unit',
      title: t('results.unit'),
      value: (r) => r.name,
      render: (r) => (
        <a href={unitLink(r)} onClick={linkClick}>
          {r.name}
        </a>
      ),
      sortable: true,
    },
    ...(scope.kind === 'overall'
      ? [{ key: 'category', title: t('results.category'), value: (r: RankRow) => r.category, sortable: true }]
      : []),
    {
      key: 'composite',
      title: t('results.composite'),
      value: (r) => score(r.composite),
      sortValue: (r) => r.composite,
      sortable: true,
    },
    { key: 'ci', title: t('results.ci'), value: (r) => interval(r.ciLow, r.ciHigh) },
    {
      key: 'rankInterval',
      title: t('results.rankInterval'),
      value: (r) => (r.rankLow !== null && r.rankHigh !== null ? `${r.rankLow}–${r.rankHigh}` : '—'),
    },
    {
      key: 'rate',
      title: t('results.rate'),
      value: (r) => percent(r.rate),
      sortValue: (r) => r.rate,
      sortable: true,
    },
    ...groups.map<Column<RankRow>>((g) => ({
      key: `group.${g}`,
      title: groupName(t, g),
      value: (r) => score(r.groups[g]?.score),
      sortValue: (r) => r.groups[g]?.score ?? null,
      sortable: true,
    })),
    {
      key: 'daily',
      title: t('results.daily'),
      value: (r) => score(r.daily),
      sortValue: (r) => r.daily,
      sortable: true,
    },
    { key: 'bonus', title: t('results.bonus'), value: (r) => count(r.bonus), sortValue: (r) => r.bonus },
    {
      key: 'total',
      title: t('results.total'),
      value: (r) => score(r.total),
      sortValue: (r) => r.total,
      sortable: true,
    },
    {
      key: 'grade',
      title: t('results.grade'),
      value: (r) => r.grade,
      render: (r) => (r.grade ? <Tag color={gradeColor(r.grade)}>{r.grade}</Tag> : '—'),
      filters: gradeOrder(rows.map((r) => r.grade)).map((g) => ({ text: g, value: g })),
    },
  ];
  const title = scope.kind === 'overall' ? t('results.overall') : scope.category;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <section aria-label={t('results.chart.label', { scope: title })}>
        <Space wrap style={{ marginBottom: 8 }}>
          <Typography.Text>{t('results.chart.legend')}</Typography.Text>
          {gradeOrder(rows.map((r) => r.grade)).map((g) => (
            <Tag key={g} color={gradeColor(g)}>
              {g}
            </Tag>
          ))}
        </Space>
        {bars.length ? (
          <WhiskerBars
            bars={bars}
            axisName={t('results.composite')}
            label={t('results.chart.aria', { scope: title, n: bars.length })}
            testId="ranking-chart"
          />
        ) : (
          <Empty description={t('results.noneRanked')} />
        )}
      </section>
      <DataTable
        rows={sorted}
        columns={columns}
        rowKey={(r) => r.code}
        exportName={`${t('results.exportName')}-${title}`}
        searchPlaceholder={t('results.search')}
        label={t('results.table.label', { scope: title })}
      />
    </Space>
  );
}

export default function ResultsPage({ params }: PageProps) {
  const { t } = useI18n();
  const id = params.id ?? '';
  const snaps = useSnapshots(id);
  const s = snaps.selected;
  const { tables, error } = useSnapshotTables(id, s?.id, TABLES);
  const rows = useMemo(
    () => (tables ? rankRows(tables.unit_results, tables.rank_intervals, tables.unit_group_scores) : []),
    [tables],
  );
  const groups = useMemo(() => (tables ? groupCodes(tables.unit_group_scores) : []), [tables]);
  const tabs = useMemo(
    () => [
      { key: OVERALL, label: t('results.overall'), rows, scope: OVERALL_SCOPE },
      ...categories(rows).map((c) => ({
        key: c,
        label: c,
        rows: rows.filter((r) => r.category === c),
        scope: { kind: 'category' as const, category: c },
      })),
    ],
    [rows, t],
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <PageTitle>{t('results.title')}</PageTitle>
      <ErrorAlert error={snaps.error ?? error} />
      <SnapshotSection assessment={id} snaps={snaps} />
      {s && !tables && !error && <Spin />}
      {s && tables && (
        <Tabs
          items={tabs.map((tab) => ({
            key: tab.key,
            label: tab.label,
            children: (
              <Ranking assessment={id} sid={s.id} rows={tab.rows} groups={groups} scope={tab.scope} />
            ),
          }))}
        />
      )}
    </Space>
  );
}
