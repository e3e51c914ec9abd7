/**
 * Reads tabular input (CSV in UTF-8, GB18030 or UTF-16 text, or the first tab of an XLSX
 * workbook) as rows of strings in the column order of a spec, accepting Chinese header aliases
 * (SPEC §4), title rows above the header and a 序号 (row number) column.
 */
import path from 'node:path';
import fs from 'node:fs';
import { badFile, badRow } from '../../shared/errors.js';
import { readCsvFile, CsvSyntaxError, type CsvFileInfo } from './csv.js';
import { FS_PROBLEMS, fileProblem } from './file-problem.js';
import {
  mapHeader,
  project,
  TableAssembler,
  type ColumnSpec,
  type TableBatch,
  type TableRow,
} from './table-assembler.js';
import { readXlsx } from './xlsx-reader.js';

export {
  mapHeader,
  HEADER_WITHIN_LINES,
  type CellKind,
  type ColumnSpec,
  type TableBatch,
  type TableRow,
} from './table-assembler.js';

/** Where rows come from: a file, or an in-memory table (the demo) through the same checks. */
export interface TableSource {
  /** the name used in error messages */
  name: string;
  /** the text encoding the source was decoded from, once read ('utf-8', 'gb18030', 'utf-16le', …) */
  encoding?: string;
  read(spec: readonly ColumnSpec[]): AsyncGenerator<TableRow[]>;
}

export function fileSource(file: string): TableSource {
  const src: TableSource = { name: file, read: (spec) => readTable(file, spec, src) };
  return src;
}

/** An in-memory table with a header row; line numbers count the header as line 1. */
export function memorySource(name: string, table: { header: string[]; rows: string[][] }): TableSource {
  return {
    name,
    // eslint-disable-next-line @typescript-eslint/require-await -- an async generator by contract
    async *read(spec) {
      const pos = mapHeader(name, table.header, spec);
      for (let i = 0; i < table.rows.length; i += 10_000) {
        yield table.rows.slice(i, i + 10_000).map((r, k) => ({ line: i + k + 2, cells: project(r, pos) }));
      }
    },
  };
}

/** Yields batches of rows; blank rows are skipped. */
export async function* readTable(
  file: string,
  spec: readonly ColumnSpec[],
  info: CsvFileInfo = {},
): AsyncGenerator<TableRow[]> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw fileProblem(file, e);
  }
  if (stat.isDirectory()) throw badFile(file, FS_PROBLEMS.EISDIR!);
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx') {
    yield* readXlsx(file, spec);
    return;
  }
  if (ext !== '.csv' && ext !== '.txt' && ext !== '.tsv')
    throw badFile(file, 'expected a .csv or .xlsx file');
  const table = new TableAssembler(file, spec, true);
  try {
    for await (const recs of readCsvFile(file, info)) {
      const rows: TableBatch = [];
      if (recs.ascii) rows.ascii = true;
      for (const r of recs) table.push(r.line, r.fields, rows);
      if (rows.length > 0) yield rows;
    }
  } catch (e) {
    if (e instanceof CsvSyntaxError)
      throw e.line > 0 ? badRow(file, e.line, null, e.message) : badFile(file, e.message);
    throw fileProblem(file, e);
  }
  table.finish();
}

/** Every row of a small file (agencies, cases, scores) in memory. */
export async function readAllRows(source: TableSource, spec: ColumnSpec[]): Promise<TableRow[]> {
  const out: TableRow[] = [];
  for await (const batch of source.read(spec)) for (const r of batch) out.push(r);
  return out;
}
