/** SQLite (better-sqlite3, WAL): one writer at a time for the whole file. */
import { sql, type Kysely } from 'kysely';
import { KpError } from '../../shared/errors.js';
import type { Database } from '../schema.js';
import type { EngineOps } from './engine-ops.js';

/** How long a writer waits for another one to finish (a large import holds the lock for minutes). */
const LOCK_WAIT_MS = 10 * 60_000;

const isBusy = (e: unknown) =>
  e instanceof Error && 'code' in e && typeof e.code === 'string' && e.code.startsWith('SQLITE_BUSY');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * BEGIN IMMEDIATE, retried asynchronously: better-sqlite3 is synchronous, so SQLite's own busy
 * handler would freeze the whole process, including another connection of this process that
 * holds the lock and needs the event loop to finish (a deadlock until the timeout).
 */
async function beginImmediate(conn: Kysely<Database>): Promise<void> {
  const before = await sql<{ timeout: number }>`pragma busy_timeout`.execute(conn);
  const timeout = before.rows[0]?.timeout ?? 0;
  await sql`pragma busy_timeout = 0`.execute(conn);
  try {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
      try {
        await sql`begin immediate`.execute(conn);
        return;
      } catch (e) {
        if (!isBusy(e)) throw e;
        if (Date.now() > deadline)
          throw new KpError('KP_CONFLICT', 'the database is busy with another write; try again later');
        await sleep(delay);
      }
    }
  } finally {
    await sql.raw(`pragma busy_timeout = ${Number(timeout)}`).execute(conn);
  }
}

export function sqliteOps(file: string): EngineOps {
  return {
    location: file,
    writeTransaction(db, fn) {
      return db.connection().execute(async (conn) => {
        await beginImmediate(conn);
        try {
          const result = await fn(conn);
          await sql`commit`.execute(conn);
          return result;
        } catch (e) {
          await sql`rollback`.execute(conn).catch(() => undefined);
          throw e;
        }
      });
    },
    // BEGIN IMMEDIATE already serialises every writer of the file.
    lockAssessment: () => Promise.resolve(),
    // In WAL mode a deferred transaction reads one snapshot from its first read on, and never
    // blocks writers on other connections.
    snapshot: (db, fn) => db.transaction().execute(fn),
    // AUTOINCREMENT keys follow explicit ids by themselves (sqlite_sequence is updated on insert).
    resetSequence: () => Promise.resolve(),
  } satisfies EngineOps;
}
