/**
 * 评价群体与权重: per respondent group its name, weight, minimum sample (minN) and trimming,
 * with the normalised weights as bars that follow the form as you type, before anything is
 * saved. Channels and the firm group's role are structure, shown but not edited here.
 */
import { Card, Col, Input, InputNumber, Row, Select, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import type { GroupConfig } from '../../../core/config.js';
import { EChart, type ChartOption } from '../../components/EChart';
import { useI18n, type Translate } from '../../i18n/i18n';
import { groupProblems, normalisedWeights, percent, weighted } from '../../setup/config-edit';
import { ConfigPage, type Editor } from '../../setup/ConfigEditor';
import type { PageProps } from '../routes';

type TrimKind = 'none' | 'count' | 'fraction';
const trimKind = (g: GroupConfig): TrimKind => (!g.trim ? 'none' : 'count' in g.trim ? 'count' : 'fraction');

function weightsOption(shares: ReturnType<typeof normalisedWeights>): ChartOption {
  return {
    grid: { left: 8, right: 64, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => percent(v) } },
    yAxis: { type: 'category', inverse: true, data: shares.map((s) => s.name) },
    series: [
      {
        type: 'bar',
        barMaxWidth: 28,
        itemStyle: { color: '#1456b8' },
        label: { show: true, position: 'right', formatter: (p: { value: number }) => percent(p.value) },
        data: shares.map((s) => s.share),
      },
    ],
  };
}

function GroupCard(props: {
  g: GroupConfig;
  i: number;
  share: number | undefined;
  ed: Editor;
  t: Translate;
}) {
  const { g, i, ed, t } = props;
  const label = g.name ?? g.code;
  const set = (f: (g: GroupConfig) => void) =>
    ed.setDraft((c) => {
      f(c.groups[i]!);
      return c;
    });
  const kind = trimKind(g);
  const trimValue = g.trim ? ('count' in g.trim ? g.trim.count : g.trim.fraction) : null;
  return (
    <Card
      size="small"
      title={`${label}（${g.code}）`}
      extra={g.channels.map((c) => (
        <Tag key={c}>{t(`quality.channel.${c}`)}</Tag>
      ))}
      data-testid={`group-${g.code}`}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <label>
          {t('groups.name')}
          <Input
            aria-label={`${label} ${t('groups.name')}`}
            value={g.name ?? ''}
            disabled={!ed.canEdit}
            onChange={(e) => set((x) => (x.name = e.target.value === '' ? undefined : e.target.value))}
          />
        </label>
        {weighted(g) ? (
          <Space wrap>
            <label>
              {t('groups.weight')}{' '}
              <InputNumber
                aria-label={`${label} ${t('groups.weight')}`}
                min={0}
                step={0.05}
                value={g.weight ?? null}
                disabled={!ed.canEdit}
                onChange={(v) => set((x) => (x.weight = v ?? undefined))}
              />
            </label>
            <Typography.Text data-testid={`share-${g.code}`}>
              {t('groups.share', { share: percent(props.share ?? 0) })}
            </Typography.Text>
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('groups.firm')}</Typography.Text>
        )}
        <Space wrap>
          <label>
            {t('groups.minN')}{' '}
            <InputNumber
              aria-label={`${label} ${t('groups.minN')}`}
              min={0}
              precision={0}
              value={g.minN ?? null}
              disabled={!ed.canEdit}
              onChange={(v) => set((x) => (x.minN = v ?? undefined))}
            />
          </label>
          <label>
            {t('groups.trim')}{' '}
            <Select<TrimKind>
              aria-label={`${label} ${t('groups.trim')}`}
              value={kind}
              disabled={!ed.canEdit}
              style={{ width: 150 }}
              options={(['none', 'count', 'fraction'] as const).map((k) => ({
                value: k,
                label: t(`groups.trim.${k}`),
              }))}
              onChange={(k) =>
                set(
                  (x) =>
                    (x.trim = k === 'none' ? undefined : k === 'count' ? { count: 1 } : { fraction: 0.05 }),
                )
              }
            />
          </label>
          {kind !== 'none' && (
            <InputNumber
              aria-label={`${label} ${t(`groups.trim.${kind}`)}`}
              min={0}
              max={kind === 'fraction' ? 0.49 : undefined}
              step={kind === 'fraction' ? 0.01 : 1}
              precision={kind === 'count' ? 0 : undefined}
              value={trimValue}
              disabled={!ed.canEdit}
              onChange={(v) =>
                set(
                  (x) =>
                    (x.trim = kind === 'count' ? { count: v ?? Number.NaN } : { fraction: v ?? Number.NaN }),
                )
              }
            />
          )}
        </Space>
      </Space>
    </Card>
  );
}

function GroupsBody({ ed }: { ed: Editor }) {
  const { t } = useI18n();
  const shares = useMemo(() => normalisedWeights(ed.draft.groups), [ed.draft.groups]);
  const option = useMemo(() => weightsOption(shares), [shares]);
  const byCode = new Map(shares.map((s) => [s.code, s.share]));
  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} lg={14}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          {ed.draft.groups.map((g, i) => (
            <GroupCard key={g.code} g={g} i={i} share={byCode.get(g.code)} ed={ed} t={t} />
          ))}
        </Space>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('groups.chart')}>
          <EChart
            option={option}
            height={Math.max(160, 56 * shares.length + 40)}
            label={t('groups.chart.label', {
              shares: shares.map((s) => `${s.name} ${percent(s.share)}`).join('，'),
            })}
            testId="weights-chart"
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('groups.chart.note')}
          </Typography.Paragraph>
        </Card>
      </Col>
    </Row>
  );
}

export default function GroupsPage({ params }: PageProps) {
  return (
    <ConfigPage
      id={params.id ?? ''}
      title="nav.groups"
      intro="groups.intro"
      problems={(c) => groupProblems(c.groups)}
    >
      {(ed) => <GroupsBody ed={ed} />}
    </ConfigPage>
  );
}
