/**
 * `kaoping export responses`: every stored response, streamed block by block.
 * long = the §4.3 import format (so export → import round-trips); wide = one row per response
 * and target agency, one column per item.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { CHANNELS } from '../../core/config.js';
import { KpError } from '../../shared/errors.js';
import { DK_TEXT, responseAnswerKey } from '../../shared/cell-values.js';
import { VALUE_BLANK, VALUE_DK, VALUE_TEXT } from '../../core/response-table.js';
import { decodeBlock, type DecodedBlock } from '../../db/codec/block-codec.js';
import { loadConfig } from '../../db/repos/assessments.js';
import { type Db } from '../../db/repos/common.js';
import { listBlocks, loadBlock, loadComments } from '../../db/repos/responses.js';
import { csvLine, neutralise, type Cell } from './csv-write.js';
import { RESPONSE_COLUMNS } from '../import/responses.js';

export type Layout = 'long' | 'wide';
const XLSX_MAX_ROWS = 1_048_576;

interface Row {
  cells: Cell[];
}

function valueText(v: number, text: string | undefined): string {
  if (v === VALUE_DK) return DK_TEXT;
  if (v === VALUE_BLANK) return '';
  if (v === VALUE_TEXT) return text ?? '';
  return String(v);
}

async function* blockRows(
  db: Db,
  assessmentId: string,
  layout: Layout,
  items: string[],
): AsyncGenerator<Row> {
  const texts = new Map<string, string>();
  for (const c of await loadComments(db, assessmentId))
    texts.set(responseAnswerKey(c.response_id, c.target_unit, c.item), c.text);
  const itemCol = new Map(items.map((c, i) => [c, i]));
  for (const { id } of await listBlocks(db, assessmentId)) {
    const b: DecodedBlock = decodeBlock(await loadBlock(db, id));
    const { units, items: bItems, groups } = b.header;
    for (let i = 0; i < b.header.n; i++) {
      const rid = b.responseIds[i]!;
      const ru = b.respondentUnit[i]!;
      const dur = b.durationS[i]!;
      const level = {
        channel: CHANNELS[b.channel[i]!]!,
        group: groups[b.group[i]!]!,
        ru: ru < 0 ? '' : units[ru]!,
        key: b.respondentKeys[i]!,
        dur: Number.isNaN(dur) ? null : dur,
        at: b.submittedAt[i]!,
      };
      const wide = new Map<string, Cell[]>();
      for (let a = b.answerStart[i]!; a < b.answerStart[i + 1]!; a++) {
        const t = b.target[a]!;
        const target = t < 0 ? '' : units[t]!;
        const item = bItems[b.item[a]!]!;
        const value = valueText(b.value[a]!, texts.get(responseAnswerKey(rid, target, item)));
        if (layout === 'long') {
          yield {
            cells: [
              rid,
              level.channel,
              level.group,
              level.ru,
              level.key,
              target,
              item,
              value,
              level.dur,
              level.at,
            ],
          };
        } else {
          let cells = wide.get(target);
          if (!cells) {
            cells = [
              rid,
              level.channel,
              level.group,
              level.ru,
              level.key,
              target,
              level.dur,
              level.at,
              ...items.map(() => null),
            ];
            wide.set(target, cells);
          }
          const col = itemCol.get(item);
          if (col !== undefined)
            cells[8 + col] = b.value[a]! >= 1 && b.value[a]! <= 250 ? b.value[a]! : value;
        }
      }
      for (const cells of wide.values()) yield { cells };
    }
  }
}

export function headerFor(layout: Layout, items: string[]): string[] {
  const cols = RESPONSE_COLUMNS.map((c) => c.name);
  if (layout === 'long') return cols;
  return [
    'response_id',
    'channel',
    'group',
    'respondent_unit',
    'respondent_key',
    'target_unit',
    'duration_s',
    'submitted_at',
    ...items,
  ];
}

export async function exportResponses(
  db: Db,
  assessmentId: string,
  file: string,
  layoutArg: Layout | undefined,
  progress?: (n: number) => void,
): Promise<number> {
  const ext = path.extname(file).toLowerCase();
  if (ext !== '.csv' && ext !== '.xlsx') {
    throw new KpError(
      'KP_BAD_ARGUMENT',
      `--out: "${file}": supported formats are .csv and .xlsx (SPSS .sav is not available yet)`,
    );
  }
  const config = await loadConfig(db, assessmentId);
  const items = config.items.map((i) => i.code);
  const layout: Layout = layoutArg ?? (ext === '.csv' ? 'long' : 'wide');
  const header = headerFor(layout, items);
  const tmp = `${file}.partial`;
  let n = 0;
  if (ext === '.csv') {
    const out = fs.createWriteStream(tmp);
    let buf = '\uFEFF' + csvLine(header);
    for await (const r of blockRows(db, assessmentId, layout, items)) {
      buf += csvLine(r.cells);
      n++;
      if (buf.length > 1 << 20) {
        if (!out.write(buf)) await new Promise<void>((res) => out.once('drain', () => res()));
        buf = '';
        progress?.(n);
      }
    }
    out.end(buf);
    await new Promise<void>((res, rej) => out.on('finish', res).on('error', rej));
  } else {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: tmp,
      useSharedStrings: false,
      useStyles: false,
    });
    let sheet = wb.addWorksheet('responses');
    sheet.addRow(header).commit();
    let inSheet = 1;
    let sheets = 1;
    for await (const r of blockRows(db, assessmentId, layout, items)) {
      if (inSheet >= XLSX_MAX_ROWS) {
        sheet.commit();
        sheet = wb.addWorksheet(`responses_${++sheets}`);
        sheet.addRow(header).commit();
        inSheet = 1;
      }
      sheet.addRow(r.cells.map((c) => (typeof c === 'string' ? neutralise(c) : (c ?? null)))).commit();
      inSheet++;
      n++;
      if (n % 50_000 === 0) progress?.(n);
    }
    sheet.commit();
    await wb.commit();
  }
  fs.renameSync(tmp, file);
  return n;
}
