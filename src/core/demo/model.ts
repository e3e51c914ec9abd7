/**
 * Building blocks of the demo generator: the in-memory response, the answer model, times in
 * China Standard Time, pseudo-hashed respondent keys and synthetic phone numbers.
 */
import type { Channel } from '../../core/config.js'; // not '../config.js', which the lint rule reserves for src/config.ts // not '../config.js', which the lint rule reserves for src/config.ts
import { hashString, type Rng } from '../random.js';
import type { DemoItem, GroupCode } from './questionnaire.js';

export interface Answer {
  /** unit code, '' for the firm group */
  target: string;
  item: string;
  /** '1'..'5', 'DK' or comment text */
  value: string;
}

export interface DemoResponse {
  prefix: 'P' | 'I' | 'O' | 'M';
  channel: Channel;
  group: GroupCode;
  respondentUnit: string;
  respondentKey: string;
  durationS: number | null;
  submittedMs: number;
  answers: Answer[];
}

export const SECOND = 1000;
export const HOUR = 3600 * SECOND;
export const DAY = 24 * HOUR;
const CST = 8 * HOUR;

/** Epoch milliseconds of a wall-clock time in China (UTC+08:00). */
export const cst = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number =>
  Date.UTC(y, mo - 1, d, h, mi, s) - CST;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** ISO 8601 with the +08:00 offset, e.g. 2020-10-12T09:31:05+08:00. */
export function isoCst(ms: number): string {
  const d = new Date(ms + CST);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`
  );
}

/** YYYY-MM-DD of an instant, in China. */
export const dateCst = (ms: number): string => isoCst(ms).slice(0, 10);

/**
 * A random instant between two dates (inclusive, as [month, day] of `year`), at a time of day
 * between hours[0] and hours[1]; `days` filters the weekday (0 = Sunday).
 */
const anyDay = (): boolean => true;
const dayCache = new WeakMap<(weekday: number) => boolean, Map<string, number[]>>();

/** Midnights (China time) of the days from..to of `year` whose weekday passes `days`. */
function candidateDays(
  year: number,
  from: readonly [number, number],
  to: readonly [number, number],
  days: (weekday: number) => boolean,
): number[] {
  let byRange = dayCache.get(days);
  if (!byRange) dayCache.set(days, (byRange = new Map<string, number[]>()));
  const key = `${year}-${from[0]}-${from[1]}-${to[0]}-${to[1]}`;
  const hit = byRange.get(key);
  if (hit) return hit;
  const first = cst(year, from[0], from[1]);
  const n = Math.round((cst(year, to[0], to[1]) - first) / DAY) + 1;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const day = first + i * DAY;
    // 1970-01-01 was a Thursday (4)
    if (days((Math.floor((day + CST) / DAY) + 4) % 7)) out.push(day);
  }
  if (out.length === 0) out.push(first);
  byRange.set(key, out);
  return out;
}

/**
 * A random instant between two dates (inclusive, as [month, day] of `year`), at a time of day
 * between hours[0] and hours[1]; `days` filters the weekday (0 = Sunday).
 */
export function instant(
  rng: Rng,
  year: number,
  from: readonly [number, number],
  to: readonly [number, number],
  hours: readonly [number, number],
  days: (weekday: number) => boolean = anyDay,
): number {
  const day = rng.pick(candidateDays(year, from, to, days));
  const seconds = Math.floor((hours[0] + rng.next() * (hours[1] - hours[0])) * 3600);
  return day + seconds * SECOND;
}
export const workday = (w: number): boolean => w >= 1 && w <= 5;
export const notSunday = (w: number): boolean => w !== 0;

/** A deterministic pseudo-hash standing in for a hashed phone number or token: `h:` + 16 hex. */
export const respondentKey = (s: string): string =>
  `h:${hashString(s, 1).toString(16).padStart(8, '0')}${hashString(s, 2).toString(16).padStart(8, '0')}`;

/** Synthetic mobile numbers (13 + 9 digits), never the same twice from one pool. */
export class PhonePool {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Rng) {}
  next(): string {
    for (;;) {
      const p = `13${String(this.rng.int(0, 999_999_999)).padStart(9, '0')}`;
      if (!this.used.has(p)) {
        this.used.add(p);
        return p;
      }
    }
  }
}

export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** Distribution of ratings 1..5 for a weak (level 0) and a strong (level 1) agency. */
const WEAK = [0.12, 0.18, 0.25, 0.28, 0.17];
const STRONG = [0.005, 0.012, 0.048, 0.3, 0.635];

/** A rating 1..5 at level p (0 weak … 1 strong). Both tables sum to 1, so their blends do too. */
export function rating(rng: Rng, p: number): number {
  const q = clamp(p, 0, 1);
  let r = rng.next();
  for (let i = 0; i < 4; i++) {
    const w = WEAK[i] as number;
    r -= w + ((STRONG[i] as number) - w) * q;
    if (r < 0) return i + 1;
  }
  return 5;
}

export interface RateOptions {
  /** every item gets this value, no DK (a straightliner) */
  straight?: number;
  /** leave out this many items (a required item missing) */
  omit?: number;
  /** multiplier of each item's DK probability */
  dkFactor?: number;
}

/** The answers to the rating items for one target at level p. */
export function rateTarget(
  rng: Rng,
  target: string,
  items: readonly DemoItem[],
  p: number,
  opts: RateOptions = {},
): Answer[] {
  const out: Answer[] = items.map((it) => {
    if (opts.straight !== undefined) return { target, item: it.code, value: String(opts.straight) };
    if (rng.bool(it.dk * (opts.dkFactor ?? 1))) return { target, item: it.code, value: 'DK' };
    return { target, item: it.code, value: String(rating(rng, p + it.shift)) };
  });
  for (let k = 0; k < (opts.omit ?? 0) && out.length > 1; k++) out.splice(rng.int(0, out.length - 1), 1);
  return out;
}

/** Mean of the non-DK ratings among answers (3 when there are none). */
export function meanRating(answers: readonly Answer[]): number {
  const v = answers.map((a) => Number(a.value)).filter((x) => x >= 1 && x <= 5);
  return v.length === 0 ? 3 : v.reduce((s, x) => s + x, 0) / v.length;
}
