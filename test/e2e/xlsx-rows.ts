/**
 * The rows of a downloaded 导出 Excel workbook's first sheet as text ('' for an empty cell),
 * read with exceljs, a signed number as its format shows it: what the browser tests compare with
 * the table on the page.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';

export async function xlsxRows(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const width = ws.getRow(1).cellCount;
  const rows: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    rows.push(
      Array.from({ length: width }, (_, j) => {
        const cell = row.getCell(j + 1);
        const v = cell.value;
        // a signed number (+0.00;-0.00;0.00) shows its sign and decimals
        const signed = /^\+0(?:\.(0+))?;/.exec(cell.numFmt ?? '');
        if (typeof v === 'number' && signed) return (v > 0 ? '+' : '') + v.toFixed(signed[1]?.length ?? 0);
        return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
      }),
    );
  }
  return rows;
}
