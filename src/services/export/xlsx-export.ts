/**
 * XLSX export of the responses (wide by default), split across sheets at Excel's
 * 1,048,576-row limit. Text cells that a spreadsheet would run as a formula get a leading
 * apostrophe, as in the CSV.
 */
import { DK_TEXT, neutralise } from '../../shared/cell-values.js';
import type { Db } from '../../db/repos/common.js';
import { XlsxStreamWriter } from './xlsx-stream.js';
import { exportBlocks, unitAt, VALUE_BLANK, VALUE_DK, VALUE_TEXT, wideTargets } from './block-stream.js';

export interface XlsxExportOptions {
  layout: 'long' | 'wide';
  header: readonly string[];
  items: readonly string[];
  progress?: (n: number) => void;
}

type XCell = string | number | null;
const text = (s: string): XCell => (s === '' ? null : neutralise(s));

function valueCell(v: number, t: string | undefined): XCell {
  if (v === VALUE_DK) return DK_TEXT;
  if (v === VALUE_BLANK) return null;
  if (v === VALUE_TEXT) return text(t ?? '');
  return v;
}

/** Writes the workbook to `file`; returns the number of data rows. */
export async function writeXlsxResponses(
  db: Db,
  assessmentId: string,
  file: string,
  o: XlsxExportOptions,
): Promise<number> {
  const w = XlsxStreamWriter.open(file, 'responses', o.header);
  let n = 0;
  const add = async (cells: XCell[]): Promise<void> => {
    await w.row(cells);
    if (++n % 50_000 === 0) o.progress?.(n);
  };
  try {
    await writeRows(db, assessmentId, o, add);
  } catch (e) {
    w.abort();
    throw e;
  }
  await w.finish();
  return n;
}

async function writeRows(
  db: Db,
  assessmentId: string,
  o: XlsxExportOptions,
  add: (cells: XCell[]) => Promise<void>,
): Promise<void> {
  const itemCol = new Map(o.items.map((c, i) => [c, i]));
  for await (const blk of exportBlocks(db, assessmentId)) {
    const { b } = blk;
    for (let i = 0; i < b.header.n; i++) {
      const rid = b.responseIds[i]!;
      const d = b.durationS[i]!;
      const level: XCell[] = [
        text(rid),
        blk.channels[b.channel[i]!]!,
        text(blk.groups[b.group[i]!]!),
        text(unitAt(blk, b.respondentUnit[i]!)),
        text(b.respondentKeys[i]!),
      ];
      const dur = Number.isNaN(d) ? null : d;
      const at = text(b.submittedAt[i]!);
      if (o.layout === 'long') {
        for (let a = b.answerStart[i]!; a < b.answerStart[i + 1]!; a++) {
          const target = unitAt(blk, b.target[a]!);
          const item = blk.items[b.item[a]!]!;
          const v = b.value[a]!;
          const t = v === VALUE_TEXT ? blk.text(rid, target, item) : undefined;
          await add([...level, text(target), text(item), valueCell(v, t), dur, at]);
        }
      } else {
        for (const row of wideTargets(blk, i, itemCol, o.items.length)) {
          const cells: XCell[] = [...level, text(row.target), dur, at];
          for (let c = 0; c < row.codes.length; c++) {
            const v = row.codes[c]!;
            cells.push(v < 0 ? null : valueCell(v, row.texts[c]));
          }
          await add(cells);
        }
      }
    }
  }
}
