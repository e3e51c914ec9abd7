/**
 * npm run bench:export — SPEC §6 "export of 1,000,000 responses × 20 answers": CSV (long) and
 * SPSS ≤ 60 s each, XLSX (wide) ≤ 120 s; streaming, peak RSS ≤ 300 MB.
 *
 * Setup (not timed): 1,000,000 synthetic responses over 89 agencies, each with 19 ratings (a
 * scale with Chinese labels, one answer in 50 don't know) and one text item (意见建议) that
 * every fourth response answers — some of those texts start with a formula character — are
 * stored in a temporary SQLite database through the importer's storage path.
 *
 * Timed: each export as `kaoping export responses --out FILE` in a fresh child process running
 * the transpiled JavaScript as dist/ holds it; the time is the whole process (start-up
 * included), the peak RSS is process.resourceUsage().maxRSS read in the child at its exit.
 * Baseline, same run: a child that writes as many bytes of plain CSV lines as the CSV export,
 * without reading the store (what the disk and the string-to-bytes path cost alone).
 * Last line: BENCH export responses=<n> csv_seconds=<a> sav_seconds=<b> xlsx_seconds=<c> peak_rss_mb=<m>
 *
 * BENCH_RESPONSES (default 1,000,000) overrides the size; BENCH_DIR keeps the database (and
 * the CSV) in that folder and reuses it on the next run.
 */
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '../src/core/random.js';
import { VALUE_DK, VALUE_TEXT } from '../src/core/response-table.js';
import { createDb, migrate } from '../src/db/create-db.js';
import { importConfig, importUnits } from '../src/services/import/index.js';
import { storeResponses, type NewResponse } from '../src/services/import/responses.js';
import type { ServiceContext } from '../src/services/context.js';
import { fileSource } from '../src/services/import/table-reader.js';
import type { BlockAnswer } from '../src/db/codec/block-codec.js';
import { benchConfig, storedResponse, UNITS, unitCode, writeUnitsCsv } from './synthetic.js';

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 1_000_000);
const STORE_CHUNK = 50_000;
const ID = 'bench';
const RATINGS = 19;
const PAYLOADS = ['=HYPERLINK("http://x","点我")', '+86 138', '-1', '@SUM(A1)', '\t制表', '服务很好，办事快'];

interface ChildResult {
  seconds: number;
  maxRssMb: number;
  rows: number;
  bytes: number;
}

const secs = (t0: number): number => (performance.now() - t0) / 1000;
const fmt = (s: number): string => s.toFixed(2);

/**
 * The child processes run JavaScript transpiled from src/ exactly as `npm run build` makes
 * dist/ (so no tsx in the measured process), into out/bench-export/ where node_modules resolves.
 * runner.mjs runs `kaoping export …` through the CLI's main(), or the baseline, and on exit
 * appends its peak RSS to BENCH_RUSAGE.
 */
const RUNNER = `import fs from 'node:fs';
process.on('exit', () => fs.writeFileSync(process.env.BENCH_RUSAGE, JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024 })));
const [mode, out] = process.argv.slice(2);
if (mode === 'baseline') {
  const target = Number(process.env.BENCH_BYTES);
  const fd = fs.openSync(out, 'w');
  let written = 0, rows = 0, buf = '';
  while (written < target) {
    buf += 'R' + rows + ',phone,service,,k' + rows + ',U001,Q1,4,120,2024-10-01T10:00:00+08:00\\n';
    rows++;
    if (buf.length > 1 << 20) { written += fs.writeSync(fd, buf); buf = ''; }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
  console.log('wrote ' + rows + ' rows');
} else {
  const { main } = await import('./cli/main.js');
  const { processIo } = await import('./cli/io.js');
  process.exitCode = await main(process.argv.slice(3), processIo(process.env));
}
`;

async function buildRunner(): Promise<string> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const out = path.join(root, 'out', 'bench-export');
  fs.rmSync(out, { recursive: true, force: true });
  const entryPoints = fs
    .readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith(`web${path.sep}`))
    .map((f) => path.join(root, 'src', f));
  await build({
    entryPoints,
    outdir: out,
    outbase: path.join(root, 'src'),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  fs.writeFileSync(path.join(out, 'runner.mjs'), RUNNER);
  return path.join(out, 'runner.mjs');
}

function config() {
  const c = benchConfig(ID);
  c.scale.labels = { '1': '非常不满意', '2': '不满意', '3': '基本满意', '4': '满意', '5': '非常满意' };
  c.items = c.items.slice(0, RATINGS).map((it, i) => ({ ...it, text: `您对该单位第${i + 1}项工作的评价` }));
  c.items.push({
    code: 'C1',
    text: '意见建议',
    type: 'text',
    groups: ['service', 'public'],
    required: false,
  });
  return c;
}

async function generate(ctx: ServiceContext, n: number): Promise<void> {
  const rng = createRng(7);
  for (let r0 = 0; r0 < n; r0 += STORE_CHUNK) {
    const chunk: NewResponse[] = [];
    for (let r = r0; r < Math.min(n, r0 + STORE_CHUNK); r++) {
      const target = unitCode(r % UNITS);
      const base = 3 + rng.int(0, 2);
      const answers: BlockAnswer[] = [];
      for (let i = 0; i < RATINGS; i++) {
        const v = rng.next() < 0.02 ? VALUE_DK : Math.min(5, Math.max(1, base + rng.int(-1, 1)));
        answers.push({ target, item: `Q${i + 1}`, value: v });
      }
      const texts: NewResponse['p']['texts'] = [];
      if (r % 4 === 1) {
        answers.push({ target, item: 'C1', value: VALUE_TEXT });
        texts.push({ target, item: 'C1', text: `${PAYLOADS[r % PAYLOADS.length]}（第${r}份）` });
      }
      const submittedAt = `2024-10-${String(1 + (r % 28)).padStart(2, '0')}T10:${String(r % 60).padStart(2, '0')}:00+08:00`;
      const resp = storedResponse(`bench-${r}`, r, {
        respondentKey: `k${r}`,
        durationS: 60 + rng.int(0, 200),
        submittedAt,
        answers,
      });
      resp.p.texts = texts;
      chunk.push(resp);
    }
    await storeResponses(ctx, ID, chunk, { file: 'bench' });
  }
}

/** Runs one child; its time is the whole process (start-up and module loading included). */
function runChild(runner: string, dir: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildResult {
  const usage = path.join(dir, 'rusage.json');
  const t0 = performance.now();
  const stdout = execFileSync(process.execPath, [runner, ...args], {
    env: { ...process.env, KAOPING_DATA_DIR: dir, DATABASE_URL: '', BENCH_RUSAGE: usage, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const seconds = secs(t0);
  const rows = Number(/wrote (\d+)/.exec(stdout)?.[1] ?? NaN);
  const { maxRssMb } = JSON.parse(fs.readFileSync(usage, 'utf8')) as { maxRssMb: number };
  const out = args[0] === 'baseline' ? args[1]! : args[args.indexOf('--out') + 1]!;
  return { seconds, maxRssMb, rows, bytes: fs.statSync(out).size };
}

async function main(): Promise<void> {
  // BENCH_DIR keeps the database between runs (for profiling); by default all is temporary
  const keep = process.env.BENCH_DIR;
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-bench-export-'));
  fs.mkdirSync(dir, { recursive: true });
  try {
    console.log(
      `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), node ${process.version}, load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    const dbFile = path.join(dir, 'kaoping.db');
    const t0 = performance.now();
    const reuse = keep !== undefined && fs.existsSync(dbFile);
    if (!reuse) {
      const handle = createDb({ sqliteFile: dbFile });
      await migrate(handle);
      const ctx: ServiceContext = { handle, actor: 'bench', now: () => new Date() };
      await importConfig(ctx, config(), 'bench');
      writeUnitsCsv(path.join(dir, 'units.csv'));
      await importUnits(ctx, ID, fileSource(path.join(dir, 'units.csv')));
      await generate(ctx, RESPONSES);
      await handle.close();
    }
    console.log(
      reuse
        ? `setup: the database in ${dir} reused`
        : `setup: ${RESPONSES.toLocaleString('en-US')} responses × 20 answers stored in ${fmt(secs(t0))} s`,
    );

    const runner = await buildRunner();
    const results: Record<string, ChildResult> = {};
    for (const [name, file] of [
      ['csv', 'responses.csv'],
      ['sav', 'responses.sav'],
      ['xlsx', 'responses.xlsx'],
    ] as const) {
      const args = ['export', 'export', 'responses', '--assessment', ID, '--out', path.join(dir, file)];
      const r = runChild(runner, dir, args);
      results[name] = r;
      console.log(
        `${name}: ${r.rows.toLocaleString('en-US')} rows, ${(r.bytes / 1e6).toFixed(0)} MB in ${fmt(r.seconds)} s, peak RSS ${r.maxRssMb.toFixed(0)} MB`,
      );
      if (name !== 'csv') fs.rmSync(path.join(dir, file));
    }
    const base = runChild(runner, dir, ['baseline', path.join(dir, 'baseline.csv')], {
      BENCH_BYTES: String(results.csv!.bytes),
    });
    console.log(
      `baseline: ${(base.bytes / 1e6).toFixed(0)} MB of plain CSV lines written in ${fmt(base.seconds)} s, peak RSS ${base.maxRssMb.toFixed(0)} MB (csv export = ${(results.csv!.seconds / base.seconds).toFixed(1)}× baseline)`,
    );
    const csv = results.csv!;
    if (csv.rows !== RESPONSES * RATINGS + Math.floor((RESPONSES + 2) / 4))
      throw new Error(
        `csv: ${csv.rows} rows, expected ${RESPONSES * RATINGS + Math.floor((RESPONSES + 2) / 4)}`,
      );
    if (results.sav!.rows !== RESPONSES || results.xlsx!.rows !== RESPONSES)
      throw new Error(`sav/xlsx: ${results.sav!.rows}/${results.xlsx!.rows} rows, expected ${RESPONSES}`);
    const peak = Math.max(...Object.values(results).map((r) => r.maxRssMb));
    const ok = csv.seconds <= 60 && results.sav!.seconds <= 60 && results.xlsx!.seconds <= 120 && peak <= 300;
    console.log(
      `bars (SPEC §6): csv ≤ 60 s, sav ≤ 60 s, xlsx ≤ 120 s, peak RSS ≤ 300 MB → ${ok ? 'met' : 'NOT met'}`,
    );
    console.log(
      `BENCH export responses=${RESPONSES} csv_seconds=${fmt(csv.seconds)} sav_seconds=${fmt(results.sav!.seconds)} xlsx_seconds=${fmt(results.xlsx!.seconds)} peak_rss_mb=${peak.toFixed(0)}`,
    );
  } finally {
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
