/**
 * Rows of a table, whatever file they come from: the header found among the first lines (title
 * rows skipped, Chinese aliases accepted, a 序号 column checked and ignored), then every row's
 * width checked against it and its cells put in spec column order.
 */
import { unneutralise } from '../../shared/cell-values.js';
import { badFile, badRow, type KpError } from '../../shared/errors.js';
import { normaliseField } from './values.js';

/** How an XLSX cell of the column is turned into text (CSV cells are text already). */
export type CellKind = 'text' | 'code' | 'number' | 'instant' | 'date' | 'duration' | 'phone';

export interface ColumnSpec {
  name: string;
  aliases: readonly string[];
  required: boolean;
  /** 'text' when absent */
  kind?: CellKind;
}

/** A batch of rows; `ascii` when every cell is ASCII (a reader's promise: no NFKC needed). */
export type TableBatch = TableRow[] & { ascii?: boolean };

export interface TableRow {
  line: number;
  /** cells in spec column order; '' for absent optional columns */
  cells: string[];
}

/** Headers of a leading row-number column, which is checked and then ignored. */
const ROW_NUMBER_HEADERS = new Set(['序号', '行号', 'no', 'no.', '#']);
/** The header must be on one of the first lines (title rows and blank lines may precede it). */
export const HEADER_WITHIN_LINES = 10;

function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
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

/** The number of header cells once trailing empty ones (a trailing comma) are dropped. */
function usedWidth(cells: readonly string[]): number {
  let w = cells.length;
  while (w > 0 && cells[w - 1]!.trim() === '') w--;
  return w;
}

/** A header row mapped onto a spec. */
export interface Header {
  line: number;
  /** for each spec column, its position in the row (-1: absent) */
  pos: number[];
  /** cells the header uses; trailing empty cells beyond it are tolerated on every row */
  width: number;
  /** the position of a 序号 column, -1 when none */
  rowNumber: number;
  /** the header text of each position, for messages */
  names: string[];
}

type HeaderMatch = { header: Header } | { error: KpError; known: number };

function matchHeader(
  file: string,
  line: number,
  cells: readonly string[],
  spec: readonly ColumnSpec[],
): HeaderMatch {
  const lookup = new Map<string, number>();
  spec.forEach((c, i) => {
    for (const a of [c.name, ...c.aliases]) lookup.set(normaliseHeader(a), i);
  });
  const width = usedWidth(cells);
  const pos = spec.map(() => -1);
  let rowNumber = -1;
  let known = 0;
  let error: KpError | null = null;
  for (let j = 0; j < width; j++) {
    const h = normaliseHeader(cells[j]!);
    const i = lookup.get(h);
    if (i !== undefined && pos[i] === -1) {
      pos[i] = j;
      known++;
    } else if (i !== undefined) {
      error ??= badRow(file, line, cells[j]!, `column ${spec[i]!.name} appears twice`);
    } else if (j === 0 && ROW_NUMBER_HEADERS.has(h)) {
      rowNumber = j;
    } else {
      error ??= badRow(
        file,
        line,
        cells[j]!.trim() === '' ? `${j + 1} (no header)` : cells[j]!,
        `unknown column; expected ${spec.map((c) => c.name).join(', ')}`,
      );
    }
  }
  if (error) return { error, known };
  const missing = spec.findIndex((c, i) => c.required && pos[i] === -1);
  if (missing >= 0) return { error: badRow(file, line, spec[missing]!.name, 'missing column'), known };
  return { header: { line, pos, width, rowNumber, names: cells.slice(0, width).map((c) => c.trim()) } };
}

/** Maps a header row to spec column positions; throws on unknown, duplicate or missing columns. */
export function mapHeader(file: string, header: readonly string[], spec: readonly ColumnSpec[]): number[] {
  const m = matchHeader(file, 1, header, spec);
  if ('error' in m) throw m.error;
  return m.header.pos;
}

export function project(fields: string[], pos: readonly number[]): string[] {
  if (fields.length === pos.length && isIdentity(pos)) {
    // the file has the canonical columns in order: reuse the array
    for (let i = 0; i < fields.length; i++)
      if (fields[i]!.charCodeAt(0) === 39) fields[i] = unneutralise(fields[i]!);
    return fields;
  }
  const out = new Array<string>(pos.length);
  for (let i = 0; i < pos.length; i++) {
    const j = pos[i]!;
    const v = j < 0 ? '' : (fields[j] ?? '');
    out[i] = v.length > 0 && v.charCodeAt(0) === 39 ? unneutralise(v) : v;
  }
  return out;
}

const isBlank = (fields: readonly string[]) => fields.every((f) => f.trim() === '');

/**
 * Turns physical rows into table rows: finds the header among the first lines (title rows
 * above it are skipped), then checks every row's width against it. `strictWidth`: a CSV row
 * must have exactly the header's cells (trailing empty cells tolerated); an XLSX row has no
 * width of its own, its empty cells are simply absent.
 */
export class TableAssembler {
  header: Header | null = null;
  private best: { error: KpError; known: number } | null = null;
  private firstLine = 0;

  constructor(
    private readonly file: string,
    private readonly spec: readonly ColumnSpec[],
    private readonly strictWidth: boolean,
  ) {}

  /** Adds one physical row; pushes a table row onto `out` when it is one. */
  push(line: number, fields: string[], out: TableRow[]): void {
    const h = this.header;
    if (h === null) {
      this.findHeader(line, fields);
      return;
    }
    const n = fields.length;
    if (n === h.width && h.rowNumber < 0) {
      if (fields[0] === '' && isBlank(fields)) return;
      out.push({ line, cells: project(fields, h.pos) });
      return;
    }
    if (isBlank(fields)) return;
    if (n < h.width) {
      if (this.strictWidth) {
        throw badRow(
          this.file,
          line,
          h.names[n] ?? null,
          `missing: the row has ${n} cells, the header (line ${h.line}) ${h.width}; add the empty cells or remove the row`,
        );
      }
      while (fields.length < h.width) fields.push('');
    }
    for (let j = h.width; j < n; j++) {
      if (fields[j]!.trim() !== '') {
        throw badRow(
          this.file,
          line,
          `${j + 1} (no header)`,
          `the row has a cell beyond the header's ${h.width} columns; remove it or give it a header`,
        );
      }
    }
    if (h.rowNumber >= 0) {
      const v = normaliseField(fields[h.rowNumber]!);
      if (!/^\d*$/.test(v)) {
        throw badRow(
          this.file,
          line,
          h.names[h.rowNumber]!,
          `"${v.slice(0, 60)}" is not a row number; delete the column or its text`,
        );
      }
    }
    out.push({ line, cells: project(n === h.width ? fields : fields.slice(0, h.width), h.pos) });
  }

  private findHeader(line: number, fields: string[]): void {
    if (isBlank(fields)) return;
    if (this.firstLine === 0) this.firstLine = line;
    if (line > HEADER_WITHIN_LINES) throw this.noHeader();
    const m = matchHeader(this.file, line, fields, this.spec);
    if ('header' in m) this.header = m.header;
    else if (m.known > 0 && (this.best === null || m.known > this.best.known)) this.best = m;
  }

  private noHeader(): KpError {
    if (this.best) return this.best.error;
    return badRow(
      this.file,
      this.firstLine,
      null,
      `no header row in the first ${HEADER_WITHIN_LINES} lines; expected columns ${this.spec.map((c) => c.name).join(', ')}`,
    );
  }

  /** At the end of the input: the header must have been found. */
  finish(empty = 'empty file: expected a header row'): void {
    if (this.header) return;
    if (this.firstLine === 0) throw badFile(this.file, empty);
    throw this.noHeader();
  }
}
