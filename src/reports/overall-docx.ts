/**
 * The overall Word report (总报告): cover, table of contents (a field Word fills on opening;
 * LibreOffice fills it when converting), method, ranking tables per category, the distribution
 * chart, channel statistics against the quotas, AAPOR rates, data quality, rectification status.
 */
import { AlignmentType, Packer, Paragraph, TableOfContents, TextRun, type FileChild } from 'docx';
import type { AssessmentConfig } from '../core/config.js';
import type { OverallReport } from '../core/report-model-overall.js';
import { fmt2, fmtCi, fmtInt, fmtPct } from '../core/report-model-text.js';
import { methodParagraphs } from './agency-docx.js';
import { countsOption, type ChartRenderer } from './charts.js';
import { cover, h1, h2, image, note, para, reportDocument, spacer, table } from './docx-common.js';

const n = (v: number | string | null) =>
  typeof v === 'number' ? (Number.isInteger(v) ? String(v) : fmt2(v)) : (v ?? '—');

function rankings(r: OverallReport): FileChild[] {
  const out: FileChild[] = [];
  for (const c of r.categories) {
    out.push(h2(`${c.name}（${c.rows.length} 个单位）`));
    out.push(
      table(
        ['名次', '单位', '综合得分', '95% 置信区间', '名次区间', '总分', '等次'],
        c.rows.map((x) => [
          fmtInt(x.rankInCategory),
          x.name,
          fmt2(x.composite),
          fmtCi(x.ciLow, x.ciHigh),
          x.rankLow === null ? '—' : `${x.rankLow}–${x.rankHigh}`,
          fmt2(x.total),
          x.grade ?? '—',
        ]),
        [8, 34, 12, 18, 10, 10, 8],
      ),
      spacer(),
    );
  }
  out.push(note('名次区间为全部单位中的名次（自助法重抽样）。'));
  return out;
}

function distribution(r: OverallReport, charts: ChartRenderer): FileChild[] {
  const out: FileChild[] = [];
  if (r.distribution.length > 0) {
    const labels = r.distribution.map((b) => b.label);
    const png = charts.png(
      countsOption(
        labels,
        r.distribution.map((b) => b.count),
      ),
      600,
      300,
    );
    out.push(para('各单位综合满意度得分分布（单位个数）：'), image(png, 600, 300));
  }
  if (r.grades.length > 0)
    out.push(
      table(
        ['等次', '单位数'],
        r.grades.map((g) => [g.grade, String(g.count)]),
        [50, 50],
      ),
    );
  return out;
}

function channels(r: OverallReport): FileChild[] {
  return [
    table(
      ['渠道', '有效样本', '目标', '完成率'],
      r.channels.map((c) => [c.label, fmtInt(c.valid), fmtInt(c.target), fmtPct(c.share)]),
      [30, 24, 24, 22],
    ),
    spacer(),
    table(
      ['指标', '数值'],
      r.summary.map((s) => [s.metric, n(s.value)]),
      [60, 40],
    ),
  ];
}

function aapor(r: OverallReport): FileChild[] {
  return [
    para(
      '电话访问的最终处置按 AAPOR 标准归类（I 完成、P 部分完成、R 拒访、NC 未接触、O 其他、UH/UO 资格未知、NE 不符合资格）。',
    ),
    table(
      r.aapor.counts.map((c) => c.key),
      [r.aapor.counts.map((c) => fmtInt(c.value))],
    ),
    spacer(),
    table(
      ['比率', '数值'],
      r.aapor.rates.map((x) => [x.key, x.key === 'e' ? fmt2(x.value) : fmtPct(x.value)]),
      [50, 50],
    ),
  ];
}

function quality(r: OverallReport): FileChild[] {
  const q = r.quality;
  return [
    para(`共收回问卷 ${q.total} 份，有效 ${q.valid} 份，无效 ${q.invalid} 份（一份问卷可有多个原因）。`),
    table(
      ['原因', '份数'],
      q.reasons.map((x) => [x.label, String(x.count)]),
      [60, 40],
    ),
  ];
}

function rectification(r: OverallReport): FileChild[] {
  if (r.rectification.every((x) => x.total === 0)) return [para('暂无整改事项。')];
  return [
    table(
      ['单位', '整改事项数', '状态'],
      r.rectification.map((x) => [
        x.name,
        String(x.total),
        x.byStatus.map((s) => `${s.status} ${s.count}`).join('、') || '—',
      ]),
      [40, 20, 40],
    ),
  ];
}

/** The .docx of the overall report. */
export async function overallDocx(
  r: OverallReport,
  config: AssessmentConfig,
  charts: ChartRenderer,
): Promise<Buffer> {
  const children: FileChild[] = [
    ...cover(
      [
        { text: r.assessmentName, size: 36, bold: true },
        { text: `${r.year} 年度满意度考评总报告`, size: 32 },
        { text: `参评单位 ${r.unitCount} 个，排名单位 ${r.rankedCount} 个`, size: 26 },
      ],
      `结果快照 ${r.snapshotId}`,
    ),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: '目录', size: 32, bold: true })],
    }),
    new TableOfContents('目录', { hyperlink: true, headingStyleRange: '1-2' }),
    para('（目录在 Word 中打开时更新；如未显示，请右键选择“更新域”。）'),
    h1('一、考评方法'),
    ...methodParagraphs(config),
    h1('二、各类别排名'),
    ...rankings(r),
    h1('三、得分分布'),
    ...distribution(r, charts),
    h1('四、样本与渠道'),
    ...channels(r),
    h1('五、电话访问 AAPOR 指标'),
    ...aapor(r),
    h1('六、数据质量'),
    ...quality(r),
    h1('七、整改情况'),
    ...rectification(r),
  ];
  return Packer.toBuffer(reportDocument(`${r.assessmentName} — 总报告`, children, { toc: true }));
}
