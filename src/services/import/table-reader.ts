/**
 * Reads tabular input (CSV with or without BOM, or the first sheet of an XLSX workbook) as
 * rows of strings in the column order of a spec, accepting Chinese header aliases (SPEC §4).
 */
import path from 'node:path';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { badFile, badRow } from '../../shared/errors.js';
import { readCsvFile, CsvSyntaxError } from './csv.js';

export interface ColumnSpec {
  name: string;
  aliases: readonly string[];
  required: boolean;
}

export interface TableRow {
  line: number;
  /** cells in spec column order; '' for absent optional columns */
  cells: string[];
}

const INJECTION = /^'[=+\-@\t\r]/;

/** Undoes the export-side neutralisation of formula injection (SPEC §6): `'=x` → `=x`. */
export function unescapeCell(v: string): string {
  return INJECTION.test(v) ? v.slice(1) : v;
}

function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[（(].*?[）)]/g, '')
    .replace(/\s+/g, '');
}

const identity = new WeakMap<readonly number[], boolean>();
function isIdentity(pos: readonly number[]): boolean {
  let v = identity.get(pos);
  if (v === undefined) {
    v = pos.every((p, i) => p === i);
    identity.set(pos, v);
  }
  return v;
}

/** Maps a header row to spec column positions; throws on unknown, duplicate or missing columns. */
export function mapHeader(file: string, header: readonly string[], spec: readonly ColumnSpec[]): number[] {
  const lookup = new Map<string, number>();
  spec.forEach((c, i) => {
    for (const a of [c.name, ...c.aliases]) lookup.set(normaliseHeader(a), i);
  });
  const pos = spec.map(() => -1);
  header.forEach((h, j) => {
    if (h.trim() === '' && j === header.length - 1) return; // trailing comma
    const i = lookup.get(normaliseHeader(h));
    if (i === undefined) {
      throw badRow(file, 1, h, `unknown column; expected ${spec.map((c) => c.name).join(', ')}`);
    }
    if (pos[i] !== -1) throw badRow(file, 1, h, `column ${spec[i]!.name} appears twice`);
    pos[i] = j;
  });
  spec.forEach((c, i) => {
    if (c.required && pos[i] === -1) throw badRow(file, 1, c.name, 'missing column');
  });
  return pos;
}

function project(fields: string[], pos: readonly number[]): string[] {
  if (fields.length === pos.length && isIdentity(pos)) {
    // the file has the canonical columns in order: reuse the array
    for (let i = 0; i < fields.length; i++)
      if (fields[i]!.charCodeAt(0) === 39) fields[i] = unescapeCell(fields[i]!);
    return fields;
  }
  const out = new Array<string>(pos.length);
  for (let i = 0; i < pos.length; i++) {
    const j = pos[i]!;
    const v = j < 0 ? '' : (fields[j] ?? '');
    out[i] = v.length > 0 && v.charCodeAt(0) === 39 ? unescapeCell(v) : v;
  }
  return out;
}

/** Where rows come from: a file, or an in-memory table (the demo) through the same checks. */
export interface TableSource {
  /** the name used in error messages */
  name: string;
  /** the text encoding the source was decoded from, once read ('utf-8', 'gb18030', 'utf-16le', …) */
  encoding?: string;
  read(spec: readonly ColumnSpec[]): AsyncGenerator<TableRow[]>;
}

export function fileSource(file: string): TableSource {
  return { name: file, read: (spec) => readTable(file, spec) };
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
export async function* readTable(file: string, spec: readonly ColumnSpec[]): AsyncGenerator<TableRow[]> {
  if (!fs.existsSync(file)) throw badFile(file, 'no such file');
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx') {
    yield* readXlsx(file, spec);
    return;
  }
  if (ext !== '.csv' && ext !== '.txt') throw badFile(file, 'expected a .csv or .xlsx file');
  let pos: number[] | null = null;
  try {
    for await (const recs of readCsvFile(file)) {
      const rows: TableRow[] = [];
      for (const r of recs) {
        if (pos === null) {
          pos = mapHeader(file, r.fields, spec);
          continue;
        }
        if (r.fields.length === 1 && r.fields[0] === '') continue;
        rows.push({ line: r.line, cells: project(r.fields, pos) });
      }
      if (rows.length > 0) yield rows;
    }
  } catch (e) {
    if (e instanceof CsvSyntaxError)
      throw e.line > 0 ? badRow(file, e.line, null, e.message) : badFile(file, e.message);
    throw e;
  }
  if (pos === null) throw badFile(file, 'empty file: expected a header row');
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result);
    if ('error' in v) return String(v.error);
  }
  return '';
}

async function* readXlsx(file: string, spec: readonly ColumnSpec[]): AsyncGenerator<TableRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    entries: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
  });
  let pos: number[] | null = null;
  try {
    for await (const sheet of reader) {
      let rows: TableRow[] = [];
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        const fields: string[] = [];
        for (let j = 1; j < values.length; j++) fields.push(cellText(values[j]).trim());
        if (pos === null) {
          pos = mapHeader(file, fields, spec);
          continue;
        }
        if (fields.every((f) => f === '')) continue;
        rows.push({ line: row.number, cells: project(fields, pos) });
        if (rows.length >= 10_000) {
          yield rows;
          rows = [];
        }
      }
      if (rows.length > 0) yield rows;
      break; // first sheet only
    }
  } catch (e) {
    if (e instanceof Error && !('code' in e && String((e as { code: unknown }).code).startsWith('KP_'))) {
      throw badFile(file, `cannot read the workbook: ${e.message}`);
    }
    throw e;
  }
  if (pos === null) throw badFile(file, 'the first sheet is empty: expected a header row');
}

/** Every row of a small file (agencies, cases, scores) in memory. */
export async function readAllRows(source: TableSource, spec: ColumnSpec[]): Promise<TableRow[]> {
  const out: TableRow[] = [];
  for await (const batch of source.read(spec)) for (const r of batch) out.push(r);
  return out;
}
