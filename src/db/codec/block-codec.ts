/**
 * Binary layout of response blocks: many responses with all their answers in one row, stored
 * column by column, so that analysis reads millions of answers as a few typed arrays instead of
 * millions of rows (reading 1,000,000 SQLite rows one by one alone takes over a second).
 *
 * Layout: "KPB2", u32 header length, UTF-8 JSON header, then sections padded to 8 bytes.
 * The header holds per-block dictionaries (units, items, groups by code), so a block stays
 * readable whatever else changes in the assessment. Unit and item indices are stored as narrow
 * as the block's dictionaries allow (header.widths: 1 byte for up to 128 units or 256 items),
 * which keeps a million responses × 20 answers at about 110 MB instead of 190 MB; "KPB1" blocks
 * (always 4-byte units, 2-byte items) are still read.
 */
import { isAscii } from 'node:buffer';
import { CHANNELS, type Channel } from '../../core/config.js';
import { allocResponseTable, type ResponseTable } from '../../core/response-table.js';
import { copyAnswers, type AnswerCopy } from './answer-copy.js';

export interface BlockAnswer {
  /** unit code; null for firm-group answers */
  target: string | null;
  item: string;
  /** value code of response-table.ts (0 DK, 1..k rating, 254 blank, 255 text) */
  value: number;
}

export interface BlockResponse {
  responseId: string;
  channel: Channel;
  group: string;
  respondentUnit: string | null;
  respondentKey: string | null;
  durationS: number | null;
  submittedAt: string | null;
  /** submittedAt as epoch ms, NaN when empty */
  submittedMs: number;
  answers: BlockAnswer[];
}

export interface Header {
  n: number;
  m: number;
  units: string[];
  items: string[];
  groups: string[];
  /** byte lengths of the three string sections */
  strings: [number, number, number];
  /** KPB2: bytes per index of the respondent-unit, target and item columns */
  widths?: [Width, Width, Width];
}

type Width = 1 | 2 | 4;
/** A unit index column: −1 = none. */
export type UnitIndexArray = Int8Array | Int16Array | Int32Array;
export type ItemIndexArray = Uint8Array | Uint16Array;

const MAGIC_V1 = 0x3142504b; // "KPB1" little-endian
const MAGIC = 0x3242504b; // "KPB2"
const V1_WIDTHS: [Width, Width, Width] = [4, 4, 2];
/** Signed width for unit indices 0..count−1 and −1. */
const unitWidth = (count: number): Width => (count <= 128 ? 1 : count <= 32768 ? 2 : 4);
const itemWidth = (count: number): Width => (count <= 256 ? 1 : 2);

function narrowUnits(a: Int32Array, width: Width): UnitIndexArray {
  return width === 1 ? new Int8Array(a) : width === 2 ? new Int16Array(a) : a;
}
const SEP = '\n';
const pad8 = (x: number) => (x + 7) & ~7;

function dictionary(seed: readonly string[] = []) {
  const list: string[] = [...seed];
  const index = new Map<string, number>(seed.map((code, i) => [code, i]));
  return {
    list,
    get(code: string): number {
      let i = index.get(code);
      if (i === undefined) {
        i = list.length;
        list.push(code);
        index.set(code, i);
      }
      return i;
    },
  };
}

/** Identifiers must not contain the string-section separator. */
export function hasSeparator(s: string): boolean {
  return s.includes(SEP);
}

/**
 * Unit codes to list first in a block's unit dictionary: when it starts with the assessment's
 * own unit list, analysis copies the target column as it is instead of remapping every answer
 * (blocksToTable). Not offered for items and groups, whose dictionaries must list only codes in
 * use: importConfig reads them to tell which items and groups have stored answers.
 */
export interface DictionaryOrder {
  units?: readonly string[];
}

export function encodeBlock(responses: readonly BlockResponse[], order: DictionaryOrder = {}): Buffer {
  const n = responses.length;
  let m = 0;
  for (const r of responses) m += r.answers.length;
  const units = dictionary(order.units);
  const items = dictionary();
  const groups = dictionary();
  const channel = new Uint8Array(n);
  const group = new Uint16Array(n);
  const respondentUnit = new Int32Array(n);
  const duration = new Float64Array(n);
  const submitted = new Float64Array(n);
  const start = new Uint32Array(n + 1);
  const target = new Int32Array(m);
  const item = new Uint16Array(m);
  const value = new Uint8Array(m);
  const ids: string[] = [];
  const keys: string[] = [];
  const times: string[] = [];
  let a = 0;
  for (let i = 0; i < n; i++) {
    const r = responses[i]!;
    ids.push(r.responseId);
    keys.push(r.respondentKey ?? '');
    times.push(r.submittedAt ?? '');
    channel[i] = CHANNELS.indexOf(r.channel);
    group[i] = groups.get(r.group);
    respondentUnit[i] = r.respondentUnit === null ? -1 : units.get(r.respondentUnit);
    duration[i] = r.durationS ?? NaN;
    submitted[i] = r.submittedMs;
    start[i] = a;
    for (const ans of r.answers) {
      target[a] = ans.target === null ? -1 : units.get(ans.target);
      item[a] = items.get(ans.item);
      value[a] = ans.value;
      a++;
    }
  }
  start[n] = a;
  const strs = [ids, keys, times].map((l) => Buffer.from(l.join(SEP), 'utf8'));
  const uw = unitWidth(units.list.length);
  const iw = itemWidth(items.list.length);
  const header: Header = {
    n,
    m,
    units: units.list,
    items: items.list,
    groups: groups.list,
    strings: [strs[0]!.length, strs[1]!.length, strs[2]!.length],
    widths: [uw, uw, iw],
  };
  const bytes = (v: ArrayBufferView) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  const headerBuf = Buffer.from(JSON.stringify(header), 'utf8');
  const sections: Uint8Array[] = [
    ...strs,
    channel,
    bytes(group),
    bytes(narrowUnits(respondentUnit, uw)),
    bytes(duration),
    bytes(submitted),
    bytes(start),
    bytes(narrowUnits(target, uw)),
    bytes(iw === 1 ? new Uint8Array(item) : item),
    value,
  ];
  let size = pad8(8 + headerBuf.length);
  for (const s of sections) size += pad8(s.length);
  const out = Buffer.alloc(size);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(headerBuf.length, 4);
  headerBuf.copy(out, 8);
  let off = pad8(8 + headerBuf.length);
  for (const s of sections) {
    out.set(s, off);
    off += pad8(s.length);
  }
  return out;
}

export interface DecodedBlock {
  header: Header;
  /** the string columns are split on first access (analysis never reads submittedAt) */
  readonly responseIds: string[];
  /** the bytes of the id, key and submitted_at sections (views into the block) */
  readonly stringBytes: readonly [Buffer, Buffer, Buffer];
  readonly respondentKeys: string[];
  readonly submittedAt: string[];
  channel: Uint8Array;
  group: Uint16Array;
  respondentUnit: UnitIndexArray;
  durationS: Float64Array;
  submittedMs: Float64Array;
  answerStart: Uint32Array;
  target: UnitIndexArray;
  item: ItemIndexArray;
  value: Uint8Array;
}

function splitStrings(buf: Buffer, n: number): string[] {
  if (n === 0) return [];
  // latin1 decodes pure ASCII (the usual identifiers) faster than utf8, to the same strings
  const parts = buf.toString(isAscii(buf) ? 'latin1' : 'utf8').split(SEP);
  if (parts.length !== n)
    throw new Error(`corrupt response block: ${parts.length} strings for ${n} responses`);
  return parts;
}

/** Only the header: dictionaries and counts, without decoding the columns. */
export function decodeBlockHeader(data: Uint8Array): Header {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return readHeader(buf);
}

function readHeader(buf: Buffer): Header {
  const magic = buf.readUInt32LE(0);
  if (magic !== MAGIC && magic !== MAGIC_V1) throw new Error('corrupt response block: bad magic');
  const header = JSON.parse(buf.toString('utf8', 8, 8 + buf.readUInt32LE(4))) as Header;
  if (magic === MAGIC_V1) header.widths = V1_WIDTHS;
  const w = header.widths;
  if (!w || ![1, 2, 4].includes(w[0]) || ![1, 2, 4].includes(w[1]) || ![1, 2].includes(w[2])) {
    throw new Error('corrupt response block: bad column widths');
  }
  return header;
}

function unitView(ab: ArrayBufferLike, at: number, len: number, width: Width): UnitIndexArray {
  return width === 1
    ? new Int8Array(ab, at, len)
    : width === 2
      ? new Int16Array(ab, at, len)
      : new Int32Array(ab, at, len);
}

/**
 * Typed-array views over the block's columns, without copying them when the data is 8-byte
 * aligned (as the database drivers return blobs); the views share memory with `data`.
 */
export function decodeBlock(data: Uint8Array): DecodedBlock {
  // Typed-array views need aligned offsets: copy into a fresh buffer only when misaligned.
  const buf =
    data.byteOffset % 8 === 0
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(new Uint8Array(data));
  const header = readHeader(buf);
  const hlen = buf.readUInt32LE(4);
  const { n, m } = header;
  const [rw, tw, iw] = header.widths!;
  let off = pad8(8 + hlen);
  const take = (len: number): number => {
    const at = off;
    off += pad8(len);
    if (off > buf.length + 7) throw new Error('corrupt response block: truncated');
    return at;
  };
  const ab = buf.buffer;
  const base = buf.byteOffset;
  const stringSection = (k: 0 | 1 | 2) => {
    const at = take(header.strings[k]);
    return buf.subarray(at, at + header.strings[k]);
  };
  const sections = [stringSection(0), stringSection(1), stringSection(2)] as const;
  const split: (string[] | undefined)[] = [undefined, undefined, undefined];
  const strings = (k: 0 | 1 | 2): string[] => (split[k] ??= splitStrings(sections[k], n));
  const channel = new Uint8Array(ab, base + take(n), n);
  const group = new Uint16Array(ab, base + take(2 * n), n);
  const respondentUnit = unitView(ab, base + take(rw * n), n, rw);
  const durationS = new Float64Array(ab, base + take(8 * n), n);
  const submittedMs = new Float64Array(ab, base + take(8 * n), n);
  const answerStart = new Uint32Array(ab, base + take(4 * (n + 1)), n + 1);
  const target = unitView(ab, base + take(tw * m), m, tw);
  const item = iw === 1 ? new Uint8Array(ab, base + take(m), m) : new Uint16Array(ab, base + take(2 * m), m);
  const value = new Uint8Array(ab, base + take(m), m);
  return {
    header,
    stringBytes: sections,
    get responseIds() {
      return strings(0);
    },
    get respondentKeys() {
      return strings(1);
    },
    get submittedAt() {
      return strings(2);
    },
    channel,
    group,
    respondentUnit,
    durationS,
    submittedMs,
    answerStart,
    target,
    item,
    value,
  };
}

export interface Dictionaries {
  unitIndex: ReadonlyMap<string, number>;
  itemIndex: ReadonlyMap<string, number>;
  groupIndex: ReadonlyMap<string, number>;
}

function remap(list: readonly string[], index: ReadonlyMap<string, number>, what: string): Int32Array {
  const out = new Int32Array(list.length);
  list.forEach((code, i) => {
    const j = index.get(code);
    if (j === undefined)
      throw new Error(`stored responses refer to ${what} "${code}", which the assessment no longer has`);
    out[i] = j;
  });
  return out;
}

const isIdentity = (map: Int32Array): boolean => map.every((j, i) => j === i);

/**
 * The strings of a '\n'-joined section of n strings, without the separators; writes the start
 * of each (counted from `base`, the bytes of earlier blocks) to offsets[at .. at+n-1].
 */
function splitBytes(
  section: Uint8Array,
  n: number,
  offsets: Uint32Array,
  at: number,
  base: number,
): Uint8Array {
  if (n === 0) {
    if (section.length !== 0) throw new Error('corrupt response block: strings for 0 responses');
    return new Uint8Array(0);
  }
  const len = section.length;
  const out = new Uint8Array(len - (n - 1));
  let w = 0;
  let k = 0;
  offsets[at] = base;
  for (let r = 0; r < len; r++) {
    const c = section[r]!;
    if (c === 10) {
      if (++k === n) break;
      offsets[at + k] = base + w;
    } else {
      out[w++] = c;
    }
  }
  if (k !== n - 1 || w !== out.length)
    throw new Error(`corrupt response block: ${k + 1} strings for ${n} responses`);
  return out;
}

function concatBytes(parts: readonly Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1 && parts[0]!.length === size) return parts[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export interface TableBuilderOptions {
  /** allocate the table for worker threads (see allocResponseTable) */
  shared?: boolean;
  /**
   * leave the answer columns to the caller: add() returns them as an AnswerCopy, which must be
   * copied (copyAnswers) before the table's answers are read
   */
  deferAnswers?: boolean;
}

export interface TableBuilder {
  /**
   * Appends a block's responses; blocks must come in storage order. Returns the block's answers
   * when they are deferred (TableBuilderOptions.deferAnswers), else null.
   */
  add(block: DecodedBlock): AnswerCopy | null;
  /** the table; throws when the blocks added do not hold exactly the announced counts */
  finish(): ResponseTable;
  /**
   * The table being built: the rows of the blocks added so far are complete but for the string
   * columns, which finish() fills.
   */
  readonly table: ResponseTable;
}

/**
 * Builds one ResponseTable, whose indices follow the assessment's current unit, item and group
 * order, from blocks added one at a time: with the totals known up front (response_blocks keeps
 * them), a caller can load, add and drop one block after another instead of holding every block
 * and the table at once.
 */
export function tableBuilder(
  n: number,
  m: number,
  dict: Dictionaries,
  opts: TableBuilderOptions = {},
): TableBuilder {
  const t = allocResponseTable(n, m, opts.shared ?? false);
  // The id and key columns stay bytes (StringColumn): each block's '\n'-joined section is
  // copied without its separators, its offsets written straight into the table, and the pieces
  // are joined in finish(). No JS string is created per response.
  const idBytes: Uint8Array[] = [];
  const keyBytes: Uint8Array[] = [];
  let idSize = 0;
  let keySize = 0;
  let i0 = 0;
  let a0 = 0;
  return {
    table: t,
    add(b) {
      const bn = b.header.n;
      const bm = b.header.m;
      if (i0 + bn > n || a0 + bm > m)
        throw new Error('corrupt response blocks: more responses than recorded');
      const unitMap = remap(b.header.units, dict.unitIndex, 'agency');
      const itemMap = remap(b.header.items, dict.itemIndex, 'item');
      const groupMap = remap(b.header.groups, dict.groupIndex, 'group');
      const ids = splitBytes(b.stringBytes[0], bn, t.responseId.offsets, i0, idSize);
      idBytes.push(ids);
      idSize += ids.length;
      const keys = splitBytes(b.stringBytes[1], bn, t.respondentKey.offsets, i0, keySize);
      keyBytes.push(keys);
      keySize += keys.length;
      const { group, respondentUnit, answerStart } = t;
      const bGroup = b.group;
      const bUnit = b.respondentUnit;
      const bStart = b.answerStart;
      for (let i = 0; i < bn; i++) {
        group[i0 + i] = groupMap[bGroup[i]!]!;
        const ru = bUnit[i]!;
        respondentUnit[i0 + i] = ru < 0 ? -1 : unitMap[ru]!;
        answerStart[i0 + i] = a0 + bStart[i]!;
      }
      // the end of the block's last response, so that its rows can be scanned before the next
      // block arrives (that block writes the same value)
      answerStart[i0 + bn] = a0 + bm;
      t.channel.set(b.channel, i0);
      t.durationS.set(b.durationS, i0);
      t.submittedMs.set(b.submittedMs, i0);
      const answers: AnswerCopy = {
        at: a0,
        target: b.target,
        item: b.item,
        value: b.value,
        unitMap: isIdentity(unitMap) ? null : unitMap,
        itemMap: isIdentity(itemMap) ? null : itemMap,
      };
      i0 += bn;
      a0 += bm;
      if (opts.deferAnswers) return answers;
      copyAnswers(t, answers);
      return null;
    },
    finish() {
      if (i0 !== n || a0 !== m) throw new Error('corrupt response blocks: fewer responses than recorded');
      t.answerStart[n] = a0;
      t.responseId.offsets[n] = idSize;
      t.responseId.bytes = concatBytes(idBytes, idSize);
      t.respondentKey.offsets[n] = keySize;
      t.respondentKey.bytes = concatBytes(keyBytes, keySize);
      return t;
    },
  };
}

/** Concatenates decoded blocks into one ResponseTable (see tableBuilder). */
export function blocksToTable(blocks: readonly DecodedBlock[], dict: Dictionaries): ResponseTable {
  let n = 0;
  let m = 0;
  for (const b of blocks) {
    n += b.header.n;
    m += b.header.m;
  }
  const builder = tableBuilder(n, m, dict);
  for (const b of blocks) builder.add(b);
  return builder.finish();
}
