/**
 * npm run bench:ingest — survey submissions over HTTP (SPEC §6): the real server (buildApp,
 * listening on loopback, a fresh database with 89 agencies and 20 rating items, an API key)
 * driven by autocannon with 100 connections and 20-answer bodies, each with its own
 * response_id; and, in the same run, a bare Fastify route that only inserts the raw body into
 * a table, one durable commit per request, on the same kind of database. Each server runs in
 * its own child process, so the load generator does not share its CPU time.
 * After the run the stored responses are counted: they must equal the 201s.
 *
 * SQLite by default; BENCH_DATABASE_URL=postgres://…/name runs it on PostgreSQL, creating the
 * database `name` and dropping it afterwards. BENCH_DURATION_S (10) and BENCH_CONNECTIONS (100).
 * Last line: BENCH ingest rps=<n> p99_ms=<p> bare_rps=<b> ratio=<n/b>
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';
import { saveConfig } from '../src/db/repos/assessments.js';
import { createDb, migrate, type DbHandle } from '../src/db/create-db.js';
import { buildApp } from '../src/server/app.js';
import { createApiKey } from '../src/services/accounts/accounts.js';
import { benchConfig, ITEMS, UNITS, unitCode } from './synthetic.js';

interface CannonResult {
  requests: { average: number; total: number };
  latency: { p99: number; average: number };
  statusCodeStats: Record<string, { count: number } | undefined>;
  errors: number;
  timeouts: number;
  non2xx: number;
}
interface CannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  setupRequest: (req: CannonRequest & { body?: string }) => CannonRequest & { body: string };
  onResponse: (status: number, body: string) => void;
}
type Cannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  requests: CannonRequest[];
}) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

const ASSESSMENT = 'bench';
const SELF = fileURLToPath(import.meta.url);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const WARMUP_S = 2;

type Target = { sqlite: string } | { url: string };
const openTarget = (t: Target): DbHandle =>
  createDb('url' in t ? { databaseUrl: t.url } : { sqliteFile: t.sqlite });

/** Child process: the real server on a migrated database with the bench assessment and a key. */
async function serveKaoping(t: Target): Promise<void> {
  const handle = openTarget(t);
  await migrate(handle);
  await saveConfig(handle.db, benchConfig(ASSESSMENT), new Date().toISOString());
  await handle.db
    .insertInto('units')
    .values(
      Array.from({ length: UNITS }, (_, u) => ({
        assessment_id: ASSESSMENT,
        code: unitCode(u),
        name: `单位${u + 1}`,
        category: u < 40 ? 'A' : 'B',
        has_window: u % 2,
        position: u,
      })),
    )
    .execute();
  const key = await createApiKey(handle.db, 'analyst', ASSESSMENT, 'bench', new Date());
  const app = buildApp({ handle });
  await app.listen({ host: '127.0.0.1', port: 0 });
  ready(app.server.address(), key, async () => {
    await app.close();
    await handle.close();
  });
}

/** Child process: the baseline, a route that inserts the raw body, one durable commit each. */
async function serveBare(t: Target): Promise<void> {
  const app = Fastify({ logger: false, bodyLimit: 1 << 20 });
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  let close: () => Promise<void>;
  if ('url' in t) {
    const pool = new pg.Pool({ connectionString: t.url, max: 10 });
    await pool.query('create table if not exists bare (id bigserial primary key, body bytea not null)');
    app.post('/bare', async (req, reply) => {
      await pool.query('insert into bare (body) values ($1)', [req.body]);
      return reply.code(201).send({ ok: true });
    });
    close = () => pool.end();
  } else {
    const db = new SQLite(t.sqlite);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('create table if not exists bare (id integer primary key, body blob not null)');
    const insert = db.prepare('insert into bare (body) values (?)');
    app.post('/bare', (req, reply) => {
      insert.run(req.body); // autocommit: one durable commit per request
      return reply.code(201).send({ ok: true });
    });
    close = () => {
      db.close();
      return Promise.resolve();
    };
  }
  await app.listen({ host: '127.0.0.1', port: 0 });
  ready(app.server.address(), '', async () => {
    await app.close();
    await close();
  });
}

function ready(address: unknown, key: string, close: () => Promise<void>): void {
  const port = (address as { port: number }).port;
  process.stdout.write(`LISTENING ${port} ${key}\n`);
  process.once('SIGTERM', () => void close().then(() => process.exit(0)));
}

/** Starts `bench/ingest.ts serve <kind> <target>` and waits for its port. */
function startChild(kind: string, t: Target): Promise<{ child: ChildProcess; port: number; key: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SELF, 'serve', kind, JSON.stringify(t)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\d+) (\S*)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]), key: m[2] ?? '' });
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited (${code}) before listening`)));
  });
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** A 20-answer body with a response id of its own. */
function makeBody(id: string, n: number): string {
  const unit = unitCode(n % UNITS);
  return JSON.stringify({
    response_id: id,
    channel: 'online',
    group: 'public',
    respondent_key: `key-${id}`,
    duration_s: 60 + (n % 300),
    submitted_at: '2026-05-06T14:30:00+08:00',
    answers: Array.from({ length: ITEMS }, (_, i) => ({
      target_unit: unit,
      item: `Q${i + 1}`,
      value: ((n + i * 7) % 5) + 1,
    })),
  });
}

/** Ids the server answered 201 for (the bare route answers no id). */
const acknowledged: string[] = [];
const ACK_ID = /"response_id":"([^"]+)"/;

async function drive(port: number, urlPath: string, key: string, prefix: string, seconds: number) {
  let n = 0;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== '') headers.authorization = `Bearer ${key}`;
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: urlPath,
        headers,
        setupRequest: (req) => ({ ...req, body: makeBody(`${prefix}-${n}`, n++) }),
        onResponse: (status, body) => {
          const id = status === 201 ? ACK_ID.exec(body)?.[1] : undefined;
          if (id !== undefined) acknowledged.push(id);
        },
      },
    ],
  });
}

const count = (r: CannonResult, status: number) => Number(r.statusCodeStats[String(status)]?.count ?? 0);

function describe(name: string, r: CannonResult): string {
  const codes = Object.entries(r.statusCodeStats)
    .map(([k, v]) => `${k}:${v?.count ?? 0}`)
    .join(' ');
  return `${name}: ${Math.round(r.requests.average)} req/s, p99 ${r.latency.p99} ms, mean ${r.latency.average} ms, statuses ${codes}, errors ${r.errors}, timeouts ${r.timeouts}`;
}

async function run(kind: 'kaoping' | 'bare', t: Target): Promise<{ r: CannonResult; created: number }> {
  const { child, port, key } = await startChild(kind, t);
  const urlPath = kind === 'bare' ? '/bare' : `/api/v1/assessments/${ASSESSMENT}/responses`;
  const warm = await drive(port, urlPath, key, `${kind}-warm`, WARMUP_S);
  const r = await drive(port, urlPath, key, kind, DURATION_S);
  await stop(child);
  console.log(describe(kind, r));
  return { r, created: count(warm, 201) + count(r, 201) };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-bench-ingest-'));
  const pgUrl = process.env.BENCH_DATABASE_URL;
  const dbName = pgUrl ? new URL(pgUrl).pathname.slice(1) : '';
  const admin = pgUrl ? new URL(pgUrl) : undefined;
  if (admin) admin.pathname = '/postgres';
  const adminQuery = async (q: string) => {
    const c = new pg.Client({ connectionString: admin!.toString() });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  if (pgUrl) {
    if (!/^[a-z_][a-z0-9_]*$/.test(dbName)) throw new Error(`BENCH_DATABASE_URL: database name "${dbName}"`);
    await adminQuery(`drop database if exists ${dbName} with (force)`);
    await adminQuery(`create database ${dbName}`);
  }
  try {
    const real: Target = pgUrl ? { url: pgUrl } : { sqlite: path.join(dir, 'kaoping.db') };
    const bare: Target = pgUrl ? { url: pgUrl } : { sqlite: path.join(dir, 'bare.db') };
    console.log(
      `engine: ${pgUrl ? 'PostgreSQL' : 'SQLite (WAL, synchronous=FULL)'}; ${CONNECTIONS} connections, ` +
        `${WARMUP_S} s warm-up + ${DURATION_S} s each; ${ITEMS}-answer bodies, ${UNITS} agencies`,
    );
    const k = await run('kaoping', real);
    const b = await run('bare', bare);
    const handle = openTarget(real);
    const ids = new Set(
      (await handle.db.selectFrom('responses').select('response_id').execute()).map((r) => r.response_id),
    );
    await handle.close();
    const missing = acknowledged.filter((id) => !ids.has(id)).length;
    // Requests in flight when a bounded run ends are stored but their answers are never read:
    // at most one per connection and run.
    const unread = ids.size - acknowledged.length;
    console.log(
      `stored responses: ${ids.size}; 201 answers: ${k.created} (${acknowledged.length} ids read back), ` +
        `acknowledged but missing: ${missing}; stored but cut off at the end of a run: ${unread}`,
    );
    if (k.created !== acknowledged.length || missing > 0 || unread < 0 || unread > 2 * CONNECTIONS)
      throw new Error('the stored responses do not match the 201 answers');
    const rps = k.r.requests.average;
    const bareRps = b.r.requests.average;
    console.log(
      `BENCH ingest rps=${Math.round(rps)} p99_ms=${k.r.latency.p99} bare_rps=${Math.round(bareRps)} ratio=${(rps / bareRps).toFixed(2)}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    if (pgUrl) await adminQuery(`drop database if exists ${dbName} with (force)`);
  }
}

if (process.argv[2] === 'serve') {
  const t = JSON.parse(process.argv[4] ?? '{}') as Target;
  await (process.argv[3] === 'bare' ? serveBare(t) : serveKaoping(t));
} else {
  await main();
}
