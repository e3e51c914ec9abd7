/**
 * The analysis of an assessment stored in several blocks, with the answer pass on a worker
 * thread while the blocks load (services/parallel-scan.ts), on both engines: the result must be
 * the one-thread result exactly, and the worker must really have taken part.
 */
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchConfig, storedResponse, unitCode, writeUnitsCsv, UNITS, ITEMS } from '../bench/synthetic.js';
import { createRng } from '../src/core/random.js';
import { VALUE_DK } from '../src/core/response-table.js';
import { computeAnalysis } from '../src/services/analyze/analyze.js';
import { importConfig, importUnits } from '../src/services/import/index.js';
import { storeResponses, type NewResponse } from '../src/services/import/responses.js';
import type { ServiceContext } from '../src/services/context.js';
import { ScanPipeline } from '../src/services/analyze/parallel-scan.js';
import { fileSource } from '../src/services/import/table-reader.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';

const ID = 'parallel';
const BLOCKS = 4;
const PER_BLOCK = 1500;

/** One block's responses: repeated respondent keys across blocks, too-fast ones, DK answers. */
function block(b: number, rng: ReturnType<typeof createRng>): NewResponse[] {
  return Array.from({ length: PER_BLOCK }, (_, k) => {
    const r = b * PER_BLOCK + k;
    const base = rng.int(1, 5);
    const answers = Array.from({ length: ITEMS }, (_, i) => ({
      target: unitCode(r % UNITS),
      item: `Q${i + 1}`,
      value: rng.next() < 0.05 ? VALUE_DK : rng.next() < 0.8 ? base : rng.int(1, 5),
    }));
    const submittedAt = `2024-10-0${1 + (r % 9)}T10:00:00+08:00`;
    return storedResponse(`${ID}-${r}`, r, {
      respondentKey: rng.next() < 0.05 ? `dup${rng.int(0, 40)}` : `k${r}`,
      durationS: rng.next() < 0.02 ? 10 : 100,
      submittedAt,
      answers,
    });
  });
}

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`analysis on two threads on ${engine}`, () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb(engine);
      const ctx: ServiceContext = { handle: t.handle, actor: 'test', now: () => new Date() };
      await importConfig(ctx, benchConfig(ID), 'test');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-units-'));
      writeUnitsCsv(path.join(dir, 'units.csv'));
      await importUnits(ctx, ID, fileSource(path.join(dir, 'units.csv')));
      fs.rmSync(dir, { recursive: true, force: true });
      const rng = createRng(5);
      for (let b = 0; b < BLOCKS; b++) await storeResponses(ctx, ID, block(b, rng), { file: `b${b}` });
      // a worker already running, as in a server after its first analysis
      const warm = new ScanPipeline(2);
      warm.start({ config: benchConfig(ID), nUnits: UNITS, answers: 0 });
      await warm.ready();
    });
    afterAll(async () => {
      await t?.dispose();
    });

    it('gives exactly the one-thread result, the worker copying and scanning blocks', async () => {
      const one = await computeAnalysis(t.handle.db, ID, 1);
      const two = await computeAnalysis(t.handle.db, ID, 2);
      expect(one.threads).toBe(1);
      expect(two.threads).toBe(2);
      expect(two.input.responses.n).toBe(BLOCKS * PER_BLOCK);
      expect(two.input.responses.target).toEqual(one.input.responses.target);
      expect(two.input.responses.value).toEqual(one.input.responses.value);
      const reasons = Array.from(one.result.validity.reasons);
      expect(reasons.some((r) => r !== 0)).toBe(true); // duplicates and too-fast responses present
      expect(two.result).toEqual(one.result);
    });
  });
}
