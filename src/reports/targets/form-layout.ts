/**
 * The declaration form (绩效目标申报表) as rows of cells, the way the seed prints it: the project
 * block, last year's funds, the funds by sub-project and by source, the plan and goals, and the
 * indicator table. One model for the Excel and the Word writer; form-xlsx.ts reads the Excel
 * back by the same labels.
 */
import type { TargetIndicator, TargetSheet } from '../../core/targets.js';

/** Columns of the form: the indicator table's eleven. */
export const FORM_COLUMNS = 11;

export interface FormCell {
  v: string | number | null;
  /** columns spanned (default 1) */
  span?: number;
  /** a share shown as a percentage */
  pct?: boolean;
  /** a score shown with two decimals */
  dec?: boolean;
  /** a label (bold, shaded) */
  label?: boolean;
}

export interface FormRow {
  cells: FormCell[];
  /** the first cell continues the one above (a merged label of a block) */
  continues?: boolean;
  title?: boolean;
}

export const LABELS = {
  unit: '申报单位名称',
  name: '项目名称',
  type: '项目类型',
  attribute: '项目属性',
  procurement: '是否政府采购',
  purchased: '是否政府购买服务',
  manager: '项目负责人',
  contact: '联系人',
  phone: '联系电话',
  year: '项目年度',
  amountUnit: '金额单位',
  overview: '项目概况',
  basis: '项目设立依据（相关批文名称）',
  necessity: '项目设立的必要性',
  safeguards: '保证项目实施的制度、措施',
  previousYear: '本项目上年度市级财政资金使用情况',
  pyBudget: '预算安排资金',
  pyAllocated: '财政拨付资金',
  pySpent: '实际支出资金',
  pyArrival: '资金到位率（%）',
  pyExecution: '预算执行率（%）',
  subProjects: '项目资金构成（详细列出各子项目名称和金额）',
  subProjectName: '子项目名称',
  subProjectAmount: '预算金额',
  fundSources: '项目资金来源',
  fundSource: '资金来源',
  fundTotal: '项目投资总额',
  fundPrevious: '上年度资金',
  fundPlanned: '本年度计划数',
  total: '合计',
  plan: '项目实施计划',
  overallGoal: '项目总目标',
  annualGoal: '年度绩效目标',
  weights: '自评权重',
  notes: '需要说明的其它问题',
} as const;

/** The indicator table's header, in column order. */
export const INDICATOR_HEADER = [
  '一级指标',
  '二级指标',
  '对应子项目名称',
  '三级指标（指标名称）',
  '指标性质',
  '指标值',
  '目标值',
  '度量单位',
  '指标解释',
  '目标值来源',
  '实时数据',
] as const;

export const OPERATOR_SHOWN: Record<TargetIndicator['operator'], string> = {
  '>=': '≥',
  '<=': '≤',
  '=': '=',
  qualitative: '定性',
};

export const WEIGHT_LABELS = [
  ['budget', '预算执行'],
  ['outputs', '产出'],
  ['effects', '效益'],
  ['satisfaction', '满意度'],
] as const;

const L = (v: string, span = 1): FormCell => ({ v, span, label: true });
const V = (v: string | number | null, span = 1, pct = false): FormCell => ({ v, span, pct });
const yesNo = (b: boolean) => (b ? '是' : '否');
const sum = (xs: (number | null)[]) =>
  xs.some((x) => x !== null) ? xs.reduce<number>((s, x) => s + (x ?? 0), 0) : null;

const textRow = (label: string, v: string): FormRow => ({ cells: [L(label), V(v, FORM_COLUMNS - 1)] });

function projectRows(s: TargetSheet): FormRow[] {
  const p = s.project;
  const u = p.amountUnit;
  const py = p.previousYear;
  return [
    { cells: [V(s.form, FORM_COLUMNS)], title: true },
    { cells: [L(LABELS.unit), V(p.unitCode, 2), V(p.unitName, 8)] },
    textRow(LABELS.name, p.name),
    { cells: [L(LABELS.type), V(p.type, 4), L(LABELS.attribute, 2), V(p.attribute, 4)] },
    {
      cells: [
        L(LABELS.procurement),
        V(yesNo(p.governmentProcurement), 4),
        L(LABELS.purchased, 2),
        V(yesNo(p.governmentPurchasedService), 4),
      ],
    },
    { cells: [L(LABELS.manager), V(p.manager, 4), L(LABELS.contact, 2), V(p.contact, 4)] },
    textRow(LABELS.phone, p.phone),
    { cells: [L(LABELS.year), V(p.year, FORM_COLUMNS - 1)] },
    textRow(LABELS.amountUnit, p.amountUnit),
    textRow(LABELS.overview, p.overview),
    textRow(LABELS.basis, p.basis),
    textRow(LABELS.necessity, p.necessity),
    textRow(LABELS.safeguards, p.safeguards),
    {
      cells: [
        L(LABELS.previousYear),
        L(`${LABELS.pyBudget}（${u}）`, 3),
        V(py.budget, 2),
        L(`${LABELS.pyAllocated}（${u}）`, 3),
        V(py.allocated, 2),
      ],
    },
    {
      continues: true,
      cells: [
        L(LABELS.previousYear),
        L(`${LABELS.pySpent}（${u}）`, 3),
        V(py.spent, 2),
        L(LABELS.pyArrival, 3),
        V(py.fundsArrivalRate, 2, true),
      ],
    },
    {
      continues: true,
      cells: [
        L(LABELS.previousYear),
        L(LABELS.pyExecution, 3),
        V(py.budgetExecutionRate, 2, true),
        V(null, 5),
      ],
    },
  ];
}

function fundRows(s: TargetSheet): FormRow[] {
  const p = s.project;
  const u = p.amountUnit;
  const subs: FormRow[] = [
    {
      cells: [L(LABELS.subProjects), L(LABELS.subProjectName, 6), L(`${LABELS.subProjectAmount}（${u}）`, 4)],
    },
    ...p.subProjects.map((sp) => ({
      continues: true,
      cells: [L(LABELS.subProjects), V(sp.name, 6), V(sp.amount, 4)],
    })),
    {
      continues: true,
      cells: [
        L(LABELS.subProjects),
        L(`${LABELS.total}：`, 6),
        V(sum(p.subProjects.map((x) => x.amount)), 4),
      ],
    },
  ];
  const label = `${LABELS.fundSources}（${u}）`;
  const sources: FormRow[] = [
    {
      cells: [
        L(label),
        L(LABELS.fundSource, 3),
        L(LABELS.fundTotal, 3),
        L(LABELS.fundPrevious, 2),
        L(LABELS.fundPlanned, 2),
      ],
    },
    ...p.fundSources.map((f) => ({
      continues: true,
      cells: [L(label), V(f.source, 3), V(f.total, 3), V(f.previousYear, 2), V(f.planned, 2)],
    })),
    {
      continues: true,
      cells: [
        L(label),
        L(LABELS.total, 3),
        V(sum(p.fundSources.map((f) => f.total)), 3),
        V(sum(p.fundSources.map((f) => f.previousYear)), 2),
        V(sum(p.fundSources.map((f) => f.planned)), 2),
      ],
    },
  ];
  return [...subs, ...sources];
}

function indicatorRows(s: TargetSheet): FormRow[] {
  const rows: FormRow[] = [{ cells: INDICATOR_HEADER.map((h) => L(h)) }];
  s.indicators.forEach((ind, i) => {
    const pct = ind.unit === '%';
    rows.push({
      continues: i > 0 && s.indicators[i - 1]!.level1 === ind.level1,
      cells: [
        V(ind.level1),
        V(ind.level2),
        V(ind.subProject),
        V(ind.name),
        V(OPERATOR_SHOWN[ind.operator]),
        V(ind.targetText),
        V(ind.target, 1, pct),
        V(ind.unit),
        V(ind.explanation),
        V(ind.source),
        V(ind.metric ?? ''),
      ],
    });
  });
  return rows;
}

/** The whole form, top to bottom. */
export function declarationForm(s: TargetSheet): FormRow[] {
  const p = s.project;
  const rows = [
    ...projectRows(s),
    ...fundRows(s),
    textRow(LABELS.plan, p.plan),
    textRow(LABELS.overallGoal, p.overallGoal),
    textRow(LABELS.annualGoal, p.annualGoal),
    ...indicatorRows(s),
  ];
  if (s.weights) {
    const w = s.weights;
    rows.push({
      cells: [L(LABELS.weights), ...WEIGHT_LABELS.flatMap(([k, t]) => [L(t), V(w[k])]), V(null, 2)],
    });
  }
  rows.push(textRow(LABELS.notes, ''));
  rows.push({
    cells: [L('填报单位负责人：', 2), V('', 2), L('填报人：', 2), V('', 2), L('填报日期：', 2), V('', 1)],
  });
  return rows;
}

/** The second tab: expenditures, one a row. */
export const EXPENDITURE_HEADER = ['日期', '子项目名称', '金额', '备注'] as const;
