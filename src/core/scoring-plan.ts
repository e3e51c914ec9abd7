/**
 * Lookup tables derived once from the configuration, so the per-answer loops of the scoring
 * method only index typed arrays.
 */
import { CHANNELS, isFirmGroup, type AssessmentConfig } from './config.js';

/** Required items per group tracked as bits of an int32. */
export const MASK_BITS = 30;

export interface ScoringPlan {
  nUnits: number;
  nGroups: number;
  nItems: number;
  /** scale points k */
  points: number;
  /** m(v) for v = 1..points; NaN for every other code (DK, BLANK, TEXT) */
  score: Float64Array;
  satisfiedAtLeast: number;
  /** 1 when the group rates the evaluation firm */
  isFirm: Uint8Array;
  /** 1 when the group drops ratings of the rater's own agency (excludeSelf) */
  excludeSelf: Uint8Array;
  /** agency groups (not firm), in configuration order */
  agencyGroups: number[];
  /** weight w_g (0 for firm groups) */
  weight: Float64Array;
  /** max(minN ?? 1, 1) */
  minN: Int32Array;
  /**
   * Rating items asked of each group, numbered densely: pair[g * nItems + item] = the pair
   * number, or −1 when the item is text or not asked of g. Only such pairs are rating answers.
   */
  pair: Int32Array;
  nPairs: number;
  /** the pairs of group g are pairStart[g] .. pairStart[g+1]-1, in the order of ratingItemsOf[g] */
  pairStart: Int32Array;
  /** ratingItemsOf[g] = the rating items of g in configuration order (item indices) */
  ratingItemsOf: number[][];
  /** required items of group g: requiredItems[requiredStart[g] .. requiredStart[g+1]-1] */
  requiredStart: Int32Array;
  requiredItems: Int32Array;
  /**
   * For groups with at most MASK_BITS (30) required items: requiredBit[g * nItems + item] = the bit
   * of the item among g's required items (0 for other items), and requiredMask[g] = all of them;
   * requiredMask[g] = 0 when g has no required items or too many (then requiredItems is used).
   */
  requiredBit: Int32Array;
  requiredMask: Int32Array;
  /** minimum duration per channel index; NaN = no minimum */
  minDuration: Float64Array;
  /** straightlineMinItems, 0 = no check */
  straightlineMinItems: number;
  straightlineInvalid: boolean;
}

export function makeScoringPlan(config: AssessmentConfig, nUnits: number): ScoringPlan {
  const nGroups = config.groups.length;
  const nItems = config.items.length;
  const points = config.scale.points;
  const score = new Float64Array(256).fill(NaN);
  for (let v = 1; v <= points; v++) score[v] = config.scale.scores[String(v)] ?? NaN;

  const groupIndex = new Map(config.groups.map((g, i) => [g.code, i]));
  const isFirm = new Uint8Array(nGroups);
  const excludeSelf = new Uint8Array(nGroups);
  const weight = new Float64Array(nGroups);
  const minN = new Int32Array(nGroups);
  const agencyGroups: number[] = [];
  config.groups.forEach((g, i) => {
    isFirm[i] = isFirmGroup(g) ? 1 : 0;
    excludeSelf[i] = g.excludeSelf ? 1 : 0;
    weight[i] = isFirmGroup(g) ? 0 : (g.weight ?? 0);
    minN[i] = Math.max(g.minN ?? 1, 1);
    if (!isFirmGroup(g)) agencyGroups.push(i);
  });

  const pair = new Int32Array(nGroups * nItems).fill(-1);
  const ratingItemsOf: number[][] = config.groups.map(() => []);
  const required: number[][] = config.groups.map(() => []);
  let nPairs = 0;
  const pairStart = new Int32Array(nGroups + 1);
  for (let g = 0; g < nGroups; g++) {
    pairStart[g] = nPairs;
    config.items.forEach((it, i) => {
      if (!it.groups.some((code) => groupIndex.get(code) === g)) return;
      if (it.required) required[g]?.push(i);
      if (it.type === 'rating') {
        pair[g * nItems + i] = nPairs++;
        ratingItemsOf[g]?.push(i);
      }
    });
  }
  pairStart[nGroups] = nPairs;
  const requiredStart = new Int32Array(nGroups + 1);
  for (let g = 0; g < nGroups; g++)
    requiredStart[g + 1] = (requiredStart[g] as number) + (required[g]?.length ?? 0);
  const requiredItems = Int32Array.from(required.flat());
  const requiredBit = new Int32Array(nGroups * nItems);
  const requiredMask = new Int32Array(nGroups);
  required.forEach((items, g) => {
    if (items.length === 0 || items.length > MASK_BITS) return;
    items.forEach((it, k) => (requiredBit[g * nItems + it] = 1 << k));
    requiredMask[g] = (1 << items.length) - 1;
  });

  const minDuration = new Float64Array(CHANNELS.length).fill(NaN);
  CHANNELS.forEach((ch, i) => {
    const m = config.validity?.minDurationSeconds?.[ch];
    if (m !== undefined) minDuration[i] = m;
  });

  return {
    nUnits,
    nGroups,
    nItems,
    points,
    score,
    satisfiedAtLeast: config.scale.satisfiedAtLeast,
    isFirm,
    excludeSelf,
    agencyGroups,
    weight,
    minN,
    pair,
    nPairs,
    pairStart,
    ratingItemsOf,
    requiredStart,
    requiredItems,
    requiredBit,
    requiredMask,
    minDuration,
    straightlineMinItems: config.validity?.straightlineMinItems ?? 0,
    straightlineInvalid: config.validity?.straightlineInvalid ?? false,
  };
}
