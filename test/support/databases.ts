/**
 * Integration tests run against both engines: a fresh SQLite file and a fresh PostgreSQL
 * database (created per test file, dropped afterwards). Without a reachable PostgreSQL the
 * PostgreSQL half is skipped with a plain message, except under CI=true, where it fails.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { createDb, migrate, type DbHandle, type Engine } from '../../src/db/create-db.js';
import { CodeMigrationProvider } from '../../src/db/migrations.js';

export const PG_ADMIN_URL = process.env.KAOPING_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const isCi = process.env.CI === 'true' || process.env.CI === '1';

let pgAvailable: boolean | undefined;

export async function postgresAvailable(): Promise<boolean> {
  if (pgAvailable !== undefined) return pgAvailable;
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    pgAvailable = true;
  } catch (e) {
    if (isCi)
      throw new Error(
        `PostgreSQL is required under CI but unreachable at ${PG_ADMIN_URL}: ${(e as Error).message}`,
      );
    console.warn(
      `\n[kaoping tests] PostgreSQL unreachable at ${PG_ADMIN_URL}: SKIPPING the PostgreSQL tests.\n`,
    );
    pgAvailable = false;
  } finally {
    await client.end().catch(() => undefined);
  }
  return pgAvailable;
}

export interface TestDb {
  engine: Engine;
  handle: DbHandle;
  /** environment for running the CLI against this database */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createTestDb(engine: Engine): Promise<TestDb> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-test-'));
    const handle = createDb({ sqliteFile: path.join(dir, 'kaoping.db') });
    await migrate(handle);
    return {
      engine,
      handle,
      env: { KAOPING_DATA_DIR: dir },
      async dispose() {
        await handle.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `kp_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = withDatabase(PG_ADMIN_URL, name);
  const handle = createDb({ databaseUrl: url });
  await migrate(handle);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-test-'));
  return {
    engine,
    handle,
    env: { DATABASE_URL: url, KAOPING_DATA_DIR: dir },
    async dispose() {
      await handle.close();
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      // pg-pool's end() resolves before its clients' Terminate messages are through; a forced
      // drop that overtakes them makes the server kill a closing client, an unhandled error
      for (let i = 0; i < 40; i++) {
        const r = await c.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if ((r.rows[0] as { n: number }).n === 0) break;
        await new Promise((ok) => setTimeout(ok, 50));
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The one engine list every integration test loops over (kysely's test-setup DIALECTS is the
 * model): `for (const engine of ENGINES) describe.skipIf(!(await engineReachable(engine)))(…)`.
 */
export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

/** Whether the tests can run on `engine` here: SQLite always, PostgreSQL when reachable (always under CI). */
export async function engineReachable(engine: Engine): Promise<boolean> {
  return engine === 'sqlite' || (await postgresAvailable());
}

/** Runs one migration's `up` again (after its tables were dropped), as a backfill test needs. */
export async function rerunMigration(handle: DbHandle, name: string): Promise<void> {
  const migrations = await new CodeMigrationProvider(handle.engine).getMigrations();
  const m = migrations[name];
  if (!m) throw new Error(`no migration ${name}`);
  await m.up(handle.db as never);
}
