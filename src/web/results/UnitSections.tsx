/**
 * The parts of an agency's results page that the staff page (console/pages/UnitPage) and the
 * agency portal (console/pages/PortalUnitPage) share: the facts (composite, CI, rank and rank
 * interval, grade…), the group scores card (bars with the CI, and their table) and the comment
 * keywords card (ranked bars).
 */
import { Card, Col, Descriptions, Empty, Row as AntRow, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { UnitResultsView } from '../api/client';
import { countBarsOption } from '../components/countBars';
import { DataTable, type Column } from '../components/DataTable';
import { EChart, type ChartOption } from '../components/EChart';
import { WhiskerBars, type WhiskerBar } from '../components/WhiskerBars';
import { useI18n } from '../i18n/i18n';
import { count, interval, isNum, percent, score } from './format';
import { gradeColor } from './grades';
import { KeywordExamples } from './KeywordExamples';
import { groupName } from './groups';
import { text, type Row } from './rows';

type Unit = UnitResultsView['unit'];

const num = (v: Row[string] | undefined) => (isNum(v) ? v : 0);
const KEYWORDS = 20;

/** 综合得分, 95% CI, 排名（区间）, 等次 and the rest of the agency's unit_results row. */
export function UnitFacts({ unit }: { unit: Unit }) {
  const { t } = useI18n();
  const u = unit.unitResult;
  const ri = unit.rankInterval;
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 4 }}>
      <Descriptions.Item label={t('results.unitCode')}>{text(u.unit_code)}</Descriptions.Item>
      <Descriptions.Item label={t('results.category')}>{text(u.category)}</Descriptions.Item>
      <Descriptions.Item label={t('results.composite')}>
        <span data-testid="unit-composite">{score(u.composite)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('results.ci')}>
        <span data-testid="unit-ci">{interval(u.ci_low, u.ci_high)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('results.rank')}>
        <span data-testid="unit-rank">
          {isNum(u.rank_overall)
            ? t('results.rankLabel', {
                rank: u.rank_overall,
                range:
                  ri && isNum(ri.rank_low) && isNum(ri.rank_high)
                    ? t('results.rankRange', { low: ri.rank_low, high: ri.rank_high })
                    : '',
              })
            : t('results.unranked')}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('results.rankInCategory')}>{count(u.rank_in_category)}</Descriptions.Item>
      <Descriptions.Item label={t('results.rate')}>{percent(u.composite_rate)}</Descriptions.Item>
      <Descriptions.Item label={t('results.total')}>{score(u.total)}</Descriptions.Item>
      <Descriptions.Item label={t('results.daily')}>{score(u.daily)}</Descriptions.Item>
      <Descriptions.Item label={t('results.bonus')}>{count(u.bonus)}</Descriptions.Item>
      <Descriptions.Item label={t('results.grade')}>
        <span data-testid="unit-grade">
          {text(u.grade) ? <Tag color={gradeColor(text(u.grade))}>{text(u.grade)}</Tag> : '—'}
        </span>
      </Descriptions.Item>
    </Descriptions>
  );
}

/** 分组得分: a bar per respondent group with its 95% CI as a whisker, and the table. */
export function GroupsCard({ unit, name }: { unit: Unit; name: string }) {
  const { t } = useI18n();
  const bars = useMemo<WhiskerBar[]>(
    () =>
      unit.groupScores
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
    [unit, t],
  );
  const columns: Column<Row>[] = [
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
  return (
    <Card title={t('unit.groups')}>
      {bars.length ? (
        <WhiskerBars
          bars={bars}
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
        rows={unit.groupScores}
        columns={columns}
        rowKey={(g) => text(g.group)}
        exportName={`${name}-${t('unit.groups')}`}
        searchPlaceholder={t('unit.searchGroups')}
        label={t('unit.groups')}
      />
    </Card>
  );
}

function KeywordBars(props: {
  keywords: Row[];
  label: string;
  axisName: string;
  onPick?: (keyword: string) => void;
}) {
  const option = useMemo<ChartOption>(
    () =>
      countBarsOption({
        names: props.keywords.map((k) => text(k.keyword)),
        values: props.keywords.map((k) => (isNum(k.count) ? k.count : 0)),
        axisName: props.axisName,
        color: '#1456b8',
        right: 48,
        barWidth: '60%',
      }),
    [props.keywords, props.axisName],
  );
  return (
    <EChart
      option={option}
      height={props.keywords.length * 26 + 48}
      label={props.label}
      testId="keywords-chart"
      onItemClick={props.onPick ? (p) => props.onPick?.(p.name) : undefined}
    />
  );
}

/** 评论关键词: the most frequent keywords of the agency's comments, as ranked bars, and example comments. */
export function KeywordsCard({ unit, name }: { unit: Unit; name: string }) {
  const { t } = useI18n();
  const [picked, setPicked] = useState<string | null>(null);
  const keywords = useMemo(
    () =>
      [...unit.keywords]
        .sort((a, b) => num(b.count) - num(a.count) || num(b.weight) - num(a.weight))
        .slice(0, KEYWORDS),
    [unit],
  );
  return (
    <Card title={t('unit.keywords')}>
      {keywords.length ? (
        <KeywordBars
          keywords={keywords}
          axisName={t('unit.keywordCount')}
          label={t('unit.keywords.aria', {
            name,
            words: keywords.map((k) => text(k.keyword)).join('、'),
          })}
          onPick={unit.comments ? setPicked : undefined}
        />
      ) : (
        <Empty description={t('unit.noKeywords')} />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('unit.keywords.note')}
      </Typography.Paragraph>
      {unit.comments && <KeywordExamples comments={unit.comments} picked={picked} onPick={setPicked} />}
    </Card>
  );
}

/** The facts, then the group scores and the keywords side by side: the top of both agency pages. */
export function UnitOverview({ unit, name }: { unit: Unit; name: string }) {
  return (
    <>
      <UnitFacts unit={unit} />
      <AntRow gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <GroupsCard unit={unit} name={name} />
        </Col>
        <Col xs={24} xl={12}>
          <KeywordsCard unit={unit} name={name} />
        </Col>
      </AntRow>
    </>
  );
}
