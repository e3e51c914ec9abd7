/**
 * Engine differences as named operations (kysely's DialectAdapter is the model): one
 * implementation per engine, reached through `DbHandle.ops`, so that nothing outside src/db asks
 * which engine it is.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

/** A connection or transaction that queries run on (what repositories take). */
export type Conn = Kysely<Database> | Transaction<Database>;

export interface EngineOps {
  /** how the store is named in messages: the SQLite file, or "PostgreSQL" (never a URL with a password) */
  readonly location: string;
  /**
   * Runs `fn` in a read-write transaction, committed when it resolves and rolled back when it
   * throws. On SQLite the transaction holds the store's write lock from its first statement
   * (BEGIN IMMEDIATE), so a read inside it is never followed by a "database is locked" upgrade
   * failure, and waiting for the lock does not block the event loop.
   */
  writeTransaction<T>(db: Kysely<Database>, fn: (trx: Conn) => Promise<T>): Promise<T>;
  /**
   * Serialises writers of one assessment until the enclosing transaction ends: after it
   * returns, the transaction sees everything the previous writer committed.
   */
  lockAssessment(trx: Conn, assessmentId: string): Promise<void>;
  /** Runs `fn` in a read-only transaction that sees one consistent state of every table. */
  snapshot<T>(db: Kysely<Database>, fn: (trx: Conn) => Promise<T>): Promise<T>;
  /** After rows were inserted with explicit ids: the next generated id follows the largest one. */
  resetSequence(trx: Conn, table: keyof Database): Promise<void>;
}
