/**
 * Live actuals, achievement and the self-evaluation (绩效自评) of a target sheet: SPEC §4.8 and
 * METHODS-REFERENCE.md §4. Pure: the caller brings the analysis summary, the expenditures, the
 * hand judgements and the number of agencies with a report.
 */
import {
  DEFAULT_WEIGHTS,
  EVALUATION_PARTS,
  TARGET_METRICS,
  type EvaluationPart,
  type EvaluationWeights,
  type Expenditure,
  type TargetIndicator,
  type TargetMetric,
  type TargetProject,
  type TargetSheet,
} from './targets.js';

/** A judgement recorded by hand for one indicator (by name). */
export interface Judgement {
  indicator: string;
  /** a quantitative actual recorded by hand (used when no live figure is bound or known) */
  actual: number | null;
  /** a qualitative actual as text (e.g. 健全) */
  actualText: string;
  /** qualitative: met or not, as judged */
  achieved: boolean | null;
  /** the share 0..1 of the indicator's points awarded by hand; wins over the computed one */
  score: number | null;
  reason: string;
}

export type LiveMetrics = Record<TargetMetric, number | null>;

/** Above this share of the target an actual is flagged for review (METHODS-REFERENCE §4.2). */
export const OVER_TARGET_FACTOR = 1.2;

/**
 * The budget the execution rate divides by: the sum of the sub-projects' amounts (项目资金构成,
 * what the expenditures are booked against), else the sum of the fund sources' planned amounts
 * (本年度计划数); null when neither gives a positive amount.
 */
export function sheetBudget(project: TargetProject): number | null {
  const subs = project.subProjects.reduce((s, p) => s + p.amount, 0);
  if (subs > 0) return subs;
  const planned = project.fundSources.reduce((s, f) => s + (f.planned ?? 0), 0);
  return planned > 0 ? planned : null;
}

export const sumExpenditures = (rows: readonly Pick<Expenditure, 'amount'>[]): number =>
  rows.reduce((s, e) => s + e.amount, 0);

/**
 * The live figures: the analysis summary's metrics (summary.csv names), budget execution from
 * the expenditures, and the agencies with a report (null: not known, the actual stays empty).
 */
export function liveMetrics(
  project: TargetProject,
  expenditures: readonly Pick<Expenditure, 'amount'>[],
  summary: ReadonlyMap<string, number | null> | null,
  reportedUnits: number | null,
): LiveMetrics {
  const out = Object.fromEntries(TARGET_METRICS.map((m) => [m, summary?.get(m) ?? null])) as LiveMetrics;
  out.units_reported = reportedUnits;
  const budget = sheetBudget(project);
  out.budget_execution_rate = budget === null ? null : sumExpenditures(expenditures) / budget;
  return out;
}

/** The scoring part of an indicator, from its level1 name as printed on the form. */
export function partOf(ind: Pick<TargetIndicator, 'level1' | 'metric'>): EvaluationPart {
  if (ind.metric === 'budget_execution_rate') return 'budget';
  const l = ind.level1;
  if (l.includes('满意')) return 'satisfaction';
  if (/效益|效果|影响/.test(l)) return 'effects';
  if (/投入|预算|资金/.test(l)) return 'budget';
  return 'outputs'; // 产出, 产出指标, 分解目标 and anything else
}

export interface Achievement {
  achieved: boolean | null;
  /** completion share 0..1 (min(actual/target, 1); `<=`: min(target/actual, 1)) */
  ratio: number | null;
  overTarget: boolean;
}

/** Achievement of a quantitative indicator; `=` is judged like `>=` (SPEC §4.8). */
export function achievement(operator: '>=' | '<=' | '=', target: number, actual: number | null): Achievement {
  if (actual === null) return { achieved: null, ratio: null, overTarget: false };
  if (operator === '<=') {
    const met = actual <= target;
    return {
      achieved: met,
      ratio: met ? 1 : actual > 0 ? Math.max(target, 0) / actual : 0,
      overTarget: false,
    };
  }
  const met = actual >= target;
  const ratio = met ? 1 : target > 0 ? Math.max(actual, 0) / target : 0;
  return { achieved: met, ratio, overTarget: target > 0 && actual > OVER_TARGET_FACTOR * target };
}

export interface IndicatorResult {
  name: string;
  level1: string;
  level2: string;
  subProject: string;
  operator: TargetIndicator['operator'];
  target: number | null;
  targetText: string;
  unit: string;
  metric: TargetMetric | null;
  part: EvaluationPart;
  /** the indicator's points (its part's weight split equally) */
  weight: number;
  actual: number | null;
  actualText: string;
  actualSource: 'live' | 'hand' | null;
  achieved: boolean | null;
  ratio: number | null;
  /** points awarded; null while pending (no actual, no judgement) */
  score: number | null;
  scoreSource: 'computed' | 'hand' | null;
  overTarget: boolean;
  reason: string;
  /** not met (or judged by hand) and no written reason yet */
  needsReason: boolean;
  /** not on the form: the budget-execution row added when the form has no 投入 indicator */
  synthetic: boolean;
}

export interface PartResult {
  part: EvaluationPart;
  weight: number;
  indicators: number;
  score: number;
}

export interface SelfEvaluation {
  weights: EvaluationWeights;
  indicators: IndicatorResult[];
  parts: PartResult[];
  /** Σ points over the parts that have indicators */
  points: number;
  /** Σ weights of the parts that have indicators */
  maxPoints: number;
  /** points rescaled to 100 (parts without indicators leave the base); graded before rounding */
  total: number;
  grade: '优' | '良' | '中' | '差';
  /** every indicator has a score */
  complete: boolean;
}

export function gradeOf(total: number): SelfEvaluation['grade'] {
  if (total >= 90) return '优';
  if (total >= 80) return '良';
  if (total >= 60) return '中';
  return '差';
}

const BUDGET_ROW: TargetIndicator = {
  level1: '预算执行',
  level2: '',
  subProject: '',
  name: '预算执行率',
  operator: '>=',
  target: 1,
  unit: '%',
  targetText: '100%',
  explanation: '',
  source: '',
  metric: 'budget_execution_rate',
};

function scoreOne(
  ind: TargetIndicator,
  weight: number,
  live: LiveMetrics,
  hand: Judgement | undefined,
): Omit<IndicatorResult, 'synthetic' | 'part'> {
  const liveActual = ind.metric ? live[ind.metric] : null;
  const actual = liveActual ?? hand?.actual ?? null;
  const actualSource = liveActual !== null ? 'live' : actual !== null ? 'hand' : null;
  let a: Achievement = { achieved: hand?.achieved ?? null, ratio: null, overTarget: false };
  if (ind.operator !== 'qualitative') a = achievement(ind.operator, ind.target ?? 0, actual);
  const handScore = hand?.score ?? null;
  const share = handScore ?? a.ratio;
  const reason = hand?.reason ?? '';
  const byHand = ind.operator === 'qualitative' || handScore !== null;
  return {
    name: ind.name,
    level1: ind.level1,
    level2: ind.level2,
    subProject: ind.subProject,
    operator: ind.operator,
    target: ind.target,
    targetText: ind.targetText,
    unit: ind.unit,
    metric: ind.metric ?? null,
    weight,
    actual,
    actualText: hand?.actualText ?? '',
    actualSource,
    achieved: a.achieved,
    ratio: a.ratio,
    score: share === null ? null : weight * share,
    scoreSource: share === null ? null : handScore !== null ? 'hand' : 'computed',
    overTarget: a.overTarget,
    reason,
    needsReason: reason.trim() === '' && (a.achieved === false || (byHand && share !== null)),
  };
}

/**
 * Scores every indicator. An indicator's points are its part's weight split equally among the
 * part's indicators; a part without indicators leaves the base, and the total is rescaled to
 * 100 over the parts present. A form without a budget-part indicator gets the 预算执行率 row
 * (财预〔2020〕10号 scores it in every self-evaluation) when its budget is known.
 */
export function selfEvaluate(
  sheet: Pick<TargetSheet, 'indicators' | 'weights' | 'project'>,
  live: LiveMetrics,
  judgements: readonly Judgement[],
): SelfEvaluation {
  const weights = sheet.weights ?? DEFAULT_WEIGHTS;
  const rows = sheet.indicators.map((ind) => ({ ind, part: partOf(ind), synthetic: false }));
  if (!rows.some((r) => r.part === 'budget') && sheetBudget(sheet.project) !== null)
    rows.unshift({ ind: BUDGET_ROW, part: 'budget', synthetic: true });
  const count = new Map<EvaluationPart, number>();
  for (const r of rows) count.set(r.part, (count.get(r.part) ?? 0) + 1);
  const byName = new Map(judgements.map((j) => [j.indicator, j]));
  const indicators = rows.map(({ ind, part, synthetic }) => ({
    ...scoreOne(ind, weights[part] / count.get(part)!, live, synthetic ? undefined : byName.get(ind.name)),
    part,
    synthetic,
  }));
  const parts = EVALUATION_PARTS.map((part) => ({
    part,
    weight: weights[part],
    indicators: count.get(part) ?? 0,
    score: indicators.filter((i) => i.part === part).reduce((s, i) => s + (i.score ?? 0), 0),
  }));
  const present = parts.filter((p) => p.indicators > 0);
  const points = present.reduce((s, p) => s + p.score, 0);
  const maxPoints = present.reduce((s, p) => s + p.weight, 0);
  const total = maxPoints > 0 ? (points / maxPoints) * 100 : 0;
  return {
    weights,
    indicators,
    parts,
    points,
    maxPoints,
    total,
    grade: gradeOf(total),
    complete: indicators.every((i) => i.score !== null),
  };
}

/** targets.csv (SPEC §4.6): the header, exactly. */
export const TARGETS_CSV_COLUMNS = [
  'indicator',
  'level1',
  'level2',
  'operator',
  'target',
  'unit',
  'actual',
  'achieved',
  'score',
] as const;

/** The rows of targets.csv: the form's indicators (not the synthetic budget row), in order. */
export function targetsCsvRows(ev: SelfEvaluation): (string | number | null)[][] {
  return ev.indicators
    .filter((i) => !i.synthetic)
    .map((i) => [
      i.name,
      i.level1,
      i.level2,
      i.operator,
      i.operator === 'qualitative' ? i.targetText : i.target,
      i.unit,
      i.operator === 'qualitative' ? i.actualText || null : i.actual,
      i.achieved === null ? null : i.achieved ? 1 : 0,
      i.score,
    ]);
}
