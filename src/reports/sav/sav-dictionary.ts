/**
 * The variables of an SPSS system file and their names: a long name (up to 64 bytes, what
 * SPSS and PSPP show) and the 8-byte upper-case short name each variable record carries.
 */
import { Buffer } from 'node:buffer';

export interface SavVariable {
  /** a valid SPSS name (see spssName) */
  name: string;
  /** 变量标签 — shown by SPSS next to the name; UTF-8, cut to 255 bytes */
  label?: string;
  type: 'numeric' | 'string';
  /** bytes of a string variable (1..32767); longer values are cut at a character boundary */
  width?: number;
  /** display format F<formatWidth>.<decimals> of a numeric variable (default F8.0) */
  formatWidth?: number;
  decimals?: number;
  measure?: 'nominal' | 'ordinal' | 'scale';
  /** 值标签 — numeric code → label (UTF-8, cut to 255 bytes) */
  valueLabels?: readonly (readonly [number, string])[];
  /** discrete user-missing codes (at most 3) of a numeric variable */
  missing?: readonly number[];
}

const RESERVED = new Set(['ALL', 'AND', 'BY', 'EQ', 'GE', 'GT', 'LE', 'LT', 'NE', 'NOT', 'OR', 'TO', 'WITH']);
const MAX_NAME = 64;

function cutBytes(s: string, max: number): string {
  let out = '';
  for (const ch of s) {
    if (Buffer.byteLength(out + ch, 'utf8') > max) break;
    out += ch;
  }
  return out;
}

/**
 * A valid, unused SPSS variable name for `wanted`: characters other than letters, digits and
 * `_ . @ # $` become `_`, a name not starting with a letter gets a `V` in front, trailing dots
 * go, reserved words and names already in `taken` (case-insensitively) get a `_2`, `_3`, …
 * suffix. Adds the result to `taken` (upper-cased).
 * @example spssName('满意度-1', new Set()) // '满意度_1'
 */
export function spssName(wanted: string, taken: Set<string>): string {
  let s = wanted.normalize('NFC').replace(/[^\p{L}\p{N}_.@#$]/gu, '_');
  if (!/^\p{L}/u.test(s)) s = `V${s}`;
  s = cutBytes(s, MAX_NAME).replace(/[._]+$/, '');
  if (s === '') s = 'V';
  let name = s;
  for (let n = 2; taken.has(name.toUpperCase()) || RESERVED.has(name.toUpperCase()); n++) {
    const suffix = `_${n}`;
    name = cutBytes(s, MAX_NAME - suffix.length) + suffix;
  }
  taken.add(name.toUpperCase());
  return name;
}

/** Short names: the long name when it is ASCII and fits in 8 bytes, else `V<n>`; unique. */
export function savNames(vars: readonly SavVariable[]): { short: string; segments: string[] }[] {
  const taken = new Set<string>();
  const fresh = (stem: string): string => {
    for (let n = 1; ; n++) {
      const c = `${stem}${n}`.slice(0, 8);
      if (!taken.has(c)) {
        taken.add(c);
        return c;
      }
    }
  };
  const shorts = vars.map((v) => {
    const up = v.name.toUpperCase();
    if (/^[A-Z][A-Z0-9_.@#$]{0,7}$/.test(up) && !taken.has(up) && !RESERVED.has(up)) {
      taken.add(up);
      return up;
    }
    return null;
  });
  return vars.map((v, i) => {
    const short = shorts[i] ?? fresh('V');
    const n = v.type === 'string' && (v.width ?? 0) > 255 ? Math.ceil(v.width! / 252) : 1;
    const segments: string[] = [];
    for (let k = 1; k < n; k++) segments.push(fresh('S'));
    return { short, segments };
  });
}
