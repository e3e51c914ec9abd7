import { describe, expect, it } from 'vitest';
import { TableAssembler, type ColumnSpec, type TableRow } from './table-assembler.js';

const SPEC: ColumnSpec[] = [
  { name: 'code', aliases: ['单位编码'], required: true },
  { name: 'name', aliases: ['单位名称'], required: true },
  { name: 'note', aliases: ['备注'], required: false },
];

/** Rows of `lines` (each a comma-joined physical line), as a CSV (strict) or XLSX reader sees them. */
function assemble(lines: string[], strict = true): TableRow[] {
  const t = new TableAssembler('f.csv', SPEC, strict);
  const out: TableRow[] = [];
  lines.forEach((l, i) => t.push(i + 1, l.split(','), out));
  t.finish();
  return out;
}

describe('TableAssembler', () => {
  it('reads the canonical header, and aliases in any order, with absent optional columns', () => {
    expect(assemble(['code,name,note', 'A,甲,x'])).toEqual([{ line: 2, cells: ['A', '甲', 'x'] }]);
    expect(assemble(['单位名称,单位编码', '甲,A'])).toEqual([{ line: 2, cells: ['A', '甲', ''] }]);
  });

  it('skips title rows and blank rows above the header; lines stay physical', () => {
    const rows = assemble([
      '苏州市2021年度参评单位,,',
      ',,',
      '单位编码,单位名称,备注',
      'A,甲,',
      ',,',
      'B,乙,y',
    ]);
    expect(rows).toEqual([
      { line: 4, cells: ['A', '甲', ''] },
      { line: 6, cells: ['B', '乙', 'y'] },
    ]);
  });

  it('finds the header only on the first 10 lines', () => {
    const titles = Array.from({ length: 9 }, (_, i) => `标题${i},,`);
    expect(assemble([...titles, 'code,name,note', 'A,甲,'])).toHaveLength(1);
    expect(() => assemble([...titles, '说明,,', 'code,name,note', 'A,甲,'])).toThrow(
      /f.csv:1: no header row in the first 10 lines; expected columns code, name, note/,
    );
  });

  it('reports the likeliest header when none is complete', () => {
    expect(() => assemble(['标题,,', 'code,nmae,note', 'A,甲,'])).toThrow(
      /f.csv:2: column nmae: unknown column/,
    );
    expect(() => assemble(['code,note', 'A,x'])).toThrow(/f.csv:1: column name: missing column/);
    expect(() => assemble(['code,name,code', 'A,x,y'])).toThrow(/column code appears twice/);
  });

  it('checks and ignores a leading 序号 column', () => {
    expect(assemble(['序号,code,name', '1,A,甲', '２,B,乙', ',C,丙'])).toEqual([
      { line: 2, cells: ['A', '甲', ''] },
      { line: 3, cells: ['B', '乙', ''] },
      { line: 4, cells: ['C', '丙', ''] },
    ]);
    expect(() => assemble(['No.,code,name', 'x,A,甲'])).toThrow(
      /f.csv:2: column No.: "x" is not a row number/,
    );
  });

  it('refuses short and long rows, tolerating trailing empty cells on the header and on rows', () => {
    expect(() => assemble(['code,name,note', 'A,甲'])).toThrow(
      /f.csv:2: column note: missing: the row has 2 cells, the header \(line 1\) 3/,
    );
    expect(() => assemble(['code,name,note', 'A,甲,x,y'])).toThrow(
      /f.csv:2: column 4 \(no header\): the row has a cell beyond/,
    );
    expect(assemble(['code,name,note,,', 'A,甲,x', 'B,乙,y,,,'])).toEqual([
      { line: 2, cells: ['A', '甲', 'x'] },
      { line: 3, cells: ['B', '乙', 'y'] },
    ]);
    expect(() => assemble(['code,name,', 'A'])).toThrow(/column name: missing/);
  });

  it('pads XLSX rows, whose empty trailing cells are simply absent', () => {
    expect(assemble(['code,name,note', 'A,甲'], false)).toEqual([{ line: 2, cells: ['A', '甲', ''] }]);
    expect(() => assemble(['code,name,note', 'A,甲,x,y'], false)).toThrow(/column 4 \(no header\)/);
  });

  it('refuses an input without any row', () => {
    expect(() => assemble([])).toThrow(/f.csv: empty file: expected a header row/);
    expect(() => assemble([',,', ''])).toThrow(/empty file/);
  });
});
