import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.js';
import { trimPerEnd, type Trim } from './group-scores.js';
import { createRng } from './random.js';
import {
  bootstrapRanks,
  intervalsFromRanks,
  percentileInterval,
  rankIntervals,
  type CellScores,
  type CompositeRule,
} from './rank-intervals.js';
import { competitionRanks } from './ranks.js';
import { scanResponses } from './scan.js';
import { makeScoringPlan } from './scoring-plan.js';
import {
  baseConfig,
  inputFrom,
  service,
  unitsFrom,
  type AnswerValue,
  type ResponseSpec,
} from '../../test/support/scoring.js';

/** n service responses for target, with S1 = S2 = values[k % values.length]. */
function many(target: string, n: number, values: readonly AnswerValue[]): ResponseSpec[] {
  return Array.from({ length: n }, (_, k) => {
    const v = values[k % values.length]!;
    return service(`${target}${k}`, target, v, v);
  });
}

const peer = (id: string, from: string, ratings: [string, number][]): ResponseSpec => ({
  id,
  group: 'peer',
  from,
  answers: ratings.map(([t, v]) => [t, 'P1', v] as [string, string, AnswerValue]),
});

const units = unitsFrom('ABCDE');
const specs: ResponseSpec[] = [
  ...many('A', 30, [5, 5, 4]), // far ahead: ~93
  ...many('B', 30, [4, 3, 3, 2]), // B and C: the same answers
  ...many('C', 30, [4, 3, 3, 2]),
  ...many('D', 30, [3, 2, 4, 2, 3]),
  // E: no responses → unranked
  peer('p1', 'A', [
    ['B', 4],
    ['C', 3],
    ['D', 2],
    ['A', 5],
  ]), // A's self-rating is dropped
  peer('p2', 'B', [
    ['A', 5],
    ['C', 4],
    ['D', 3],
  ]),
  peer('p3', 'C', [
    ['A', 5],
    ['B', 3],
    ['D', 3],
  ]),
];
const input = inputFrom(baseConfig(), units, specs);

describe('rankIntervals', () => {
  const rows = rankIntervals(input, { replicates: 1000, rng: createRng(1) });

  it('is deterministic for a seed', () => {
    expect(rankIntervals(input, { replicates: 1000, rng: createRng(1) })).toEqual(rows);
    // the same from a pass already done, as `kaoping analyze` passes it
    const plan = makeScoringPlan(input.config, input.units.length);
    const scan = scanResponses(input.responses, plan, true);
    expect(rankIntervals(input, { replicates: 1000, rng: createRng(1) }, scan)).toEqual(rows);
    const boot = (seed: number) => bootstrapRanks(cellsOf(), rule(), createRng(seed), 200);
    expect(boot(7)).toEqual(boot(7));
    expect(boot(7)).not.toEqual(boot(8));
  });

  it('gives the point rank of analyze() and an interval containing it', () => {
    const point = analyze(input).unitResults.map((r) => r.rankOverall);
    expect(rows.map((r) => r.rankOverall)).toEqual(point);
    expect(rows.map((r) => r.unitCode)).toEqual(['A', 'B', 'C', 'D', 'E']);
    for (const r of rows) {
      if (r.rankOverall === null) continue;
      expect(r.rankLow).not.toBeNull();
      expect(r.rankLow!).toBeLessThanOrEqual(r.rankOverall);
      expect(r.rankHigh!).toBeGreaterThanOrEqual(r.rankOverall);
    }
  });

  it('gives an agency far ahead of the others [1, 1]', () => {
    expect(rows[0]).toEqual({ unitCode: 'A', rankOverall: 1, rankLow: 1, rankHigh: 1 });
  });

  it('gives two agencies with identical answers overlapping intervals', () => {
    const b = rows[1]!;
    const c = rows[2]!;
    expect(b.rankLow!).toBeLessThanOrEqual(c.rankHigh!);
    expect(c.rankLow!).toBeLessThanOrEqual(b.rankHigh!);
    // both can come second or third
    expect(b.rankLow).toBe(2);
    expect(c.rankLow).toBe(2);
    expect(b.rankHigh!).toBeGreaterThanOrEqual(3);
    expect(c.rankHigh!).toBeGreaterThanOrEqual(3);
  });

  it('leaves an unranked agency empty', () => {
    expect(rows[4]).toEqual({ unitCode: 'E', rankOverall: null, rankLow: null, rankHigh: null });
  });

  it('gives no rows for 0 replicates', () => {
    expect(rankIntervals(input, { replicates: 0, rng: createRng(1) })).toEqual([]);
  });
});

describe('percentileInterval (nearest rank, the same count cut at each end)', () => {
  it('cuts floor(0.025·B) sorted ranks off each end', () => {
    const forty = Array.from({ length: 40 }, (_, i) => i + 1);
    expect(percentileInterval(forty)).toEqual([2, 39]); // floor(1) = 1 cut: s[1], s[38]
    expect(percentileInterval(forty.slice(0, 39))).toEqual([1, 39]); // floor(0.975) = 0: the whole range
    expect(percentileInterval([3])).toEqual([3, 3]);
    expect(percentileInterval([])).toBeNull();
    // B = 1000: s[25] and s[974]
    const thousand = Array.from({ length: 1000 }, (_, i) => i);
    expect(percentileInterval(thousand)).toEqual([25, 974]);
  });

  it('skips replicates in which the agency was unranked', () => {
    // unit 0 ranked in 40 of 41 replicates: 1 ×5, 2 ×30, 3 ×5 (order scrambled), one 0
    const ranks = [...Array<number>(30).fill(2), ...Array<number>(5).fill(3), ...Array<number>(5).fill(1), 0];
    const boot = Int32Array.from([...ranks].reverse());
    expect(intervalsFromRanks(boot, 41, [2])).toEqual([[1, 3]]);
    // 40 ranked → one cut at each end; with 1 ×1 and 3 ×1 the interval is [2, 2]
    const tight = Int32Array.from([1, ...Array<number>(38).fill(2), 3, 0]);
    expect(intervalsFromRanks(tight, 41, [2])).toEqual([[2, 2]]);
    expect(intervalsFromRanks(tight, 41, [null])).toEqual([null]);
  });
});

// --- bootstrapRanks against a direct implementation (sort each resample, trim, mean) ---

const TRIM: Trim = { count: 1 };
const cellValues: number[][] = [
  // unit 0: group 0 (trimmed), group 1 (untrimmed)
  [50, 60, 70, 80, 90],
  [60, 70],
  // unit 1
  [40, 95, 70, 75],
  [80],
  // unit 2: group 0 below minN after trimming → only group 1 counts
  [100, 100],
  [65, 70, 75],
];
function cellsOf(): CellScores {
  const cellStart = new Int32Array(cellValues.length + 1);
  cellValues.forEach((v, c) => (cellStart[c + 1] = cellStart[c]! + v.length));
  return { nUnits: 3, nGroups: 2, cellStart, scores: Float64Array.from(cellValues.flat()) };
}
const rule = (): CompositeRule => ({
  agencyGroups: [0, 1],
  weight: Float64Array.from([0.6, 0.4]),
  minN: Int32Array.from([2, 1]),
  trim: [TRIM, undefined],
});

function reference(replicates: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const r = rule();
  const out = new Int32Array(3 * replicates);
  for (let b = 0; b < replicates; b++) {
    const composite: (number | null)[] = [];
    for (let u = 0; u < 3; u++) {
      let wSum = 0;
      let weighted = 0;
      for (const g of r.agencyGroups) {
        const values = [...cellValues[u * 2 + g]!].sort((x, y) => x - y);
        const n = values.length;
        const drop = trimPerEnd(n, r.trim[g]);
        if (n - 2 * drop < r.minN[g]!) continue;
        const draws = Array.from({ length: n }, () => values[Math.floor(rng.next() * n)]!).sort(
          (x, y) => x - y,
        );
        const kept = draws.slice(drop, n - drop);
        wSum += r.weight[g]!;
        weighted += (r.weight[g]! * kept.reduce((s, x) => s + x, 0)) / kept.length;
      }
      composite.push(wSum === 0 ? null : weighted / wSum);
    }
    competitionRanks(composite).forEach((rank, u) => (out[u * replicates + b] = rank ?? 0));
  }
  return out;
}

describe('bootstrapRanks', () => {
  it('matches a direct resample-sort-trim-mean implementation draw for draw', () => {
    const cells = cellsOf();
    const before = cells.scores.slice();
    const boot = bootstrapRanks(cells, rule(), createRng(3), 300);
    const ref = reference(300, 3);
    // trimmed sums are added in a different order: compare ranks, which absorb 1e-9 noise
    expect(boot).toEqual(ref);
    expect(cells.scores).toEqual(before); // input untouched
    // every unit is ranked in every replicate, ranks in 1..3
    expect(boot.every((r) => r >= 1 && r <= 3)).toBe(true);
  });

  it('returns nothing to rank for 0 replicates', () => {
    expect(bootstrapRanks(cellsOf(), rule(), createRng(1), 0)).toHaveLength(0);
  });
});
