/**
 * Online survey (网络调查): civil servants rating their own agency (机关干部), the same civil
 * servants rating the evaluation firm (第三方评估机构), and the public (社会公众).
 */
import type { Rng } from '../random.js';
import { CADRE_COMMENTS, FIRM_COMMENTS, serviceComment } from './comments.js';
import {
  clamp,
  HOUR,
  instant,
  meanRating,
  rateTarget,
  respondentKey,
  SECOND,
  type Answer,
  type DemoResponse,
  type RateOptions,
} from './model.js';
import { commentItem, ratingItems, type GroupCode } from './questionnaire.js';
import { INVALID_KINDS, type UnitPlan } from './service.js';

const YEAR = 2020;
const CADRE_ITEMS = ratingItems('cadre');
const FIRM_ITEMS = ratingItems('firm');
const PUBLIC_ITEMS = ratingItems('public');

function online(
  group: GroupCode,
  respondentUnit: string,
  key: string,
  t: number,
  dur: number,
  answers: Answer[],
): DemoResponse {
  return {
    prefix: 'O',
    channel: 'online',
    group,
    respondentUnit,
    respondentKey: key,
    durationS: dur,
    submittedMs: t,
    answers,
  };
}

const laterBy = (rng: Rng, t: number, maxHours: number): number =>
  t + rng.int(1, maxHours) * HOUR + rng.int(0, 3599) * SECOND;

/**
 * Civil servants: exactly `perUnit` valid per agency rating their own agency, a few invalid ones,
 * and each valid one also rating the evaluation firm right afterwards.
 */
export function cadreAndFirmResponses(rng: Rng, units: readonly UnitPlan[], perUnit: number): DemoResponse[] {
  const out: DemoResponse[] = [];
  const when = (): number => instant(rng, YEAR, [11, 2], [12, 11], [8.5, 22]);
  const duration = (): number => Math.round(clamp(rng.normal(260, 80), 70, 900));
  const cadre = (u: UnitPlan, key: string, t: number, dur: number, opts: RateOptions = {}): DemoResponse => {
    const straight = rng.bool(0.12) ? { straight: 5 } : {};
    const answers = rateTarget(rng, u.code, CADRE_ITEMS, u.level + 0.1 + rng.normal(0, 0.15), {
      ...straight,
      ...opts,
    });
    if (rng.bool(0.15))
      answers.push({ target: u.code, item: commentItem('cadre').code, value: rng.pick(CADRE_COMMENTS) });
    const r = online('cadre', u.code, key, t, dur, answers);
    out.push(r);
    return r;
  };
  const firm = (key: string, t: number, dur: number, opts: RateOptions = {}): DemoResponse => {
    const answers = rateTarget(rng, '', FIRM_ITEMS, 0.8 + rng.normal(0, 0.15), opts);
    if (rng.bool(0.08))
      answers.push({ target: '', item: commentItem('firm').code, value: rng.pick(FIRM_COMMENTS) });
    const r = online('firm', '', key, t, dur, answers);
    out.push(r);
    return r;
  };
  const firmDuration = (): number => Math.round(clamp(rng.normal(75, 25), 32, 300));
  const valid: DemoResponse[] = [];
  for (const u of units) {
    for (let k = 0; k < perUnit; k++) {
      const r = cadre(u, respondentKey(`token:${u.code}:${k}`), when(), duration());
      valid.push(r);
      // the firm questionnaire follows the agency one
      firm(r.respondentKey, r.submittedMs + ((r.durationS ?? 0) + rng.int(5, 90)) * SECOND, firmDuration());
    }
  }
  if (units.length === 0) return out;
  const firmValid = out.filter((r) => r.group === 'firm');
  const nInvalid = Math.max(3, Math.round(units.length / 7));
  for (let k = 0; k < nInvalid; k++) {
    const kind = INVALID_KINDS[k % INVALID_KINDS.length];
    const u = rng.pick(units);
    const extraKey = respondentKey(`token:${u.code}:${perUnit + k}`);
    if (kind === 'too_fast') cadre(u, extraKey, when(), rng.int(8, 29));
    else if (kind === 'incomplete') cadre(u, extraKey, when(), duration(), { omit: 1 });
    else {
      const own = valid.filter((r) => r.respondentUnit === u.code);
      const orig = own.length > 0 ? rng.pick(own) : undefined;
      if (orig) cadre(u, orig.respondentKey, laterBy(rng, orig.submittedMs, 48), duration());
    }
    // firm questionnaire: the same kinds of flaws
    if (kind === 'too_fast') firm(respondentKey(`token:firm:${k}`), when(), rng.int(6, 29));
    else if (kind === 'incomplete')
      firm(respondentKey(`token:firm:${k}`), when(), firmDuration(), { omit: 1 });
    else if (firmValid.length > 0) {
      const orig = rng.pick(firmValid);
      firm(orig.respondentKey, laterBy(rng, orig.submittedMs, 24), firmDuration());
    }
  }
  return out;
}

/** Picks k distinct indices, each draw weighted by weights (without replacement). */
function sampleDistinct(rng: Rng, weights: readonly number[], k: number): number[] {
  const w = [...weights];
  const out: number[] = [];
  while (out.length < k && w.some((x) => x > 0)) {
    const i = rng.weighted(w);
    out.push(i);
    w[i] = 0;
  }
  return out.sort((a, b) => a - b);
}

/** The public (社会公众): open-link respondents each rating a few agencies they know. */
export function publicResponses(rng: Rng, units: readonly UnitPlan[], count: number): DemoResponse[] {
  if (units.length === 0) return [];
  const out: DemoResponse[] = [];
  const weights = units.map((u) => (u.hasWindow ? 3 : 1));
  const comment = commentItem('public').code;
  const make = (key: string, t: number | null, durFast: boolean, incomplete: boolean): DemoResponse => {
    const targets = sampleDistinct(rng, weights, rng.int(2, Math.min(5, units.length)));
    const straight = rng.bool(0.04) ? { straight: rng.bool(0.8) ? 5 : 1 } : {};
    const omitAt = incomplete ? rng.int(0, targets.length - 1) : -1;
    const answers: Answer[] = [];
    let worst: { u: UnitPlan; mean: number } | undefined;
    targets.forEach((ti, j) => {
      const u = units[ti] as UnitPlan;
      const a = rateTarget(rng, u.code, PUBLIC_ITEMS, u.level - 0.04 + rng.normal(0, 0.2), {
        ...straight,
        ...(j === omitAt ? { omit: 1 } : {}),
      });
      const mean = meanRating(a);
      if (!worst || mean < worst.mean) worst = { u, mean };
      answers.push(...a);
    });
    if (worst && rng.bool(0.28)) {
      answers.push({
        target: worst.u.code,
        item: comment,
        value: serviceComment(rng, worst.mean, worst.u.themes),
      });
    }
    const dur = durFast
      ? rng.int(8, 29)
      : Math.round(clamp(rng.normal(50 + 45 * targets.length, 40), 40, 1200));
    const r = online('public', '', key, t ?? instant(rng, YEAR, [10, 12], [12, 11], [7, 23.5]), dur, answers);
    out.push(r);
    return r;
  };
  for (let i = 0; i < count; i++)
    make(rng.bool(0.95) ? respondentKey(`openid:${i}`) : '', null, false, false);
  const keyed = out.filter((r) => r.respondentKey !== '');
  const nInvalid = Math.max(3, Math.round(count * 0.05));
  for (let k = 0; k < nInvalid; k++) {
    const kind = INVALID_KINDS[k % INVALID_KINDS.length];
    const key = respondentKey(`openid:x${k}`);
    if (kind === 'too_fast') make(key, null, true, false);
    else if (kind === 'incomplete') make(key, null, false, true);
    else if (keyed.length > 0) {
      const orig = rng.pick(keyed);
      make(orig.respondentKey, laterBy(rng, orig.submittedMs, 72), false, false);
    }
  }
  return out;
}
