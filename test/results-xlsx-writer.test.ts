/**
 * The results workbook writer alone (src/reports/results-xlsx.ts), on tables made here: formula
 * and script payloads stay text, a table longer than a sheet continues on the next, rows may
 * come from an async iterable, widths count CJK characters double, summary's value column takes
 * its format from the metric, and a table the snapshot lacks (rank_intervals) has no sheet.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { displayWidth, writeResultsWorkbook, type WorkbookTable } from '../src/reports/results-xlsx.js';
import type { StoredCell } from '../src/shared/api/result-tables.js';

const CONFIG = {
  id: 'x-1',
  name: '测试考评',
  groups: [{ code: 'service', name: '服务对象' }, { code: 'peer' }],
  items: [{ code: 'S1', text: '办事效率' }],
};

const PAYLOADS = [
  '=HYPERLINK("http://evil.example","点我")',
  '+cmd|" /C calc"!A0',
  '-2+3',
  '@SUM(A1:A9)',
  '\t=1',
  '\r=1',
  '<script>alert(1)</script>',
];

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

describe('writeResultsWorkbook', () => {
  it('keeps every payload text, neutralised as in the CSV files, never a formula', async () => {
    const tables: WorkbookTable[] = [
      {
        name: 'unit_keywords',
        columns: ['unit_code', 'keyword', 'count', 'weight'],
        rows: PAYLOADS.map((p, i) => ['A', p, i + 1, 0.01 * i]),
      },
      {
        name: 'unit_results',
        columns: ['unit_code', 'unit_name', 'composite'],
        rows: [['=A1', PAYLOADS[0]!, 90.5]],
      },
    ];
    const wb = await load(
      await writeResultsWorkbook(tables, { ...CONFIG, name: '=EVIL()' }, { meta: { snapshotId: 3 } }),
    );
    const kw = wb.getWorksheet('关键词')!;
    const got = PAYLOADS.map((_, i) => kw.getCell(i + 3, 2));
    // XML reads a bare CR as a line feed (exceljs writes it unescaped): the apostrophe stays first
    expect(got.map((c) => c.value)).toEqual(
      PAYLOADS.map((p) => (p.startsWith('<') ? p : `'${p}`.replace('\r', '\n'))),
    );
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((c) => {
          expect(c.type, `${ws.name}!${c.address}`).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof c.value === 'string') expect(c.value).not.toMatch(/^[=+\-@\t\r]/);
        }),
      );
    const ur = wb.getWorksheet('单位结果')!;
    expect([ur.getCell('A3').value, ur.getCell('B3').value]).toEqual(["'=A1", `'${PAYLOADS[0]}`]);
    expect(kw.getCell('D4').numFmt).toBe('0.0000');
    expect(wb.getWorksheet('排名区间')).toBeUndefined();
  });

  it('continues a long table on the next sheet, both with the headers, from an async iterable', async () => {
    async function* rows(): AsyncGenerator<readonly StoredCell[]> {
      for (let i = 0; i < 25; i++) {
        // a chunk read from the database, as the service does
        if (i % 10 === 0) await new Promise((r) => setImmediate(r));
        yield [`r${i}`, i % 2, i % 2 ? '' : 'too_fast'];
      }
    }
    const wb = await load(
      await writeResultsWorkbook(
        [{ name: 'response_validity', columns: ['response_id', 'valid', 'reasons'], rows: rows() }],
        CONFIG,
        { maxRowsPerSheet: 10 },
      ),
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual(['有效性', '有效性（2）', '有效性（3）', '说明']);
    const ids: unknown[] = [];
    for (const ws of wb.worksheets.slice(0, 3)) {
      expect(ws.getCell('A1').value).toBe('问卷编号');
      expect(ws.getCell('A2').value).toBe('response_id');
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
      for (let r = 3; r <= ws.rowCount; r++) ids.push(ws.getCell(r, 1).value);
    }
    expect(ids).toEqual(Array.from({ length: 25 }, (_, i) => `r${i}`));
    const readme: unknown[] = [];
    wb.getWorksheet('说明')!.eachRow((r) => readme.push((r.values as unknown[]).slice(1)));
    expect(readme).toContainEqual(['有效性', 'response_validity.csv', 25]);
    expect(readme).toContainEqual(['service', '服务对象']);
    expect(readme).toContainEqual(['peer']);
  });

  it('formats summary values by metric and sizes columns to their content', async () => {
    const wb = await load(
      await writeResultsWorkbook(
        [
          {
            name: 'summary',
            columns: ['metric', 'value'],
            rows: [
              ['responses_total', 1200],
              ['overall_composite_mean', 85.123],
              ['overall_satisfaction_rate', 0.91],
              ['firm_satisfaction_rate', null],
            ],
          },
          {
            name: 'unit_results',
            columns: ['unit_code', 'unit_name'],
            rows: [['A', '苏州市公安局交通警察支队直属一大队']],
          },
        ],
        CONFIG,
      ),
    );
    const ws = wb.getWorksheet('汇总')!;
    expect([3, 4, 5].map((r) => ws.getCell(r, 2).numFmt)).toEqual(['0', '0.00', '0.00%']);
    expect(ws.getCell(6, 2).value).toBeNull();
    expect(displayWidth('苏州市')).toBe(6);
    expect(displayWidth('U01')).toBe(3);
    const ur = wb.getWorksheet('单位结果')!;
    expect(ur.getColumn(2).width).toBe(displayWidth('苏州市公安局交通警察支队直属一大队') + 2);
    expect(ur.getColumn(1).width).toBe(displayWidth('unit_code') + 2);
  });
});
