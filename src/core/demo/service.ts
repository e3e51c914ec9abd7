/**
 * The 服务对象 (service recipients) group: phone call-backs (电话回访) and service-hall intercepts
 * (行政服务大厅随机拦截访问), with their invalid responses.
 */
import type { Rng } from '../random.js';
import { serviceComment } from './comments.js';
import {
  clamp,
  DAY,
  HOUR,
  instant,
  meanRating,
  notSunday,
  type PhonePool,
  rateTarget,
  respondentKey,
  SECOND,
  workday,
  type Answer,
  type DemoResponse,
} from './model.js';
import { commentItem, ratingItems, type DemoItem } from './questionnaire.js';

export interface UnitPlan {
  code: string;
  name: string;
  category: string;
  hasWindow: boolean;
  /** the agency's level, 0 weak … 1 strong */
  level: number;
  weak: boolean;
  /** indices into COMPLAINTS this agency is known for */
  themes: number[];
}

/** A completed or partial phone interview, for the call-back sample (cases). */
export interface PhoneContact {
  unit: string;
  phone: string;
  complete: boolean;
}

export type InvalidKind = 'too_fast' | 'duplicate' | 'incomplete';
export const INVALID_KINDS: readonly InvalidKind[] = ['too_fast', 'duplicate', 'incomplete'];

const YEAR = 2020;
const SERVICE_ITEMS = ratingItems('service');
const NO_WINDOW_ITEMS = SERVICE_ITEMS.map((it): DemoItem => (it.code === 'S7' ? { ...it, dk: 0.3 } : it));
const COMMENT = commentItem('service').code;

interface Draw {
  p: number;
  straight?: number;
  omit?: number;
}

function serviceAnswers(
  rng: Rng,
  unit: UnitPlan,
  d: Draw,
  items: readonly DemoItem[],
  commentP: number,
): Answer[] {
  const opts = { ...(d.straight ? { straight: d.straight } : {}), ...(d.omit ? { omit: d.omit } : {}) };
  const answers = rateTarget(rng, unit.code, items, d.p, opts);
  if (rng.bool(commentP)) {
    answers.push({
      target: unit.code,
      item: COMMENT,
      value: serviceComment(rng, meanRating(answers), unit.themes),
    });
  }
  return answers;
}

const straightValue = (rng: Rng): number => (rng.bool(0.75) ? 5 : rng.bool(0.7) ? 4 : 1);

/** Phone call-backs: at least `quota` valid per agency, plus a few invalid ones. */
export function phoneResponses(
  rng: Rng,
  units: readonly UnitPlan[],
  phones: PhonePool,
  level: readonly number[],
  quota: number,
): { responses: DemoResponse[]; contacts: PhoneContact[] } {
  const responses: DemoResponse[] = [];
  const contacts: PhoneContact[] = [];
  let kindCounter = 0;
  units.forEach((unit, u) => {
    const items = unit.hasWindow ? SERVICE_ITEMS : NO_WINDOW_ITEMS;
    const base = level[u] ?? unit.level;
    const make = (phone: string, submittedMs: number, durationS: number, d: Draw): DemoResponse => ({
      prefix: 'P',
      channel: 'phone',
      group: 'service',
      respondentUnit: '',
      respondentKey: respondentKey(`phone:${phone}`),
      durationS,
      submittedMs,
      answers: serviceAnswers(rng, unit, d, items, 0.18),
    });
    const when = (): number => instant(rng, YEAR, [10, 9], [11, 27], [9, 20.5], notSunday);
    const duration = (): number => Math.round(clamp(rng.normal(330, 90), 75, 900));
    const draw = (): Draw => ({
      p: base + rng.normal(0, 0.18),
      ...(rng.bool(0.03) ? { straight: straightValue(rng) } : {}),
    });
    const valid: DemoResponse[] = [];
    const phoneOf = new Map<DemoResponse, string>();
    const nValid = quota + (rng.bool(0.15) ? 1 : 0);
    for (let k = 0; k < nValid; k++) {
      const phone = phones.next();
      const r = make(phone, when(), duration(), draw());
      valid.push(r);
      phoneOf.set(r, phone);
      contacts.push({ unit: unit.code, phone, complete: true });
    }
    responses.push(...valid);
    const nInvalid = rng.int(0, 2) + (unit.weak ? 1 : 0);
    for (let k = 0; k < nInvalid; k++) {
      const kind = INVALID_KINDS[kindCounter++ % INVALID_KINDS.length];
      if (kind === 'duplicate' && valid.length > 0) {
        // the same person in the service records twice, called back twice
        const orig = rng.pick(valid);
        const phone = phoneOf.get(orig) ?? phones.next();
        const t = orig.submittedMs + rng.int(2, 72) * HOUR + rng.int(0, 3599) * SECOND;
        responses.push(make(phone, t, duration(), draw()));
        contacts.push({ unit: unit.code, phone, complete: true });
      } else if (kind === 'too_fast') {
        const phone = phones.next();
        responses.push(make(phone, when(), rng.int(18, 58), { p: base + rng.normal(0, 0.25) }));
        contacts.push({ unit: unit.code, phone, complete: true });
      } else {
        // break-off after a few questions: saved as a partial interview (AAPOR 1.2)
        const phone = phones.next();
        const r = make(phone, when(), rng.int(70, 200), { p: base + rng.normal(-0.1, 0.2) });
        r.answers = r.answers.filter((a) => a.item !== COMMENT).slice(0, rng.int(3, items.length - 2));
        responses.push(r);
        contacts.push({ unit: unit.code, phone, complete: false });
      }
    }
  });
  return { responses, contacts };
}

/** Splits `total` over weights by largest remainder (exact sum). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  const order = raw.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  let left = total - out.reduce((s, x) => s + x, 0);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
  }
  return out;
}

/** Service-hall intercepts: exactly `total` valid ones over the agencies with a window, plus invalid ones. */
export function interceptResponses(
  rng: Rng,
  units: readonly UnitPlan[],
  phones: PhonePool,
  level: readonly number[],
  total: number,
  phoneResps: readonly DemoResponse[],
): DemoResponse[] {
  const hall = units.map((u, i) => ({ unit: u, base: level[i] ?? u.level })).filter((x) => x.unit.hasWindow);
  if (hall.length === 0) return [];
  const counts = apportion(
    total,
    hall.map(() => 0.4 + rng.next() * 1.6),
  );
  const out: DemoResponse[] = [];
  const byUnit = new Map<string, DemoResponse[]>();
  const make = (h: (typeof hall)[number], key: string, t: number, dur: number, d: Draw): DemoResponse => {
    const r: DemoResponse = {
      prefix: 'I',
      channel: 'intercept',
      group: 'service',
      respondentUnit: '',
      respondentKey: key,
      durationS: dur,
      submittedMs: t,
      answers: serviceAnswers(rng, h.unit, d, SERVICE_ITEMS, 0.22),
    };
    out.push(r);
    return r;
  };
  const when = (): number => instant(rng, YEAR, [10, 9], [11, 27], [9, 17], workday);
  const duration = (): number => Math.round(clamp(rng.normal(170, 50), 45, 480));
  const newKey = (): string => (rng.bool(0.7) ? respondentKey(`phone:${phones.next()}`) : '');
  hall.forEach((h, i) => {
    const list: DemoResponse[] = [];
    for (let k = 0; k < (counts[i] ?? 0); k++) {
      const straight = rng.bool(0.03) ? { straight: straightValue(rng) } : {};
      list.push(
        make(h, newKey(), when(), duration(), { p: h.base + 0.03 + rng.normal(0, 0.18), ...straight }),
      );
    }
    byUnit.set(h.unit.code, list);
  });
  const nInvalid = Math.max(3, Math.round(total * 0.05));
  for (let k = 0; k < nInvalid; k++) {
    const kind = INVALID_KINDS[k % INVALID_KINDS.length];
    const h = rng.pick(hall);
    const d: Draw = { p: h.base + rng.normal(0, 0.2) };
    if (kind === 'too_fast') make(h, newKey(), when(), rng.int(8, 29), d);
    else if (kind === 'incomplete') make(h, newKey(), when(), duration(), { ...d, omit: 1 });
    else {
      // a recipient interviewed in the hall after an earlier interview (in the hall or by phone)
      const pool = (rng.bool(0.35) ? phoneResps.filter((r) => r.answers[0]?.target === h.unit.code) : [])
        .concat(byUnit.get(h.unit.code) ?? [])
        .filter((r) => r.respondentKey !== '');
      if (pool.length === 0) continue;
      const orig = rng.pick(pool);
      const t = orig.submittedMs + rng.int(1, 3) * DAY + rng.int(-7200, 7200) * SECOND;
      make(h, orig.respondentKey, t, duration(), d);
    }
  }
  return out;
}
