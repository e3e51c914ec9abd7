/**
 * Agency scores per respondent group (SPEC §5.3) and item scores, from the respondent scores
 * and rating counts collected by scan.ts.
 */
import type { ItemScore, UnitGroupScore, UnitInfo } from './analysis-types.js';
import type { AssessmentConfig, GroupConfig } from './config.js';
import type { ScanResult } from './scan.js';
import type { ScoringPlan } from './scoring-plan.js';
import { exactSum, sampleSd, tQuantile } from './stats.js';

export type Trim = NonNullable<GroupConfig['trim']>;

/** Guard against floating products such as 100 × 0.29 = 28.999999999999996. */
const FLOOR_EPS = 1e-9;

/**
 * How many respondent scores to drop at each end (SPEC §4.1): {count: k} drops k when
 * n ≥ 2k + 1, else none; {fraction: p} drops floor(n·p).
 * @example trimPerEnd(5, { count: 1 }) // 1
 * @example trimPerEnd(2, { count: 1 }) // 0
 * @example trimPerEnd(100, { fraction: 0.29 }) // 29
 */
export function trimPerEnd(n: number, trim: Trim | undefined): number {
  if (trim === undefined) return 0;
  if ('count' in trim) return n >= 2 * trim.count + 1 ? trim.count : 0;
  return Math.floor(n * trim.fraction + FLOOR_EPS);
}

/**
 * Per (unit, group) statistics, indexed unit * nGroups + group; NaN where the value is null.
 * Rows for firm groups stay empty.
 */
export interface GroupStats {
  nValid: Int32Array;
  nUsed: Int32Array;
  score: Float64Array;
  sd: Float64Array;
  ciLow: Float64Array;
  ciHigh: Float64Array;
  /** non-DK rating answers (valid responses, self-ratings dropped), and those ≥ satisfiedAtLeast */
  answers: Float64Array;
  satisfied: Float64Array;
  rate: Float64Array;
}

/** Number of rating answers and satisfied ones of (slot, group). */
export function cellAnswerCounts(
  plan: ScoringPlan,
  scan: ScanResult,
  slot: number,
  g: number,
): [number, number] {
  const p1 = plan.points + 1;
  let all = 0;
  let sat = 0;
  for (let p = plan.pairStart[g] as number; p < (plan.pairStart[g + 1] as number); p++) {
    const base = (slot * plan.nPairs + p) * p1;
    for (let v = 1; v <= plan.points; v++) {
      const c = scan.ratingCounts[base + v] as number;
      all += c;
      if (v >= plan.satisfiedAtLeast) sat += c;
    }
  }
  return [all, sat];
}

export function computeGroupStats(plan: ScoringPlan, config: AssessmentConfig, scan: ScanResult): GroupStats {
  const { nUnits, nGroups } = plan;
  const size = nUnits * nGroups;
  const st: GroupStats = {
    nValid: new Int32Array(size),
    nUsed: new Int32Array(size),
    score: new Float64Array(size).fill(NaN),
    sd: new Float64Array(size).fill(NaN),
    ciLow: new Float64Array(size).fill(NaN),
    ciHigh: new Float64Array(size).fill(NaN),
    answers: new Float64Array(size),
    satisfied: new Float64Array(size),
    rate: new Float64Array(size).fill(NaN),
  };
  const tCache = new Map<number, number>();
  const t975 = (df: number): number => {
    let v = tCache.get(df);
    if (v === undefined) tCache.set(df, (v = tQuantile(0.975, df)));
    return v;
  };
  const { scores, cellStart } = scan;
  for (const g of plan.agencyGroups) {
    const trim = config.groups[g]?.trim;
    for (let u = 0; u < nUnits; u++) {
      const cell = u * nGroups + g; // same numbering as the scan's cells for slots < nUnits
      const s0 = cellStart[cell] as number;
      const s1 = cellStart[cell + 1] as number;
      const n = s1 - s0;
      const drop = trimPerEnd(n, trim);
      if (drop > 0) scores.subarray(s0, s1).sort();
      const from = s0 + drop;
      const to = s1 - drop;
      const used = to - from;
      st.nValid[cell] = n;
      st.nUsed[cell] = used;
      if (used > 0) {
        // exactly rounded, so that the score never depends on the order of the responses
        const m = exactSum(scores, from, to) / used;
        st.score[cell] = m;
        if (used >= 2) {
          const sd = sampleSd(scores, from, to, m);
          const half = (t975(used - 1) * sd) / Math.sqrt(used);
          st.sd[cell] = sd;
          st.ciLow[cell] = m - half;
          st.ciHigh[cell] = m + half;
        }
      }
      const [all, sat] = cellAnswerCounts(plan, scan, u, g);
      st.answers[cell] = all;
      st.satisfied[cell] = sat;
      if (all > 0) st.rate[cell] = sat / all;
    }
  }
  return st;
}

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

/** Rows of unit_group_scores.csv: units in order × agency groups in configuration order. */
export function unitGroupScoreRows(
  plan: ScoringPlan,
  config: AssessmentConfig,
  units: readonly UnitInfo[],
  st: GroupStats,
): UnitGroupScore[] {
  const rows: UnitGroupScore[] = [];
  units.forEach((unit, u) => {
    for (const g of plan.agencyGroups) {
      const c = u * plan.nGroups + g;
      rows.push({
        unitCode: unit.code,
        group: config.groups[g]?.code ?? '',
        nValid: st.nValid[c] as number,
        nUsed: st.nUsed[c] as number,
        score: orNull(st.score[c] as number),
        sd: orNull(st.sd[c] as number),
        ciLow: orNull(st.ciLow[c] as number),
        ciHigh: orNull(st.ciHigh[c] as number),
        satisfactionRate: orNull(st.rate[c] as number),
      });
    }
  });
  return rows;
}

/**
 * Rows of item_scores.csv: units × agency groups × rating items asked of the group (configuration
 * order); n = non-DK rating answers of valid responses, score = their mean m(v).
 */
export function itemScoreRows(
  plan: ScoringPlan,
  config: AssessmentConfig,
  units: readonly UnitInfo[],
  scan: ScanResult,
): ItemScore[] {
  const rows: ItemScore[] = [];
  const p1 = plan.points + 1;
  units.forEach((unit, u) => {
    for (const g of plan.agencyGroups) {
      const groupCode = config.groups[g]?.code ?? '';
      const items = plan.ratingItemsOf[g] ?? [];
      items.forEach((it, k) => {
        const base = (u * plan.nPairs + (plan.pairStart[g] as number) + k) * p1;
        let n = 0;
        let sum = 0;
        for (let v = 1; v <= plan.points; v++) {
          const c = scan.ratingCounts[base + v] as number;
          n += c;
          sum += c * (plan.score[v] as number);
        }
        rows.push({
          unitCode: unit.code,
          group: groupCode,
          item: config.items[it]?.code ?? '',
          n,
          score: n > 0 ? sum / n : null,
        });
      });
    }
  });
  return rows;
}
