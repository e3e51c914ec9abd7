import { describe, expect, it } from 'vitest';
import {
  answerKey,
  DK_TEXT,
  isDontKnow,
  isFormulaLeadByte,
  answerContentKey,
  looksLikeFormula,
  neutralise,
  responseAnswerKey,
  shown,
  unneutralise,
} from './cell-values.js';

describe('cell values', () => {
  it.each([
    ['DK', true],
    ['dk', true],
    ['ＤＫ', true],
    ['ｄｋ', true],
    ['不了解', true],
    ['不知道', true],
    ['说不清', false],
    ['D K', false],
    ['', false],
    ['4', false],
  ])('isDontKnow(%j) = %s', (v, dk) => expect(isDontKnow(v)).toBe(dk));

  it('formats don’t know as DK', () => expect(DK_TEXT).toBe('DK'));

  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@x', "'@x"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['plain', 'plain'],
    ["'quoted", "'quoted"],
    ['', ''],
  ])('neutralise(%j) = %j and back', (raw, out) => {
    expect(neutralise(raw)).toBe(out);
    expect(unneutralise(neutralise(raw))).toBe(raw);
    expect(looksLikeFormula(raw)).toBe(out !== raw);
    expect(raw === '' ? false : isFormulaLeadByte(raw.charCodeAt(0))).toBe(out !== raw);
  });

  it('keeps an apostrophe that does not precede a formula character', () => {
    expect(unneutralise("'abc")).toBe("'abc");
    expect(unneutralise("'")).toBe("'");
  });

  it('builds composite keys with one separator', () => {
    expect(answerKey('A', 'S1')).toBe('A\u0001S1');
    expect(answerKey(null, 'F1')).toBe('\u0001F1');
    expect(responseAnswerKey('r1', 'A', 'S1')).toBe('r1\u0001A\u0001S1');
    expect(answerContentKey('A', 'S1', 4, '')).toBe('A\u0001S1\u00014\u0001');
  });

  it('shows a value quoted, escaped and cut to 60 characters', () => {
    expect(shown('abc')).toBe('"abc"');
    expect(shown('a\u0000\r"')).toBe('"a\\u0000\\r\\""');
    expect(shown('x'.repeat(100))).toBe(`"${'x'.repeat(60)}…"`);
  });
});
