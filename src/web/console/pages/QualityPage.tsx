/**
 * 数据质量: from one snapshot, the responses and valid responses (by channel), the invalid ones
 * by reason, and the invalid responses as a table; a response opens a drawer that explains the
 * rule behind each of its reasons and the values that triggered it, which the server reads back
 * from the stored response (quality/ValidityValues.tsx: the snapshot stores reason codes only).
 */
import {
  Card,
  Col,
  Descriptions,
  Drawer,
  Progress,
  Row as AntRow,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { DataTable, type Column } from '../../components/DataTable';
import { countBarsOption } from '../../components/countBars';
import { EChart, type ChartOption } from '../../components/EChart';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { useSnapshots } from '../../hooks/useSnapshots';
import { useI18n, type Translate } from '../../i18n/i18n';
import { count, percent } from '../../results/format';
import { SnapshotSection } from '../../results/SnapshotBar';
import { useSnapshotTables } from '../../results/useSnapshotTables';
import {
  channelsOf,
  isReason,
  quality,
  REASONS,
  summaryOf,
  type Reason,
  type Validity,
} from '../../results/validity';
import { ExplanationStatus, ReasonValues, useValidityExplanation } from '../../quality/ValidityValues';
import type { PageProps } from '../routes';

const TABLES = ['response_validity', 'summary'] as const;
const REASON_COLORS: Record<Reason, string> = {
  incomplete: 'orange',
  too_fast: 'volcano',
  duplicate: 'purple',
  straightline: 'geekblue',
};

const reasonName = (t: Translate, r: string) => (isReason(r) ? t(`quality.reason.${r}`) : r);
const channelName = (t: Translate, c: string) =>
  c === 'phone' || c === 'intercept' || c === 'online' || c === 'peer' ? t(`quality.channel.${c}`) : c;

function Bars(props: { names: string[]; values: number[]; color: string; label: string; axisName: string }) {
  const option = useMemo<ChartOption>(
    () =>
      countBarsOption({
        names: props.names,
        values: props.values,
        axisName: props.axisName,
        color: props.color,
        right: 56,
        barWidth: '55%',
      }),
    [props.names, props.values, props.color, props.axisName],
  );
  return <EChart option={option} height={props.names.length * 40 + 56} label={props.label} />;
}

export default function QualityPage({ params }: PageProps) {
  const { t } = useI18n();
  const id = params.id ?? '';
  const snaps = useSnapshots(id);
  const s = snaps.selected;
  const [read, setRead] = useState<{ read: number; total: number }>();
  const { tables, error } = useSnapshotTables(id, s?.id, TABLES, (n, total) => setRead({ read: n, total }));
  const q = useMemo(() => (tables ? quality(tables.response_validity) : undefined), [tables]);
  const summary = useMemo(() => (tables ? summaryOf(tables.summary) : undefined), [tables]);
  const channels = summary ? channelsOf(summary) : [];
  const [open, setOpen] = useState<Validity | null>(null);
  const explained = useValidityExplanation(id, open?.responseId ?? null);

  const columns: Column<Validity>[] = [
    { key: 'id', title: t('quality.responseId'), value: (v) => v.responseId, sortable: true },
    {
      key: 'reasons',
      title: t('quality.reasons'),
      value: (v) => v.reasons.map((r) => reasonName(t, r)).join('、'),
      render: (v) => (
        <Space size={4} wrap>
          {v.reasons.map((r) => (
            <Tag key={r} color={isReason(r) ? REASON_COLORS[r] : undefined}>
              {reasonName(t, r)}
            </Tag>
          ))}
        </Space>
      ),
      filters: REASONS.map((r) => ({ text: t(`quality.reason.${r}`), value: r })),
      matches: (v, reason) => v.reasons.includes(reason),
    },
  ];

  const total = summary?.get('responses_total') ?? q?.total ?? 0;
  const valid = summary?.get('responses_valid') ?? 0;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <PageTitle>{t('quality.title')}</PageTitle>
      <ErrorAlert error={snaps.error ?? error} />
      <SnapshotSection assessment={id} snaps={snaps} />
      {!tables && read && (
        <div role="status" aria-live="polite">
          <Typography.Text>
            {t('quality.reading', { read: count(read.read), total: count(read.total) })}
          </Typography.Text>
          <Progress percent={Math.round((read.read / Math.max(1, read.total)) * 100)} />
        </div>
      )}
      {q && summary && (
        <>
          <AntRow gutter={[16, 16]}>
            <Col xs={12} lg={6}>
              <Card>
                <Statistic title={t('quality.total')} value={count(total)} />
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card>
                <Statistic title={t('quality.valid')} value={count(valid)} />
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card>
                <Statistic title={t('quality.invalid')} value={count(q.invalid.length)} />
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card>
                <Statistic title={t('quality.validRate')} value={percent(total ? valid / total : null)} />
              </Card>
            </Col>
          </AntRow>
          <AntRow gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card title={t('quality.byReason')}>
                <Bars
                  names={REASONS.map((r) => t(`quality.reason.${r}`))}
                  values={REASONS.map((r) => q.byReason[r])}
                  color="#ad4e00"
                  axisName={t('quality.count')}
                  label={t('quality.byReason.aria', {
                    text: REASONS.map((r) => `${t(`quality.reason.${r}`)} ${q.byReason[r]}`).join('，'),
                  })}
                />
                <Typography.Paragraph style={{ marginBottom: 0 }}>
                  {t('quality.flagged', { n: count(q.flagged) })}
                </Typography.Paragraph>
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={t('quality.byChannel')}>
                <Bars
                  names={channels.map((c) => channelName(t, c))}
                  values={channels.map((c) => summary.get(`valid_${c}`) ?? 0)}
                  color="#1456b8"
                  axisName={t('quality.validCount')}
                  label={t('quality.byChannel.aria', {
                    text: channels
                      .map((c) => `${channelName(t, c)} ${summary.get(`valid_${c}`) ?? 0}`)
                      .join('，'),
                  })}
                />
              </Card>
            </Col>
          </AntRow>
          <Card title={t('quality.invalidList')}>
            <DataTable
              rows={q.invalid}
              columns={columns}
              rowKey={(v) => v.responseId}
              exportName={t('quality.exportName')}
              searchPlaceholder={t('quality.search')}
              label={t('quality.invalidList')}
              onRowClick={setOpen}
              actions={{
                title: t('common.actions'),
                render: (v) => (
                  <a
                    href="#"
                    onClick={(e) => {
                      e.preventDefault();
                      e.stopPropagation();
                      setOpen(v);
                    }}
                  >
                    {t('quality.why')}
                  </a>
                ),
              }}
            />
          </Card>
        </>
      )}
      <Drawer
        open={open !== null}
        onClose={() => setOpen(null)}
        title={open ? t('quality.drawer.title', { id: open.responseId }) : ''}
        size={520}
      >
        {open && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Descriptions column={1} bordered size="small">
              <Descriptions.Item label={t('quality.responseId')}>{open.responseId}</Descriptions.Item>
              <Descriptions.Item label={t('quality.status')}>
                {open.valid ? t('quality.status.valid') : t('quality.status.invalid')}
              </Descriptions.Item>
            </Descriptions>
            {open.reasons.map((r) => (
              <Card
                key={r}
                size="small"
                title={<Tag color={isReason(r) ? REASON_COLORS[r] : undefined}>{reasonName(t, r)}</Tag>}
              >
                <Typography.Paragraph style={{ marginBottom: 4 }}>
                  {isReason(r) ? t(`quality.rule.${r}`) : r}
                </Typography.Paragraph>
                <ReasonValues reason={r} state={explained} />
              </Card>
            ))}
            <ExplanationStatus
              snapshotReasons={open.reasons}
              state={explained}
              reasonName={(r) => reasonName(t, r)}
            />
            <Typography.Paragraph type="secondary">{t('quality.drawer.note')}</Typography.Paragraph>
          </Space>
        )}
      </Drawer>
    </Space>
  );
}
