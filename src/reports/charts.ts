/**
 * Report charts: ECharts rendered on the server to SVG, then to PNG by resvg with the CJK font.
 *
 * Why the two layers: resvg 2.6 re-parses a CFF font for every text element, ~15 ms each for
 * Noto Sans CJK on a quiet machine, so 90 agencies × 2 charts × ~30 labels would take a minute.
 * The Chinese labels of a chart (group names, item texts) are the same for every agency with the
 * same groups, so they are rendered once into a transparent PNG layer (cached by their exact
 * markup, positions included) and the rest — bars, whiskers, numbers in a TrueType Latin font —
 * is rendered per agency with that layer embedded as an image: pixel-identical placement,
 * because both come from the same ECharts output.
 */
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { GroupLine, ItemLine } from '../core/report-model.js';

export interface ChartFonts {
  /** a file holding "Noto Sans CJK SC" (the .ttc of fonts-noto-cjk) */
  cjk: string;
  /** a TrueType Latin font (DejaVu Sans) for digits, or null: then everything uses cjk */
  latin: string | null;
}

export const CJK_FAMILY = 'Noto Sans CJK SC';
const LATIN_FAMILY = 'DejaVu Sans';
/** pixels per CSS pixel: 1.5 prints at ~140 dpi at 16 cm wide; pixel work is most of the cost */
const ZOOM = 1.5;

export class ChartRenderer {
  private readonly layers = new Map<string, string>();
  /** charts rendered, and Chinese label layers rendered (the rest came from the cache) */
  readonly stats = { charts: 0, layers: 0, milliseconds: 0 };
  constructor(
    private readonly fonts: ChartFonts,
    private readonly clock: () => number = () => 0,
  ) {}

  /** The PNG of an ECharts option at width × height CSS pixels. */
  png(option: echarts.EChartsCoreOption, width: number, height: number): Buffer {
    const t0 = this.clock();
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
    chart.setOption({ animation: false, textStyle: { fontFamily: CJK_FAMILY }, ...option });
    const svg = chart.renderToSVGString();
    chart.dispose();
    const png = this.svgToPng(svg, width, height);
    this.stats.charts++;
    this.stats.milliseconds += this.clock() - t0;
    return png;
  }

  svgToPng(svg: string, width: number, height: number): Buffer {
    if (!this.fonts.latin) return render(svg, this.fonts.cjk, CJK_FAMILY);
    const texts = svg.match(/<text\b[^>]*>[^<]*<\/text>/g) ?? [];
    const cjk = texts.filter((t) => /[^ -~\s]/.test(t.replace(/<[^>]*>/g, '')));
    let rest = svg;
    for (const t of cjk) rest = rest.replace(t, '');
    rest = rest.replaceAll(`font-family:${CJK_FAMILY}`, `font-family:${LATIN_FAMILY}`);
    if (cjk.length > 0) {
      const key = cjk.join('');
      let layer = this.layers.get(key);
      if (layer === undefined) {
        const open = `<svg width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}">`;
        layer = render(`${open}${key}</svg>`, this.fonts.cjk, CJK_FAMILY).toString('base64');
        this.stats.layers++;
        this.layers.set(key, layer);
      }
      const image = `<image x="0" y="0" width="${width}" height="${height}" href="data:image/png;base64,${layer}"/>`;
      rest = rest.replace(/<\/svg>\s*$/, `${image}</svg>`);
    }
    return render(rest, this.fonts.latin, LATIN_FAMILY);
  }
}

function render(svg: string, fontFile: string, family: string): Buffer {
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: ZOOM },
    font: {
      fontFiles: [fontFile],
      loadSystemFonts: false,
      defaultFontFamily: family,
      sansSerifFamily: family,
    },
  });
  return r.render().asPng();
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** Group scores as bars with their 95% interval as whiskers. */
export function groupScoresOption(groups: readonly GroupLine[]): echarts.EChartsCoreOption {
  const shown = groups.filter((g) => g.score !== null);
  const lows = shown.map((g) => g.ciLow ?? g.score!);
  const min = Math.max(0, Math.floor((Math.min(...lows, 100) - 5) / 5) * 5);
  return {
    grid: { left: 60, right: 30, top: 20, bottom: 40 },
    xAxis: { type: 'category', data: shown.map((g) => g.name) },
    yAxis: { type: 'value', min, max: 100 },
    series: [
      {
        type: 'bar',
        barWidth: '40%',
        data: shown.map((g) => round2(g.score!)),
        itemStyle: { color: '#4e79a7' },
        label: { show: true, position: 'insideBottom', color: '#fff', formatter: '{c}' },
      },
      {
        type: 'custom',
        data: shown.map((g, i) => [i, g.ciLow ?? g.score!, g.ciHigh ?? g.score!]),
        renderItem: whisker,
        z: 10,
      },
    ],
  };
}

/** A vertical interval with end caps, for a custom series of [x, low, high]. */
function whisker(
  params: unknown,
  api: { value(i: number): number; coord(p: number[]): number[]; size?(p: number[]): number[] },
) {
  void params;
  const x = api.value(0);
  const lo = api.coord([x, api.value(1)]);
  const hi = api.coord([x, api.value(2)]);
  const cap = 8;
  const style = { stroke: '#333', lineWidth: 1.5 };
  return {
    type: 'group',
    children: [
      { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
      { type: 'line', shape: { x1: lo[0]! - cap, y1: lo[1], x2: lo[0]! + cap, y2: lo[1] }, style },
      { type: 'line', shape: { x1: hi[0]! - cap, y1: hi[1], x2: hi[0]! + cap, y2: hi[1] }, style },
    ],
  };
}

/** Short label of an item: its code and the start of its text. */
export const itemLabel = (it: Pick<ItemLine, 'code' | 'text'>): string =>
  `${it.code} ${it.text.length > 14 ? `${it.text.slice(0, 14)}…` : it.text}`;

/** Item score minus the all-agency item mean, as a diverging horizontal bar. */
export function itemDiagnosticOption(items: readonly ItemLine[]): echarts.EChartsCoreOption {
  const rows = [...items].reverse();
  const span = Math.max(1, ...rows.map((r) => Math.abs(r.diff)));
  const max = Math.ceil(span);
  return {
    grid: { left: 230, right: 40, top: 10, bottom: 30 },
    xAxis: { type: 'value', min: -max, max },
    yAxis: { type: 'category', data: rows.map((r) => itemLabel(r)), axisLabel: { fontSize: 11 } },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => ({
          value: round2(r.diff),
          itemStyle: { color: r.diff >= 0 ? '#59a14f' : '#e15759' },
        })),
      },
    ],
  };
}

/** A plain bar chart of counts (the overall report's distribution and grades). */
export function countsOption(
  labels: readonly string[],
  counts: readonly number[],
): echarts.EChartsCoreOption {
  return {
    grid: { left: 50, right: 20, top: 20, bottom: 50 },
    xAxis: { type: 'category', data: [...labels], axisLabel: { rotate: labels.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        data: [...counts],
        itemStyle: { color: '#4e79a7' },
        label: { show: true, position: 'top' },
      },
    ],
  };
}
