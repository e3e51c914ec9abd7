/**
 * npm run bench:config-check — the cost of checking a configuration replacement against stored
 * answers, at BENCH_ANSWERS (default 1,000,000) answers on SQLite: reading every stored block's
 * dictionaries (the check before answer_usage) against the answer_usage queries of importConfig
 * (with a real, allowed replacement, end to end), and the backfill of migration 0003.
 * BENCH_PER_BLOCK (default 50,000) sets the responses per stored block.
 * Last line: BENCH config-check answers=<n> blocks_ms=<t> usage_ms=<t> import_config_ms=<t>
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configChangeProblems } from '../src/core/config-change.js';
import { createDb, migrate } from '../src/db/create-db.js';
import { rerunMigration } from '../test/support/databases.js';
import { decodeBlockHeader } from '../src/db/codec/block-codec.js';
import { answerUsage } from '../src/db/repos/answer-usage.js';
import { importConfig, importUnits, fileSource, type ServiceContext } from '../src/services/import/index.js';
import { storeResponses, type NewResponse } from '../src/services/import/responses.js';
import { benchConfig, ITEMS, storedResponse, unitCode, UNITS, writeUnitsCsv } from './synthetic.js';

const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 1_000_000);
/** responses per stored block: 50,000 as a file import makes them; a few as survey submissions do */
const PER_BLOCK = Number(process.env.BENCH_PER_BLOCK ?? 50_000);
const ID = 'bench';
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-bench-config-'));
const handle = createDb({ sqliteFile: path.join(dir, 'kaoping.db') });
try {
  await migrate(handle);
  const ctx: ServiceContext = { handle, actor: 'bench', now: () => new Date() };
  const config = benchConfig(ID);
  await importConfig(ctx, config, 'bench');
  writeUnitsCsv(path.join(dir, 'units.csv'));
  await importUnits(ctx, ID, fileSource(path.join(dir, 'units.csv')));
  const responses = Math.ceil(ANSWERS / ITEMS);
  for (let r0 = 0; r0 < responses; r0 += PER_BLOCK) {
    const chunk: NewResponse[] = [];
    for (let r = r0; r < Math.min(responses, r0 + PER_BLOCK); r++) {
      const answers = Array.from({ length: ITEMS }, (_, i) => ({
        target: unitCode(r % UNITS),
        item: `Q${i + 1}`,
        value: 1 + ((r + i) % 5),
      }));
      chunk.push(
        storedResponse(`h${r}`, r, {
          respondentKey: `k${r}`,
          durationS: 90,
          submittedAt: '2024-10-01T10:00:00Z',
          answers,
        }),
      );
    }
    await storeResponses(ctx, ID, chunk, { file: 'bench' });
  }
  console.log(`stored ${(responses * ITEMS).toLocaleString('en-US')} answers`);

  // before: every block read in full, its header decoded
  let t0 = process.hrtime.bigint();
  const rows = await handle.db
    .selectFrom('response_blocks')
    .select('data')
    .where('assessment_id', '=', ID)
    .execute();
  const items = new Set<string>();
  for (const r of rows) decodeBlockHeader(r.data).items.forEach((i) => items.add(i));
  const blocksMs = ms(t0);

  // after: the usage statistics and the pure check
  t0 = process.hrtime.bigint();
  const usage = await answerUsage(handle.db, ID);
  const problems = configChangeProblems(config, { ...config, name: 'renamed' }, usage);
  const usageMs = ms(t0);
  if (problems.length > 0) throw new Error('unexpected problems');

  t0 = process.hrtime.bigint();
  await importConfig(
    ctx,
    { ...config, name: 'renamed', groups: config.groups.map((g) => ({ ...g, minN: 6 })) },
    'bench',
  );
  const importMs = ms(t0);

  // the backfill of migration 0003 over the same blocks
  await handle.db.schema.dropTable('answer_usage').execute();
  t0 = process.hrtime.bigint();
  await rerunMigration(handle, '0003_answer_usage');
  const backfillMs = ms(t0);

  console.log(
    `blocks: ${rows.length}, usage rows: ${usage.length}; read all blocks ${blocksMs.toFixed(1)} ms, usage check ${usageMs.toFixed(2)} ms, importConfig ${importMs.toFixed(1)} ms, backfill ${backfillMs.toFixed(0)} ms`,
  );
  console.log(
    `BENCH config-check answers=${responses * ITEMS} blocks_ms=${blocksMs.toFixed(1)} usage_ms=${usageMs.toFixed(2)} import_config_ms=${importMs.toFixed(1)} backfill_ms=${backfillMs.toFixed(0)}`,
  );
} finally {
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
