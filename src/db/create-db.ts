/**
 * The one seam to the database: createDb() returns a Kysely<Database> for SQLite (embedded,
 * default) or PostgreSQL (DATABASE_URL). Nothing outside src/db knows which engine it is: what
 * differs is a named operation of `handle.ops` (engine/).
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';
import { CodeMigrationProvider } from './migrations.js';
import type { EngineOps } from './engine/engine-ops.js';
import { sqliteOps } from './engine/sqlite-ops.js';
import { postgresOps } from './engine/postgres-ops.js';

export type Engine = 'sqlite' | 'postgres';

export interface DbOptions {
  /** postgres://… or undefined for SQLite */
  databaseUrl?: string | undefined;
  /** SQLite file; ':memory:' for tests */
  sqliteFile?: string;
}

export interface DbHandle {
  db: Kysely<Database>;
  engine: Engine;
  /** the engine-specific operations (transactions, locks, snapshots, sequences) */
  ops: EngineOps;
  /** the raw better-sqlite3 connection, for bulk paths (SQLite only) */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

// PostgreSQL returns int8 (count(*), sums) as strings by default; our counts fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export function sqliteFileIn(dataDir: string): string {
  return path.join(dataDir, 'kaoping.db');
}

export function createDb(opts: DbOptions): DbHandle {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', ops: postgresOps, close: () => db.destroy() };
  }
  const file = opts.sqliteFile ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // Durable commits (SPEC §4.7): with WAL, FULL syncs the log on every commit.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, engine: 'sqlite', ops: sqliteOps(file), sqlite, close: () => db.destroy() };
}

/** Creates or migrates the schema to the latest version. */
export async function migrate(handle: DbHandle): Promise<void> {
  const migrator = new Migrator({
    db: handle.db,
    provider: new CodeMigrationProvider(handle.engine),
    migrationTableName: 'kaoping_migrations',
    migrationLockTableName: 'kaoping_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `database migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
    );
  }
}
