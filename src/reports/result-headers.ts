/**
 * The one dictionary of the results workbook: each §4.6 table's sheet name, and each column's
 * Chinese header and number format. The English column names stay the CSV files' own (the
 * workbook shows them as a second header row), so the dictionary only adds to them.
 */
import type { ResultTableName } from '../shared/api/result-tables.js';

/**
 * How a column's numbers are shown; the stored value is never rounded (a rate stays a fraction).
 * - score: two decimals (scores, CIs, totals, standard deviations)
 * - rate: a percentage with two decimals (rates and shares, stored as fractions in [0, 1])
 * - count: an integer (counts, ranks, flags)
 * - weight: four decimals (TF-IDF weights are small)
 * - text: as is
 */
export type ColumnFormat = 'score' | 'rate' | 'count' | 'weight' | 'text';

export const NUMBER_FORMATS: Record<Exclude<ColumnFormat, 'text'>, string> = {
  score: '0.00',
  rate: '0.00%',
  count: '0',
  weight: '0.0000',
};

/** Sheets in the order a reader wants them: the ranking first, the per-response table last. */
export const SHEETS: readonly { table: ResultTableName; sheet: string }[] = [
  { table: 'unit_results', sheet: '单位结果' },
  { table: 'unit_group_scores', sheet: '群体得分' },
  { table: 'item_scores', sheet: '题目得分' },
  { table: 'rank_intervals', sheet: '排名区间' },
  { table: 'unit_keywords', sheet: '关键词' },
  { table: 'phone_rates', sheet: '电话访问率' },
  { table: 'summary', sheet: '汇总' },
  { table: 'response_validity', sheet: '有效性' },
];

/** The sheet that explains the others (the codes of groups and items, the snapshot). */
export const README_SHEET = '说明';

interface ColumnSpec {
  zh: string;
  format: ColumnFormat;
}

const aapor = (zh: string, code: string, format: ColumnFormat): ColumnSpec => ({
  zh: `${zh}（${code}）`,
  format,
});

/** Every column of every §4.6 table; a column not listed here is shown as text with its own name. */
export const COLUMNS: Readonly<Record<string, ColumnSpec>> = {
  unit_code: { zh: '单位编码', format: 'text' },
  unit_name: { zh: '单位名称', format: 'text' },
  category: { zh: '类别', format: 'text' },
  group: { zh: '群体', format: 'text' },
  item: { zh: '题目', format: 'text' },
  n_valid: { zh: '有效样本数', format: 'count' },
  n_used: { zh: '计分样本数', format: 'count' },
  n: { zh: '样本数', format: 'count' },
  score: { zh: '得分', format: 'score' },
  sd: { zh: '标准差', format: 'score' },
  ci_low: { zh: '置信区间下限', format: 'score' },
  ci_high: { zh: '置信区间上限', format: 'score' },
  satisfaction_rate: { zh: '满意率', format: 'rate' },
  composite: { zh: '综合得分', format: 'score' },
  composite_rate: { zh: '综合满意率', format: 'rate' },
  rank_in_category: { zh: '类别内排名', format: 'count' },
  rank_overall: { zh: '总排名', format: 'count' },
  rank_low: { zh: '排名区间（最好）', format: 'count' },
  rank_high: { zh: '排名区间（最差）', format: 'count' },
  daily: { zh: '日常考核得分', format: 'score' },
  bonus: { zh: '加分', format: 'score' },
  total: { zh: '总分', format: 'score' },
  grade: { zh: '等次', format: 'text' },
  scope: { zh: '范围', format: 'text' },
  I: aapor('完成访问', 'I', 'count'),
  P: aapor('部分完成', 'P', 'count'),
  R: aapor('拒访与中断', 'R', 'count'),
  NC: aapor('未接触', 'NC', 'count'),
  O: aapor('其他未访问', 'O', 'count'),
  UH: aapor('资格未知（未接通）', 'UH', 'count'),
  UO: aapor('资格未知（其他）', 'UO', 'count'),
  NE: aapor('不符合资格', 'NE', 'count'),
  e: aapor('资格未知者合格比例', 'e', 'rate'),
  RR1: aapor('应答率', 'RR1', 'rate'),
  RR2: aapor('应答率', 'RR2', 'rate'),
  RR3: aapor('应答率', 'RR3', 'rate'),
  RR4: aapor('应答率', 'RR4', 'rate'),
  RR5: aapor('应答率', 'RR5', 'rate'),
  RR6: aapor('应答率', 'RR6', 'rate'),
  COOP1: aapor('合作率', 'COOP1', 'rate'),
  COOP2: aapor('合作率', 'COOP2', 'rate'),
  COOP3: aapor('合作率', 'COOP3', 'rate'),
  COOP4: aapor('合作率', 'COOP4', 'rate'),
  REF1: aapor('拒访率', 'REF1', 'rate'),
  REF2: aapor('拒访率', 'REF2', 'rate'),
  REF3: aapor('拒访率', 'REF3', 'rate'),
  CON1: aapor('接触率', 'CON1', 'rate'),
  CON2: aapor('接触率', 'CON2', 'rate'),
  CON3: aapor('接触率', 'CON3', 'rate'),
  metric: { zh: '指标', format: 'text' },
  // summary.value: the format follows the row's metric (summaryFormat)
  value: { zh: '数值', format: 'score' },
  keyword: { zh: '关键词', format: 'text' },
  count: { zh: '出现次数', format: 'count' },
  weight: { zh: '权重（TF-IDF）', format: 'weight' },
  response_id: { zh: '问卷编号', format: 'text' },
  valid: { zh: '是否有效（1/0）', format: 'count' },
  reasons: { zh: '无效原因', format: 'text' },
};

export function columnSpec(name: string): ColumnSpec {
  return COLUMNS[name] ?? { zh: name, format: 'text' };
}

/** summary.csv mixes counts, a mean and rates in one `value` column: its metric decides. */
export function summaryFormat(metric: string): ColumnFormat {
  if (metric.endsWith('_rate')) return 'rate';
  if (metric.endsWith('_mean')) return 'score';
  return 'count';
}

/** The Chinese meaning of each summary metric (shown on the 说明 sheet). */
export const SUMMARY_METRICS: Readonly<Record<string, string>> = {
  responses_total: '问卷总数',
  responses_valid: '有效问卷数',
  valid_phone: '有效问卷数（电话）',
  valid_intercept: '有效问卷数（拦截）',
  valid_online: '有效问卷数（网络）',
  valid_peer: '有效问卷数（互评）',
  units_surveyed: '有调查数据的单位数',
  units_ranked: '参与排名的单位数',
  overall_composite_mean: '综合得分均值',
  overall_satisfaction_rate: '总体满意率',
  firm_satisfaction_rate: '对第三方评估机构的满意率',
};

/** The reasons codes of response_validity, in Chinese (shown on the 说明 sheet). */
export const REASONS: Readonly<Record<string, string>> = {
  incomplete: '未完成必答题',
  too_fast: '用时过短',
  duplicate: '重复作答',
  straightline: '连续相同答案',
};
