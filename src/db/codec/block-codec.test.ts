import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../core/config.js';
import { stringsOf } from '../../core/response-table.js';
import {
  blocksToTable,
  decodeBlock,
  decodeBlockHeader,
  encodeBlock,
  tableBuilder,
  type BlockResponse,
  type Dictionaries,
} from './block-codec.js';

const code = (prefix: string, i: number) => `${prefix}${String(i).padStart(4, '0')}`;

function responses(nUnits: number, nItems: number): BlockResponse[] {
  return Array.from({ length: 6 }, (_, r) => ({
    responseId: `R${r}`,
    channel: r % 2 ? 'phone' : 'online',
    group: r % 2 ? 'service' : 'peer',
    respondentUnit: r % 3 === 0 ? null : code('U', (r * 7) % nUnits),
    respondentKey: r === 4 ? null : `k${r}`,
    durationS: r === 5 ? null : 60 + r,
    submittedAt: r === 5 ? null : `2024-10-0${r + 1}T10:00:00+08:00`,
    submittedMs: r === 5 ? NaN : Date.parse(`2024-10-0${r + 1}T10:00:00+08:00`),
    answers: [
      { target: code('U', (nUnits - 1 - r + nUnits) % nUnits), item: code('Q', nItems - 1), value: 5 },
      { target: code('U', r % nUnits), item: code('Q', r % nItems), value: r % 6 },
      { target: null, item: code('Q', 0), value: 255 },
      // the first response answers every item, so that the block's item dictionary has them all
      ...(r === 0
        ? Array.from({ length: nItems }, (_, i) => ({ target: code('U', 0), item: code('Q', i), value: 254 }))
        : []),
    ],
  }));
}

function dictionaries(nUnits: number, nItems: number): Dictionaries {
  const index = (prefix: string, n: number) =>
    new Map(Array.from({ length: n }, (_, i) => [code(prefix, i), i]));
  return {
    unitIndex: index('U', nUnits),
    itemIndex: index('Q', nItems),
    groupIndex: new Map([
      ['service', 0],
      ['peer', 1],
    ]),
  };
}

/** The table a block must decode to, computed straight from the records. */
function expected(rs: BlockResponse[], d: Dictionaries) {
  const unit = (c: string | null) => (c === null ? -1 : d.unitIndex.get(c)!);
  return {
    responseId: rs.map((r) => r.responseId),
    respondentKey: rs.map((r) => r.respondentKey ?? ''),
    group: rs.map((r) => d.groupIndex.get(r.group)),
    respondentUnit: rs.map((r) => unit(r.respondentUnit)),
    target: rs.flatMap((r) => r.answers.map((a) => unit(a.target))),
    item: rs.flatMap((r) => r.answers.map((a) => d.itemIndex.get(a.item))),
    value: rs.flatMap((r) => r.answers.map((a) => a.value)),
  };
}

function tableOf(blocks: Uint8Array[], d: Dictionaries) {
  const t = blocksToTable(blocks.map(decodeBlock), d);
  return {
    responseId: stringsOf(t.responseId),
    respondentKey: stringsOf(t.respondentKey),
    group: [...t.group],
    respondentUnit: [...t.respondentUnit],
    target: [...t.target],
    item: [...t.item],
    value: [...t.value],
  };
}

/** A block in the original KPB1 layout (4-byte unit and 2-byte item indices), as stored before KPB2. */
function encodeV1(rs: BlockResponse[]): Buffer {
  const units: string[] = [];
  const items: string[] = [];
  const groups: string[] = [];
  const get = (list: string[], c: string) => (list.includes(c) ? list.indexOf(c) : list.push(c) - 1);
  const n = rs.length;
  const m = rs.reduce((s, r) => s + r.answers.length, 0);
  const [channel, group, ru, dur, sub, start] = [
    new Uint8Array(n),
    new Uint16Array(n),
    new Int32Array(n),
    new Float64Array(n),
    new Float64Array(n),
    new Uint32Array(n + 1),
  ];
  const [target, item, value] = [new Int32Array(m), new Uint16Array(m), new Uint8Array(m)];
  let a = 0;
  rs.forEach((r, i) => {
    channel[i] = CHANNELS.indexOf(r.channel);
    group[i] = get(groups, r.group);
    ru[i] = r.respondentUnit === null ? -1 : get(units, r.respondentUnit);
    dur[i] = r.durationS ?? NaN;
    sub[i] = r.submittedMs;
    start[i] = a;
    for (const x of r.answers) {
      target[a] = x.target === null ? -1 : get(units, x.target);
      item[a] = get(items, x.item);
      value[a++] = x.value;
    }
  });
  start[n] = a;
  const strs = [
    rs.map((r) => r.responseId),
    rs.map((r) => r.respondentKey ?? ''),
    rs.map((r) => r.submittedAt ?? ''),
  ].map((l) => Buffer.from(l.join('\n')));
  const header = Buffer.from(
    JSON.stringify({ n, m, units, items, groups, strings: strs.map((s) => s.length) }),
  );
  const pad = (x: number) => (x + 7) & ~7;
  const sections = [...strs, channel, group, ru, dur, sub, start, target, item, value].map(
    (v) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength),
  );
  const out = Buffer.alloc(pad(8 + header.length) + sections.reduce((s, x) => s + pad(x.length), 0));
  out.writeUInt32LE(0x3142504b, 0);
  out.writeUInt32LE(header.length, 4);
  header.copy(out, 8);
  let off = pad(8 + header.length);
  for (const s of sections) {
    out.set(s, off);
    off += pad(s.length);
  }
  return out;
}

describe('response blocks', () => {
  it.each([
    [5, 4, [1, 1, 1]],
    [128, 256, [1, 1, 1]],
    [129, 257, [2, 2, 2]],
    [40_000, 3, [4, 4, 1]],
  ])('round-trip with %i units and %i items at the narrowest widths', (nUnits, nItems, widths) => {
    const rs = responses(nUnits, nItems);
    const d = dictionaries(nUnits, nItems);
    // with every unit listed (as the importer does for large blocks), the dictionary has them all
    const block = encodeBlock(rs, { units: [...d.unitIndex.keys()] });
    expect(decodeBlockHeader(block).widths).toEqual(widths);
    expect(tableOf([block], d)).toEqual(expected(rs, d));
    const b = decodeBlock(block);
    expect(b.submittedAt).toEqual(rs.map((r) => r.submittedAt ?? ''));
    expect([...b.durationS]).toEqual(rs.map((r) => r.durationS ?? NaN));
  });

  it('lists the units given first, so that their indices need no remapping', () => {
    const units = Array.from({ length: 10 }, (_, i) => code('U', i));
    expect(decodeBlockHeader(encodeBlock(responses(10, 6), { units })).units).toEqual(units);
    expect(decodeBlockHeader(encodeBlock(responses(10, 6))).units[0]).toBe(code('U', 9));
  });

  it('still reads KPB1 blocks, alone and mixed with KPB2 blocks', () => {
    const d = dictionaries(300, 6);
    const a = responses(300, 6);
    const b = responses(300, 6).map((r) => ({ ...r, responseId: `S${r.responseId}` }));
    const want = expected([...a, ...b], d);
    expect(tableOf([encodeV1(a), encodeBlock(b)], d)).toEqual(want);
    expect(tableOf([encodeBlock(a), encodeV1(b)], d)).toEqual(want);
    expect(decodeBlockHeader(encodeV1(a)).widths).toEqual([4, 4, 2]);
  });

  it('keeps ids and keys as bytes across blocks: empty, non-ASCII, a block of one response', () => {
    const d = dictionaries(5, 4);
    const ids = ['', 'é-1', '𝒳', '\uFFFF', 'R,"x"', '考评'];
    const a = responses(5, 4).map((r, i) => ({
      ...r,
      responseId: ids[i]!,
      respondentKey: i % 2 ? '' : `键${i}`,
    }));
    const one = [{ ...responses(5, 4)[1]!, responseId: 'only', respondentKey: '' }];
    const b = responses(5, 4).map((r) => ({ ...r, responseId: `S${r.responseId}` }));
    const blocks = [encodeBlock(a), encodeBlock(one), encodeBlock(b)];
    const want = expected([...a, ...one, ...b], d);
    expect(tableOf(blocks, d)).toEqual(want);
    const t = blocksToTable(blocks.map(decodeBlock), d);
    expect(t.responseId.offsets.length).toBe(t.n + 1);
    expect(t.responseId.bytes.length).toBe(t.responseId.offsets[t.n]);
  });

  it('refuses a string section whose count disagrees with the header', () => {
    const d = dictionaries(5, 4);
    const rs = responses(5, 4);
    const bad = encodeBlock(rs.map((r, i) => (i === 2 ? { ...r, respondentKey: 'a\nb' } : r)));
    expect(() => blocksToTable([decodeBlock(bad)], d)).toThrow(/corrupt response block: 7 strings for 6/);
    const short = encodeBlock(rs.slice(0, 2).map((r) => ({ ...r, responseId: 'x' })));
    const blk = decodeBlock(short);
    blk.stringBytes[0][1] = 0x79; // the separator overwritten: one string for two responses
    expect(() => blocksToTable([blk], d)).toThrow(/1 strings for 2/);
  });

  it('refuses blocks that disagree with the recorded counts', () => {
    const d = dictionaries(5, 4);
    const block = decodeBlock(encodeBlock(responses(5, 4)));
    const { n, m } = block.header;
    const more = tableBuilder(n + 1, m + 3, d);
    more.add(block);
    expect(() => more.finish()).toThrow(/fewer responses/);
    expect(() => tableBuilder(n - 1, m, d).add(block)).toThrow(/more responses/);
  });

  it('refuses a block whose magic is wrong', () => {
    const block = encodeBlock(responses(5, 4));
    block.writeUInt32LE(0x3342504b, 0);
    expect(() => decodeBlock(block)).toThrow(/bad magic/);
  });
});
