import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REASON_DUPLICATE } from './analysis-types.js';
import { markDuplicates } from './response-reasons.js';
import {
  columnLength,
  equalAt,
  isEmptyAt,
  lessAt,
  responseTableFrom,
  stringAt,
  stringColumnFrom,
  stringsOf,
} from './response-table.js';

// ASCII, Latin-1, CJK, the top of the BMP (above the surrogates) and astral characters: UTF-8
// byte order and UTF-16 order disagree between the last two.
const char = fc.constantFrom(
  'a',
  'b',
  'Z',
  '0',
  '-',
  'é',
  'ÿ',
  '考',
  '评',
  '\uE000',
  '\uFFFF',
  '𝒳',
  '😀',
  '\u{10FFFF}',
);
const str = fc.array(char, { maxLength: 6 }).map((cs) => cs.join(''));

describe('StringColumn', () => {
  it('round-trips strings, empty ones included', () => {
    const strings = ['', 'R1', '', '考评-01', '𝒳', 'x'.repeat(40), 'é'.repeat(40)];
    const col = stringColumnFrom(strings);
    expect(columnLength(col)).toBe(strings.length);
    expect(stringsOf(col)).toEqual(strings);
    expect(strings.map((_, i) => isEmptyAt(col, i))).toEqual(strings.map((s) => s === ''));
  });

  it('orders like JS string comparison (UTF-16 code units) and compares keys as bytes', () => {
    fc.assert(
      fc.property(str, str, (a, b) => {
        const col = stringColumnFrom([a, b]);
        expect(lessAt(col, 0, 1)).toBe(a < b);
        expect(lessAt(col, 1, 0)).toBe(b < a);
        expect(equalAt(col, 0, col, 1)).toBe(a === b);
        expect(stringAt(col, 0)).toBe(a);
      }),
      { numRuns: 2000 },
    );
  });

  it('puts an astral character before U+FFFF, as UTF-16 order does (UTF-8 bytes would not)', () => {
    const col = stringColumnFrom(['\uFFFF', '𝒳']);
    expect('𝒳' < '\uFFFF').toBe(true);
    expect(lessAt(col, 1, 0)).toBe(true);
    expect(lessAt(col, 0, 1)).toBe(false);
  });
});

describe('duplicates over byte keys', () => {
  it('ties on submitted_at go to the smaller id in UTF-16 order, keys matched by bytes', () => {
    const r = (responseId: string, respondentKey: string, group = 0) => ({
      responseId,
      channel: 0,
      group,
      respondentKey,
      submittedMs: 1000,
      answers: [],
    });
    const t = responseTableFrom([
      r('\uFFFF', '键'),
      r('𝒳', '键'), // first: astral sorts before U+FFFF in UTF-16 order
      r('a', '键', 1), // another group
      r('b', ''),
      r('c', ''),
      r('d', 'k'),
      r('e', 'k\u0000'),
    ]);
    const reasons = new Uint8Array(t.n);
    markDuplicates(t, reasons);
    expect([...reasons].map((x) => (x & REASON_DUPLICATE ? 1 : 0))).toEqual([1, 0, 0, 0, 0, 0, 0]);
  });
});
