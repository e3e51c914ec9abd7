/**
 * Response validity (SPEC §5.1). A response is invalid with reason
 * - incomplete: for some target it rated (after dropping self-ratings), a required item of its
 *   group has no answer (DK, a rating and a text count as answers; a blank row does not);
 * - too_fast: duration_s < minDurationSeconds[channel], strictly;
 * - duplicate: an earlier response of the same group has the same non-empty respondent_key;
 * - straightline: at least straightlineMinItems rating answers, all the same value (a flag,
 *   invalidating only when straightlineInvalid).
 * The rules live in scan.ts (one pass shared with scoring) and response-reasons.ts.
 */
import { REASON_CODES, type AnalysisInput, type Validity } from './analysis-types.js';
import { scanResponses } from './scan.js';
import { makeScoringPlan } from './scoring-plan.js';

/**
 * Validity of every response of the input, in table order.
 * @example computeValidity(input).reasons[i] & REASON_TOO_FAST // non-zero when response i was too fast
 */
export function computeValidity(input: AnalysisInput): Validity {
  return scanResponses(input.responses, makeScoringPlan(input.config, input.units.length), false).validity;
}

/**
 * The reason codes of a reason bit set, in the order of SPEC §4.6.
 * @example reasonCodes(REASON_TOO_FAST | REASON_STRAIGHTLINE) // ['too_fast', 'straightline']
 */
export function reasonCodes(bits: number): string[] {
  const out: string[] = [];
  for (const [bit, code] of REASON_CODES) if (bits & bit) out.push(code);
  return out;
}
