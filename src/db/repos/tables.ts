/**
 * Table-generic queries for backup and restore: count, page through in key order, empty.
 * Table and column names come from schema.ts and columns.ts, never from input.
 */
import { sql } from 'kysely';
import { keyColumns } from '../columns.js';
import type { Database } from '../schema.js';
import type { Db } from './common.js';

export type Row = Record<string, unknown>;

export async function countRows(db: Db, table: keyof Database): Promise<number> {
  const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * Up to `limit` rows of a table in key order, after the row `after` (its key columns), so that a
 * large table is read in bounded pages (keyset paging: each page is an index range scan).
 */
export async function pageRows(
  db: Db,
  table: keyof Database,
  after: Row | null,
  limit: number,
): Promise<Row[]> {
  const keys = keyColumns(table);
  const cols = sql.join(keys.map((k) => sql.ref(k)));
  const where =
    after === null ? sql`` : sql`where (${cols}) > (${sql.join(keys.map((k) => sql.val(after[k])))})`;
  const r =
    await sql<Row>`select * from ${sql.table(table)} ${where} order by ${cols} limit ${limit}`.execute(db);
  return r.rows;
}

/** Deletes every row of a table. */
export async function deleteAllRows(db: Db, table: keyof Database): Promise<void> {
  await sql`delete from ${sql.table(table)}`.execute(db);
}
