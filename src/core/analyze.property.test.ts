import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.js';
import type { AnalysisResult } from './analysis-types.js';
import {
  configFrom,
  inputFrom,
  unitsFrom,
  type AnswerValue,
  type ResponseSpec,
} from '../../test/support/scoring.js';

const config = configFrom({
  groups: [
    { code: 'service', name: 's', weight: 0.6, channels: ['phone', 'intercept'], minN: 2 },
    {
      code: 'peer',
      name: 'p',
      weight: 0.3,
      channels: ['peer'],
      minN: 2,
      trim: { count: 1 },
      excludeSelf: true,
    },
    { code: 'public', name: 'u', weight: 0.1, channels: ['online'], trim: { fraction: 0.2 } },
  ],
  items: [
    { code: 'S1', text: 's', type: 'rating', groups: ['service'], required: true },
    { code: 'S2', text: 's', type: 'rating', groups: ['service'] },
    { code: 'P1', text: 'p', type: 'rating', groups: ['peer'], required: true },
    { code: 'P2', text: 'p', type: 'rating', groups: ['peer'] },
    { code: 'U1', text: 'u', type: 'rating', groups: ['public'] },
    { code: 'U2', text: 'u', type: 'text', groups: ['public'] },
  ],
  validity: { minDurationSeconds: { phone: 60 }, straightlineMinItems: 3, straightlineInvalid: true },
  total: {
    weights: { daily: 0.5, satisfaction: 0.5 },
    grades: [
      { grade: 'A', minTotal: 80, maxShare: 0.5 },
      { grade: 'B', minTotal: 0 },
    ],
  },
});
const units = unitsFrom('ABCD', 'xxyy');
const codes = ['A', 'B', 'C', 'D'];
const GROUP_ITEMS: [string, string][] = [
  ['S1', 'S2'],
  ['P1', 'P2'],
  ['U1', 'U2'],
];

const value = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 5 }) },
  { weight: 1, arbitrary: fc.constant<AnswerValue>('DK') },
  { weight: 1, arbitrary: fc.constant<AnswerValue>('BLANK') },
);
const response = fc.record({
  group: fc.integer({ min: 0, max: 2 }),
  from: fc.integer({ min: 0, max: 3 }),
  key: fc.constantFrom('', '', '', 'k1', 'k2'),
  duration: fc.option(fc.integer({ min: 40, max: 90 }), { nil: null }),
  at: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
  targets: fc.array(fc.record({ t: fc.integer({ min: 0, max: 3 }), v1: value, v2: value }), {
    minLength: 1,
    maxLength: 3,
  }),
});
type Gen = typeof response extends fc.Arbitrary<infer T> ? T : never;

function toSpec(r: Gen, id: string): ResponseSpec {
  const group = config.groups[r.group]?.code ?? 'service';
  const [i1, i2] = GROUP_ITEMS[r.group] ?? ['S1', 'S2'];
  const targets = r.group === 1 ? r.targets : r.targets.slice(0, 1);
  return {
    id,
    group,
    from: r.group === 1 ? codes[r.from] : undefined,
    key: r.key,
    duration: r.duration,
    at: r.at,
    answers: targets.flatMap(({ t, v1, v2 }): [string, string, AnswerValue][] => [
      [codes[t] ?? 'A', i1, v1],
      [codes[t] ?? 'A', i2, r.group === 2 ? 'TEXT' : v2],
    ]),
  };
}

/** Deterministic shuffle (LCG) so fast-check can shrink the seed. */
function shuffled<T>(xs: readonly T[], seed: number): { out: T[]; order: number[] } {
  const order = xs.map((_, i) => i);
  let s = seed >>> 0 || 1;
  for (let i = order.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return { out: order.map((i) => xs[i] as T), order };
}

/** Deep equality with numbers compared to a relative 1e-9. */
function expectClose(a: unknown, b: unknown, path = '$'): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)))
      throw new Error(`${path}: ${a} ≠ ${b}`);
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    expect(Object.keys(b), path).toEqual(ka);
    for (const k of ka)
      expectClose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  expect(b, path).toEqual(a);
}

const tables = (r: AnalysisResult): unknown => ({
  unitGroupScores: r.unitGroupScores,
  itemScores: r.itemScores,
  unitResults: r.unitResults,
  summary: r.summary,
});

const scores = units.map((_, u) => ({ daily: 60 + 10 * u, bonus: u }));

describe('properties of analyze', () => {
  it('does not depend on the order of responses or of answers within them', () => {
    fc.assert(
      fc.property(fc.array(response, { maxLength: 40 }), fc.integer(), (gens, seed) => {
        const specs = gens.map((g, i) => toSpec(g, `r${String(i).padStart(3, '0')}`));
        const base = analyze(inputFrom(config, units, specs, { scores }));
        const { out, order } = shuffled(specs, seed);
        const permuted = out.map((s, k) => ({ ...s, answers: shuffled(s.answers, seed + k).out }));
        const res = analyze(inputFrom(config, units, permuted, { scores }));
        expectClose(tables(base), tables(res));
        order.forEach((orig, k) => {
          expect(res.validity.valid[k]).toBe(base.validity.valid[orig]);
          expect(res.validity.reasons[k]).toBe(base.validity.reasons[orig]);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('keeps a group score when a response equal to it is added (untrimmed and count-trimmed)', () => {
    const plain = configFrom({ groups: config.groups, items: config.items });
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 15 }),
        fc.boolean(),
        (values, usePeer) => {
          const [group, item] = usePeer ? ['peer', 'P1'] : ['service', 'S1'];
          const one = (id: string, vs: number[]): ResponseSpec => ({
            id,
            group,
            from: usePeer ? 'B' : undefined,
            answers: vs.map((v): [string, string, number] => ['A', item, v]),
          });
          const specs = values.map((v, i) => one(`r${i}`, [v]));
          const before = analyze(inputFrom(plain, units, specs)).unitGroupScores.find(
            (r) => r.unitCode === 'A' && r.group === group,
          );
          // a response whose respondent score is the mean of the kept scores: one answer per kept value
          const sorted = [...values].sort((x, y) => x - y);
          const k = usePeer && values.length >= 3 ? 1 : 0;
          const kept = sorted.slice(k, sorted.length - k);
          const after = analyze(inputFrom(plain, units, [...specs, one('mean', kept)])).unitGroupScores.find(
            (r) => r.unitCode === 'A' && r.group === group,
          );
          expect(after?.nValid).toBe(values.length + 1);
          expectClose(before?.score, after?.score);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps every figure in range', () => {
    fc.assert(
      fc.property(fc.array(response, { maxLength: 40 }), (gens) => {
        const res = analyze(
          inputFrom(
            config,
            units,
            gens.map((g, i) => toSpec(g, `r${i}`)),
            { scores },
          ),
        );
        for (const r of res.unitGroupScores) {
          expect(r.nUsed).toBeLessThanOrEqual(r.nValid);
          if (r.score !== null) {
            expect(r.score).toBeGreaterThanOrEqual(20 - 1e-9);
            expect(r.score).toBeLessThanOrEqual(100 + 1e-9);
          }
          if (r.satisfactionRate !== null) {
            expect(r.satisfactionRate).toBeGreaterThanOrEqual(0);
            expect(r.satisfactionRate).toBeLessThanOrEqual(1);
          }
          expect(r.sd === null).toBe(r.nUsed < 2);
          if (r.ciLow !== null && r.score !== null) expect(r.ciLow).toBeLessThanOrEqual(r.score + 1e-9);
        }
        const ranked = res.unitResults.filter((u) => u.composite !== null);
        for (const u of ranked) expect(u.rankOverall).toBeGreaterThanOrEqual(1);
        expect(new Map(res.summary).get('units_ranked')).toBe(ranked.length);
      }),
      { numRuns: 100 },
    );
  });
});
