/**
 * The tables of a results snapshot as the API gives them (column names and rows of cells),
 * turned into objects by column name, and read whole, page by page.
 */
import { api, type ResultTableName, type TablePage } from '../api/client';

export type Cell = string | number | null;
export type Row = Record<string, Cell>;

/** the rows of a page as objects keyed by column name */
export function rowsOf(page: Pick<TablePage, 'columns' | 'rows'>): Row[] {
  return page.rows.map((cells) => Object.fromEntries(page.columns.map((c, i) => [c, cells[i] ?? null])));
}

/** the largest page the API serves */
export const PAGE_ROWS = 5000;

/**
 * Every row of one table of a snapshot, page by page through the API's offset/limit;
 * onProgress(read, total) after each page.
 */
export async function readTable(
  assessment: string,
  snapshot: number,
  table: ResultTableName,
  onProgress?: (read: number, total: number) => void,
): Promise<Row[]> {
  const out: Row[] = [];
  for (let offset = 0; ; offset += PAGE_ROWS) {
    const page = await api.snapshotTable(assessment, snapshot, table, offset, PAGE_ROWS);
    out.push(...rowsOf(page));
    onProgress?.(out.length, page.total);
    if (page.rows.length === 0 || out.length >= page.total) return out;
  }
}

export const text = (v: Cell | undefined): string => (v === null || v === undefined ? '' : String(v));
