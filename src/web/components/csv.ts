/**
 * 导出 Excel as CSV: UTF-8 with a byte-order mark (Excel then reads the Chinese correctly),
 * CRLF line ends, and text cells that Excel would run as a formula (= + - @ tab CR) prefixed with an
 * apostrophe, so an exported name cannot become a formula (CSV injection).
 */
import { neutralise } from '../../shared/cell-values.js';

export type Cell = string | number | null | undefined;

function cell(v: Cell): string {
  if (v === null || v === undefined) return '';
  // the product's one rule (SPEC §6), shared with every server-side writer; numbers stay as they are
  const s = typeof v === 'string' ? neutralise(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
