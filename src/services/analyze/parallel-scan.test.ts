/**
 * The pass over the answers on a real worker thread (bundled by esbuild, as in production):
 * its result must be that of the one-thread pass, bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { benchConfig } from '../../../bench/synthetic.js';
import { createRng } from '../../core/random.js';
import {
  allocResponseTable,
  responseTableFrom,
  type PlainResponse,
  type ResponseTable,
} from '../../core/response-table.js';
import { scanResponses } from '../../core/scan.js';
import { makeScoringPlan } from '../../core/scoring-plan.js';
import { ScanPipeline, threadsFor } from './parallel-scan.js';

const UNITS = 7;
const config = benchConfig('pipeline');

/**
 * n responses of the benchmark configuration with every kind of trouble: repeated respondent
 * keys (duplicates, some counted by a range before the duplicate rule runs), too-fast
 * durations, straight-lining, skipped required items, DK answers.
 */
function responses(n: number): PlainResponse[] {
  const rng = createRng(11);
  return Array.from({ length: n }, (_, i) => {
    const online = i % 4 === 0;
    const base = rng.int(1, 5);
    const answers = [];
    for (let it = 0; it < config.items.length; it++) {
      if (rng.next() < 0.01) continue; // a required item left out
      const v = rng.next() < 0.05 ? 0 : rng.next() < 0.9 ? base : rng.int(1, 5);
      answers.push({ target: i % UNITS, item: it, value: v });
    }
    return {
      responseId: `r${i}`,
      channel: online ? 2 : 0,
      group: online ? 1 : 0,
      respondentKey: rng.next() < 0.1 ? `k${rng.int(0, 50)}` : `u${i}`,
      durationS: rng.next() < 0.03 ? 5 : 100,
      submittedMs: rng.int(0, 1000),
      answers,
    };
  });
}

/** The same table with its scan columns in SharedArrayBuffers, as the loader allocates it. */
function shared(t: ResponseTable): ResponseTable {
  const s = allocResponseTable(t.n, t.target.length, true);
  for (const k of [
    'channel',
    'group',
    'respondentUnit',
    'durationS',
    'submittedMs',
    'answerStart',
    'target',
    'item',
    'value',
  ] as const)
    (s[k] as { set(a: ArrayLike<number>): void }).set(t[k]);
  return { ...s, responseId: t.responseId, respondentKey: t.respondentKey };
}

describe('the pass over the answers on worker threads', () => {
  it('gives the one-thread result bit for bit, the worker scanning some ranges', async () => {
    const t = shared(responseTableFrom(responses(6000)));
    const pipeline = new ScanPipeline(2);
    expect(pipeline.start({ config, nUnits: UNITS, answers: t.target.length })).toBe(true);
    await pipeline.ready();
    for (let from = 0; from < t.n; from += 1000) pipeline.rows(t, from, Math.min(t.n, from + 1000), null);
    const { scan, threads } = await pipeline.finish(t);
    expect(threads).toBe(2); // the worker took the first ranges, the main thread the rest
    const one = scanResponses(t, makeScoringPlan(config, UNITS), true);
    expect(one.validity.valid.includes(0)).toBe(true);
    expect(scan).toEqual(one);
  });

  it('stays on one thread when one is asked for, and the result is the same', async () => {
    const t = responseTableFrom(responses(500));
    const pipeline = new ScanPipeline(1);
    expect(pipeline.start({ config, nUnits: UNITS, answers: t.target.length })).toBe(false);
    pipeline.rows(t, 0, t.n, null);
    const { scan, threads } = await pipeline.finish(t);
    expect(threads).toBe(1);
    expect(scan).toEqual(scanResponses(t, makeScoringPlan(config, UNITS), true));
  });

  it('uses threads only for large assessments unless told', () => {
    expect(threadsFor(999_999)).toBe(1);
    expect(threadsFor(5_000_000)).toBeGreaterThanOrEqual(1);
    expect(threadsFor(10, 3)).toBe(3);
    expect(threadsFor(10, 64)).toBe(4);
    expect(threadsFor(10, 0)).toBe(1);
  });
});
