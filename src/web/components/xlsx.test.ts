import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toXlsx } from './xlsx';

async function read(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer as ArrayBuffer);
  return wb;
}

describe('toXlsx (导出 Excel)', () => {
  it('writes a workbook exceljs reads: header, numbers as numbers, empties empty, frozen header', async () => {
    const bytes = toXlsx(
      '单位 [排名]',
      ['单位', '得分', '备注'],
      [
        ['市公安局', 85.25, null],
        ['B', -3.5, ''],
        ['say "hi" & <b>', 0, '两\n行'],
      ],
    );
    const wb = await read(bytes);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('单位  排名');
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      ['单位', '得分', '备注'],
      ['市公安局', 85.25],
      ['B', -3.5],
      ['say "hi" & <b>', 0, '两\n行'],
    ]);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A2').font?.bold).toBeFalsy();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // CJK counts double: 市公安局 is 8 wide, plus padding
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(16);
  });

  it('neutralises formula-like text and drops characters XML cannot hold', async () => {
    const wb = await read(
      toXlsx(
        't',
        ['h'],
        [
          ['=HYPERLINK("http://x","y")'],
          ['+A1+1'],
          ['-x'],
          ['@cmd'],
          ['\tx'],
          ['\r=1'],
          ['a\u0001b'],
          ['<script>alert(1)</script>'],
        ],
      ),
    );
    const ws = wb.worksheets[0]!;
    const values: unknown[] = [];
    ws.eachRow((r, i) => {
      if (i > 1) values.push(r.getCell(1).value);
      expect(r.getCell(1).type).not.toBe(ExcelJS.ValueType.Formula);
    });
    expect(values).toEqual([
      `'=HYPERLINK("http://x","y")`,
      "'+A1+1",
      "'-x",
      "'@cmd",
      "'\tx",
      "'\r=1",
      'ab',
      '<script>alert(1)</script>',
    ]);
  });

  it('writes signed numbers as numbers that keep their sign and decimals, not as neutralised text', async () => {
    const wb = await read(toXlsx('t', ['h'], [['+2.08'], ['-0.50'], ['-3'], ['-2+3'], ['-1.23456']]));
    const cells = [2, 3, 4, 5, 6].map((r) => wb.worksheets[0]!.getCell(`A${r}`));
    expect(cells.map((c) => c.value)).toEqual([2.08, -0.5, -3, "'-2+3", "'-1.23456"]);
    expect(cells.map((c) => c.numFmt)).toEqual([
      '+0.00;-0.00;0.00',
      '+0.00;-0.00;0.00',
      '+0;-0;0',
      undefined,
      undefined,
    ]);
  });

  it('is a valid zip for many columns (AA, AB…) and an empty table', async () => {
    const header = Array.from({ length: 30 }, (_, i) => `c${i}`);
    const wb = await read(toXlsx('wide', header, [header.map((_, i) => i)]));
    expect(wb.worksheets[0]!.getCell('AD2').value).toBe(29);
    const empty = await read(toXlsx('empty', ['a'], []));
    expect(empty.worksheets[0]!.rowCount).toBe(1);
  });
});
