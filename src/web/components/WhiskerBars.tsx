/**
 * Horizontal bars with a confidence interval drawn as a whisker, one row per item, the first at
 * the top: the ranking (an agency's composite and its 95% CI, its rank interval on the right)
 * and an agency's group scores. The value axis starts near the lowest interval, not at zero, so
 * that differences of a point or two stay visible; the axis says where it starts.
 */
import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams } from 'echarts';
import { useMemo } from 'react';
import { useI18n } from '../i18n/i18n';
import { EChart, type ChartOption } from './EChart';

export interface WhiskerBar {
  name: string;
  value: number;
  low: number | null;
  high: number | null;
  /** the text at the right end of the row (a rank interval) */
  label?: string;
  color: string;
  /** the tooltip's lines */
  tooltip: string[];
}

const ROW_PX = 26;

function axisRange(bars: readonly WhiskerBar[]): [number, number] {
  const lows = bars.map((b) => Math.min(b.value, b.low ?? b.value));
  const highs = bars.map((b) => Math.max(b.value, b.high ?? b.value));
  const lo = Math.max(0, Math.floor((Math.min(...lows) - 1) / 5) * 5);
  const hi = Math.max(Math.ceil((Math.max(...highs) + 1) / 5) * 5, lo + 5);
  return [lo, Math.min(hi, Math.max(100, lo + 5))];
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

export function WhiskerBars(props: {
  bars: readonly WhiskerBar[];
  label: string;
  /** the value axis's name ("综合得分") */
  axisName: string;
  /** width kept for the names on the left */
  nameWidth?: number;
  /** height of one row (26 px unless given) */
  rowPx?: number;
  testId?: string;
}) {
  const { t } = useI18n();
  const { bars, axisName } = props;
  const nameWidth = props.nameWidth ?? 210;
  const withLabels = bars.some((b) => b.label);
  const rowPx = props.rowPx ?? ROW_PX;
  // room for the longest label on the right: about one em per CJK character, half for others
  const labelWidth = Math.max(
    0,
    ...bars.map((b) => [...(b.label ?? '')].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 13 : 7.5), 0)),
  );
  const option = useMemo<ChartOption>(() => {
    const [min, max] = bars.length ? axisRange(bars) : [0, 100];
    const whisker = (params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI) => {
      const lo = api.value(0) as number;
      const hi = api.value(1) as number;
      const row = api.value(2) as number;
      if (!Number.isFinite(lo) || !Number.isFinite(hi)) return null;
      const [x0, y] = api.coord([Math.max(lo, min), row]) as [number, number];
      const [x1] = api.coord([Math.min(hi, max), row]) as [number, number];
      const cap = (api.size?.([0, 1]) as number[] | undefined)?.[1] ?? rowPx;
      const h = cap * 0.35;
      const style = { stroke: '#1f1f1f', lineWidth: 1.5 };
      void params;
      return {
        type: 'group' as const,
        children: [
          { type: 'line' as const, shape: { x1: x0, y1: y, x2: x1, y2: y }, style },
          ...(lo >= min
            ? [{ type: 'line' as const, shape: { x1: x0, y1: y - h, x2: x0, y2: y + h }, style }]
            : []),
          ...(hi <= max
            ? [{ type: 'line' as const, shape: { x1: x1, y1: y - h, x2: x1, y2: y + h }, style }]
            : []),
        ],
      };
    };
    return {
      grid: { left: nameWidth, right: withLabels ? Math.ceil(labelWidth) + 16 : 24, top: 36, bottom: 8 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: unknown) => {
          const first = (Array.isArray(ps) ? ps[0] : ps) as { dataIndex?: number } | undefined;
          const b = first?.dataIndex === undefined ? undefined : bars[first.dataIndex];
          return b ? [`<b>${escapeHtml(b.name)}</b>`, ...b.tooltip.map(escapeHtml)].join('<br/>') : '';
        },
      },
      xAxis: {
        type: 'value',
        position: 'top',
        min,
        max,
        name: t('chart.axisRange', { name: axisName, min, max }),
        nameLocation: 'middle',
        nameGap: 24,
        nameTextStyle: { color: '#333' },
        axisLabel: { color: '#333' },
        splitLine: { lineStyle: { color: '#e5e5e5' } },
      },
      yAxis: [
        {
          type: 'category',
          inverse: true,
          data: bars.map((b) => b.name),
          axisTick: { show: false },
          axisLabel: { color: '#1f1f1f', width: nameWidth - 12, overflow: 'truncate', interval: 0 },
        },
        {
          type: 'category',
          inverse: true,
          position: 'right',
          data: bars.map((b) => b.label ?? ''),
          axisLine: { show: false },
          axisTick: { show: false },
          axisLabel: { color: '#1f1f1f', interval: 0, show: withLabels },
        },
      ],
      series: [
        {
          type: 'bar',
          barWidth: '62%',
          data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.color } })),
        },
        {
          type: 'custom',
          renderItem: whisker,
          encode: { x: [0, 1], y: 2 },
          data: bars.map((b, i) => [b.low ?? NaN, b.high ?? NaN, i]),
          z: 3,
          tooltip: { show: false },
        },
      ],
    };
  }, [bars, axisName, nameWidth, withLabels, labelWidth, rowPx, t]);
  return (
    <EChart
      option={option}
      height={Math.max(120, bars.length * rowPx + 48)}
      label={props.label}
      testId={props.testId}
    />
  );
}
