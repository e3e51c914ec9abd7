/**
 * The first tab of an XLSX workbook as rows of text, through exceljs's streaming reader.
 * Cells become text by the kind of their column: a date cell in a date-time column is
 * wall-clock time (exceljs builds its Date from the serial as if UTC, so the UTC fields are
 * the wall clock; the machine's zone never enters), in a date column the date, and in a
 * duration column (00:02:00) that many seconds. A formula cell uses its cached result; a
 * formula without one, and an error value (#N/A), are errors naming the cell.
 */
import type { EventEmitter } from 'node:events';
import ExcelJS from 'exceljs';
import { badFile, badRow, isKpError } from '../../shared/errors.js';
import { fileProblem } from './file-problem.js';
import { TableAssembler, type CellKind, type ColumnSpec, type TableRow } from './table-assembler.js';
import { firstSheet } from './xlsx-first-sheet.js';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `YYYY-MM-DD HH:MM:SS[.mmm]` from the UTC fields of an exceljs date. */
function wallClock(d: Date): string {
  const ms = d.getUTCMilliseconds();
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    (ms ? `.${pad(ms, 3)}` : '')
  );
}

/** Excel's day 0 (serial 0 = 1899-12-30 in the 1900 date system), as exceljs decodes it. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A date cell as the text of its column's kind. */
const DATE_AS: Record<CellKind, (d: Date) => string> = {
  instant: wallClock,
  date: (d) => wallClock(d).slice(0, 10),
  duration: (d) => String(Math.round((d.getTime() - EXCEL_EPOCH) / 10) / 100),
  text: wallClock,
  code: wallClock,
  number: wallClock,
  phone: wallClock,
};

class CellProblem extends Error {}

function excelDate(serial: number): Date {
  return new Date(EXCEL_EPOCH + Math.round(serial * 86_400_000));
}

/** One cell as text; throws CellProblem with the reason when it cannot be one. */
function cellText(numFmt: () => string | undefined, v: ExcelJS.CellValue, kind: CellKind): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new CellProblem('not a number');
    return String(v);
  }
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (v instanceof Date) return DATE_AS[kind](v);
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('error' in v) throw new CellProblem(`the cell holds the error value ${String(v.error)}; correct it`);
  if ('formula' in v || 'sharedFormula' in v) {
    if (kind === 'phone') throw new CellProblem('a formula, not a phone number; paste the numbers as values');
    const r = v.result;
    if (r === undefined || r === null)
      throw new CellProblem('formula without a cached value; open and save the file in Excel');
    if (typeof r === 'number') {
      // exceljs leaves a formula's result a number even when the cell is formatted as a date
      if (Number.isNaN(r)) throw new CellProblem("the formula's cached result is an error value; correct it");
      if (isDateFormat(numFmt())) return DATE_AS[kind](excelDate(r));
    }
    if (typeof r === 'object' && r !== null && 'error' in r)
      throw new CellProblem(`the formula's cached result is the error value ${String(r.error)}; correct it`);
    return cellText(numFmt, r, kind);
  }
  if ('text' in v && typeof v.text === 'string') return v.text;
  return '';
}

function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhsb]/i.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** A1-style column letters of a 1-based column number. */
function columnLetters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

interface SheetReader extends AsyncIterable<ExcelJS.Row> {
  name?: string;
}

/** Yields batches of the first tab's rows (blank rows skipped). */
export async function* readXlsx(file: string, spec: readonly ColumnSpec[]): AsyncGenerator<TableRow[]> {
  const first = await firstSheet(file);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    entries: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  let part: string | null = null;
  // the reader announces each part before yielding its sheet (exceljs emits 'entry' events)
  (reader as unknown as EventEmitter).on('entry', (e: { type?: string; id?: string }) => {
    if (e.type === 'worksheet' && e.id !== undefined) part = e.id;
  });
  const table = new TableAssembler(file, spec, false);
  let found = false;
  const watch = stallWatch(file, reader);
  try {
    for await (const sheet of watch.iterate(reader as AsyncIterable<SheetReader>)) {
      if (part !== first.part) continue; // another tab: its entry is drained unread
      found = true;
      let rows: TableRow[] = [];
      let kinds: CellKind[] = [];
      for await (const row of watch.iterate(sheet)) {
        const values = row.values as ExcelJS.CellValue[];
        if (table.header !== null && kinds.length === 0) kinds = kindsOf(table.header.pos, spec);
        const fields: string[] = [];
        for (let j = 1; j < values.length; j++) {
          const kind = kinds[j - 1] ?? 'text';
          try {
            fields.push(cellText(() => row.getCell(j).numFmt, values[j], kind).trim());
          } catch (e) {
            if (!(e instanceof CellProblem)) throw e;
            const name = table.header?.names[j - 1] ?? '';
            const ref = `${columnLetters(j)}${row.number}`;
            throw badRow(file, row.number, name ? `${name} (cell ${ref})` : `cell ${ref}`, e.message);
          }
        }
        table.push(row.number, fields, rows);
        if (rows.length >= 10_000) {
          yield rows;
          rows = [];
        }
      }
      if (rows.length > 0) yield rows;
      break;
    }
  } catch (e) {
    if (isKpError(e)) throw e;
    if ((e as { code?: unknown } | null)?.code !== undefined) throw fileProblem(file, e);
    throw badFile(file, `cannot read the workbook: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    watch.stop();
  }
  if (!found) throw badFile(file, `the first tab "${first.name}" was not found in the workbook`);
  table.finish(`the first tab "${first.name}" is empty: expected a header row`);
}

/** How long the reader may wait without the file being read or a row coming before the workbook counts as damaged. */
export const XLSX_STALL_MS = 3_000;
const TICK_MS = 250;

/**
 * exceljs's streaming reader loses some zip errors (a damaged deflate stream): its promises then
 * never settle and Node would exit mid-import without a word. The watch fails the read instead
 * once, while we wait for the reader, neither the file is read nor a row comes for XLSX_STALL_MS.
 */
function stallWatch(file: string, reader: object) {
  let progress = 0;
  let waiting = false;
  let fail: (e: unknown) => void = () => undefined;
  const stalled = new Promise<never>((_, reject) => (fail = reject));
  stalled.catch(() => undefined); // observed through the races below
  const stream = (reader as { stream?: EventEmitter }).stream;
  const onData = () => void progress++;
  stream?.on('data', onData);
  let seen = -1;
  let idle = 0;
  const timer = setInterval(() => {
    idle = waiting && progress === seen ? idle + TICK_MS : 0;
    seen = progress;
    if (idle >= XLSX_STALL_MS) {
      fail(
        badFile(
          file,
          'the workbook is damaged (its data cannot be unpacked); open and save it again in Excel',
        ),
      );
    }
  }, TICK_MS);
  return {
    async *iterate<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
      const it = source[Symbol.asyncIterator]();
      for (;;) {
        waiting = true;
        const r = await Promise.race([it.next(), stalled]);
        waiting = false;
        if (r.done) return;
        progress++;
        yield r.value;
      }
    },
    stop() {
      clearInterval(timer);
      stream?.off('data', onData);
    },
  };
}

function kindsOf(pos: readonly number[], spec: readonly ColumnSpec[]): CellKind[] {
  const kinds: CellKind[] = [];
  pos.forEach((j, i) => {
    if (j >= 0) kinds[j] = spec[i]!.kind ?? 'text';
  });
  return kinds;
}
