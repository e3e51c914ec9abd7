/**
 * The results workbook writer on a snapshot-sized input: 89 agencies' tables and a
 * response_validity of N rows (default 1,000,000, `--responses N`), streamed to a file.
 * Last line: `BENCH results-xlsx responses=<n> seconds=<s> peak_rss_mb=<m> bytes=<b>`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { streamResultsWorkbook, type WorkbookTable } from '../src/reports/results-xlsx.js';
import type { StoredCell } from '../src/shared/api/result-tables.js';

const arg = process.argv.indexOf('--responses');
const n = arg > 0 ? Number(process.argv[arg + 1]) : 1_000_000;
const units = Array.from({ length: 89 }, (_, i) => `U${String(i + 1).padStart(3, '0')}`);
const groups = ['service', 'peer', 'cadre', 'public'];

function* validity(): Generator<StoredCell[]> {
  for (let i = 0; i < n; i++) yield [`R${i}`, i % 7 ? 1 : 0, i % 7 ? '' : 'too_fast;duplicate'];
}
const tables: WorkbookTable[] = [
  {
    name: 'unit_results',
    columns: [
      'unit_code',
      'unit_name',
      'category',
      'composite',
      'ci_low',
      'ci_high',
      'composite_rate',
      'rank_overall',
    ],
    rows: units.map((u, i) => [
      u,
      `苏州市第${i + 1}局`,
      '经济',
      90 - i / 10,
      89 - i / 10,
      91 - i / 10,
      0.9,
      i + 1,
    ]),
  },
  {
    name: 'unit_group_scores',
    columns: [
      'unit_code',
      'group',
      'n_valid',
      'n_used',
      'score',
      'sd',
      'ci_low',
      'ci_high',
      'satisfaction_rate',
    ],
    rows: units.flatMap((u) => groups.map((g) => [u, g, 50, 48, 85.1, 10.2, 82.3, 87.9, 0.93])),
  },
  { name: 'response_validity', columns: ['response_id', 'valid', 'reasons'], rows: validity() },
];
let peak = 0;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-bench-xlsx-')), 'results.xlsx');
const t0 = process.hrtime.bigint();
await streamResultsWorkbook(
  tables,
  { id: 'bench', name: '基准', groups: [], items: [] },
  fs.createWriteStream(file),
);
await new Promise((r) => setTimeout(r, 100));
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
const bytes = fs.statSync(file).size;
fs.rmSync(path.dirname(file), { recursive: true, force: true });
console.log(
  `BENCH results-xlsx responses=${n} seconds=${seconds.toFixed(1)} peak_rss_mb=${Math.round(peak / 2 ** 20)} bytes=${bytes}`,
);
