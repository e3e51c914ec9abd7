/**
 * A streaming writer of SPSS system files (.sav), as PSPP's developer manual documents the
 * format ("System File Format"): file header, one variable record per 8-byte segment, value
 * labels (types 3 and 4), machine integer and floating-point info (7/3, 7/4), variable display
 * (7/11), long variable names (7/13), very long strings (7/14), character encoding (7/20) =
 * UTF-8, the dictionary terminator (999), then bytecode-compressed cases.
 *
 * No I/O: the caller writes the chunks this returns (`dictionary()`, `take()`, `finish()`) and,
 * once the number of cases is known, patches it in at `CASE_COUNT_OFFSET` (until then the
 * header says -1, "unknown", which readers accept).
 */
import { Buffer } from 'node:buffer';
import { savNames, type SavVariable } from './sav-dictionary.js';

export type { SavVariable } from './sav-dictionary.js';
export { spssName } from './sav-dictionary.js';

/** Byte offset of the header's int32 case count (4 + 60 + 4 × 4). */
export const CASE_COUNT_OFFSET = 80;

export type SavValue = number | string | null | undefined;

const BIAS = 100;
const SYSMIS = -Number.MAX_VALUE;
const CODE_RAW = 253;
const CODE_SPACES = 254;
const CODE_SYSMIS = 255;
/** Hand the buffered cases out once this many bytes are pending. */
const CHUNK = 1 << 20;
const MAX_LABEL = 255;
const MEASURE = { nominal: 1, ordinal: 2, scale: 3 } as const;

/** One 8-byte-aligned piece of a variable as the file stores it. */
interface Segment {
  width: number; // bytes of this segment (≤ 255)
  units: number; // 8-byte units it occupies
}

interface Layout {
  v: SavVariable;
  short: string;
  segments: Segment[];
  /** string bytes of the whole variable (0 for numeric) */
  width: number;
}

/** Cuts UTF-8 bytes to at most `max` without splitting a character. */
function utf8Cut(buf: Buffer, max: number): Buffer {
  if (buf.length <= max) return buf;
  let end = max;
  while (end > 0 && (buf[end]! & 0xc0) === 0x80) end--;
  return buf.subarray(0, end);
}

function segmentsOf(width: number): Segment[] {
  if (width <= 255) return [{ width, units: Math.ceil(width / 8) }];
  const n = Math.ceil(width / 252);
  const out: Segment[] = [];
  for (let k = 0; k < n - 1; k++) out.push({ width: 255, units: 32 });
  const last = width - (n - 1) * 252;
  out.push({ width: last, units: Math.ceil(last / 8) });
  return out;
}

/** Grows a byte list: the dictionary is small, written once. */
class Bytes {
  private parts: Buffer[] = [];
  i32(...xs: number[]): this {
    const b = Buffer.alloc(4 * xs.length);
    xs.forEach((x, k) => b.writeInt32LE(x, 4 * k));
    this.parts.push(b);
    return this;
  }
  f64(...xs: number[]): this {
    const b = Buffer.alloc(8 * xs.length);
    xs.forEach((x, k) => b.writeDoubleLE(x, 8 * k));
    this.parts.push(b);
    return this;
  }
  raw(b: Buffer): this {
    this.parts.push(b);
    return this;
  }
  /** `s` as `len` bytes, space-padded (or cut). */
  fixed(s: string, len: number): this {
    const b = Buffer.alloc(len, 0x20);
    utf8Cut(Buffer.from(s, 'utf8'), len).copy(b);
    this.parts.push(b);
    return this;
  }
  /** An extension record (type 7) of single bytes. */
  text7(subtype: number, s: string): this {
    const b = Buffer.from(s, 'utf8');
    return this.i32(7, subtype, 1, b.length).raw(b);
  }
  done(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function format(v: SavVariable, width: number): number {
  if (v.type === 'string') return (1 << 16) | (Math.min(width, 255) << 8);
  const w = v.formatWidth ?? 8;
  return (5 << 16) | (w << 8) | (v.decimals ?? 0); // F w.d
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface SavOptions {
  /** creation time written in the header (local fields of the Date are used) */
  created: Date;
  fileLabel?: string;
  product?: string;
}

export class SavWriter {
  private readonly layout: Layout[];
  private out = Buffer.alloc(CHUNK + 64 * 1024);
  private pos = 0;
  private cmdPos = 0;
  private cmdN = 8; // no open command block
  private cases = 0;
  private scratch = Buffer.alloc(1024);

  constructor(
    vars: readonly SavVariable[],
    private readonly opts: SavOptions,
  ) {
    const shorts = savNames(vars);
    this.layout = vars.map((v, i) => {
      const width = v.type === 'string' ? Math.max(1, Math.min(32767, v.width ?? 1)) : 0;
      const segments = v.type === 'string' ? segmentsOf(width) : [{ width: 0, units: 1 }];
      return { v, short: shorts[i]!.short, segments, width };
    });
    this.segmentShorts = shorts.map((s) => s.segments);
    this.rowMax = this.caseSize * 9 + 16;
  }
  private readonly segmentShorts: string[][];
  private readonly rowMax: number;

  /** 8-byte units per case. */
  get caseSize(): number {
    let n = 0;
    for (const l of this.layout) for (const s of l.segments) n += s.units;
    return n;
  }

  get caseCount(): number {
    return this.cases;
  }

  /** The header and dictionary: the first bytes of the file. */
  dictionary(): Buffer {
    const d = this.opts.created;
    const b = new Bytes()
      .fixed('$FL2', 4)
      .fixed(`@(#) SPSS DATA FILE ${this.opts.product ?? 'kaoping'}`, 60)
      .i32(2, this.caseSize, 1, 0, -1)
      .f64(BIAS)
      .fixed(`${twoDigits(d.getDate())} ${MONTHS[d.getMonth()]} ${twoDigits(d.getFullYear() % 100)}`, 9)
      .fixed(`${twoDigits(d.getHours())}:${twoDigits(d.getMinutes())}:${twoDigits(d.getSeconds())}`, 8)
      .fixed(this.opts.fileLabel ?? '', 64)
      .raw(Buffer.alloc(3));
    this.variableRecords(b);
    this.valueLabelRecords(b);
    b.i32(7, 3, 4, 8, 1, 6, 2, -1, 1, 1, 2, 65001); // IEEE 754, compressed, little-endian, UTF-8
    const lowest = Buffer.alloc(8);
    lowest.writeBigUInt64LE(0xffeffffffffffffen); // the largest negative double above SYSMIS
    b.i32(7, 4, 8, 3).f64(SYSMIS, Number.MAX_VALUE).raw(lowest);
    this.displayRecord(b);
    b.text7(13, this.layout.map((l) => `${l.short}=${l.v.name}`).join('\t'));
    const long = this.layout.filter((l) => l.segments.length > 1);
    if (long.length > 0)
      b.text7(14, long.map((l) => `${l.short}=${String(l.width).padStart(5, '0')}\0\t`).join(''));
    b.text7(20, 'UTF-8');
    return b.i32(999, 0).done();
  }

  private variableRecords(b: Bytes): void {
    this.layout.forEach((l, i) => {
      l.segments.forEach((s, k) => {
        const first = k === 0;
        const label = first && l.v.label ? utf8Cut(Buffer.from(l.v.label, 'utf8'), MAX_LABEL) : null;
        const missing = first && l.v.type === 'numeric' ? (l.v.missing ?? []).slice(0, 3) : [];
        const width = l.v.type === 'string' ? s.width : 0;
        const fmt = format(l.v, width);
        const name = first ? l.short : this.segmentShorts[i]![k - 1]!;
        b.i32(2, width, label ? 1 : 0, missing.length, fmt, fmt).fixed(name, 8);
        if (label) {
          const padded = Buffer.alloc(Math.ceil(label.length / 4) * 4, 0x20);
          label.copy(padded);
          b.i32(label.length).raw(padded);
        }
        if (missing.length > 0) b.f64(...missing);
        for (let u = 1; u < s.units; u++) b.i32(2, -1, 0, 0, 0, 0).fixed('', 8);
      });
    });
  }

  private valueLabelRecords(b: Bytes): void {
    let index = 1; // dictionary index (1-based, in 8-byte units)
    for (const l of this.layout) {
      const labels = l.v.type === 'numeric' ? (l.v.valueLabels ?? []) : [];
      if (labels.length > 0) {
        b.i32(3, labels.length);
        for (const [value, text] of labels) {
          const t = utf8Cut(Buffer.from(text, 'utf8'), MAX_LABEL);
          const rec = Buffer.alloc(Math.ceil((t.length + 1) / 8) * 8, 0x20);
          rec[0] = t.length;
          t.copy(rec, 1);
          b.f64(value).raw(rec);
        }
        b.i32(4, 1, index);
      }
      for (const s of l.segments) index += s.units;
    }
  }

  private displayRecord(b: Bytes): void {
    const entries: number[] = [];
    for (const l of this.layout) {
      const measure = MEASURE[l.v.measure ?? (l.v.type === 'string' ? 'nominal' : 'scale')];
      for (const s of l.segments) {
        const width = l.v.type === 'string' ? Math.min(40, Math.max(8, s.width)) : 8;
        entries.push(measure, width, l.v.type === 'string' ? 0 : 1);
      }
    }
    b.i32(7, 11, 4, entries.length, ...entries);
  }

  /** Opens the next command slot, starting a block of 8 when the last one is full. */
  private command(code: number): void {
    if (this.cmdN === 8) {
      this.cmdPos = this.pos;
      this.out.fill(0, this.pos, this.pos + 8);
      this.pos += 8;
      this.cmdN = 0;
    }
    this.out[this.cmdPos + this.cmdN++] = code;
  }

  private number(x: SavValue): void {
    if (typeof x !== 'number' || Number.isNaN(x)) {
      this.command(CODE_SYSMIS);
    } else if (Number.isInteger(x) && x >= 1 - BIAS && x <= 251 - BIAS) {
      this.command(x + BIAS);
    } else {
      this.command(CODE_RAW);
      this.out.writeDoubleLE(x, this.pos);
      this.pos += 8;
    }
  }

  /** 8 bytes of string data at src[off..off+8), space-padded past `end`. */
  private chunk8(src: Buffer, off: number, end: number): void {
    if (off >= end) {
      this.command(CODE_SPACES);
      return;
    }
    this.command(CODE_RAW);
    const n = Math.min(8, end - off);
    src.copy(this.out, this.pos, off, off + n);
    if (n < 8) this.out.fill(0x20, this.pos + n, this.pos + 8);
    this.pos += 8;
  }

  private string(l: Layout, x: SavValue): void {
    const s = x === null || x === undefined ? '' : String(x);
    let bytes: Buffer;
    if (s.length === 0) bytes = this.scratch.subarray(0, 0);
    else {
      const max = Buffer.byteLength(s, 'utf8');
      if (max > this.scratch.length) this.scratch = Buffer.alloc(max * 2);
      bytes = utf8Cut(this.scratch.subarray(0, this.scratch.write(s, 0, 'utf8')), l.width);
    }
    let off = 0; // segments are packed 255 bytes each (PSPP manual, very long strings)
    for (const seg of l.segments) {
      const end = Math.min(bytes.length, off + seg.width);
      for (let u = 0; u < seg.units; u++) this.chunk8(bytes, off + 8 * u, end);
      off += seg.width;
    }
  }

  /** Appends one case: one value per variable, in dictionary order (null = missing/blank). */
  row(values: readonly SavValue[]): void {
    const layout = this.layout;
    this.ensureRoom();
    for (let i = 0; i < layout.length; i++) {
      const l = layout[i]!;
      if (l.width === 0) this.number(values[i]);
      else this.string(l, values[i]);
    }
    this.cases++;
  }

  /** Grows the buffer so that a whole case (at most 9 bytes per unit) fits. */
  private ensureRoom(): void {
    if (this.out.length - this.pos >= this.rowMax) return;
    const bigger = Buffer.alloc(this.pos + this.rowMax + CHUNK);
    this.out.copy(bigger, 0, 0, this.pos);
    this.out = bigger;
  }

  /**
   * The complete command blocks written so far (null when under a megabyte is pending); the
   * open block stays, as its command bytes are not all known yet.
   */
  take(force = false): Buffer | null {
    if (!force && this.pos < CHUNK) return null;
    const keep = this.cmdN === 8 ? this.pos : this.cmdPos;
    if (keep === 0) return null;
    const done = Buffer.from(this.out.subarray(0, keep));
    this.out.copy(this.out, 0, keep, this.pos);
    this.pos -= keep;
    this.cmdPos -= keep;
    return done;
  }

  /** The last bytes: the open block, its unused command slots left as 0 (padding). */
  finish(): Buffer {
    const rest = Buffer.from(this.out.subarray(0, this.pos));
    this.pos = 0;
    this.cmdN = 8;
    return rest;
  }

  /** The int32 to write at CASE_COUNT_OFFSET once every case is written. */
  caseCountBytes(): Buffer {
    const b = Buffer.alloc(4);
    b.writeInt32LE(this.cases);
    return b;
  }
}
