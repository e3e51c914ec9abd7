import { describe, expect, it } from 'vitest';
import { CASE_COUNT_OFFSET, SavWriter, spssName } from './sav-writer.js';
import { savNames } from './sav-dictionary.js';

describe('spssName', () => {
  it.each([
    ['S1', 'S1'],
    ['满意度-1', '满意度_1'],
    ['1st', 'V1st'],
    ['a.', 'a'],
    ['by', 'by_2'],
    ['', 'V'],
  ])('%j → %j', (wanted, name) => {
    expect(spssName(wanted, new Set())).toBe(name);
  });
  it('never gives a name twice, whatever the case', () => {
    const taken = new Set<string>();
    expect([spssName('q1', taken), spssName('Q1', taken), spssName('q1', taken)]).toEqual([
      'q1',
      'Q1_2',
      'q1_3',
    ]);
  });
});

describe('savNames', () => {
  it('short names are upper-case, at most 8 bytes, unique, with one per very long string segment', () => {
    const names = savNames([
      { name: 'S1', type: 'numeric' },
      { name: 'response_id', type: 'string', width: 10 },
      { name: 'C1', type: 'string', width: 600 },
    ]);
    expect(names.map((n) => n.short)).toEqual(['S1', 'V1', 'C1']);
    expect(names[2]!.segments).toHaveLength(2); // 600 bytes = 3 segments of 252
    const all = names.flatMap((n) => [n.short, ...n.segments]);
    expect(new Set(all).size).toBe(all.length);
    expect(all.every((s) => /^[A-Z][A-Z0-9_]{0,7}$/.test(s))).toBe(true);
  });
});

describe('SavWriter', () => {
  const vars = [
    { name: 'S1', type: 'numeric' as const, missing: [99] },
    { name: 'T', type: 'string' as const, width: 8 },
  ];
  it('compresses a small integer to one command byte and a blank string to 254', () => {
    const w = new SavWriter(vars, { created: new Date(2026, 0, 2, 3, 4, 5) });
    const dict = w.dictionary();
    expect(dict.subarray(0, 4).toString('latin1')).toBe('$FL2');
    expect(dict.readInt32LE(CASE_COUNT_OFFSET)).toBe(-1);
    expect(dict.subarray(84 + 8, 84 + 8 + 17).toString('latin1')).toBe('02 Jan 2603:04:05');
    w.row([5, '']);
    w.row([null, 'abc']);
    w.row([1.5, 'x']);
    const data = w.finish();
    // commands: 105 (5 + bias 100), 254 (blank), 255 (sysmis), 253 (raw 8 bytes), 253, 253, pad
    expect([...data.subarray(0, 8)]).toEqual([105, 254, 255, 253, 253, 253, 0, 0]);
    expect(data.subarray(8, 16).toString('latin1')).toBe('abc     ');
    expect(data.readDoubleLE(16)).toBe(1.5);
    expect(data.subarray(24, 32).toString('latin1')).toBe('x       ');
    expect(data).toHaveLength(32);
    expect(w.caseCountBytes().readInt32LE(0)).toBe(3);
  });
});
