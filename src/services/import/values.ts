/**
 * Parsing of cell values shared by the importers: one parser per value kind. Numeric and code
 * fields are normalised (NFKC, so full-width ４ and ＤＫ read as 4 and DK; surrounding ordinary
 * and ideographic spaces trimmed) before they are checked; free text is never normalised.
 */
import { DEFAULT_TIME_ZONE, isCalendarDate, wallClockToEpoch } from '../../core/time-zone.js';

// eslint-disable-next-line no-control-regex -- the ASCII range is the point
const NON_ASCII = /[^\u0000-\u007f]/;

/**
 * A numeric or code cell as validated and stored: trimmed, NFKC-normalised when it has a
 * non-ASCII character (so ASCII cells, the common case, cost one regex test).
 * @example normaliseField('\u3000１２０ ') // '120'
 */
export function normaliseField(s: string): string {
  return NON_ASCII.test(s) ? s.normalize('NFKC').trim() : trimAscii(s);
}

/** normaliseField for a cell known to be ASCII: trim() without allocating when nothing to trim. */
export function trimAscii(s: string): string {
  return s.length > 0 && (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32) ? s.trim() : s;
}

const DATE_PART = String.raw`(\d{4})(?:-(\d{1,2})-(\d{1,2})|/(\d{1,2})/(\d{1,2}))`;
const TIME_PART = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?`;
const OFFSET = String.raw`(Z|[+-]\d{2}(?::?\d{2})?)`;
const INSTANT = new RegExp(`^${DATE_PART}(?:[T ]${TIME_PART}\\s*${OFFSET}?)?$`, 'i');

/**
 * An ISO 8601 date or date-time (also `YYYY/M/D H:MM[:SS]`, as zh-CN Excel writes it) as epoch
 * milliseconds, NaN when malformed or not on the calendar and the clock (month 13, Feb 30,
 * hour 24, minute 60, second 60, an offset beyond ±14:00). A date-time without an offset is
 * wall-clock time in `timeZone` (the assessment's zone); a bare date is its midnight there.
 * @example parseInstant('2021-05-06 08:00') // Date.UTC(2021, 4, 6, 0) in Asia/Shanghai
 */
export function parseInstant(s: string, timeZone: string = DEFAULT_TIME_ZONE): number {
  const m = INSTANT.exec(normaliseField(s));
  if (!m) return NaN;
  const year = Number(m[1]);
  const month = Number(m[2] ?? m[4]);
  const day = Number(m[3] ?? m[5]);
  const hour = Number(m[6] ?? 0);
  const minute = Number(m[7] ?? 0);
  const second = Number(m[8] ?? 0);
  if (m[2] !== undefined && (m[2].length !== 2 || m[3]!.length !== 2)) return NaN; // ISO: 2 digits
  if (!isCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return NaN;
  const ms = m[9] ? Math.floor(Number(`0.${m[9]}`) * 1000) : 0;
  const wall = { year, month, day, hour, minute, second, ms };
  const tz = m[10];
  if (tz === undefined) return wallClockToEpoch(wall, timeZone);
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (tz.toUpperCase() === 'Z') return t;
  const digits = tz.slice(1).replace(':', '');
  const oh = Number(digits.slice(0, 2));
  const om = Number(digits.slice(2) || 0);
  if (om > 59 || oh * 60 + om > 14 * 60) return NaN;
  return t - (tz.startsWith('-') ? -1 : 1) * (oh * 60 + om) * 60_000;
}

const DATE_FORMATS: readonly RegExp[] = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

/**
 * A calendar date as YYYY-MM-DD, or null when it is not one whole date in a documented format:
 * YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日, or YYYYMMDD (exactly 8 digits; "2020121" is
 * ambiguous and refused). Nothing may follow the date.
 * @example parseDate('2021年5月6日') // '2021-05-06'
 */
export function parseDate(s: string): string | null {
  const v = normaliseField(s);
  for (const f of DATE_FORMATS) {
    const m = f.exec(v);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!isCalendarDate(y, mo, d)) return null;
    return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  return null;
}

const TRUE = new Set(['1', '是', 'y', 'yes', 'true', '有']);
const FALSE = new Set(['0', '否', 'n', 'no', 'false', '无', '']);

/** 1/0, 是/否 (and yes/no, true/false, 有/无); null when not a flag. */
export function parseFlag(s: string): boolean | null {
  const v = normaliseField(s).toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return null;
}

const DECIMAL = /^-?\d+(?:\.\d+)?$/;

/**
 * A plain decimal (`-?digits[.digits]` after NFKC; no exponent, hex, Infinity or thousands
 * separators), or null for an empty cell; NaN when malformed.
 * @example parseOptionalNumber('８５.５') // 85.5
 */
export function parseOptionalNumber(s: string): number | null {
  const v = normaliseField(s);
  if (v === '') return null;
  return DECIMAL.test(v) ? Number(v) : NaN;
}

const INTEGRAL = /^\d+(?:\.0+)?$/;

/**
 * A non-negative whole number (`4`, also `4.0` as statistics packages write integers), or null
 * for an empty cell; NaN when malformed or beyond 2^53.
 */
export function parseOptionalCount(s: string): number | null {
  const v = normaliseField(s);
  if (v === '') return null;
  const n = INTEGRAL.test(v) ? Number.parseInt(v, 10) : NaN;
  return Number.isSafeInteger(n) ? n : NaN;
}

/** The longest duration accepted: a week, far beyond any interview, far below a typo's reach. */
export const MAX_DURATION_S = 86_400 * 7;

const CLOCK = /^(\d{1,3}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

/**
 * A duration in seconds: a plain decimal (`120`, `90.5`), or `H:MM:SS` as Excel writes a
 * time-formatted duration into a CSV (`0:02:00` = 120). Two-part `M:SS` is refused, since
 * Excel's `h:mm` makes `2:00` two hours. null for an empty cell; NaN when malformed, negative
 * or beyond MAX_DURATION_S.
 */
export function parseDuration(s: string): number | null {
  const v = normaliseField(s);
  if (v === '') return null;
  let n: number;
  const c = CLOCK.exec(v);
  if (c) {
    const [h, m, sec] = [Number(c[1]), Number(c[2]), Number(c[3])];
    n = m > 59 || sec > 59 ? NaN : h * 3600 + m * 60 + sec + (c[4] ? Number(`0.${c[4]}`) : 0);
  } else {
    n = DECIMAL.test(v) ? Number(v) : NaN;
  }
  return n >= 0 && n <= MAX_DURATION_S ? n : NaN;
}
