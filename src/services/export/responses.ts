/**
 * `kaoping export responses`: every stored response, streamed block by block into CSV, XLSX
 * or SPSS (.sav). long = the §4.3 import format (so export → import round-trips); wide = one
 * row per response and target agency, one column per item.
 */
import fs from 'node:fs';
import path from 'node:path';
import { KpError } from '../../shared/errors.js';
import { loadConfig } from '../../db/repos/assessments.js';
import { type Db } from '../../db/repos/common.js';
import { RESPONSE_COLUMNS } from '../import/responses.js';
import { writeCsvResponses } from './csv-export.js';
import { FileSink } from './file-sink.js';
import { writeSavResponses } from './sav-export.js';
import { writeXlsxResponses } from './xlsx-export.js';

export type Layout = 'long' | 'wide';
const FORMATS = ['.csv', '.xlsx', '.sav'] as const;
type Format = (typeof FORMATS)[number];

export function headerFor(layout: Layout, items: readonly string[]): string[] {
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

export interface ExportOptions {
  layout?: Layout;
  /** the creation time written into a .sav header */
  now?: () => Date;
}

/** Writes the export; returns the number of rows (cases for .sav). */
export async function exportResponses(
  db: Db,
  assessmentId: string,
  file: string,
  layoutArg: Layout | undefined,
  progress?: (n: number) => void,
  opts: ExportOptions = {},
): Promise<number> {
  const ext = path.extname(file).toLowerCase() as Format;
  if (!FORMATS.includes(ext)) {
    throw new KpError('KP_BAD_ARGUMENT', `--out: "${file}": supported formats are .csv, .xlsx and .sav`);
  }
  const config = await loadConfig(db, assessmentId);
  const items = config.items.map((i) => i.code);
  const layout: Layout = layoutArg ?? (ext === '.csv' ? 'long' : 'wide');
  const header = headerFor(layout, items);
  if (ext === '.xlsx') {
    const tmp = `${file}.partial`;
    try {
      const n = await writeXlsxResponses(db, assessmentId, tmp, { layout, header, items, progress });
      fs.renameSync(tmp, file);
      return n;
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw e;
    }
  }
  const sink = await FileSink.open(file);
  try {
    const n =
      ext === '.csv'
        ? await writeCsvResponses(db, assessmentId, sink, { layout, header, items, progress })
        : await writeSavResponses(db, assessmentId, config, sink, {
            layout,
            created: (opts.now ?? (() => new Date()))(),
            progress,
          });
    await sink.close();
    return n;
  } catch (e) {
    await sink.abort();
    throw e;
  }
}
