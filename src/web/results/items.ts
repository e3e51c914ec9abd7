/**
 * Item diagnostics of one agency: each item's score against that item's mean over all agencies
 * (the unweighted mean of the agencies' item scores in the same group), weakest first.
 */
import { isNum } from './format';
import type { Row } from './rows';

export interface ItemDiagnostic {
  group: string;
  item: string;
  n: number | null;
  score: number;
  mean: number;
  /** score − mean: negative when the agency is below the all-agency mean */
  diff: number;
}

const key = (r: Row) => `${String(r.group)}\u0000${String(r.item)}`;

export function itemDiagnostics(own: readonly Row[], all: readonly Row[]): ItemDiagnostic[] {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const r of all) {
    if (!isNum(r.score)) continue;
    const s = sums.get(key(r)) ?? { sum: 0, n: 0 };
    s.sum += r.score;
    s.n += 1;
    sums.set(key(r), s);
  }
  const out: ItemDiagnostic[] = [];
  for (const r of own) {
    const s = sums.get(key(r));
    if (!isNum(r.score) || !s) continue;
    const mean = s.sum / s.n;
    out.push({
      group: String(r.group),
      item: String(r.item),
      n: isNum(r.n) ? r.n : null,
      score: r.score,
      mean,
      diff: r.score - mean,
    });
  }
  return out.sort((a, b) => a.diff - b.diff || a.item.localeCompare(b.item));
}

/**
 * The same diagnostics from the all-agency means the server serves with the unit view
 * (UnitResults.itemMeans), for pages that may not read the other agencies' rows (the portal).
 */
export function itemDiagnosticsFromMeans(
  own: readonly Row[],
  means: readonly { group: string; item: string; mean: number }[],
): ItemDiagnostic[] {
  const of = new Map(means.map((m) => [`${m.group}\u0000${m.item}`, m.mean]));
  const out: ItemDiagnostic[] = [];
  for (const r of own) {
    const mean = of.get(key(r));
    if (!isNum(r.score) || mean === undefined) continue;
    out.push({
      group: String(r.group),
      item: String(r.item),
      n: isNum(r.n) ? r.n : null,
      score: r.score,
      mean,
      diff: r.score - mean,
    });
  }
  return out.sort((a, b) => a.diff - b.diff || a.item.localeCompare(b.item));
}
