import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { CsvParser, CsvSyntaxError } from './csv.js';

function parseAll(text: string, chunk = text.length || 1): string[][] {
  const p = new CsvParser();
  const out: string[][] = [];
  for (let i = 0; i < text.length; i += chunk)
    out.push(...p.push(text.slice(i, i + chunk)).map((r) => r.fields));
  out.push(...p.push('', true).map((r) => r.fields));
  return out;
}

const quote = (v: string) => (/[",\n\r]/.test(v) || v === '' ? `"${v.replace(/"/g, '""')}"` : v);

describe('CsvParser', () => {
  it('reads plain, quoted, BOM and CRLF input with line numbers', () => {
    const p = new CsvParser();
    const recs = p.push('\uFEFFa,b\r\n1,"x, ""y"""\r\n2,"multi\nline"\n\n3,z', true);
    expect(recs.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', 'x, "y"'],
      ['2', 'multi\nline'],
      ['3', 'z'],
    ]);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 3, 6]);
  });

  it('rejects an unterminated quote and a quote inside a bare field', () => {
    expect(() => parseAll('a,"b\n')).toThrow(CsvSyntaxError);
    expect(() => parseAll('a,b"c\n')).toThrow(/quote inside/);
  });

  it('agrees with csv-parse on random tables, whatever the chunking', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '中', ',', '"', '\n', ' ', '1', '\r\n') });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom('\n', '\r\n'),
        (rows, chunk, eol) => {
          const text = rows.map((r) => r.map(quote).join(',')).join(eol) + eol;
          const expected: string[][] = parse(text, { relax_column_count: true });
          expect(parseAll(text, chunk)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
