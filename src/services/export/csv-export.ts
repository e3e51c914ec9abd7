/**
 * CSV exports of the responses, long (§4.3, one row per answer) or wide (one row per response
 * and target agency). Per response the response-level cells are escaped once and shared by its
 * answer rows; per block the unit and item codes are escaped once.
 */
import { DK_TEXT } from '../../shared/cell-values.js';
import { csvCell, csvLine } from './csv-write.js';
import {
  exportBlocks,
  unitAt,
  VALUE_BLANK,
  VALUE_DK,
  VALUE_TEXT,
  wideTargets,
  type ExportBlock,
} from './block-stream.js';
import type { FileSink } from './file-sink.js';
import { RowBuffer } from './row-buffer.js';
import type { Db } from '../../db/repos/common.js';

const CHUNK = 1 << 20;

/** value code → CSV cell, for the codes that are not text */
const VALUE_CELL: string[] = Array.from({ length: 256 }, (_, v) =>
  v === VALUE_DK ? DK_TEXT : v === VALUE_BLANK || v === VALUE_TEXT ? '' : String(v),
);

function durationCell(d: number): string {
  return Number.isNaN(d) ? '' : String(d);
}

/** The escaped `response_id,channel,group,respondent_unit,respondent_key,` of response i. */
function levelHead(blk: ExportBlock, i: number): string {
  const { b } = blk;
  return `${csvCell(b.responseIds[i])},${blk.channels[b.channel[i]!]!},${csvCell(blk.groups[b.group[i]!])},${csvCell(unitAt(blk, b.respondentUnit[i]!))},${csvCell(b.respondentKeys[i])},`;
}

export interface CsvExportOptions {
  layout: 'long' | 'wide';
  header: readonly string[];
  /** item codes, in column order (wide) */
  items: readonly string[];
  progress?: (n: number) => void;
}

/** Writes every response to `sink`; returns the number of data rows. */
export async function writeCsvResponses(
  db: Db,
  assessmentId: string,
  sink: FileSink,
  o: CsvExportOptions,
): Promise<number> {
  const buf = new RowBuffer();
  buf.put('\uFEFF' + csvLine(o.header));
  let n = 0;
  const itemCol = new Map(o.items.map((c, i) => [c, i]));
  for await (const blk of exportBlocks(db, assessmentId)) {
    const { b } = blk;
    const units = blk.units.map((u) => csvCell(u));
    const items = blk.items.map((c) => csvCell(c));
    for (let i = 0; i < b.header.n; i++) {
      const head = levelHead(blk, i);
      const tail = `${durationCell(b.durationS[i]!)},${csvCell(b.submittedAt[i])}\n`;
      // one put per response: Buffer#write's per-call cost dominated one put per row
      let rows = '';
      if (o.layout === 'long') {
        for (let a = b.answerStart[i]!; a < b.answerStart[i + 1]!; a++) {
          const t = b.target[a]!;
          const v = b.value[a]!;
          const value =
            v === VALUE_TEXT
              ? csvCell(blk.text(b.responseIds[i]!, unitAt(blk, t), blk.items[b.item[a]!]!))
              : VALUE_CELL[v]!;
          rows += `${head}${t < 0 ? '' : units[t]!},${items[b.item[a]!]!},${value},${tail}`;
          n++;
        }
      } else {
        for (const row of wideTargets(blk, i, itemCol, o.items.length)) {
          rows += `${head}${csvCell(row.target)},${tail.slice(0, -1)}`;
          for (let c = 0; c < row.codes.length; c++) {
            const v = row.codes[c]!;
            rows += ',' + (v < 0 ? '' : v === VALUE_TEXT ? csvCell(row.texts[c] ?? '') : VALUE_CELL[v]!);
          }
          rows += '\n';
          n++;
        }
      }
      buf.put(rows);
      if (buf.pos > CHUNK) {
        await sink.write(buf.take());
        o.progress?.(n);
      }
    }
  }
  await sink.write(buf.take());
  return n;
}
