/**
 * The single pass over every answer (SPEC §5.1–§5.3): decides each response's validity and, for
 * valid responses, collects the respondent scores r(i,u) and the counts of rating values that
 * every later table is computed from. Works on the typed arrays of the ResponseTable only: no
 * object per answer, per-response scratch reset by stamping instead of clearing.
 */
import {
  REASON_DUPLICATE,
  REASON_INCOMPLETE,
  REASON_STRAIGHTLINE,
  REASON_TOO_FAST,
  type Validity,
} from './analysis-types.js';
import { markResponseLevelReasons } from './response-reasons.js';
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

/** A target value no answer has (targets are ≥ −1; a non-excluding `self` is −2). */
const NO_TARGET = -3;

/**
 * Runs the pass. With `accumulate` false only validity is computed (ScanResult's other arrays
 * are empty).
 */
export function scanResponses(t: ResponseTable, plan: ScoringPlan, accumulate: boolean): ScanResult {
  const { nUnits, nGroups, nItems, nPairs, points, score, excludeSelf } = plan;
  const { requiredStart, requiredItems, requiredBit, requiredMask } = plan;
  const n = t.n;
  const reasons = new Uint8Array(n);
  const valid = new Uint8Array(n);
  markResponseLevelReasons(t, plan.minDuration, reasons);
  const invalidMask =
    REASON_INCOMPLETE |
    REASON_TOO_FAST |
    REASON_DUPLICATE |
    (plan.straightlineInvalid ? REASON_STRAIGHTLINE : 0);
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

  const ratingCounts = new Int32Array(accumulate ? nSlots * nPairs * p1 : 0);
  const nCells = nSlots * nGroups;
  const cellCount = new Int32Array(accumulate ? nCells : 0);
  let pending = new Float64Array(accumulate ? n + 1024 : 0);
  let pendingCell = new Int32Array(pending.length);
  let nPending = 0;

  const { answerStart, target, item, value, group, respondentUnit } = t;
  for (let i = 0; i < n; i++) {
    const stamp = i + 1;
    const g = group[i] as number;
    const self =
      excludeSelf[g] === 1 && (respondentUnit[i] as number) >= 0 ? (respondentUnit[i] as number) : -2;
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
    // The running sum of the current target is kept in locals and flushed when the target
    // changes: answers of one target are usually contiguous, so this avoids a load and a store
    // per answer.
    let curTarget = NO_TARGET;
    let curSlot = 0;
    let curSum = 0;
    let curCount = 0;
    let curMask = 0;
    let answeredBase = 0;
    let countBase = 0;
    for (let a = a0; a < a1; a++) {
      const tg = target[a] as number;
      if (tg !== curTarget) {
        if (tg === self) continue;
        slotSum[curSlot]! += curSum;
        slotCount[curSlot]! += curCount;
        slotMask[curSlot]! |= curMask;
        curSum = 0;
        curCount = 0;
        curMask = 0;
        curTarget = tg;
        curSlot = tg < 0 || tg >= nUnits ? nUnits : tg;
        if (slotStamp[curSlot] !== stamp) {
          slotStamp[curSlot] = stamp;
          slotSum[curSlot] = 0;
          slotCount[curSlot] = 0;
          slotMask[curSlot] = 0;
          touched[nTouched++] = curSlot;
        }
        answeredBase = curSlot * nItems;
        countBase = curSlot * nPairs * p1;
      }
      const v = value[a] as number;
      const it = item[a] as number;
      if (v !== blank) {
        if (fullMask !== 0) curMask |= requiredBit[pairRow + it] as number;
        else if (stampAnswered) answeredStamp[answeredBase + it] = stamp;
      }
      const off = pairOffset[pairRow + it] as number;
      if (off < 0 || v - 1 >= points || v === 0) continue;
      // a rating answer
      curSum += score[v] as number;
      curCount++;
      if (slCount++ === 0) slValue = v;
      slDiff |= v ^ slValue;
      if (accumulate) ratingCounts[countBase + off + v]!++;
    }
    slotSum[curSlot]! += curSum;
    slotCount[curSlot]! += curCount;
    slotMask[curSlot]! |= curMask;

    let r = reasons[i] as number;
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
    reasons[i] = r;
    const ok = (r & invalidMask) === 0;
    valid[i] = ok ? 1 : 0;
    if (!accumulate) continue;

    if (ok) {
      for (let k = 0; k < nTouched; k++) {
        const slot = touched[k] as number;
        const c = slotCount[slot] as number;
        if (c === 0) continue;
        if (nPending === pending.length) {
          const grown = new Float64Array(pending.length * 2);
          grown.set(pending);
          pending = grown;
          const grownCell = new Int32Array(grown.length);
          grownCell.set(pendingCell);
          pendingCell = grownCell;
        }
        const cell = slot * nGroups + g;
        pending[nPending] = (slotSum[slot] as number) / c;
        pendingCell[nPending++] = cell;
        cellCount[cell]!++;
      }
    } else if (slCount > 0) {
      // take back the counts of an invalid response (cheaper than a second pass for valid ones)
      for (let a = a0; a < a1; a++) {
        const tg = target[a] as number;
        if (tg === self) continue;
        const v = value[a] as number;
        const off = pairOffset[pairRow + (item[a] as number)] as number;
        if (off < 0 || v - 1 >= points || v === 0) continue;
        const slot = tg < 0 || tg >= nUnits ? nUnits : tg;
        ratingCounts[slot * nPairs * p1 + off + v]!--;
      }
    }
  }

  const cellStart = new Int32Array(accumulate ? nCells + 1 : 0);
  const scores = new Float64Array(nPending);
  if (accumulate) {
    for (let c = 0; c < nCells; c++) cellStart[c + 1] = (cellStart[c] as number) + (cellCount[c] as number);
    const fill = cellStart.slice(0, nCells);
    for (let k = 0; k < nPending; k++) scores[fill[pendingCell[k] as number]!++] = pending[k] as number;
  }
  return { validity: { valid, reasons }, cellStart, scores, ratingCounts };
}
