/**
 * Weighted composite satisfaction score per agency (SPEC §5.4).
 */
import type { GroupStats } from './group-scores.js';
import type { ScoringPlan } from './scoring-plan.js';

/** z for a two-sided 95% interval, as SPEC §5.4 writes it. */
export const Z_975 = 1.959963985;

export interface Composite {
  composite: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  compositeRate: number | null;
}

/**
 * Composite of agency u over G_u, the agency groups with n_used ≥ max(minN, 1):
 * composite = Σ w_g·score_g / W (W = Σ w_g over G_u; null when G_u is empty or W = 0);
 * variance = Σ (w_g/W)²·sd_g²/n_used,g, CI = composite ± 1.959963985·√variance (null when a
 * group of positive weight has no sd, i.e. n_used = 1);
 * compositeRate = Σ w_g·rate_g / Σ w_g over the groups of G_u with a rate.
 * @example // service 80 (w 0.6, sd 10, n 4), peer 70 (w 0.4, sd 5, n 3): composite 76
 */
export function compositeOf(plan: ScoringPlan, st: GroupStats, u: number): Composite {
  let wSum = 0;
  let weighted = 0;
  let rateW = 0;
  let rateSum = 0;
  let sdMissing = false;
  for (const g of plan.agencyGroups) {
    const c = u * plan.nGroups + g;
    if ((st.nUsed[c] as number) < (plan.minN[g] as number)) continue;
    const w = plan.weight[g] as number;
    wSum += w;
    weighted += w * (st.score[c] as number);
    const rate = st.rate[c] as number;
    if (!Number.isNaN(rate)) {
      rateW += w;
      rateSum += w * rate;
    }
    if (w > 0 && Number.isNaN(st.sd[c])) sdMissing = true;
  }
  const compositeRate = rateW > 0 ? rateSum / rateW : null;
  if (wSum === 0) return { composite: null, ciLow: null, ciHigh: null, compositeRate };
  const composite = weighted / wSum;
  if (sdMissing) return { composite, ciLow: null, ciHigh: null, compositeRate };
  let variance = 0;
  for (const g of plan.agencyGroups) {
    const c = u * plan.nGroups + g;
    const n = st.nUsed[c] as number;
    const w = plan.weight[g] as number;
    if (n < (plan.minN[g] as number) || w === 0) continue;
    const share = w / wSum;
    const sd = st.sd[c] as number;
    variance += (share * share * sd * sd) / n;
  }
  const half = Z_975 * Math.sqrt(variance);
  return { composite, ciLow: composite - half, ciHigh: composite + half, compositeRate };
}
