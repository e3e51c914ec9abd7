/**
 * The ranking as the results page shows it, from one snapshot's unit_results, rank_intervals
 * and unit_group_scores: one row per agency, with its group scores by group code.
 */
import type { Cell, Row } from './rows';
import { isNum } from './format';

export interface RankRow {
  code: string;
  name: string;
  category: string;
  composite: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  rate: number | null;
  rankInCategory: number | null;
  rankOverall: number | null;
  rankLow: number | null;
  rankHigh: number | null;
  daily: number | null;
  bonus: number | null;
  total: number | null;
  grade: string;
  groups: Record<string, { score: number | null; ciLow: number | null; ciHigh: number | null }>;
}

const n = (v: Cell | undefined) => (isNum(v) ? v : null);
const s = (v: Cell | undefined) => (v === null || v === undefined ? '' : String(v));

export function rankRows(
  units: readonly Row[],
  intervals: readonly Row[],
  groups: readonly Row[],
): RankRow[] {
  const byUnit = new Map(intervals.map((r) => [s(r.unit_code), r]));
  const groupsOf = new Map<string, RankRow['groups']>();
  for (const g of groups) {
    const code = s(g.unit_code);
    const m = groupsOf.get(code) ?? {};
    m[s(g.group)] = { score: n(g.score), ciLow: n(g.ci_low), ciHigh: n(g.ci_high) };
    groupsOf.set(code, m);
  }
  return units.map((u) => {
    const code = s(u.unit_code);
    const ri = byUnit.get(code);
    return {
      code,
      name: s(u.unit_name),
      category: s(u.category),
      composite: n(u.composite),
      ciLow: n(u.ci_low),
      ciHigh: n(u.ci_high),
      rate: n(u.composite_rate),
      rankInCategory: n(u.rank_in_category),
      rankOverall: n(u.rank_overall),
      rankLow: n(ri?.rank_low),
      rankHigh: n(ri?.rank_high),
      daily: n(u.daily),
      bonus: n(u.bonus),
      total: n(u.total),
      grade: s(u.grade),
      groups: groupsOf.get(code) ?? {},
    };
  });
}

/** the group codes in the order they first appear */
export function groupCodes(groups: readonly Row[]): string[] {
  return [...new Set(groups.map((g) => s(g.group)))];
}

/** the categories in the order of the agencies */
export function categories(rows: readonly RankRow[]): string[] {
  return [...new Set(rows.map((r) => r.category))];
}

/** rows by a rank, unranked agencies last (then by code) */
export function byRank(rows: readonly RankRow[], rank: (r: RankRow) => number | null): RankRow[] {
  return [...rows].sort((a, b) => {
    const x = rank(a);
    const y = rank(b);
    if (x === null || y === null) return x === y ? a.code.localeCompare(b.code) : x === null ? 1 : -1;
    return x - y || a.code.localeCompare(b.code);
  });
}
