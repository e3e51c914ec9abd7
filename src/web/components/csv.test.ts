import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv (导出 Excel)', () => {
  it.each([
    ['plain', ['a', 1, null], 'a,1,'],
    ['quotes and commas', ['say "hi", ok', '一,二'], '"say ""hi"", ok","一,二"'],
    ['a line break', ['two\nlines'], '"two\nlines"'],
    ['formula-like text is neutralised', ['=SUM(A1)', '+1', '-x', '@cmd'], "'=SUM(A1),'+1,'-x,'@cmd"],
    ['negative numbers stay numbers', [-3.5], '-3.5'],
  ])('%s', (_name, row, line) => {
    expect(toCsv(['h'], [row])).toBe(`\uFEFFh\r\n${line}\r\n`);
  });
});
