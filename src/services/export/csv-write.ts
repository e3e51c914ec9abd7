/**
 * CSV output: UTF-8 with BOM (Excel in China needs it), numbers unrounded, null as an empty
 * cell, and text that a spreadsheet would run as a formula neutralised by a leading apostrophe.
 */
import fs from 'node:fs';
import { neutralise } from '../../shared/cell-values.js';

export type Cell = string | number | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;
/** The one formula-neutralisation rule lives in shared/cell-values.ts. */
export { neutralise };

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = neutralise(v);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly Cell[]): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) out += (i > 0 ? ',' : '') + csvCell(cells[i]);
  return out + '\n';
}

/** Writes a whole CSV file (BOM, header, rows), buffering in large chunks. */
export function writeCsv(file: string, header: readonly string[], rows: Iterable<readonly Cell[]>): void {
  const fd = fs.openSync(file, 'w');
  try {
    let buf = '\uFEFF' + csvLine(header);
    for (const r of rows) {
      buf += csvLine(r);
      if (buf.length > 1 << 20) {
        fs.writeSync(fd, buf);
        buf = '';
      }
    }
    fs.writeSync(fd, buf);
  } finally {
    fs.closeSync(fd);
  }
}
