/**
 * The option of a chart of counts as horizontal bars, one per named row, top to bottom in the
 * given order, each labelled with its count, with the count axis on top. Shared by the data quality
 * page (invalid responses by reason, valid ones by channel) and an agency's comment keywords.
 */
import type { ChartOption } from './EChart';

export function countBarsOption(props: {
  names: string[];
  values: number[];
  /** the count axis's title, also the series' name in the tooltip */
  axisName: string;
  color: string;
  /** room right of the longest bar for its label, in px */
  right: number;
  /** a bar's thickness as a share of its row, as ECharts takes it ('60%') */
  barWidth: string;
}): ChartOption {
  return {
    grid: { left: 110, right: props.right, top: 36, bottom: 8 },
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
      data: props.names,
      axisTick: { show: false },
      axisLabel: { color: '#1f1f1f', interval: 0, fontSize: 14 },
    },
    series: [
      {
        type: 'bar',
        name: props.axisName,
        barWidth: props.barWidth,
        itemStyle: { color: props.color },
        label: { show: true, position: 'right', color: '#1f1f1f' },
        data: props.values,
      },
    ],
  };
}
