/**
 * npm run bench:analyze — SPEC §6 "full analysis, 1,000,000 responses × 20 ratings": ≤ 5 s, and
 * within 3× of DuckDB computing the same agency × group means (each respondent's mean first,
 * then the group mean, as §5.2–§5.3) over the same answers held in a DuckDB table, same run.
 *
 * Setup (not timed): 1,000,000 synthetic responses × 20 ratings over 89 agencies are stored in a
 * temporary SQLite database through the importer's storage path (storeResponses: columnar
 * blocks + one identity row per response); the same 20,000,000 answers are appended to an
 * in-memory DuckDB table answers(response_id, unit, grp, value = m(v)).
 * Every response is valid (durations at or above the minimum, distinct respondent keys, all
 * required items answered), so both sides average exactly the same answers; kaoping still runs
 * every validity check.
 *
 * Timed: runAnalysis() as `kaoping analyze --bootstrap 0` runs it (load the blocks from SQLite,
 * decode, validity, all scores, write every result file including the 1,000,000-row
 * response_validity.csv), and DuckDB's two-level GROUP BY. Each RUNS times, alternating so that
 * both meet the same machine load; the medians count.
 * Last line: BENCH analyze responses=<n> seconds=<s> duckdb_seconds=<d> ratio=<s/d>
 *
 * BENCH_RESPONSES (default 1,000,000) and BENCH_RUNS (default 9; after one untimed warm-up of each side) override the sizes.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { DOUBLE, DuckDBDataChunk, DuckDBInstance, INTEGER, type DuckDBConnection } from '@duckdb/node-api';
import { createRng } from '../src/core/random.js';
import { createDb, migrate } from '../src/db/create-db.js';
import { runAnalysis, type AnalysisTimings } from '../src/services/analyze/analyze.js';
import { importConfig, importUnits } from '../src/services/import/index.js';
import { storeResponses, type NewResponse } from '../src/services/import/responses.js';
import type { ServiceContext } from '../src/services/context.js';
import { fileSource } from '../src/services/import/table-reader.js';
import { benchConfig, ITEMS, storedResponse, UNITS, unitCode, writeUnitsCsv } from './synthetic.js';

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const STORE_CHUNK = 50_000;
const ID = 'bench';

const config = benchConfig(ID);
const GROUPS = config.groups.map((g) => g.code); // service (untrimmed), public (trimmed 5%)
const SCORE = (v: number): number => config.scale.scores[String(v)]!;

// A full garbage collection before each timed run, so that neither side pays for the setup's
// garbage (a `kaoping analyze` process starts with an empty heap).
v8.setFlagsFromString('--expose-gc');
const fullGc = vm.runInNewContext('gc') as () => void;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const secs = (t0: number): number => (performance.now() - t0) / 1000;
const fmt = (s: number): string => s.toFixed(3);

/** What DuckDB gets: per response its unit and group, per answer its value code. */
interface Answers {
  unit: Int32Array;
  grp: Int32Array;
  value: Uint8Array;
}

/**
 * Stores `n` responses (the distribution of synthetic.ts's CSV: a quarter online/public, the rest
 * phone/service, one target agency each, 20 ratings around a per-response base) in chunks.
 */
async function generate(ctx: ServiceContext, n: number): Promise<Answers> {
  const rng = createRng(7);
  const out: Answers = { unit: new Int32Array(n), grp: new Int32Array(n), value: new Uint8Array(n * ITEMS) };
  for (let r0 = 0; r0 < n; r0 += STORE_CHUNK) {
    const chunk: NewResponse[] = [];
    for (let r = r0; r < Math.min(n, r0 + STORE_CHUNK); r++) {
      const online = r % 4 === 0;
      const u = r % UNITS;
      const target = unitCode(u);
      const base = 3 + rng.int(0, 2);
      const answers = [];
      for (let i = 0; i < ITEMS; i++) {
        const v = Math.min(5, Math.max(1, base + (rng.next() < 0.3 ? rng.int(-2, 1) : 0)));
        answers.push({ target, item: `Q${i + 1}`, value: v });
        out.value[r * ITEMS + i] = v;
      }
      out.unit[r] = u;
      out.grp[r] = online ? 1 : 0;
      const submittedAt = `2024-10-${String(1 + (r % 28)).padStart(2, '0')}T10:${String(r % 60).padStart(2, '0')}:00+08:00`;
      chunk.push(
        storedResponse(`bench-${r}`, r, {
          respondentKey: `k${r}`,
          durationS: 60 + rng.int(0, 200),
          submittedAt,
          answers,
        }),
      );
    }
    await storeResponses(ctx, ID, chunk, { file: 'bench' });
  }
  return out;
}

async function loadDuckDb(con: DuckDBConnection, a: Answers): Promise<void> {
  await con.run('CREATE TABLE answers (response_id INTEGER, unit INTEGER, grp INTEGER, value DOUBLE)');
  const appender = await con.createAppender('answers');
  const size = 2048; // DuckDB's vector size
  const total = a.value.length;
  for (let k0 = 0; k0 < total; k0 += size) {
    const rows = Math.min(size, total - k0);
    const chunk = DuckDBDataChunk.create([INTEGER, INTEGER, INTEGER, DOUBLE], rows);
    const [id, unit, grp, value] = [0, 1, 2, 3].map((c) => chunk.getColumnVector(c));
    for (let j = 0; j < rows; j++) {
      const k = k0 + j;
      const r = Math.floor(k / ITEMS);
      id!.setItem(j, r);
      unit!.setItem(j, a.unit[r]!);
      grp!.setItem(j, a.grp[r]!);
      value!.setItem(j, SCORE(a.value[k]!));
    }
    for (const v of [id, unit, grp, value]) v!.flush();
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

const DUCK_SQL = `SELECT unit, grp, avg(r) AS score
  FROM (SELECT response_id, unit, grp, avg(value) AS r FROM answers GROUP BY ALL)
  GROUP BY ALL`;

/** unit_code,group → n_valid and score of unit_group_scores.csv */
function readGroupScores(file: string): Map<string, { nValid: number; score: number }> {
  const lines = fs
    .readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n');
  const head = lines[0]!.split(',');
  const [cu, cg, cn, cs] = ['unit_code', 'group', 'n_valid', 'score'].map((h) => head.indexOf(h));
  return new Map(
    lines.slice(1).map((l) => {
      const c = l.split(',');
      return [`${c[cu!]},${c[cg!]}`, { nValid: Number(c[cn!]), score: Number(c[cs!]) }];
    }),
  );
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-bench-analyze-'));
try {
  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), node ${process.version}`);
  let t0 = performance.now();
  const setupHandle = createDb({ sqliteFile: path.join(dir, 'kaoping.db') });
  await migrate(setupHandle);
  const ctx: ServiceContext = { handle: setupHandle, actor: 'bench', now: () => new Date() };
  await importConfig(ctx, config, 'bench');
  writeUnitsCsv(path.join(dir, 'units.csv'));
  await importUnits(ctx, ID, fileSource(path.join(dir, 'units.csv')));
  const answers = await generate(ctx, RESPONSES);
  // import and analyze are separate commands: close (checkpointing the WAL) and reopen
  await setupHandle.close();
  const handle = createDb({ sqliteFile: path.join(dir, 'kaoping.db') });
  const dbMb = fs.statSync(path.join(dir, 'kaoping.db')).size / 1e6;
  console.log(
    `setup: ${RESPONSES.toLocaleString('en-US')} responses × ${ITEMS} ratings stored in ${fmt(secs(t0))} s (SQLite ${dbMb.toFixed(0)} MB)`,
  );

  t0 = performance.now();
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  await loadDuckDb(con, answers);
  console.log(
    `duckdb setup: ${answers.value.length.toLocaleString('en-US')} answers appended in ${fmt(secs(t0))} s`,
  );

  // Timed, alternating so that both see the same machine: the whole `kaoping analyze
  // --bootstrap 0`, then DuckDB's two-level mean.
  const out = path.join(dir, 'out');
  const runs: (AnalysisTimings & { total: number })[] = [];
  const duckRuns: number[] = [];
  // One untimed warm-up of each side: kaoping's first run pays for V8's JIT compilation of the
  // hot loops and the start of its scan worker, DuckDB's first query for its own caches; steady
  // state is what a server sees.
  await runAnalysis(handle.db, ID, out, { replicates: 0 });
  let duckRows: unknown[][] = (await con.runAndReadAll(DUCK_SQL)).getRows();
  for (let k = 0; k < RUNS; k++) {
    const timings: AnalysisTimings = { load: 0, analyze: 0, write: 0, threads: 0 };
    fullGc();
    t0 = performance.now();
    await runAnalysis(handle.db, ID, out, { replicates: 0, timings });
    runs.push({ ...timings, total: secs(t0) });
    fullGc();
    t0 = performance.now();
    duckRows = (await con.runAndReadAll(DUCK_SQL)).getRows();
    duckRuns.push(secs(t0));
  }
  await handle.close();
  const s = median(runs.map((r) => r.total));
  const mid = runs.find((r) => r.total === s)!;
  console.log(`kaoping runAnalysis: ${runs.map((r) => fmt(r.total)).join(', ')} s → median ${fmt(s)} s`);
  console.log(
    `  median run: load (SQLite blocks → table) ${fmt(mid.load)} s, analyze() ${fmt(mid.analyze)} s on ${mid.threads} thread(s), write files ${fmt(mid.write)} s`,
  );
  const validityMb = fs.statSync(path.join(out, 'response_validity.csv')).size / 1e6;
  console.log(`  response_validity.csv: ${validityMb.toFixed(1)} MB`);
  const d = median(duckRuns);
  console.log(`duckdb two-level mean: ${duckRuns.map(fmt).join(', ')} s → median ${fmt(d)} s`);

  // Apples to apples: DuckDB's means are kaoping's scores of the untrimmed group, and both count
  // the same respondents per agency and group (n_valid).
  const counts = (
    await con.runAndReadAll('SELECT unit, grp, count(DISTINCT response_id) FROM answers GROUP BY ALL')
  ).getRows();
  con.closeSync();
  instance.closeSync();
  const kp = readGroupScores(path.join(out, 'unit_group_scores.csv'));
  let checked = 0;
  let worst = 0;
  for (const [unit, grp, score] of duckRows as [number, number, number][]) {
    if (config.groups[grp]?.trim) continue;
    const key = `${unitCode(unit)},${GROUPS[grp]}`;
    const mine = kp.get(key)?.score;
    if (mine === undefined || !(Math.abs(mine - score) <= 1e-9)) {
      throw new Error(`means differ for ${key}: kaoping ${mine}, duckdb ${score}`);
    }
    worst = Math.max(worst, Math.abs(mine - score));
    checked++;
  }
  if (checked !== UNITS) throw new Error(`checked ${checked} agency means, expected ${UNITS}`);
  for (const [unit, grp, n] of counts as [number, number, bigint][]) {
    const key = `${unitCode(unit)},${GROUPS[grp]}`;
    if (kp.get(key)?.nValid !== Number(n))
      throw new Error(`n_valid differs for ${key}: kaoping ${kp.get(key)?.nValid}, duckdb ${n}`);
  }
  console.log(
    `check: ${checked} agency × service means agree with DuckDB (max |diff| ${worst.toExponential(1)}); n_valid agrees in all ${counts.length} agency × group cells`,
  );

  // For reference: the command itself in a fresh process (tsx start-up, module loading and a
  // cold JIT included; not part of the bar's comparison).
  t0 = performance.now();
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('../src/cli/main.ts', import.meta.url)),
      'analyze',
      '--assessment',
      ID,
      '--out',
      path.join(dir, 'cli'),
      '--bootstrap',
      '0',
    ],
    { env: { ...process.env, KAOPING_DATA_DIR: dir, DATABASE_URL: '' }, stdio: 'ignore' },
  );
  console.log(`for reference, \`kaoping analyze --bootstrap 0\` as a fresh process: ${fmt(secs(t0))} s`);

  const ratio = s / d;
  const ok = s <= 5 && ratio <= 3;
  console.log(`bars (SPEC §6): ≤ 5 s and ≤ 3× DuckDB → ${ok ? 'met' : 'NOT met'}`);
  console.log(
    `BENCH analyze responses=${RESPONSES} seconds=${fmt(s)} duckdb_seconds=${fmt(d)} ratio=${ratio.toFixed(2)}`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
