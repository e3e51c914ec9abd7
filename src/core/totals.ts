/**
 * Final total and grade per agency (SPEC §5.6).
 */
import type { PerformanceScore, UnitInfo } from './analysis-types.js';
import type { AssessmentConfig } from './config.js';
import { nearlyEqual } from './ranks.js';

export type TotalConfig = NonNullable<AssessmentConfig['total']>;

/**
 * total = (w_daily·daily + w_satisfaction·composite)/(w_daily + w_satisfaction) over the parts
 * present, + min(bonus, bonusCap). Only composite → composite (null when w_satisfaction = 0);
 * only daily → daily; neither → null; both with w_daily + w_satisfaction = 0 → null. A missing
 * bonus is 0. No `total` configuration → null.
 * @example totalOf(85, { daily: 90, bonus: 8 }, { weights: { daily: 0.6, satisfaction: 0.4 }, bonusCap: 5, grades }) // 93
 */
export function totalOf(
  composite: number | null,
  perf: PerformanceScore | undefined,
  cfg: TotalConfig | undefined,
): number | null {
  if (cfg === undefined) return null;
  const daily = perf?.daily ?? null;
  const { daily: wd, satisfaction: ws } = cfg.weights;
  let base: number | null;
  if (daily !== null && composite !== null)
    base = wd + ws > 0 ? (wd * daily + ws * composite) / (wd + ws) : null;
  else if (composite !== null) base = ws > 0 ? (ws * composite) / ws : null;
  else base = daily;
  if (base === null) return null;
  return base + Math.min(perf?.bonus ?? 0, cfg.bonusCap ?? Infinity);
}

/** Guard for floor(p·n) against products such as 0.3 × 10 = 3.0000000000000004 or 2.9999…. */
const FLOOR_EPS = 1e-9;

/**
 * Grades within each category: agencies with a total, by total descending (ties, within the
 * tolerance of nearlyEqual, by the smaller unit code), each get the first grade in list order
 * whose minTotal they reach and whose capacity is not used up. A grade with maxShare p holds at
 * most floor(p × agencies with a total in the category); without maxShare it is unlimited.
 * minTotal is reached when total ≥ minTotal up to the same tolerance (a total that is 90 but for
 * rounding noise reaches 90).
 */
export function assignGrades(
  units: readonly UnitInfo[],
  totals: readonly (number | null)[],
  grades: TotalConfig['grades'],
): (string | null)[] {
  const out: (string | null)[] = units.map(() => null);
  const byCategory = new Map<string, number[]>();
  units.forEach((u, i) => {
    if (totals[i] === null || totals[i] === undefined) return;
    let m = byCategory.get(u.category);
    if (!m) byCategory.set(u.category, (m = []));
    m.push(i);
  });
  const codeOrder = (i: number, j: number): number => {
    const a = units[i]?.code ?? '';
    const b = units[j]?.code ?? '';
    return a < b ? -1 : a > b ? 1 : 0;
  };
  for (const members of byCategory.values()) {
    const total = (i: number): number => totals[i] as number;
    members.sort((i, j) => total(j) - total(i) || codeOrder(i, j));
    // within each run of tied totals (compared with the run's first), smaller codes first
    const ordered: number[] = [];
    for (let s = 0; s < members.length;) {
      let e = s + 1;
      while (e < members.length && nearlyEqual(total(members[e] as number), total(members[s] as number))) e++;
      ordered.push(...members.slice(s, e).sort(codeOrder));
      s = e;
    }
    const n = members.length;
    const left = grades.map((g) =>
      g.maxShare === undefined ? Infinity : Math.floor(g.maxShare * n + FLOOR_EPS),
    );
    for (const i of ordered) {
      const t = total(i);
      for (let k = 0; k < grades.length; k++) {
        const g = grades[k];
        if (!g || (left[k] as number) <= 0) continue;
        if (t >= g.minTotal || nearlyEqual(t, g.minTotal)) {
          out[i] = g.grade;
          left[k] = (left[k] as number) - 1;
          break;
        }
      }
    }
  }
  return out;
}
