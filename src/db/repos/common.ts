/**
 * What every repository shares: the handle type (a Kysely instance or a transaction) and chunked
 * inserts. Repositories are plain functions taking a Db first; row ↔ domain mapping happens in
 * them and nowhere else.
 */
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

export type Db = Kysely<Database> | Transaction<Database>;

/** Inserts rows in chunks that stay under both engines' bound-parameter limits. */
export async function insertChunked<T extends keyof Database>(
  db: Db,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0] as object).length || 1;
  const size = Math.max(1, Math.floor(30_000 / cols));
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size))
      .execute();
  }
}
