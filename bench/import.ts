/**
 * npm run bench:import — imports 1,000,000 answer rows (50,000 responses × 20 ratings) from a CSV
 * through the real importer (parse, validate, durable commit) on SQLite, and, as the baseline in
 * the same run, the same rows inserted one statement per answer into a plain answers table.
 * Last line: BENCH import rows=<n> rows_per_s=<r>
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { createDb, migrate } from '../src/db/create-db.js';
import { importConfig, importUnits } from '../src/services/import/index.js';
import { importResponses } from '../src/services/import/responses.js';
import { fileSource, readTable } from '../src/services/import/table-reader.js';
import { RESPONSE_COLUMNS } from '../src/services/import/responses.js';
import { benchConfig, writeResponsesCsv, writeUnitsCsv } from './synthetic.js';

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 50_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-bench-import-'));
try {
  const csv = path.join(dir, 'responses.csv');
  const rows = writeResponsesCsv(csv, RESPONSES);
  writeUnitsCsv(path.join(dir, 'units.csv'));
  const mb = fs.statSync(csv).size / 1e6;
  console.log(`input: ${rows.toLocaleString('en-US')} answer rows, ${mb.toFixed(1)} MB`);

  // Baseline: row-by-row inserts of the same answers into a one-row-per-answer table (durable, one transaction).
  const base = new SQLite(path.join(dir, 'baseline.db'));
  base.pragma('journal_mode = WAL');
  base.pragma('synchronous = FULL');
  base.exec(`create table answers (response_id text, channel text, grp text, respondent_unit text, respondent_key text,
    target_unit text, item text, value text, duration_s real, submitted_at text)`);
  const ins = base.prepare('insert into answers values (?,?,?,?,?,?,?,?,?,?)');
  let t0 = performance.now();
  const tx = base.transaction((batch: string[][]) => {
    for (const c of batch) ins.run(c);
  });
  for await (const batch of readTable(csv, RESPONSE_COLUMNS)) tx(batch.map((r) => r.cells));
  const baseS = (performance.now() - t0) / 1000;
  base.close();
  console.log(
    `baseline (parse + one INSERT per answer, no validation): ${baseS.toFixed(2)} s, ${Math.round(rows / baseS).toLocaleString('en-US')} rows/s`,
  );

  const handle = createDb({ sqliteFile: path.join(dir, 'kaoping.db') });
  await migrate(handle);
  const ctx = { handle, actor: 'bench', now: () => new Date() };
  await importConfig(ctx, benchConfig('bench'), 'bench');
  await importUnits(ctx, 'bench', fileSource(path.join(dir, 'units.csv')));
  t0 = performance.now();
  const r = await importResponses(ctx, 'bench', fileSource(csv));
  const s = (performance.now() - t0) / 1000;
  await handle.close();
  if (r.added !== RESPONSES) throw new Error(`expected ${RESPONSES} responses, stored ${r.added}`);
  const rate = Math.round(rows / s);
  console.log(
    `kaoping import (parse, validate, durable commit): ${s.toFixed(2)} s, ${rate.toLocaleString('en-US')} rows/s, ${(baseS / s).toFixed(1)}× the baseline`,
  );
  console.log(`BENCH import rows=${rows} rows_per_s=${rate}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
