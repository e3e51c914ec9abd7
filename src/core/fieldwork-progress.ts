/**
 * 实施进度 — fieldwork progress against the quotas and schedule windows of the configuration
 * (SPEC §4.1 `quotas`, `schedule`), from counts of stored responses. Pure: the clock and the
 * counts are passed in. The status rule (docs/decisions.md, "Fieldwork progress"):
 *
 * - met: count ≥ target;
 * - on track: count ≥ ⌊target × elapsed share of the channel's schedule window⌋ (nothing is
 *   expected before the window opens, everything once it has closed); without a usable window
 *   (none, or only one end still ahead), any response at all;
 * - behind: otherwise.
 */
import { CHANNELS, type AssessmentConfig, type Channel } from './config.js';
import { DEFAULT_TIME_ZONE, isCalendarDate, wallClockToEpoch } from './time-zone.js';
import type { ChannelProgress, ProgressStatus, UnitCell, UnitProgress } from '../shared/api/progress.js';

/**
 * The status of a count against a target, `elapsed` the share (0–1) of the schedule window
 * gone by, or null without one.
 * @example progressStatus(20, 50, 0.5) // 'behind' (25 expected by now)
 */
export function progressStatus(count: number, target: number, elapsed: number | null): ProgressStatus {
  if (count >= target) return 'met';
  if (elapsed === null) return count > 0 ? 'on_track' : 'behind';
  return count >= Math.floor(target * elapsed) ? 'on_track' : 'behind';
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A schedule bound as epoch ms: a date is the start of that day (`start`) or the end of it
 * (`end`: the window includes its last day), a date-time without an offset is wall-clock time
 * in `timeZone`, one with an offset is that instant; NaN when unreadable.
 * @example windowBound('2020-12-31', 'end') // 2021-01-01T00:00+08:00
 */
export function windowBound(s: string, side: 'start' | 'end', timeZone = DEFAULT_TIME_ZONE): number {
  const d = DATE.exec(s);
  if (d) {
    const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
    if (!isCalendarDate(year, month, day)) return NaN;
    const at = wallClockToEpoch({ year, month, day, hour: 0, minute: 0, second: 0, ms: 0 }, timeZone);
    return side === 'start'
      ? at
      : wallClockToEpoch({ year, month, day: day + 1, hour: 0, minute: 0, second: 0, ms: 0 }, timeZone);
  }
  const l = LOCAL.exec(s);
  if (l) {
    const [year, month, day] = [Number(l[1]), Number(l[2]), Number(l[3])];
    if (!isCalendarDate(year, month, day)) return NaN;
    const [hour, minute, second] = [Number(l[4]), Number(l[5]), Number(l[6] ?? 0)];
    if (hour > 23 || minute > 59 || second > 59) return NaN;
    return wallClockToEpoch({ year, month, day, hour, minute, second, ms: 0 }, timeZone);
  }
  return /[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? Date.parse(s) : NaN;
}

/**
 * The share of a window elapsed at `nowMs`, 0–1; null when it cannot be told (no window, or
 * only one end and `nowMs` on the open side of it). An unreadable bound counts as absent.
 */
export function elapsedShare(
  window: { start?: string | undefined; end?: string | undefined } | undefined,
  nowMs: number,
  timeZone = DEFAULT_TIME_ZONE,
): number | null {
  if (!window) return null;
  const start = window.start === undefined ? NaN : windowBound(window.start, 'start', timeZone);
  const end = window.end === undefined ? NaN : windowBound(window.end, 'end', timeZone);
  if (end <= start) return null; // a reversed window is a mistake, not a pace (false with NaN)
  if (!Number.isNaN(end) && nowMs >= end) return 1;
  if (!Number.isNaN(start) && nowMs <= start) return 0;
  if (Number.isNaN(start) || Number.isNaN(end)) return null;
  return (nowMs - start) / (end - start);
}

/** One count row: responses of a channel and group that rated `unit` ('' = all responses). */
export interface ProgressCount {
  unit: string;
  channel: string;
  group: string;
  n: number;
}

export interface ProgressInput {
  config: AssessmentConfig;
  units: readonly { code: string; name: string; category: string }[];
  counts: readonly ProgressCount[];
  nowMs: number;
  timeZone?: string;
}

export interface FieldworkProgress {
  responses: number;
  firmResponses: number | null;
  channels: ChannelProgress[];
  units: UnitProgress[];
  total: { towardTarget: number; target: number | null };
}

/** The channels shown: those an agency group uses or a quota names, in CHANNELS order. */
function shownChannels(config: AssessmentConfig): Channel[] {
  const used = new Set<Channel>(Object.keys(config.quotas ?? {}) as Channel[]);
  for (const g of config.groups) if (g.rates !== 'firm') for (const c of g.channels) used.add(c);
  return CHANNELS.filter((c) => used.has(c));
}

/** Progress per channel and per agency × channel. */
export function fieldworkProgress(input: ProgressInput): FieldworkProgress {
  const { config, units, nowMs } = input;
  const firmGroups = new Set(config.groups.filter((g) => g.rates === 'firm').map((g) => g.code));
  const byUnit = new Map<string, number>(); // `${unit}\0${channel}` → n, agency groups only
  let responses = 0;
  let firmResponses = 0;
  for (const c of input.counts) {
    if (c.unit === '') {
      responses += c.n;
      if (firmGroups.has(c.group)) firmResponses += c.n;
    }
    if (firmGroups.has(c.group)) continue;
    const key = `${c.unit}\u0000${c.channel}`;
    byUnit.set(key, (byUnit.get(key) ?? 0) + c.n);
  }
  const count = (unit: string, ch: string) => byUnit.get(`${unit}\u0000${ch}`) ?? 0;
  const channels = shownChannels(config).map((ch): ChannelProgress => {
    const quota = config.quotas?.[ch];
    const window = config.schedule?.[ch];
    const elapsed = elapsedShare(window, nowMs, input.timeZone);
    const responses = count('', ch);
    const perUnit = quota?.perUnit ?? null;
    // a per-agency quota counts ratings of agencies (a peer ballot or an online respondent may
    // rate several); otherwise responses
    const stored = perUnit !== null ? units.reduce((s, u) => s + count(u.code, ch), 0) : responses;
    const total = quota?.total ?? null;
    // perUnit wins when a quota names both: it is what the agency cells are judged by
    const target = perUnit !== null ? perUnit * units.length : total;
    const towardTarget =
      perUnit !== null
        ? units.reduce((s, u) => s + Math.min(count(u.code, ch), perUnit), 0)
        : Math.min(stored, total ?? stored);
    return {
      channel: ch,
      responses,
      stored,
      towardTarget,
      target,
      quota: perUnit !== null ? 'perUnit' : total !== null ? 'total' : null,
      perUnit,
      window: window ? { start: window.start ?? null, end: window.end ?? null } : null,
      elapsed,
      status: target === null ? null : progressStatus(towardTarget, target, elapsed),
    };
  });
  const rows = units.map((u): UnitProgress => {
    const cells: Record<string, UnitCell> = {};
    for (const c of channels) {
      const n = count(u.code, c.channel);
      cells[c.channel] = {
        n,
        target: c.perUnit,
        status: c.perUnit === null ? null : progressStatus(n, c.perUnit, c.elapsed),
      };
    }
    return { code: u.code, name: u.name, category: u.category, cells };
  });
  const targeted = channels.filter((c) => c.target !== null);
  return {
    responses,
    firmResponses: firmGroups.size > 0 ? firmResponses : null,
    channels,
    units: rows,
    total: {
      towardTarget: targeted.reduce((s, c) => s + c.towardTarget, 0),
      target: targeted.length > 0 ? targeted.reduce((s, c) => s + (c.target ?? 0), 0) : null,
    },
  };
}
