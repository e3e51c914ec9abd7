/**
 * The columnar form in which responses reach the scoring method. Analysis over millions of
 * answers reads these typed arrays straight from stored blocks (see src/db/blocks.ts), so the
 * method never touches one object per answer.
 *
 * Indices refer to the assessment being analysed:
 * - channel: index into CHANNELS;
 * - group, item: index into config.groups / config.items;
 * - unit (respondentUnit, target): index into the unit list passed beside the table; -1 = none.
 */

/** Answer value codes. 1..points are ratings. */
export const VALUE_DK = 0; // 不了解 — don't know: an answer, but excluded from every mean and rate
export const VALUE_TEXT = 255; // a non-empty text answer (its text is kept in the comments table)
export const VALUE_BLANK = 254; // the row exists but carries no answer (empty cell)

/**
 * A column of strings held as UTF-8 bytes: string i is bytes[offsets[i] .. offsets[i+1]-1].
 * A million response ids as JS strings cost a million heap objects (and the garbage collector's
 * time marking them); as bytes they are two typed arrays, decoded only where a string is needed.
 * Equal strings have equal bytes (UTF-8 is canonical), so keys compare and hash as bytes.
 */
export interface StringColumn {
  bytes: Uint8Array;
  /** length n + 1; offsets[0] = 0, offsets[n] = bytes.length */
  offsets: Uint32Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A column from plain strings. Like every UTF-8 encoder, this writes a lone surrogate (not a
 * well-formed string) as U+FFFD; stored blocks are encoded the same way.
 */
export function stringColumnFrom(strings: readonly string[]): StringColumn {
  const parts = strings.map((s) => encoder.encode(s));
  const offsets = new Uint32Array(parts.length + 1);
  let size = 0;
  parts.forEach((p, i) => {
    offsets[i] = size;
    size += p.length;
  });
  offsets[parts.length] = size;
  const bytes = new Uint8Array(size);
  parts.forEach((p, i) => bytes.set(p, offsets[i]));
  return { bytes, offsets };
}

/** Number of strings in the column. */
export const columnLength = (col: StringColumn): number => col.offsets.length - 1;

export function stringAt(col: StringColumn, i: number): string {
  const s = col.offsets[i]!;
  const e = col.offsets[i + 1]!;
  if (e - s <= 32) {
    // short ASCII strings (the usual ids) without the decoder's call overhead
    let out = '';
    let k = s;
    for (; k < e; k++) {
      const b = col.bytes[k]!;
      if (b >= 0x80) break;
      out += String.fromCharCode(b);
    }
    if (k === e) return out;
  }
  return decoder.decode(col.bytes.subarray(s, e));
}

/** Every string of the column (tests, small inputs). */
export function stringsOf(col: StringColumn): string[] {
  return Array.from({ length: columnLength(col) }, (_, i) => stringAt(col, i));
}

export const isEmptyAt = (col: StringColumn, i: number): boolean => col.offsets[i + 1] === col.offsets[i];

/** Whether string i of column a equals string j of column b (byte equality). */
export function equalAt(a: StringColumn, i: number, b: StringColumn, j: number): boolean {
  const si = a.offsets[i]!;
  const sj = b.offsets[j]!;
  const len = a.offsets[i + 1]! - si;
  if (b.offsets[j + 1]! - sj !== len) return false;
  const ab = a.bytes;
  const bb = b.bytes;
  for (let k = 0; k < len; k++) if (ab[si + k] !== bb[sj + k]) return false;
  return true;
}

/**
 * Whether string i comes before string j in plain JS string order (UTF-16 code units), as
 * `a < b` on the decoded strings. Compared as bytes up to the first difference; UTF-8 byte order
 * is code-point order, which differs from UTF-16 order (astral characters against U+E000–U+FFFF),
 * so unless both differing bytes are ASCII the two strings are decoded and compared as strings.
 */
export function lessAt(col: StringColumn, i: number, j: number): boolean {
  const { bytes, offsets } = col;
  const si = offsets[i]!;
  const sj = offsets[j]!;
  const li = offsets[i + 1]! - si;
  const lj = offsets[j + 1]! - sj;
  const len = li < lj ? li : lj;
  for (let k = 0; k < len; k++) {
    const x = bytes[si + k]!;
    const y = bytes[sj + k]!;
    if (x !== y) {
      // equal bytes before: both strings are at the same character, and an ASCII byte is a whole one
      if (x < 0x80 && y < 0x80) return x < y;
      return stringAt(col, i) < stringAt(col, j);
    }
  }
  return li < lj; // a proper prefix (in bytes, hence in characters) comes first
}

export interface ResponseTable {
  /** number of responses */
  n: number;
  responseId: StringColumn;
  channel: Uint8Array;
  group: Uint16Array;
  respondentUnit: Int32Array;
  /** '' when unknown */
  respondentKey: StringColumn;
  /** NaN when empty */
  durationS: Float64Array;
  /** submitted_at as epoch milliseconds; NaN when empty */
  submittedMs: Float64Array;
  /** answers of response i are answerStart[i] .. answerStart[i+1]-1; length n+1 */
  answerStart: Uint32Array;
  target: Int32Array;
  item: Uint16Array;
  value: Uint8Array;
}

/** Builds a ResponseTable from plain records; convenient for tests and small inputs. */
export interface PlainResponse {
  responseId: string;
  channel: number;
  group: number;
  respondentUnit?: number;
  respondentKey?: string;
  durationS?: number | null;
  submittedMs?: number | null;
  answers: { target: number; item: number; value: number }[];
}

/**
 * A table of n responses and m answers with every column allocated (zero-filled) and the two
 * string columns empty: their offsets are allocated, their bytes are left to the caller.
 * With `shared`, the columns a scan reads (ScanColumns in scan.ts) live in SharedArrayBuffers,
 * so worker threads can read them without a copy.
 */
export function allocResponseTable(n: number, m: number, shared = false): ResponseTable {
  type Ctor<T> = { new (length: number): T; new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };
  const col = <T>(C: Ctor<T>, length: number): T =>
    shared ? new C(new SharedArrayBuffer(length * C.BYTES_PER_ELEMENT)) : new C(length);
  return {
    n,
    responseId: { bytes: new Uint8Array(0), offsets: new Uint32Array(n + 1) },
    channel: col(Uint8Array, n),
    group: col(Uint16Array, n),
    respondentUnit: col(Int32Array, n),
    respondentKey: { bytes: new Uint8Array(0), offsets: new Uint32Array(n + 1) },
    durationS: col(Float64Array, n),
    submittedMs: new Float64Array(n),
    answerStart: col(Uint32Array, n + 1),
    target: col(Int32Array, m),
    item: col(Uint16Array, m),
    value: col(Uint8Array, m),
  };
}

export function responseTableFrom(records: readonly PlainResponse[]): ResponseTable {
  const n = records.length;
  const t = allocResponseTable(
    n,
    records.reduce((s, r) => s + r.answers.length, 0),
  );
  t.responseId = stringColumnFrom(records.map((r) => r.responseId));
  t.respondentKey = stringColumnFrom(records.map((r) => r.respondentKey ?? ''));
  let a = 0;
  records.forEach((r, i) => {
    t.channel[i] = r.channel;
    t.group[i] = r.group;
    t.respondentUnit[i] = r.respondentUnit ?? -1;
    t.durationS[i] = r.durationS ?? NaN;
    t.submittedMs[i] = r.submittedMs ?? NaN;
    t.answerStart[i] = a;
    for (const ans of r.answers) {
      t.target[a] = ans.target;
      t.item[a] = ans.item;
      t.value[a] = ans.value;
      a++;
    }
  });
  t.answerStart[n] = a;
  return t;
}
