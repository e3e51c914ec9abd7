/**
 * Ranks by composite (SPEC §5.5) and the tolerance used wherever two computed scores are
 * compared for equality.
 */

/**
 * Whether two computed scores are the same number up to floating-point noise from the order of
 * summation: |a − b| ≤ 1e-9·max(1, |a|, |b|).
 */
export function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Competition ranks ("1, 2, 2, 4") by value descending; null values are unranked. Values within
 * the tolerance of nearlyEqual of the first value of a run of ties share its rank (compared with
 * the run's first value, so ties do not chain).
 * @example competitionRanks([70, 90, null, 80, 90]) // [4, 1, null, 3, 1]
 */
export function competitionRanks(values: readonly (number | null)[]): (number | null)[] {
  const order: number[] = [];
  values.forEach((v, i) => {
    if (v !== null && !Number.isNaN(v)) order.push(i);
  });
  order.sort((i, j) => (values[j] as number) - (values[i] as number) || i - j);
  const ranks: (number | null)[] = values.map(() => null);
  let runValue = NaN;
  let runRank = 0;
  order.forEach((i, pos) => {
    const v = values[i] as number;
    if (pos === 0 || !nearlyEqual(v, runValue)) {
      runValue = v;
      runRank = pos + 1;
    }
    ranks[i] = runRank;
  });
  return ranks;
}

/**
 * Competition ranks within each category (same rules as competitionRanks).
 * @example ranksWithin(['a', 'b', 'a'], [50, 60, 70]) // [2, 1, 1]
 */
export function ranksWithin(
  categories: readonly string[],
  values: readonly (number | null)[],
): (number | null)[] {
  const members = new Map<string, number[]>();
  categories.forEach((c, i) => {
    let m = members.get(c);
    if (!m) members.set(c, (m = []));
    m.push(i);
  });
  const ranks: (number | null)[] = values.map(() => null);
  for (const idx of members.values()) {
    const r = competitionRanks(idx.map((i) => values[i] ?? null));
    idx.forEach((i, k) => (ranks[i] = r[k] ?? null));
  }
  return ranks;
}
