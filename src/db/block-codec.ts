/**
 * Binary layout of response blocks: many responses with all their answers in one row, stored
 * column by column, so that analysis reads millions of answers as a few typed arrays instead of
 * millions of rows (reading 1,000,000 SQLite rows one by one alone takes over a second).
 *
 * Layout: "KPB1", u32 header length, UTF-8 JSON header, then sections padded to 8 bytes.
 * The header holds per-block dictionaries (units, items, groups by code), so a block stays
 * readable whatever else changes in the assessment.
 */
import { CHANNELS, type Channel } from '../core/config.js';
import type { ResponseTable } from '../core/response-table.js';

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
}

const MAGIC = 0x3142504b; // "KPB1" little-endian
const SEP = '\n';
const pad8 = (x: number) => (x + 7) & ~7;

function dictionary() {
  const list: string[] = [];
  const index = new Map<string, number>();
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

export function encodeBlock(responses: readonly BlockResponse[]): Buffer {
  const n = responses.length;
  let m = 0;
  for (const r of responses) m += r.answers.length;
  const units = dictionary();
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
  const header: Header = {
    n,
    m,
    units: units.list,
    items: items.list,
    groups: groups.list,
    strings: [strs[0]!.length, strs[1]!.length, strs[2]!.length],
  };
  const headerBuf = Buffer.from(JSON.stringify(header), 'utf8');
  const sections: Uint8Array[] = [
    ...strs,
    channel,
    new Uint8Array(group.buffer),
    new Uint8Array(respondentUnit.buffer),
    new Uint8Array(duration.buffer),
    new Uint8Array(submitted.buffer),
    new Uint8Array(start.buffer),
    new Uint8Array(target.buffer),
    new Uint8Array(item.buffer),
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
  responseIds: string[];
  respondentKeys: string[];
  submittedAt: string[];
  channel: Uint8Array;
  group: Uint16Array;
  respondentUnit: Int32Array;
  durationS: Float64Array;
  submittedMs: Float64Array;
  answerStart: Uint32Array;
  target: Int32Array;
  item: Uint16Array;
  value: Uint8Array;
}

function splitStrings(buf: Buffer, n: number): string[] {
  if (n === 0) return [];
  const parts = buf.toString('utf8').split(SEP);
  if (parts.length !== n) throw new Error(`corrupt response block: ${parts.length} strings for ${n} responses`);
  return parts;
}

/** Only the header: dictionaries and counts, without decoding the columns. */
export function decodeBlockHeader(data: Uint8Array): Header {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf.readUInt32LE(0) !== MAGIC) throw new Error('corrupt response block: bad magic');
  return JSON.parse(buf.toString('utf8', 8, 8 + buf.readUInt32LE(4))) as Header;
}

export function decodeBlock(data: Uint8Array): DecodedBlock {
  // Copy into a fresh, 8-byte aligned buffer so typed-array views are legal.
  const buf = Buffer.from(new Uint8Array(data));
  if (buf.readUInt32LE(0) !== MAGIC) throw new Error('corrupt response block: bad magic');
  const hlen = buf.readUInt32LE(4);
  const header = JSON.parse(buf.toString('utf8', 8, 8 + hlen)) as Header;
  const { n, m } = header;
  let off = pad8(8 + hlen);
  const take = (len: number): number => {
    const at = off;
    off += pad8(len);
    if (off > buf.length + 7) throw new Error('corrupt response block: truncated');
    return at;
  };
  const ab = buf.buffer;
  const base = buf.byteOffset;
  const s0 = take(header.strings[0]);
  const s1 = take(header.strings[1]);
  const s2 = take(header.strings[2]);
  const responseIds = splitStrings(buf.subarray(s0, s0 + header.strings[0]), n);
  const respondentKeys = splitStrings(buf.subarray(s1, s1 + header.strings[1]), n);
  const submittedAt = splitStrings(buf.subarray(s2, s2 + header.strings[2]), n);
  const channel = new Uint8Array(ab, base + take(n), n);
  const group = new Uint16Array(ab, base + take(2 * n), n);
  const respondentUnit = new Int32Array(ab, base + take(4 * n), n);
  const durationS = new Float64Array(ab, base + take(8 * n), n);
  const submittedMs = new Float64Array(ab, base + take(8 * n), n);
  const answerStart = new Uint32Array(ab, base + take(4 * (n + 1)), n + 1);
  const target = new Int32Array(ab, base + take(4 * m), m);
  const item = new Uint16Array(ab, base + take(2 * m), m);
  const value = new Uint8Array(ab, base + take(m), m);
  return {
    header,
    responseIds,
    respondentKeys,
    submittedAt,
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
    if (j === undefined) throw new Error(`stored responses refer to ${what} "${code}", which the assessment no longer has`);
    out[i] = j;
  });
  return out;
}

/**
 * Concatenates decoded blocks into one ResponseTable whose indices follow the assessment's
 * current unit, item and group order.
 */
export function blocksToTable(blocks: readonly DecodedBlock[], dict: Dictionaries): ResponseTable {
  let n = 0;
  let m = 0;
  for (const b of blocks) {
    n += b.header.n;
    m += b.header.m;
  }
  const t: ResponseTable = {
    n,
    responseId: new Array<string>(n),
    channel: new Uint8Array(n),
    group: new Uint16Array(n),
    respondentUnit: new Int32Array(n),
    respondentKey: new Array<string>(n),
    durationS: new Float64Array(n),
    submittedMs: new Float64Array(n),
    answerStart: new Uint32Array(n + 1),
    target: new Int32Array(m),
    item: new Uint16Array(m),
    value: new Uint8Array(m),
  };
  let i0 = 0;
  let a0 = 0;
  for (const b of blocks) {
    const unitMap = remap(b.header.units, dict.unitIndex, 'agency');
    const itemMap = remap(b.header.items, dict.itemIndex, 'item');
    const groupMap = remap(b.header.groups, dict.groupIndex, 'group');
    const bn = b.header.n;
    const bm = b.header.m;
    for (let i = 0; i < bn; i++) {
      t.responseId[i0 + i] = b.responseIds[i]!;
      t.respondentKey[i0 + i] = b.respondentKeys[i]!;
      t.group[i0 + i] = groupMap[b.group[i]!]!;
      const ru = b.respondentUnit[i]!;
      t.respondentUnit[i0 + i] = ru < 0 ? -1 : unitMap[ru]!;
      t.answerStart[i0 + i] = a0 + b.answerStart[i]!;
    }
    t.channel.set(b.channel, i0);
    t.durationS.set(b.durationS, i0);
    t.submittedMs.set(b.submittedMs, i0);
    const tg = b.target;
    const it = b.item;
    const out = t.target;
    const outItem = t.item;
    for (let k = 0; k < bm; k++) {
      const u = tg[k]!;
      out[a0 + k] = u < 0 ? -1 : unitMap[u]!;
      outItem[a0 + k] = itemMap[it[k]!]!;
    }
    t.value.set(b.value, a0);
    i0 += bn;
    a0 += bm;
  }
  t.answerStart[n] = a0;
  return t;
}
