/**
 * npx tsx bench/snapshot.ts — what a results snapshot costs: the inputs' fingerprint, building
 * and storing every §4.6 table (response_validity has a row per response), reading a page of it,
 * and the stored size, for BENCH_RESPONSES synthetic responses × 20 ratings (default 1,000,000)
 * in a temporary SQLite database (the same data as bench/analyze.ts). `kaoping analyze
 * --bootstrap 0` is run untimed first so that the numbers are the snapshot's alone.
 * Last line: BENCH snapshot responses=<n> fingerprint_ms=<f> store_s=<s> size_mb=<m> page_ms=<p>
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRng } from '../src/core/random.js';
import { createDb, migrate } from '../src/db/create-db.js';
import { analyseTables, storeRun } from '../src/services/analyze/analyze.js';
import type { ServiceContext } from '../src/services/context.js';
import { importConfig, importUnits } from '../src/services/import/index.js';
import { storeResponses, type NewResponse } from '../src/services/import/responses.js';
import { fileSource } from '../src/services/import/table-reader.js';
import { inputsFingerprint } from '../src/services/results/fingerprint.js';
import { snapshotTable } from '../src/services/results/snapshots.js';
import { benchConfig, ITEMS, storedResponse, UNITS, unitCode, writeUnitsCsv } from './synthetic.js';

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 1_000_000);
const ID = 'bench';
const ms = (t0: number) => performance.now() - t0;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-bench-snapshot-'));
try {
  const handle = createDb({ sqliteFile: path.join(dir, 'kaoping.db') });
  await migrate(handle);
  const ctx: ServiceContext = { handle, actor: 'bench', now: () => new Date() };
  await importConfig(ctx, benchConfig(ID), 'bench');
  writeUnitsCsv(path.join(dir, 'units.csv'));
  await importUnits(ctx, ID, fileSource(path.join(dir, 'units.csv')));
  const rng = createRng(7);
  for (let r0 = 0; r0 < RESPONSES; r0 += 50_000) {
    const chunk: NewResponse[] = [];
    for (let r = r0; r < Math.min(RESPONSES, r0 + 50_000); r++) {
      const base = 3 + rng.int(0, 2);
      const answers = Array.from({ length: ITEMS }, (_, i) => ({
        target: unitCode(r % UNITS),
        item: `Q${i + 1}`,
        value: Math.min(5, Math.max(1, base + (rng.next() < 0.3 ? rng.int(-2, 1) : 0))),
      }));
      // every 50th response too fast: some invalid rows in response_validity
      const durationS = r % 50 === 0 ? 1 : 60 + rng.int(0, 200);
      chunk.push(
        storedResponse(`bench-${r}`, r, {
          respondentKey: `k${r}`,
          durationS,
          submittedAt: '2024-10-01T10:00:00+08:00',
          answers,
        }),
      );
    }
    await storeResponses(ctx, ID, chunk, { file: 'bench' });
  }
  let t0 = performance.now();
  const fingerprint = await inputsFingerprint(handle.db, ID);
  const fingerprintMs = ms(t0);
  t0 = performance.now();
  const tables = await analyseTables(handle.db, ID, { replicates: 0 });
  const analyseS = ms(t0) / 1000;
  t0 = performance.now();
  const stored = await storeRun(handle.db, ID, tables, { actor: 'bench', now: () => new Date() });
  const storeS = ms(t0) / 1000;
  t0 = performance.now();
  const page = await snapshotTable(ctx, ID, stored.id, 'response_validity', {
    offset: RESPONSES - 700,
    limit: 500,
  });
  const pageMs = ms(t0);
  if (page.rows.length !== 500 || tables.fingerprint !== fingerprint)
    throw new Error('bench: wrong page or fingerprint');
  const sizeMb = stored.sizeBytes / 1e6;
  console.log(
    `analyse ${analyseS.toFixed(2)} s (not part of the snapshot); fingerprint ${fingerprintMs.toFixed(1)} ms; ` +
      `store ${storeS.toFixed(2)} s; ${sizeMb.toFixed(2)} MB compressed; a 500-row page at the end ${pageMs.toFixed(1)} ms`,
  );
  await handle.close();
  console.log(
    `BENCH snapshot responses=${RESPONSES} fingerprint_ms=${fingerprintMs.toFixed(1)} store_s=${storeS.toFixed(2)} size_mb=${sizeMb.toFixed(2)} page_ms=${pageMs.toFixed(1)}`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
