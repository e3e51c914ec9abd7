/**
 * Renders rows of form cells (form-layout.ts) as an Excel sheet and as a Word table, with the
 * spans, the tall block labels, percentages and two-decimal scores of the printed forms.
 */
import type ExcelJS from 'exceljs';
import {
  AlignmentType,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  VerticalMergeType,
  WidthType,
} from 'docx';
import { neutralise } from '../../shared/cell-values.js';
import type { FormCell, FormRow } from './form-layout.js';

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = 'Noto Sans CJK SC';

/** Writes the rows from the sheet's first row; a block's first column is merged down. */
export function writeRows(ws: ExcelJS.Worksheet, rows: FormRow[], widths: readonly number[]): void {
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  rows.forEach((row, r) => {
    let col = 1;
    row.cells.forEach((c, k) => {
      const span = c.span ?? 1;
      const cell = ws.getCell(r + 1, col);
      if (!(row.continues && k === 0)) cell.value = typeof c.v === 'string' ? neutralise(c.v) : c.v;
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: row.title ? 'center' : 'left' };
      cell.border = BORDER;
      if (c.pct) cell.numFmt = '0.##%';
      if (c.dec) cell.numFmt = '0.00';
      if (c.label || row.title) cell.font = { bold: true, size: row.title ? 14 : 11 };
      if (c.label) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
      if (span > 1) ws.mergeCells(r + 1, col, r + 1, col + span - 1);
      col += span;
    });
  });
  let top = 1;
  rows.forEach((row, r) => {
    if (!row.continues) top = r + 1;
    const last = r + 1 === rows.length || !rows[r + 1]!.continues;
    if (last && r + 1 > top) ws.mergeCells(top, 1, r + 1, 1);
  });
}

/** A cell's text as printed: percentages and two-decimal scores. */
export function shownText(c: FormCell): string {
  if (c.v === null) return '';
  if (typeof c.v === 'string') return c.v;
  if (c.pct) return `${Math.round(c.v * 10000) / 100}%`;
  if (c.dec) return c.v.toFixed(2);
  return String(c.v);
}

const run = (text: string, bold = false, size = 18) =>
  new TextRun({ text, bold, size, font: { eastAsia: FONT, ascii: FONT, hAnsi: FONT } });

function docxCell(c: FormCell, merge: 'restart' | 'continue' | null): TableCell {
  return new TableCell({
    children: [new Paragraph({ children: merge === 'continue' ? [] : [run(shownText(c), c.label)] })],
    columnSpan: c.span ?? 1,
    verticalAlign: VerticalAlign.CENTER,
    ...(merge
      ? { verticalMerge: merge === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE }
      : {}),
    ...(c.label ? { shading: { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' } } : {}),
  });
}

/** The rows as one Word document: the title row as a heading, the rest as one table. */
export async function rowsDocx(
  rows: FormRow[],
  widths: readonly number[],
  landscape = true,
): Promise<Buffer> {
  const title = rows[0]?.title ? rows[0] : undefined;
  const body = title ? rows.slice(1) : rows;
  const total = widths.reduce((s, w) => s + w, 0);
  const tableRows = body.map((row, r) => {
    const next = body[r + 1];
    return new TableRow({
      cantSplit: true,
      children: row.cells.map((c, k) => {
        let merge: 'restart' | 'continue' | null = null;
        if (k === 0 && row.continues) merge = 'continue';
        else if (k === 0 && next?.continues) merge = 'restart';
        return docxCell(c, merge);
      }),
    });
  });
  const table = new Table({
    rows: tableRows,
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: widths.map((w) => Math.round((w / total) * (landscape ? 13800 : 9000))),
  });
  const doc = new Document({
    sections: [
      {
        properties: {
          page: { size: { orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT } },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [run(title ? shownText(title.cells[0]!) : '', true, 32)],
          }),
          table,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
