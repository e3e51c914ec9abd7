/**
 * 数据导入 as a job: `npx tsx bench/import-job.ts [RESPONSES]` builds a fresh SQLite database
 * with the small fixture's configuration and agencies, uploads a responses CSV of RESPONSES
 * responses (2 rows each) as an import job (startImport: the file stored in job_files) and runs
 * it with a JobRunner; prints the time to queue and to run, and the job's result.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, migrate, sqliteFileIn } from '../src/db/create-db.js';
import { importConfig, importUnits, fileSource, readConfigFile } from '../src/services/import/index.js';
import { startImport } from '../src/services/jobs/jobs.js';
import { JobRunner } from '../src/services/jobs/runner.js';
import { findJob } from '../src/db/repos/jobs.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-bench-'));
const handle = createDb({ sqliteFile: sqliteFileIn(dir) });
await migrate(handle);
const ctx = { handle, actor: 'bench', now: () => new Date() };
const small = path.join(import.meta.dirname, '../test/fixtures/small');
const id = await importConfig(ctx, readConfigFile(`${small}/config.json`), `${small}/config.json`);
await importUnits(ctx, id, fileSource(`${small}/units.csv`));
const N = Number(process.argv[2] ?? 20000);
const lines = [
  'response_id,channel,group,respondent_unit,respondent_key,target_unit,item,value,duration_s,submitted_at',
];
for (let i = 0; i < N; i++)
  for (const item of ['S1', 'S2'])
    lines.push(
      `b${i},phone,service,,k${i},${'ABC'[i % 3]},${item},${1 + (i % 5)},120,2024-10-01T10:00:00+08:00`,
    );
const data = Buffer.from(lines.join('\n'));
const t0 = performance.now();
const job = await startImport(ctx, id, 'responses', 'bench.csv', data);
const t1 = performance.now();
await new JobRunner({ handle, now: () => new Date() }).runOnce();
const t2 = performance.now();
const row = await findJob(handle.db, job.id);
console.log(
  JSON.stringify({
    responses: N,
    rows: 2 * N,
    bytes: data.length,
    enqueueMs: Math.round(t1 - t0),
    runMs: Math.round(t2 - t1),
    status: row?.status,
    result: row?.result,
    error: row?.error,
  }),
);
await handle.close();
fs.rmSync(dir, { recursive: true, force: true });
