/**
 * npm run bench:progress — the cost of the fieldwork wallboard at BENCH_RESPONSES (default
 * 50,000 responses × 20 answers = 1,000,000 answers) on BENCH_ENGINE (sqlite, or postgres at
 * KAOPING_TEST_PG_URL): the version query every progress stream's poll runs (one per server
 * every 300 ms), computing a progress body (when a version changed), the backfill of migration
 * 0030 from the stored blocks, and storing one more block of BENCH_PER_BLOCK responses.
 * BENCH_PER_BLOCK (default 10, as survey submissions make them) sets the responses per block.
 * Last line: BENCH progress responses=<n> blocks=<b> version_ms=<t> progress_ms=<t> backfill_ms=<t>
 */
import { progressVersions } from '../src/db/repos/unit-channel-counts.js';
import { assessmentProgress } from '../src/services/fieldwork/progress.js';
import { importConfig, importUnits, fileSource, type ServiceContext } from '../src/services/import/index.js';
import { storeResponses, type NewResponse } from '../src/services/import/responses.js';
import { createTestDb, rerunMigration } from '../test/support/databases.js';
import { benchConfig, ITEMS, storedResponse, unitCode, UNITS, writeUnitsCsv } from './synthetic.js';
import fs from 'node:fs';
import path from 'node:path';

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 50_000);
const PER_BLOCK = Number(process.env.BENCH_PER_BLOCK ?? 10);
const ENGINE = process.env.BENCH_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
const ID = 'bench';
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(n: number, f: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await f();
    times.push(ms(t0));
  }
  return median(times);
}

const t = await createTestDb(ENGINE);
try {
  const ctx: ServiceContext = { handle: t.handle, actor: 'bench', now: () => new Date() };
  const config = benchConfig(ID);
  await importConfig(ctx, config, 'bench');
  const units = path.join(t.env.KAOPING_DATA_DIR!, 'units.csv');
  writeUnitsCsv(units);
  await importUnits(ctx, ID, fileSource(units));
  const response = (r: number): NewResponse =>
    storedResponse(`h${r}`, r, {
      respondentKey: `k${r}`,
      durationS: 90,
      submittedAt: '2024-10-01T10:00:00Z',
      answers: Array.from({ length: ITEMS }, (_, i) => ({
        target: unitCode(r % UNITS),
        item: `Q${i + 1}`,
        value: 1 + ((r + i) % 5),
      })),
    });
  // many small blocks are written in batches of blocks (one transaction per 5,000 responses)
  for (let r0 = 0; r0 < RESPONSES; r0 += 5000) {
    for (let b0 = r0; b0 < Math.min(RESPONSES, r0 + 5000); b0 += PER_BLOCK) {
      const chunk: NewResponse[] = [];
      for (let r = b0; r < Math.min(RESPONSES, b0 + PER_BLOCK, r0 + 5000); r++) chunk.push(response(r));
      await storeResponses(ctx, ID, chunk, { file: 'bench' });
    }
  }
  const blocks = await t.handle.db
    .selectFrom('response_blocks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  console.log(
    `${ENGINE}: stored ${RESPONSES.toLocaleString('en-US')} responses in ${Number(blocks.n)} blocks`,
  );

  const versionMs = await timed(50, () => progressVersions(t.handle.db, [ID]));
  const progressMs = await timed(20, () => assessmentProgress(ctx, ID));
  const p = await assessmentProgress(ctx, ID);
  if (p.responses !== RESPONSES) throw new Error(`progress counts ${p.responses} responses`);

  let t0 = process.hrtime.bigint();
  await t.handle.db.schema.dropTable('unit_channel_counts').execute();
  await rerunMigration(t.handle, '0030_unit_channel_counts');
  const backfillMs = ms(t0);
  const again = await assessmentProgress(ctx, ID);
  if (JSON.stringify(again.units) !== JSON.stringify(p.units)) throw new Error('backfill differs');

  t0 = process.hrtime.bigint();
  await storeResponses(
    ctx,
    ID,
    Array.from({ length: PER_BLOCK }, (_, k) => response(RESPONSES + k)),
    { file: 'bench' },
  );
  const storeMs = ms(t0);

  console.log(
    `BENCH progress engine=${ENGINE} responses=${RESPONSES} blocks=${Number(blocks.n)} version_ms=${versionMs.toFixed(2)} ` +
      `progress_ms=${progressMs.toFixed(2)} backfill_ms=${backfillMs.toFixed(0)} store_block_ms=${storeMs.toFixed(1)}`,
  );
} finally {
  await t.dispose();
  fs.rmSync(t.env.KAOPING_DATA_DIR!, { recursive: true, force: true });
}
