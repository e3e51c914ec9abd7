/**
 * npm run bench:report — the Word reports of the demo assessment (89 agencies): `kaoping demo`
 * and `kaoping analyze` into a temporary SQLite database untimed, then every agency report and
 * the overall report from the stored snapshot (no PDF: the 30 s bar is for the .docx files),
 * timed, with the same run's baseline: reading the snapshot's tables alone.
 * Last line: BENCH report files=<n> seconds=<s>
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../src/cli/main.js';
import { processIo } from '../src/cli/io.js';
import { createDb } from '../src/db/create-db.js';
import { latestSnapshot } from '../src/db/repos/snapshots.js';
import { generateReports, snapshotTables } from '../src/services/reports/reports.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-bench-report-'));
const env: Record<string, string | undefined> = { ...process.env, KAOPING_DATA_DIR: path.join(dir, 'data') };
delete env.DATABASE_URL;
const quiet = { ...processIo(env), stdout: () => undefined };
try {
  for (const argv of [
    ['init'],
    ['demo'],
    ['analyze', '--assessment', 'suzhou-2020', '--out', path.join(dir, 'csv')],
  ])
    if ((await main(argv, quiet)) !== 0) throw new Error(`kaoping ${argv.join(' ')} failed`);
  const handle = createDb({ sqliteFile: path.join(dir, 'data', 'kaoping.db') });
  const ctx = { handle, actor: 'bench', now: () => new Date() };
  let t0 = performance.now();
  const row = (await latestSnapshot(handle.db, 'suzhou-2020'))!;
  await snapshotTables(ctx, row);
  const readSeconds = (performance.now() - t0) / 1000;
  const timings = {};
  t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const out = await generateReports(ctx, 'suzhou-2020', path.join(dir, 'out'), { pdf: false, timings });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await handle.close();
  console.log(`phases (s): ${JSON.stringify(timings)}`);
  console.log(
    `CPU time of this process while generating: ${cpuSeconds.toFixed(2)} s (wall ${seconds.toFixed(2)} s)`,
  );
  console.log(`baseline: reading the snapshot's tables alone ${readSeconds.toFixed(2)} s`);
  console.log(`BENCH report files=${out.files.length} seconds=${seconds.toFixed(2)}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
