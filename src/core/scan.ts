/**
 * The single pass over every answer (SPEC §5.1–§5.3): decides each response's validity and, for
 * valid responses, collects the respondent scores r(i,u) and the counts of rating values that
 * every later table is computed from. Works on the typed arrays of the ResponseTable only: no
 * object per answer, per-response scratch reset by stamping instead of clearing.
 *
 * The pass is split so that it can run on several threads: scanRange() handles one range of
 * responses on its own (every rule but `duplicate`, which compares responses across the whole
 * table), markDuplicates() runs beside it, and finishScan() merges the ranges in response order
 * and takes back the duplicates a range had counted. scanResponses() does all three on one
 * thread; the result is the same, bit for bit, however the responses are split.
 */
import {
  REASON_DUPLICATE,
  REASON_INCOMPLETE,
  REASON_STRAIGHTLINE,
  REASON_TOO_FAST,
  type Validity,
} from './analysis-types.js';
import { markDuplicates } from './response-reasons.js';
import { VALUE_BLANK, type ResponseTable } from './response-table.js';
import type { ScoringPlan } from './scoring-plan.js';

/**
 * A target "slot" is the unit index, or nUnits for answers without a target agency (firm
 * groups). Cells are (slot, group): cell = slot * nGroups + group.
 */
export interface ScanResult {
  validity: Validity;
  /** respondent scores r(i,u) of the valid responses of cell c: scores[cellStart[c] .. cellStart[c+1]-1] */
  cellStart: Int32Array;
  scores: Float64Array;
  /**
   * Count of rating answers of valid responses (self-ratings dropped) per slot, group–item pair
   * (ScoringPlan.pair) and value: ratingCounts[(slot * nPairs + pair) * (points + 1) + v].
   */
  ratingCounts: Int32Array;
}

/** The columns of a ResponseTable that scanRange reads (a worker thread gets only these). */
export type ScanColumns = Pick<
  ResponseTable,
  'n' | 'channel' | 'group' | 'respondentUnit' | 'durationS' | 'answerStart' | 'target' | 'item' | 'value'
>;

/** What scanRange found in responses from .. to-1. */
export interface ScanPart {
  from: number;
  to: number;
  /** reasons[i - from]: every reason of response i but duplicate */
  reasons: Uint8Array;
  /**
   * The respondent scores of the range's responses valid so far (duplicates not yet known), in
   * response order: score pending[k] of cell pendingCell[k], from response pendingResp[k].
   */
  nPending: number;
  pending: Float64Array;
  pendingCell: Int32Array;
  pendingResp: Int32Array;
  /** pending entries per cell */
  cellCount: Int32Array;
  /** as ScanResult.ratingCounts, for the same responses */
  ratingCounts: Int32Array;
}

/** The reasons that make a response invalid under the plan. */
const invalidMaskOf = (plan: ScoringPlan): number =>
  REASON_INCOMPLETE |
  REASON_TOO_FAST |
  REASON_DUPLICATE |
  (plan.straightlineInvalid ? REASON_STRAIGHTLINE : 0);

/** The rater's own agency when its group drops self-ratings, else −2 (no target has it). */
function selfOf(t: ScanColumns, plan: ScoringPlan, i: number): number {
  const ru = t.respondentUnit[i] as number;
  return plan.excludeSelf[t.group[i] as number] === 1 && ru >= 0 ? ru : -2;
}

/** Takes the rating answers of response i back out of ratingCounts. */
function takeBackCounts(t: ScanColumns, plan: ScoringPlan, i: number, ratingCounts: Int32Array): void {
  const { nUnits, nItems, nPairs, points, pair } = plan;
  const p1 = points + 1;
  const g = t.group[i] as number;
  const self = selfOf(t, plan, i);
  const { target, item, value } = t;
  for (let a = t.answerStart[i] as number; a < (t.answerStart[i + 1] as number); a++) {
    const tg = target[a] as number;
    if (tg === self) continue;
    const v = value[a] as number;
    const p = pair[g * nItems + (item[a] as number)] as number;
    if (p < 0 || v - 1 >= points || v === 0) continue;
    const slot = tg < 0 || tg >= nUnits ? nUnits : tg;
    ratingCounts[(slot * nPairs + p) * p1 + v]!--;
  }
}

/**
 * The pass over responses from .. to-1: every validity rule but duplicate, and (with
 * `accumulate`) the respondent scores and rating counts of the responses valid by those rules.
 * With `accumulate` false the part's score arrays are empty.
 */
export function scanRange(
  t: ScanColumns,
  plan: ScoringPlan,
  from: number,
  to: number,
  accumulate: boolean,
): ScanPart {
  const { nUnits, nGroups, nItems, nPairs, points, score, minDuration } = plan;
  const { requiredStart, requiredItems, requiredBit, requiredMask } = plan;
  const reasons = new Uint8Array(to - from);
  const invalidMask = invalidMaskOf(plan);
  const slMin = plan.straightlineMinItems;
  // pairOffset[g * nItems + item] = pair · (points + 1), or −1: the offset of the pair's counts
  const pairOffset = plan.pair.map((p) => (p < 0 ? -1 : p * (points + 1)));
  const blank = VALUE_BLANK; // a local: module constants cost a context load in the hot loop

  const nSlots = nUnits + 1;
  const p1 = points + 1;
  // per-response scratch, valid while slotStamp[slot] === stamp
  const slotStamp = new Int32Array(nSlots);
  const slotSum = new Float64Array(nSlots);
  const slotCount = new Int32Array(nSlots);
  const slotMask = new Int32Array(nSlots);
  const touched = new Int32Array(nSlots);
  const answeredStamp = new Int32Array(plan.requiredItems.length > 0 ? nSlots * nItems : 0);

  // counted even without `accumulate`, which saves a test per answer
  const ratingCounts = new Int32Array(nSlots * nPairs * p1);
  const cellCount = new Int32Array(accumulate ? nSlots * nGroups : 0);
  let pending = new Float64Array(accumulate ? to - from + 1024 : 0);
  let pendingCell = new Int32Array(pending.length);
  let pendingResp = new Int32Array(pending.length);
  let nPending = 0;

  const { answerStart, target, item, value, group, channel, durationS } = t;
  for (let i = from; i < to; i++) {
    const stamp = i - from + 1;
    const g = group[i] as number;
    const self = selfOf(t, plan, i);
    const pairRow = g * nItems;
    const a0 = answerStart[i] as number;
    const a1 = answerStart[i + 1] as number;
    let nTouched = 0;
    let slCount = 0;
    let slValue = 0;
    let slDiff = 0; // non-zero once two rating values differ
    const q0 = requiredStart[g] as number;
    const q1 = requiredStart[g + 1] as number;
    const fullMask = requiredMask[g] as number;
    // required items tracked as bits (usual) or, past 30 of them, by stamping each answered item
    const stampAnswered = fullMask === 0 && q1 > q0;
    let a = a0;
    while (a < a1) {
      // A run of answers to one target (usually the whole response). Its sums stay in locals
      // and the loop over it is specialised by how required items are tracked: with few live
      // variables V8 keeps them in registers (about 10% faster than one loop with a branch per
      // target change).
      const tg = target[a] as number;
      let e = a + 1;
      while (e < a1 && target[e] === tg) e++;
      if (tg === self) {
        a = e;
        continue;
      }
      const slot = tg < 0 || tg >= nUnits ? nUnits : tg;
      if (slotStamp[slot] !== stamp) {
        slotStamp[slot] = stamp;
        slotSum[slot] = 0;
        slotCount[slot] = 0;
        slotMask[slot] = 0;
        touched[nTouched++] = slot;
      }
      const countBase = slot * nPairs * p1;
      const answeredBase = slot * nItems;
      let sum = 0;
      let count = 0;
      let mask = 0;
      if (!stampAnswered) {
        // required items as bits (requiredBit is 0 for every item of a group without any)
        for (; a < e; a++) {
          const v = value[a] as number;
          const k = pairRow + (item[a] as number);
          if (v !== blank) mask |= requiredBit[k] as number;
          const off = pairOffset[k] as number;
          if (off < 0 || v - 1 >= points || v === 0) continue;
          // a rating answer
          sum += score[v] as number;
          count++;
          if (slCount++ === 0) slValue = v;
          slDiff |= v ^ slValue;
          ratingCounts[countBase + off + v]!++;
        }
      } else {
        for (; a < e; a++) {
          const v = value[a] as number;
          const it = item[a] as number;
          if (v !== blank) answeredStamp[answeredBase + it] = stamp;
          const off = pairOffset[pairRow + it] as number;
          if (off < 0 || v - 1 >= points || v === 0) continue;
          sum += score[v] as number;
          count++;
          if (slCount++ === 0) slValue = v;
          slDiff |= v ^ slValue;
          ratingCounts[countBase + off + v]!++;
        }
      }
      slotSum[slot]! += sum;
      slotCount[slot]! += count;
      slotMask[slot]! |= mask;
    }

    // too_fast: strictly below the channel's minimum; NaN on either side compares false
    let r = (durationS[i] as number) < (minDuration[channel[i] as number] as number) ? REASON_TOO_FAST : 0;
    // incomplete: a rated target lacks an answer to a required item of the group
    if (fullMask !== 0) {
      for (let k = 0; k < nTouched; k++) {
        if (((slotMask[touched[k] as number] as number) & fullMask) !== fullMask) {
          r |= REASON_INCOMPLETE;
          break;
        }
      }
    } else if (stampAnswered) {
      check: for (let k = 0; k < nTouched; k++) {
        const base = (touched[k] as number) * nItems;
        for (let q = q0; q < q1; q++) {
          if (answeredStamp[base + (requiredItems[q] as number)] !== stamp) {
            r |= REASON_INCOMPLETE;
            break check;
          }
        }
      }
    }
    if (slMin > 0 && slCount >= slMin && slDiff === 0) r |= REASON_STRAIGHTLINE;
    reasons[i - from] = r;
    if (!accumulate) continue;

    if ((r & invalidMask) === 0) {
      for (let k = 0; k < nTouched; k++) {
        const slot = touched[k] as number;
        const c = slotCount[slot] as number;
        if (c === 0) continue;
        if (nPending === pending.length) {
          const size = pending.length * 2;
          pending = grow(pending, new Float64Array(size));
          pendingCell = grow(pendingCell, new Int32Array(size));
          pendingResp = grow(pendingResp, new Int32Array(size));
        }
        const cell = slot * nGroups + g;
        pending[nPending] = (slotSum[slot] as number) / c;
        pendingCell[nPending] = cell;
        pendingResp[nPending++] = i;
        cellCount[cell]!++;
      }
    } else if (slCount > 0) {
      // take back the counts of an invalid response (cheaper than a second pass for valid ones)
      takeBackCounts(t, plan, i, ratingCounts);
    }
  }
  return { from, to, reasons, nPending, pending, pendingCell, pendingResp, cellCount, ratingCounts };
}

function grow<T extends Float64Array | Int32Array>(old: T, bigger: T): T {
  bigger.set(old);
  return bigger;
}

/**
 * Merges the parts of a pass (covering 0 .. t.n-1 in order) with the duplicate rule: `reasons`
 * holds REASON_DUPLICATE (markDuplicates) for every response and receives every other reason; a
 * duplicate that a part had counted as valid is taken back out of the scores and counts.
 */
export function finishScan(
  t: ScanColumns,
  plan: ScoringPlan,
  parts: readonly ScanPart[],
  reasons: Uint8Array,
  accumulate: boolean,
): ScanResult {
  const n = t.n;
  let next = 0;
  for (const part of parts) {
    if (part.from !== next || part.to < part.from)
      throw new Error('scan parts must cover the responses in order');
    next = part.to;
  }
  if (next !== n || reasons.length !== n) throw new Error('scan parts must cover the responses in order');

  const invalidMask = invalidMaskOf(plan);
  const valid = new Uint8Array(n);
  const nCells = (plan.nUnits + 1) * plan.nGroups;
  const cellCount = new Int32Array(accumulate ? nCells : 0);
  const ratingCounts = new Int32Array(accumulate ? (plan.nUnits + 1) * plan.nPairs * (plan.points + 1) : 0);
  let nPending = 0;
  let takenBack = 0;
  for (const part of parts) {
    const { from, to } = part;
    const pr = part.reasons;
    for (let i = from; i < to; i++) {
      const own = pr[i - from] as number;
      const r = (reasons[i] as number) | own;
      reasons[i] = r;
      valid[i] = (r & invalidMask) === 0 ? 1 : 0;
      // counted by the part, but a duplicate
      if (accumulate && (own & invalidMask) === 0 && (r & REASON_DUPLICATE) !== 0) {
        takeBackCounts(t, plan, i, part.ratingCounts);
        takenBack++;
      }
    }
    if (!accumulate) continue;
    for (let c = 0; c < nCells; c++) cellCount[c]! += part.cellCount[c] as number;
    const rc = part.ratingCounts;
    for (let k = 0; k < ratingCounts.length; k++) ratingCounts[k]! += rc[k] as number;
    nPending += part.nPending;
  }

  if (!accumulate) {
    return {
      validity: { valid, reasons },
      cellStart: new Int32Array(0),
      scores: new Float64Array(0),
      ratingCounts,
    };
  }
  if (takenBack > 0) {
    for (const part of parts) {
      for (let k = 0; k < part.nPending; k++) {
        if (valid[part.pendingResp[k] as number] === 0) {
          cellCount[part.pendingCell[k] as number]!--;
          nPending--;
        }
      }
    }
  }
  const cellStart = new Int32Array(nCells + 1);
  for (let c = 0; c < nCells; c++) cellStart[c + 1] = (cellStart[c] as number) + (cellCount[c] as number);
  const scores = new Float64Array(nPending);
  const fill = cellStart.slice(0, nCells);
  for (const part of parts) {
    const { pending, pendingCell, pendingResp } = part;
    for (let k = 0; k < part.nPending; k++) {
      if (takenBack > 0 && valid[pendingResp[k] as number] === 0) continue;
      scores[fill[pendingCell[k] as number]!++] = pending[k] as number;
    }
  }
  return { validity: { valid, reasons }, cellStart, scores, ratingCounts };
}

/**
 * Runs the pass on this thread. With `accumulate` false only validity is computed (ScanResult's
 * other arrays are empty).
 */
export function scanResponses(t: ResponseTable, plan: ScoringPlan, accumulate: boolean): ScanResult {
  const reasons = new Uint8Array(t.n);
  markDuplicates(t, reasons);
  return finishScan(t, plan, [scanRange(t, plan, 0, t.n, accumulate)], reasons, accumulate);
}
