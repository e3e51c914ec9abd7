/**
 * Rank intervals (beyond SPEC §5; issue "rank uncertainty"): how far each agency's overall rank
 * could move under sampling noise, so that nobody over-reads a one-place difference.
 *
 * Method — a seeded nonparametric bootstrap of the composite ranking:
 * 1. The sample is the respondent scores r(i,u) of §5.2 that enter §5.3: valid responses only,
 *    self-ratings dropped, one list per agency × agency group (the cells the scan builds).
 * 2. Each replicate draws, independently in every agency × group cell, n_valid scores with
 *    replacement from that cell's n_valid scores; recomputes the group score exactly as §5.3
 *    (the same trim rule: trimPerEnd of n_valid, applied to the sorted draws), the composite as
 *    §5.4 (groups with n_used ≥ minN, weights renormalised over them) and the overall
 *    competition ranks of §5.5 (ties share the lowest rank, the tolerance of ranks.ts).
 *    n_used depends on n_valid only, so the groups that qualify are the same in every replicate.
 * 3. rank_low and rank_high are the 2.5% and 97.5% percentiles of the agency's B bootstrap
 *    ranks by the nearest-rank rule on the sorted ranks s[0..B−1]:
 *    low = s[floor(0.025·B)], high = s[ceil(0.975·B) − 1] = s[B − 1 − floor(0.025·B)]
 *    (the same number of replicates is cut off at each end; for B = 1,000: s[25] and s[974]).
 *    A replicate in which the agency has no composite is skipped for that agency (B counts
 *    only the replicates that ranked it); agencies without a point-estimate rank get no interval.
 *
 * Pure and deterministic: all randomness comes from the injected Rng, drawn in a fixed order
 * (replicate, agency, group, respondent). Cost is O(B × respondent scores).
 */
import type { AnalysisInput } from './analysis-types.js';
import { compositeOf } from './composite.js';
import { computeGroupStats, trimPerEnd, type Trim } from './group-scores.js';
import type { Rng } from './random.js';
import { competitionRanks } from './ranks.js';
import { scanResponses, type ScanResult } from './scan.js';
import { makeScoringPlan } from './scoring-plan.js';

/** Default number of bootstrap replicates. */
export const DEFAULT_REPLICATES = 1000;

export interface RankInterval {
  unitCode: string;
  /** the point-estimate overall rank (as unit_results.csv) */
  rankOverall: number | null;
  rankLow: number | null;
  rankHigh: number | null;
}

/**
 * Respondent scores per (unit, group) cell: the scores of cell c = u·nGroups + g are
 * scores[cellStart[c] .. cellStart[c+1]−1] (the layout of ScanResult).
 */
export interface CellScores {
  nUnits: number;
  nGroups: number;
  cellStart: Int32Array;
  scores: Float64Array;
}

/** The parts of the configuration the composite depends on, indexed by group. */
export interface CompositeRule {
  /** the agency (non-firm) groups, in configuration order */
  agencyGroups: readonly number[];
  weight: Float64Array;
  /** max(minN, 1) */
  minN: Int32Array;
  trim: readonly (Trim | undefined)[];
}

/**
 * Overall ranks of every agency in each of `replicates` bootstrap replicates, laid out
 * ranks[u · replicates + b]; 0 where the agency has no composite in that replicate.
 * Does not modify `cells`.
 */
export function bootstrapRanks(
  cells: CellScores,
  rule: CompositeRule,
  rng: Rng,
  replicates: number,
): Int32Array {
  const { nUnits, nGroups, cellStart } = cells;
  const out = new Int32Array(nUnits * replicates);
  if (replicates <= 0 || nUnits === 0) return out;

  // Per unit, the cells that qualify for the composite (same in every replicate), with what
  // the replicate needs: start, n, trim per end, weight.
  const cStart: number[] = [];
  const cN: number[] = [];
  const cDrop: number[] = [];
  const cW: number[] = [];
  const unitFrom = new Int32Array(nUnits + 1);
  let maxN = 0;
  let sortedScores: Float64Array | null = null;
  for (let u = 0; u < nUnits; u++) {
    unitFrom[u] = cStart.length;
    for (const g of rule.agencyGroups) {
      const c = u * nGroups + g;
      const s0 = cellStart[c] as number;
      const n = (cellStart[c + 1] as number) - s0;
      const drop = trimPerEnd(n, rule.trim[g]);
      if (n - 2 * drop < Math.max(rule.minN[g] as number, 1)) continue;
      if (drop > 0) {
        // the trimmed mean of a resample is read off draw counts over the sorted cell
        sortedScores ??= cells.scores.slice();
        sortedScores.subarray(s0, s0 + n).sort();
        maxN = Math.max(maxN, n);
      }
      cStart.push(s0);
      cN.push(n);
      cDrop.push(drop);
      cW.push(rule.weight[g] as number);
    }
  }
  unitFrom[nUnits] = cStart.length;
  const scores = cells.scores;
  const sorted = sortedScores ?? scores;
  const counts = new Int32Array(maxN);
  // the uniform numbers of one cell's draws, generated in bulk (same sequence as rng.next())
  const uniform = new Float64Array(cN.reduce((m, n) => Math.max(m, n), 0));
  const composite: (number | null)[] = new Array<number | null>(nUnits).fill(null);

  for (let b = 0; b < replicates; b++) {
    for (let u = 0; u < nUnits; u++) {
      let wSum = 0;
      let weighted = 0;
      for (let k = unitFrom[u] as number; k < (unitFrom[u + 1] as number); k++) {
        const s0 = cStart[k] as number;
        const n = cN[k] as number;
        const drop = cDrop[k] as number;
        const w = cW[k] as number;
        wSum += w;
        if (w === 0) continue; // contributes 0·score; no need to draw
        let sum = 0;
        rng.fill(uniform, n);
        if (drop === 0) {
          for (let j = 0; j < n; j++) sum += scores[s0 + Math.floor((uniform[j] as number) * n)] as number;
          weighted += w * (sum / n);
        } else {
          for (let j = 0; j < n; j++) counts[Math.floor((uniform[j] as number) * n)]!++;
          // skip the `drop` lowest and `drop` highest draws, sum the n − 2·drop in between
          let skip = drop;
          let left = n - 2 * drop;
          for (let j = 0; left > 0; j++) {
            let c = counts[j] as number;
            if (skip > 0) {
              const s = c < skip ? c : skip;
              skip -= s;
              c -= s;
            }
            if (c > 0) {
              const t = c < left ? c : left;
              sum += t * (sorted[s0 + j] as number);
              left -= t;
            }
          }
          counts.fill(0, 0, n);
          weighted += w * (sum / (n - 2 * drop));
        }
      }
      composite[u] = wSum === 0 ? null : weighted / wSum;
    }
    const ranks = competitionRanks(composite);
    for (let u = 0; u < nUnits; u++) out[u * replicates + b] = ranks[u] ?? 0;
  }
  return out;
}

/**
 * The 95% percentile interval of a sorted (ascending) list of m bootstrap ranks, nearest-rank
 * rule: [s[floor(0.025·m)], s[m − 1 − floor(0.025·m)]]; null when m = 0.
 * @example percentileInterval([1, 2, 3, ..., 40]) // [2, 39]: one rank cut off at each end
 */
export function percentileInterval(sorted: ArrayLike<number>): [number, number] | null {
  const m = sorted.length;
  if (m === 0) return null;
  const cut = Math.floor(m * 0.025 + 1e-9);
  return [sorted[cut] as number, sorted[m - 1 - cut] as number];
}

/**
 * Intervals from bootstrapRanks' output: per unit, the percentile interval of the replicates in
 * which it was ranked; null for units whose point rank is null.
 */
export function intervalsFromRanks(
  boot: Int32Array,
  replicates: number,
  pointRanks: readonly (number | null)[],
): ([number, number] | null)[] {
  return pointRanks.map((point, u) => {
    if (point === null || replicates <= 0) return null;
    const mine = boot.subarray(u * replicates, (u + 1) * replicates);
    const ranked = mine.filter((r) => r > 0).sort();
    return percentileInterval(ranked);
  });
}

export interface RankIntervalOptions {
  /** bootstrap replicates B; 0 gives no rows */
  replicates: number;
  /** e.g. createRng(seed) */
  rng: Rng;
}

/**
 * Rank intervals for every agency (units order) of an analysis input; [] when replicates = 0.
 * rankOverall is computed exactly as analyze() computes unit_results.rank_overall. `scan`, when
 * given, is the pass over the answers already done (as for analyze()).
 * @example rankIntervals(input, { replicates: 1000, rng: createRng(1) })
 */
export function rankIntervals(
  input: AnalysisInput,
  opts: RankIntervalOptions,
  scan?: ScanResult,
): RankInterval[] {
  const { config, units, responses } = input;
  if (opts.replicates <= 0) return [];
  const plan = makeScoringPlan(config, units.length);
  scan ??= scanResponses(responses, plan, true);
  const st = computeGroupStats(plan, config, scan);
  const pointRanks = competitionRanks(units.map((_, u) => compositeOf(plan, st, u).composite));
  const boot = bootstrapRanks(
    { nUnits: plan.nUnits, nGroups: plan.nGroups, cellStart: scan.cellStart, scores: scan.scores },
    {
      agencyGroups: plan.agencyGroups,
      weight: plan.weight,
      minN: plan.minN,
      trim: config.groups.map((g) => g.trim),
    },
    opts.rng,
    opts.replicates,
  );
  const intervals = intervalsFromRanks(boot, opts.replicates, pointRanks);
  return units.map((unit, u) => ({
    unitCode: unit.code,
    rankOverall: pointRanks[u] ?? null,
    rankLow: intervals[u]?.[0] ?? null,
    rankHigh: intervals[u]?.[1] ?? null,
  }));
}
