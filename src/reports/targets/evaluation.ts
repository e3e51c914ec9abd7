/**
 * 项目支出绩效自评表 — the self-evaluation in the usual layout (财预〔2020〕10号 annex forms, e.g.
 * the 棠溪镇 2022 and 大英县 2023 自评表): project, funds (年初预算数 / 全年预算数 / 全年执行数 / 分值 /
 * 执行率 / 得分), goals, the indicator table (一级 / 二级 / 三级指标, 年度指标值, 实际完成值, 分值, 得分,
 * 偏差原因分析及改进措施) and the total with its grade. As Excel and as Word.
 */
import ExcelJS from 'exceljs';
import type { TargetSheet } from '../../core/targets.js';
import type { IndicatorResult, SelfEvaluation } from '../../core/targets-evaluation.js';
import type { FormCell, FormRow } from './form-layout.js';
import { rowsDocx, writeRows } from './render.js';

export interface EvaluationInput {
  sheet: TargetSheet;
  evaluation: SelfEvaluation;
  budget: number | null;
  spent: number;
}

const COLUMNS = 8;
const WIDTHS = [14, 14, 22, 14, 14, 8, 8, 36];

const L = (v: string, span = 1): FormCell => ({ v, span, label: true });
const V = (v: string | number | null, span = 1, o: Partial<FormCell> = {}): FormCell => ({ v, span, ...o });

/** The actual as printed: a share as a percentage, a qualitative one as its text. */
export function actualShown(i: IndicatorResult): string {
  if (i.operator === 'qualitative')
    return i.actualText || (i.achieved === null ? '' : i.achieved ? '达成' : '未达成');
  if (i.actual === null) return '';
  return i.unit === '%'
    ? `${Math.round(i.actual * 10000) / 100}%`
    : `${Math.round(i.actual * 100) / 100}${i.unit}`;
}

function remark(i: IndicatorResult): string {
  const notes = [i.reason];
  if (i.overTarget) notes.push('实际值超过目标值120%，需复核目标设定');
  if (i.score === null) notes.push('待评');
  else if (i.needsReason) notes.push('未达成，需说明原因');
  return notes.filter((n) => n !== '').join('；');
}

export function evaluationRows({ sheet, evaluation: ev, budget, spent }: EvaluationInput): FormRow[] {
  const p = sheet.project;
  const budgetPart = ev.parts.find((x) => x.part === 'budget')!;
  const rate = budget === null ? null : spent / budget;
  const rows: FormRow[] = [
    { title: true, cells: [V(`项目支出绩效自评表（${p.year}年度）`, COLUMNS)] },
    { cells: [L('项目名称'), V(p.name, COLUMNS - 1)] },
    { cells: [L('主管部门'), V(p.unitName, 3), L('实施单位'), V(p.unitName, 3)] },
    {
      cells: [
        L(`项目资金（${p.amountUnit}）`),
        L(''),
        L('年初预算数'),
        L('全年预算数'),
        L('全年执行数'),
        L('分值'),
        L('执行率'),
        L('得分'),
      ],
    },
    {
      continues: true,
      cells: [
        L(`项目资金（${p.amountUnit}）`),
        V('年度资金总额'),
        V(budget, 1, { dec: true }),
        V(budget, 1, { dec: true }),
        V(spent, 1, { dec: true }),
        V(budgetPart.weight),
        V(rate, 1, { pct: true }),
        V(budgetPart.indicators > 0 ? budgetPart.score : null, 1, { dec: true }),
      ],
    },
    { cells: [L('年度总体目标'), L('预期目标', 3), L('实际完成情况', 4)] },
    {
      continues: true,
      cells: [
        L('年度总体目标'),
        V(p.annualGoal, 3),
        V(`自评得分${ev.total.toFixed(2)}分，等级“${ev.grade}”${ev.complete ? '' : '（尚有指标待评）'}`, 4),
      ],
    },
    {
      cells: [
        '一级指标',
        '二级指标',
        '三级指标',
        '年度指标值',
        '实际完成值',
        '分值',
        '得分',
        '偏差原因分析及改进措施',
      ].map((h) => L(h)),
    },
  ];
  ev.indicators.forEach((i, k) => {
    rows.push({
      continues: k > 0 && ev.indicators[k - 1]!.level1 === i.level1,
      cells: [
        V(i.level1),
        V(i.level2),
        V(i.name),
        V(i.targetText || (i.target === null ? '' : String(i.target))),
        V(actualShown(i)),
        V(i.weight, 1, { dec: true }),
        V(i.score, 1, { dec: true }),
        V(remark(i)),
      ],
    });
  });
  rows.push({
    cells: [L('合计', 5), V(ev.maxPoints, 1, { dec: true }), V(ev.points, 1, { dec: true }), V('')],
  });
  rows.push({
    cells: [L('总分（折算为百分制）', 5), V(100), V(ev.total, 1, { dec: true }), V(`自评等级：${ev.grade}`)],
  });
  return rows;
}

export async function evaluationXlsx(input: EvaluationInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('绩效自评表', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToWidth: 1 },
  });
  writeRows(ws, evaluationRows(input), WIDTHS);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function evaluationDocx(input: EvaluationInput): Promise<Buffer> {
  return rowsDocx(evaluationRows(input), WIDTHS);
}
