/**
 * One agency's Word report (单位考评报告): cover, method in brief, composite and rank, group
 * scores with intervals and chart, item diagnostics with chart, keywords and comments, and
 * rectification items. Numbers are the model's, formatted by core/report-model-text.ts.
 */
import { Packer, type FileChild } from 'docx';
import type { AssessmentConfig } from '../core/config.js';
import type { AgencyReport, ItemLine } from '../core/report-model.js';
import { fmt2, fmtCi, fmtInt, fmtPct } from '../core/report-model-text.js';
import { groupScoresOption, itemDiagnosticOption, type ChartRenderer } from './charts.js';
import { cover, h1, h2, image, note, para, reportDocument, spacer, table } from './docx-common.js';

/** A rank as printed: `5 / 20`. */
export const fmtRank = (rank: number | null, of: number): string => (rank === null ? '—' : `${rank} / ${of}`);

/** The method in brief, from the configuration (shared with the overall report). */
export function methodParagraphs(config: AssessmentConfig): FileChild[] {
  const groups = config.groups
    .filter((g) => g.rates !== 'firm')
    .map((g) => `${g.name ?? g.code}（权重 ${g.weight ?? 0}）`)
    .join('、');
  const t = config.total;
  return [
    para(
      `本次考评采用 ${config.scale.points} 级量表，按评价群体分别计算各单位得分：先求每位受访者对该单位各题得分的平均，再求同一群体内受访者得分的平均及其 95% 置信区间；“不了解”不计入。`,
    ),
    para(
      `评价群体及权重：${groups}。样本量达到最低要求的群体按权重加权合成综合满意度得分，其置信区间由各群体的抽样误差合成。`,
    ),
    para(
      t
        ? `总分 = 日常考核得分与满意度得分按 ${t.weights.daily}:${t.weights.satisfaction} 加权，另加加分（上限 ${t.bonusCap ?? '不限'}）；在各类别内按总分评定等次。`
        : '本次考评不计总分与等次。',
    ),
    para(
      '排名在类别内按综合得分从高到低排列，得分相同者名次相同；名次区间由自助法（bootstrap）重抽样得到，反映排名的不确定性。',
    ),
  ];
}

function scoreTable(r: AgencyReport) {
  return table(
    ['指标', '结果'],
    [
      ['综合满意度得分', fmt2(r.composite)],
      ['95% 置信区间', fmtCi(r.ciLow, r.ciHigh)],
      ['综合满意率', fmtPct(r.compositeRate)],
      ['类别内排名', fmtRank(r.rankInCategory, r.categorySize)],
      ['全部单位排名', fmtRank(r.rankOverall, r.rankedTotal)],
      ['名次区间', r.rankLow === null ? '—' : `${r.rankLow}–${r.rankHigh}`],
      ['日常考核得分', fmt2(r.daily)],
      ['加分', fmt2(r.bonus)],
      ['总分', fmt2(r.total)],
      ['等次', r.grade ?? '—'],
    ],
    [40, 60],
  );
}

const itemRows = (items: readonly ItemLine[]) =>
  items.map((it) => [it.code, it.text, it.groupName, fmt2(it.score), fmt2(it.mean), fmt2(it.diff)]);
const ITEM_HEADER = ['题号', '题目', '群体', '本单位得分', '全部单位平均', '差值'];
const ITEM_WIDTHS = [8, 42, 14, 12, 12, 12];

function diagnostics(r: AgencyReport, charts: ChartRenderer): FileChild[] {
  if (r.items.length === 0) return [para('本单位没有可比较的题目得分。')];
  const height = Math.max(160, 40 + r.items.length * 18);
  return [
    para('下图为本单位各题得分与全部单位该题平均得分之差：绿色高于平均，红色低于平均。'),
    image(charts.png(itemDiagnosticOption(r.items), 620, height), 620, height),
    h2('相对优势题目'),
    table(ITEM_HEADER, itemRows(r.strongest), ITEM_WIDTHS),
    spacer(),
    h2('相对薄弱题目'),
    table(ITEM_HEADER, itemRows(r.weakest), ITEM_WIDTHS),
  ];
}

function voices(r: AgencyReport): FileChild[] {
  const out: FileChild[] = [];
  out.push(
    r.keywords.length > 0
      ? para(`意见建议中的主要关键词：${r.keywords.map((k) => `${k.keyword}（${k.count}）`).join('、')}。`)
      : para('本单位没有收集到意见建议。'),
  );
  if (r.comments.length > 0) {
    out.push(h2('代表性意见（已去除个人信息）'));
    r.comments.forEach((c, i) => out.push(para(`${i + 1}. ${c}`)));
  }
  return out;
}

function rectification(r: AgencyReport): FileChild[] {
  if (r.rectification.length === 0) return [para('暂无整改事项。')];
  return [
    table(
      ['整改事项', '状态', '整改措施', '完成时限'],
      r.rectification.map((x) => [x.title, x.status, x.measures ?? '', x.dueDate ?? '']),
      [34, 14, 36, 16],
    ),
  ];
}

/** The .docx of one agency's report. */
export async function agencyDocx(
  r: AgencyReport,
  config: AssessmentConfig,
  charts: ChartRenderer,
): Promise<Buffer> {
  const groupRows = r.groups.map((g) => [
    g.name,
    String(g.weight),
    fmtInt(g.nUsed),
    fmt2(g.score),
    fmtCi(g.ciLow, g.ciHigh),
    fmtPct(g.satisfactionRate),
  ]);
  const children: FileChild[] = [
    ...cover(
      [
        { text: r.assessmentName, size: 36, bold: true },
        { text: `${r.year} 年度满意度考评报告`, size: 32 },
        { text: r.name, size: 40, bold: true },
      ],
      `结果快照 ${r.snapshotId}`,
    ),
    h1('一、考评方法'),
    ...methodParagraphs(config),
    h1('二、考评结果'),
    para(`${r.name}（${r.category}）综合满意度得分 ${fmt2(r.composite)}，等次 ${r.grade ?? '—'}。`),
    scoreTable(r),
    h1('三、各群体得分'),
    table(
      ['评价群体', '权重', '有效样本', '得分', '95% 置信区间', '满意率'],
      groupRows,
      [24, 10, 14, 14, 24, 14],
    ),
    spacer(),
    ...(r.groups.some((g) => g.score !== null)
      ? [
          image(charts.png(groupScoresOption(r.groups), 560, 280), 560, 280),
          note('柱为得分，须线为 95% 置信区间。'),
        ]
      : []),
    h1('四、题目诊断'),
    ...diagnostics(r, charts),
    h1('五、意见建议'),
    ...voices(r),
    h1('六、整改事项'),
    ...rectification(r),
  ];
  return Packer.toBuffer(reportDocument(`${r.name} — ${r.assessmentName}`, children));
}
