/**
 * Why one response is (in)valid (数据质量 drill-down): the verdict of each SPEC §5.1 rule with
 * the values that decided it. The verdicts come from the rules themselves (scan.ts and
 * response-reasons.ts, run on a small table holding the response and the responses sharing its
 * respondent key); this module only reads back the values those rules compared, from the same
 * scoring plan: the duration and the channel's minimum, the required items missing per rated
 * agency, the response that came first with the same key, the one value of a straight line.
 */
import {
  REASON_DUPLICATE,
  REASON_INCOMPLETE,
  REASON_STRAIGHTLINE,
  REASON_TOO_FAST,
} from './analysis-types.js';
import { CHANNELS, type AssessmentConfig } from './config.js';
import { comesFirst } from './response-reasons.js';
import {
  equalAt,
  responseTableFrom,
  stringAt,
  VALUE_BLANK,
  type PlainResponse,
  type ResponseTable,
} from './response-table.js';
import { scanResponses } from './scan.js';
import { makeScoringPlan, type ScoringPlan } from './scoring-plan.js';
import { reasonCodes } from './validity.js';

export interface ValidityExplanation {
  responseId: string;
  channel: string;
  group: string;
  valid: boolean;
  /** reason codes (SPEC §4.6 order), as the rules decide them now */
  reasons: string[];
  tooFast: { triggered: boolean; durationS: number | null; minimumS: number | null };
  incomplete: {
    triggered: boolean;
    /** the group's required items */
    required: string[];
    /** each rated agency (null: the firm) lacking an answer to a required item, and which */
    targets: { unit: string | null; missing: string[] }[];
  };
  duplicate: {
    triggered: boolean;
    /** the response with the same respondent key that came first (when this one is not it) */
    firstResponseId: string | null;
    firstSubmittedAt: string | null;
    /** how many responses of the group share the key, this one included (0: no key) */
    sharing: number;
  };
  straightline: {
    triggered: boolean;
    /** whether a straight line makes the response invalid (validity.straightlineInvalid) */
    invalidating: boolean;
    /** rating answers counted (self-ratings dropped) and the check's minimum (0: no check) */
    ratings: number;
    minItems: number;
    /** the one value of every rating when they are all the same */
    value: number | null;
  };
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The rating answers of response i that the rules count: self-ratings dropped, 1..points only. */
function ratingValues(t: ResponseTable, plan: ScoringPlan, i: number): number[] {
  const g = t.group[i] as number;
  const ru = t.respondentUnit[i] as number;
  const self = plan.excludeSelf[g] === 1 && ru >= 0 ? ru : -2;
  const out: number[] = [];
  for (let a = t.answerStart[i] as number; a < (t.answerStart[i + 1] as number); a++) {
    const v = t.value[a] as number;
    if (t.target[a] === self || (plan.pair[g * plan.nItems + (t.item[a] as number)] as number) < 0) continue;
    if (v >= 1 && v <= plan.points) out.push(v);
  }
  return out;
}

/** Response i alone, keeping only its answers to target `tg`. */
function onlyTarget(t: ResponseTable, i: number, tg: number): ResponseTable {
  const answers: PlainResponse['answers'] = [];
  for (let a = t.answerStart[i] as number; a < (t.answerStart[i + 1] as number); a++)
    if (t.target[a] === tg)
      answers.push({ target: tg, item: t.item[a] as number, value: t.value[a] as number });
  return responseTableFrom([
    {
      responseId: stringAt(t.responseId, i),
      channel: t.channel[i] as number,
      group: t.group[i] as number,
      respondentUnit: t.respondentUnit[i],
      answers,
    },
  ]);
}

function incomplete(
  config: AssessmentConfig,
  units: readonly string[],
  t: ResponseTable,
  plan: ScoringPlan,
  i: number,
) {
  const g = t.group[i] as number;
  const required = Array.from(
    plan.requiredItems.subarray(plan.requiredStart[g] as number, plan.requiredStart[g + 1] as number),
  );
  const targets: ValidityExplanation['incomplete']['targets'] = [];
  const seen = new Set<number>();
  for (let a = t.answerStart[i] as number; a < (t.answerStart[i + 1] as number); a++) {
    const tg = t.target[a] as number;
    if (seen.has(tg)) continue;
    seen.add(tg);
    // the rule's verdict for this agency alone; self-ratings are dropped by the rule itself
    const sub = onlyTarget(t, i, tg);
    if (((scanResponses(sub, plan, false).validity.reasons[0] as number) & REASON_INCOMPLETE) === 0) continue;
    const answered = new Set<number>();
    for (let k = 0; k < sub.answerStart[1]!; k++)
      if (sub.value[k] !== VALUE_BLANK) answered.add(sub.item[k] as number);
    targets.push({
      unit: tg >= 0 && tg < units.length ? (units[tg] as string) : null,
      missing: required.filter((q) => !answered.has(q)).map((q) => config.items[q]!.code),
    });
  }
  return { required: required.map((q) => config.items[q]!.code), targets };
}

function duplicate(t: ResponseTable, i: number, submittedAt: readonly (string | null)[]) {
  let first = -1;
  let sharing = 0;
  if (t.respondentKey.offsets[i] === t.respondentKey.offsets[i + 1]) return { first, sharing };
  for (let j = 0; j < t.n; j++) {
    if (t.group[j] !== t.group[i] || !equalAt(t.respondentKey, j, t.respondentKey, i)) continue;
    sharing++;
    if (first < 0 || comesFirst(t, j, first)) first = j;
  }
  return {
    first,
    sharing,
    firstSubmittedAt: first >= 0 ? (submittedAt[first] ?? null) : null,
  };
}

/**
 * Explains response i of `t`. `t` must hold, besides it, every response of its group with the
 * same respondent key (the only others the duplicate rule compares it with); `units` are the
 * assessment's unit codes in the order the table's indices refer to; `submittedAt` the stored
 * submitted_at of each response of `t`.
 */
export function explainValidity(
  config: AssessmentConfig,
  units: readonly string[],
  t: ResponseTable,
  i: number,
  submittedAt: readonly (string | null)[] = [],
): ValidityExplanation {
  const plan = makeScoringPlan(config, units.length);
  const { validity } = scanResponses(t, plan, false);
  const bits = validity.reasons[i] as number;
  const ch = t.channel[i] as number;
  const ratings = ratingValues(t, plan, i);
  const inc = incomplete(config, units, t, plan, i);
  const dup = duplicate(t, i, submittedAt);
  const isDup = (bits & REASON_DUPLICATE) !== 0;
  return {
    responseId: stringAt(t.responseId, i),
    channel: CHANNELS[ch] ?? String(ch),
    group: config.groups[t.group[i] as number]?.code ?? '',
    valid: validity.valid[i] === 1,
    reasons: reasonCodes(bits),
    tooFast: {
      triggered: (bits & REASON_TOO_FAST) !== 0,
      durationS: finite(t.durationS[i] as number),
      minimumS: finite(plan.minDuration[ch] as number),
    },
    incomplete: { triggered: (bits & REASON_INCOMPLETE) !== 0, ...inc },
    duplicate: {
      triggered: isDup,
      firstResponseId: isDup && dup.first >= 0 ? stringAt(t.responseId, dup.first) : null,
      firstSubmittedAt: isDup ? (dup.firstSubmittedAt ?? null) : null,
      sharing: dup.sharing,
    },
    straightline: {
      triggered: (bits & REASON_STRAIGHTLINE) !== 0,
      invalidating: plan.straightlineInvalid,
      ratings: ratings.length,
      minItems: plan.straightlineMinItems,
      value: ratings.length > 0 && ratings.every((v) => v === ratings[0]) ? (ratings[0] as number) : null,
    },
  };
}
