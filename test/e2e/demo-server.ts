/**
 * The set-up the browser tests share, as small steps to compose in a beforeAll: a real server
 * (buildApp + listen, optionally a job runner) on a fresh database of either engine, serving
 * the console as built into dist/web; the demo loaded and analysed by the CLI; a user signed in
 * (and a one-time password changed) in a page; the latest snapshot published through the API.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Engine } from '../../src/db/create-db.js';
import { buildApp, type AppDeps } from '../../src/server/app.js';
import { DEFAULT_WEB_ROOT } from '../../src/server/plugins/static.js';
import { loadSecretKey, secretBox } from '../../src/services/crypto.js';
import { JobRunner } from '../../src/services/jobs/runner.js';
import { lastWord, runCli } from '../support/cli.js';
import { createTestDb, type TestDb } from '../support/databases.js';
import { asSession, PASSWORD, type Signed } from '../support/server.js';

/** A test database whose temporary folders (tempDir) go with it. */
export interface E2eDb extends TestDb {
  /** a fresh temporary folder, removed when the server stops */
  tempDir(prefix: string): string;
}

export interface ServerOptions extends Omit<AppDeps, 'handle'> {
  /** 'sqlite' unless told */
  engine?: Engine;
  /** a job runner polling every pollMs; with secrets, one that decrypts personal data */
  jobs?: { pollMs: number; secrets?: boolean };
}

export interface TestServer {
  t: E2eDb;
  app: FastifyInstance;
  /** http://127.0.0.1:port */
  base: string;
  runner?: JobRunner;
  /** stops the runner and the server, drops the database, removes the temporary folders */
  stop(): Promise<void>;
}

/** Throws unless the console is built into dist/web (the server serves it from there). */
export function requireBuiltConsole(): void {
  if (!fs.existsSync(path.join(DEFAULT_WEB_ROOT, 'index.html')))
    throw new Error(`the console is not built (${DEFAULT_WEB_ROOT}): run node scripts/build.mjs first`);
}

/**
 * A fresh database on options.engine, filled by `setup` (before the server starts), served on a
 * free port of 127.0.0.1. If anything fails on the way, what was made is undone.
 */
export async function startServer(
  options: ServerOptions = {},
  setup?: (t: E2eDb) => Promise<void>,
): Promise<TestServer> {
  requireBuiltConsole();
  const { engine = 'sqlite', jobs, ...deps } = options;
  const dirs: string[] = [];
  const t: E2eDb = Object.assign(await createTestDb(engine), {
    tempDir(prefix: string) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
  });
  let app: FastifyInstance | undefined;
  let runner: JobRunner | undefined;
  const stop = async () => {
    await runner?.stop();
    await app?.close();
    await t.dispose();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await setup?.(t);
    app = buildApp({ handle: t.handle, ...deps });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    if (jobs) {
      const box = jobs.secrets ? secretBox(loadSecretKey(undefined, t.env.KAOPING_DATA_DIR!)) : undefined;
      runner = new JobRunner(
        { handle: t.handle, now: () => new Date(), ...(box ? { secrets: () => box } : {}) },
        { pollMs: jobs.pollMs },
      );
      runner.start();
    }
    return { t, app, base, runner, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** `kaoping demo`: loads the demo assessment and returns its id. */
export async function loadDemo(t: TestDb): Promise<string> {
  const demo = await runCli(t.env, ['demo']);
  expect(demo.code, demo.stderr).toBe(0);
  return lastWord(demo.stdout);
}

/**
 * `kaoping analyze` of assessment `id` with `bootstrap` replicates into a temporary folder:
 * returns that folder (its CSV files) and the id of the snapshot stored.
 */
export async function analyze(
  t: E2eDb,
  id: string,
  bootstrap: number,
): Promise<{ out: string; sid: number }> {
  const out = t.tempDir('kaoping-e2e-out-');
  const a = await runCli(t.env, [
    'analyze',
    '--assessment',
    id,
    '--out',
    out,
    '--bootstrap',
    String(bootstrap),
  ]);
  expect(a.code, a.stderr).toBe(0);
  return { out, sid: Number(lastWord(a.stdout)) };
}

export type CsvRow = Record<string, string>;

/** The rows of unit_results.csv that `kaoping analyze` wrote into `out`. */
export function unitResults(out: string): CsvRow[] {
  return parse(fs.readFileSync(path.join(out, 'unit_results.csv'), 'utf8'), { bom: true, columns: true });
}

/** Fills the sign-in form on the current page and submits it. */
export async function submitSignIn(page: Page, name: string, password = PASSWORD): Promise<void> {
  await page.getByLabel('用户名').fill(name);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** Opens the console at `base` and signs in; the caller waits for the page it expects. */
export async function signInPage(page: Page, base: string, name: string, password = PASSWORD): Promise<void> {
  await page.goto(base);
  await submitSignIn(page, name, password);
}

/** Fills the forced change of a one-time password (on its page) and submits it. */
export async function changeOneTimePassword(page: Page, oneTime: string, next: string): Promise<void> {
  await page.getByLabel('当前密码（一次性密码）').fill(oneTime);
  await page.getByLabel('新密码', { exact: true }).fill(next);
  await page.getByLabel('再次输入新密码').fill(next);
  await page.getByRole('button', { name: '修改密码' }).click();
}

/** Publishes the newest snapshot of assessment `id` through the API as `admin`; returns its id. */
export async function publishLatest(app: FastifyInstance, admin: Signed, id: string): Promise<number> {
  const snaps = await app.inject({
    method: 'GET',
    url: `/api/v1/assessments/${id}/snapshots`,
    headers: asSession(admin),
  });
  expect(snaps.statusCode, snaps.body).toBe(200);
  const sid = snaps.json<{ snapshots: { id: number }[] }>().snapshots[0]!.id;
  const pub = await app.inject({
    method: 'POST',
    url: `/api/v1/assessments/${id}/snapshots/${sid}/publish`,
    headers: asSession(admin, 'POST'),
  });
  expect(pub.statusCode, pub.body).toBe(200);
  return sid;
}
