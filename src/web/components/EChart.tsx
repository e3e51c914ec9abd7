/**
 * One ECharts chart: the tree-shaken parts the console uses, the SVG renderer (crisp CJK text,
 * selectable, small), a CJK font stack, resizing with its box. For screen readers the chart is
 * an image with a label saying what it shows; the table beside it is the accessible equivalent.
 */
import { BarChart, CustomChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, CustomChart, GridComponent, TooltipComponent, MarkLineComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export const CHART_FONT =
  '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC", sans-serif';

export function EChart(props: {
  option: ChartOption;
  height: number;
  label: string;
  testId?: string;
  /** a click on a data item (a bar): its category name and index */
  onItemClick?: (item: { name: string; dataIndex: number }) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const onItemClick = useRef(props.onItemClick);
  onItemClick.current = props.onItemClick;
  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, null, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p) => onItemClick.current?.({ name: String(p.name), dataIndex: p.dataIndex }));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(box.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(
      { animation: false, textStyle: { fontFamily: CHART_FONT, fontSize: 13 }, ...props.option },
      { notMerge: true },
    );
  }, [props.option]);
  useEffect(() => {
    chart.current?.resize();
  }, [props.height]);
  return (
    <div
      ref={box}
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
      style={{ width: '100%', height: props.height }}
    />
  );
}
