import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomInput } from '../../test/reference/random-assessment.js';
import { REASON_DUPLICATE } from './analysis-types.js';
import { markDuplicates } from './response-reasons.js';
import { finishScan, scanRange, scanResponses } from './scan.js';
import { makeScoringPlan } from './scoring-plan.js';
import { baseConfig, inputFrom, service, unitsFrom } from '../../test/support/scoring.js';

describe('a pass split into ranges', () => {
  it('gives the one-thread result bit for bit, wherever the responses are cut', () => {
    fc.assert(
      fc.property(
        fc.gen(),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
        fc.boolean(),
        (g, cuts, accumulate) => {
          const input = randomInput(g, { large: true });
          const t = input.responses;
          const plan = makeScoringPlan(input.config, input.units.length);
          const bounds = [0, ...cuts.map((c) => Math.floor(c * t.n)).sort((a, b) => a - b), t.n];
          const parts = bounds.slice(1).map((to, k) => scanRange(t, plan, bounds[k]!, to, accumulate));
          const reasons = new Uint8Array(t.n);
          markDuplicates(t, reasons);
          const split = finishScan(t, plan, parts, reasons, accumulate);
          expect(split).toEqual(scanResponses(t, plan, accumulate));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('takes a duplicate counted by its range back out of the scores and counts', () => {
    const config = baseConfig();
    const units = unitsFrom('AB');
    // r2 repeats r1's key later: r2 is the duplicate, alone in the second range
    const input = inputFrom(config, units, [
      service('r1', 'A', 5, 5, { key: 'k', at: 1 }),
      service('r3', 'B', 2, 4, {}),
      service('r2', 'A', 1, 1, { key: 'k', at: 2 }),
    ]);
    const t = input.responses;
    const plan = makeScoringPlan(config, units.length);
    const parts = [scanRange(t, plan, 0, 2, true), scanRange(t, plan, 2, 3, true)];
    expect(parts[1]!.nPending).toBe(1); // counted before duplicates are known
    const reasons = new Uint8Array(t.n);
    markDuplicates(t, reasons);
    const res = finishScan(t, plan, parts, reasons, true);
    expect(Array.from(res.validity.valid)).toEqual([1, 1, 0]);
    expect(res.validity.reasons[2]).toBe(REASON_DUPLICATE);
    expect(Array.from(res.scores)).toEqual([100, 60]); // A: r1 only; B: r3
    expect(res.ratingCounts.reduce((s, c) => s + c, 0)).toBe(4);
  });

  it('refuses parts that do not cover the responses in order', () => {
    const config = baseConfig();
    const units = unitsFrom('A');
    const input = inputFrom(config, units, [service('r1', 'A', 5, 5), service('r2', 'A', 4, 4)]);
    const t = input.responses;
    const plan = makeScoringPlan(config, 1);
    const reasons = new Uint8Array(2);
    expect(() => finishScan(t, plan, [scanRange(t, plan, 1, 2, true)], reasons, true)).toThrow(/in order/);
    expect(() => finishScan(t, plan, [scanRange(t, plan, 0, 1, true)], reasons, true)).toThrow(/in order/);
  });
});
