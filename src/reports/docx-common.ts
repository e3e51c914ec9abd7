/**
 * What both Word reports share: the styles (Noto Sans CJK SC named explicitly as the East Asian
 * font, or LibreOffice and Word pick another face), the footer with page numbers, headings,
 * tables whose header row repeats on every page and whose rows never split, and chart images.
 * Text goes through docx's text runs, which escape XML: a comment holding `<script>` or a
 * formula is printed as those characters and nothing else.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import { CJK_FAMILY } from './charts.js';

const FONT = { ascii: CJK_FAMILY, eastAsia: CJK_FAMILY, hAnsi: CJK_FAMILY, cs: CJK_FAMILY };

export function reportDocument(title: string, children: FileChild[], opts: { toc?: boolean } = {}): Document {
  return new Document({
    creator: 'kaoping',
    title,
    features: opts.toc ? { updateFields: true } : {},
    styles: {
      default: {
        document: {
          run: { font: FONT, size: 21 },
          paragraph: { spacing: { after: 80, line: 300, lineRule: LineRuleType.AUTO } },
        },
        heading1: {
          run: { font: FONT, size: 32, bold: true },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
        heading2: {
          run: { font: FONT, size: 26, bold: true },
          paragraph: { spacing: { before: 200, after: 100 } },
        },
        title: { run: { font: FONT, size: 44, bold: true } },
      },
    },
    sections: [
      {
        properties: { titlePage: true },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['第 ', PageNumber.CURRENT, ' 页 / 共 ', PageNumber.TOTAL_PAGES, ' 页'],
                  }),
                ],
              }),
            ],
          }),
          first: new Footer({ children: [new Paragraph('')] }),
        },
        children,
      },
    ],
  });
}

export const h1 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_1 });
export const h2 = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2 });
export const para = (text: string) => new Paragraph({ children: [new TextRun(text)] });
export const note = (text: string) =>
  new Paragraph({ children: [new TextRun({ text, size: 18, color: '666666' })] });

/** A cover page: title lines centred in the upper third, then a page break. */
export function cover(
  lines: { text: string; size: number; bold?: boolean }[],
  footerLine: string,
): Paragraph[] {
  return [
    new Paragraph({ spacing: { before: 2800 }, children: [] }),
    ...lines.map(
      (l) =>
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 360 },
          children: [new TextRun({ text: l.text, size: l.size, bold: l.bold ?? false })],
        }),
    ),
    new Paragraph({
      spacing: { before: 3600 },
      alignment: AlignmentType.CENTER,
      children: [new TextRun(footerLine)],
    }),
    new Paragraph({ pageBreakBefore: true, children: [] }),
  ];
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(text: string, header: boolean, width: number): TableCell {
  return new TableCell({
    borders,
    width: { size: width, type: WidthType.PERCENTAGE },
    shading: header ? { type: ShadingType.CLEAR, fill: 'DCE6F1', color: 'auto' } : undefined,
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    children: [
      new Paragraph({
        spacing: { after: 0, line: 260 },
        children: [new TextRun({ text, bold: header, size: 19 })],
      }),
    ],
  });
}

/**
 * A table: the header row repeats on every page (tableHeader), no row splits across pages
 * (cantSplit). `widths` are percentages of the text width.
 */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  widths?: readonly number[],
): Table {
  const w = widths ?? header.map(() => 100 / header.length);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: header.map((h, i) => cell(h, true, w[i]!)),
      }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, false, w[i]!)) })),
    ],
  });
}

/** A chart PNG (rendered at 2× its CSS size) printed at width × height CSS pixels. */
export function image(png: Buffer, width: number, height: number): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    // single line spacing, or LibreOffice clips the picture to the style's line height
    spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 120, after: 120 },
    children: [new ImageRun({ type: 'png', data: png, transformation: { width, height } })],
  });
}

export const spacer = () => new Paragraph({ children: [] });
