/**
 * Wall-clock time in a named time zone. A date-time written without an offset (in a CSV cell
 * or an Excel date cell) is wall-clock time where the assessment took place; this is where a
 * configured zone will be fed in (today every assessment uses DEFAULT_TIME_ZONE).
 */

/** The zone of a zone-less date-time: China Standard Time (UTC+8, no daylight saving since 1991). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Offset cache per zone and UTC hour: Intl is slow and a file repeats the same hours. */
const offsets = new Map<string, Map<number, number>>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC in ms at instant `t` (whole minutes in every real zone). */
export function zoneOffsetMs(t: number, timeZone: string): number {
  let byHour = offsets.get(timeZone);
  if (!byHour) offsets.set(timeZone, (byHour = new Map<number, number>()));
  const hourKey = Math.floor(t / 3_600_000);
  const cached = byHour.get(hourKey);
  if (cached !== undefined) return cached;
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(hourKey * 3_600_000))
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  const local = Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute, p.second);
  const off = local - hourKey * 3_600_000;
  byHour.set(hourKey, off);
  return off;
}

/**
 * Epoch ms of a wall-clock time in `timeZone` (a time skipped by a daylight-saving change is
 * read with the offset before the change).
 * @example wallClockToEpoch({year: 2021, month: 5, day: 6, hour: 8, minute: 0, second: 0, ms: 0}, 'Asia/Shanghai') // Date.UTC(2021, 4, 6, 0)
 */
export function wallClockToEpoch(w: WallClock, timeZone: string): number {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
  let t = asUtc - zoneOffsetMs(asUtc, timeZone);
  const again = asUtc - zoneOffsetMs(t, timeZone);
  if (again !== t && zoneOffsetMs(again, timeZone) === asUtc - again) t = again;
  return t;
}

/** Whether a date exists in the (proleptic Gregorian) calendar. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year);
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}
