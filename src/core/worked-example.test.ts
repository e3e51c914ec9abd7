/**
 * The worked example of docs/methods.md, number for number. If this test changes, change the
 * document with it.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.js';
import type { UnitGroupScore } from './analysis-types.js';
import { configFrom, inputFrom, service, unitsFrom, type ResponseSpec } from '../../test/support/scoring.js';
import { reasonCodes } from './validity.js';

const config = configFrom({
  scale: {
    points: 5,
    labels: { '5': '非常满意', '4': '满意', '3': '基本满意', '2': '不满意', '1': '非常不满意' },
    scores: { '5': 100, '4': 80, '3': 60, '2': 40, '1': 20 },
    satisfiedAtLeast: 3,
  },
  groups: [
    { code: 'service', name: '服务对象', weight: 0.6, channels: ['phone'], minN: 2 },
    {
      code: 'peer',
      name: '机关互评',
      weight: 0.4,
      channels: ['peer'],
      minN: 2,
      trim: { count: 1 },
      excludeSelf: true,
    },
  ],
  items: [
    { code: 'S1', text: '办事效率', type: 'rating', groups: ['service'], required: true },
    { code: 'S2', text: '服务态度', type: 'rating', groups: ['service'] },
    { code: 'P1', text: '总体评价', type: 'rating', groups: ['peer'], required: true },
  ],
  validity: { minDurationSeconds: { phone: 60 } },
  total: {
    weights: { daily: 0.6, satisfaction: 0.4 },
    bonusCap: 5,
    grades: [
      { grade: '优秀', minTotal: 90, maxShare: 0.34 },
      { grade: '良好', minTotal: 80 },
      { grade: '一般', minTotal: 60 },
      { grade: '较差', minTotal: 0 },
    ],
  },
});
const units = unitsFrom('ABC', '111');

const ballot = (id: string, from: string, ratings: [string, number][]): ResponseSpec => ({
  id,
  group: 'peer',
  from,
  answers: ratings.map(([t, v]): [string, string, number] => [t, 'P1', v]),
});

const specs: ResponseSpec[] = [
  service('s1', 'A', 5, 4, { duration: 180 }),
  service('s2', 'A', 4, 'DK', { duration: 150 }),
  service('s3', 'A', 3, 3, { duration: 200 }),
  service('s4', 'B', 4, 4, { duration: 120 }),
  service('s5', 'B', 5, 5, { duration: 45 }),
  service('s6', 'B', 2, 3, { duration: 90 }),
  service('s7', 'C', 5, 5, { duration: 100 }),
  ballot('p1', 'A', [
    ['A', 5],
    ['B', 4],
    ['C', 3],
  ]),
  ballot('p2', 'A', [
    ['B', 5],
    ['C', 5],
  ]),
  ballot('p3', 'B', [
    ['A', 5],
    ['C', 5],
  ]),
  ballot('p4', 'B', [
    ['A', 5],
    ['C', 2],
  ]),
  ballot('p5', 'C', [
    ['A', 3],
    ['B', 2],
  ]),
  ballot('p6', 'C', [
    ['A', 4],
    ['B', 3],
  ]),
];

const res = analyze(
  inputFrom(config, units, specs, {
    scores: [
      { daily: 92, bonus: 3 },
      { daily: 85, bonus: null },
      { daily: 89, bonus: 8 },
    ],
  }),
);

const T1 = 12.7062047361747; // t(0.975, 1)
const T2 = 4.30265272974946; // t(0.975, 2)
const Z = 1.959963985;

const group = (unit: string, g: string): UnitGroupScore => {
  const r = res.unitGroupScores.find((x) => x.unitCode === unit && x.group === g);
  if (!r) throw new Error('missing row');
  return r;
};

/** Checks a row against [n_valid, n_used, score, sd, CI half-width, satisfaction rate]. */
type Expected = [
  nValid: number,
  nUsed: number,
  score: number,
  sd: number | null,
  half: number | null,
  rate: number,
];

function expectRow(r: UnitGroupScore, [nValid, nUsed, score, sd, half, rate]: Expected): void {
  expect(r.nValid).toBe(nValid);
  expect(r.nUsed).toBe(nUsed);
  expect(r.score).toBeCloseTo(score, 10);
  if (sd === null) expect(r.sd).toBeNull();
  else expect(r.sd).toBeCloseTo(sd, 10);
  if (half === null) {
    expect(r.ciLow).toBeNull();
  } else {
    expect(r.ciLow).toBeCloseTo(score - half, 9);
    expect(r.ciHigh).toBeCloseTo(score + half, 9);
  }
  expect(r.satisfactionRate).toBeCloseTo(rate, 15);
}

describe('worked example of docs/methods.md', () => {
  it('step 1: validity', () => {
    expect([...res.validity.reasons].map(reasonCodes)).toEqual([
      [],
      [],
      [],
      [],
      ['too_fast'],
      [],
      [],
      [],
      [],
      [],
      [],
      [],
      [],
    ]);
  });

  it('step 2–3: scores per group', () => {
    // service A: r = 90, 80, 60
    expectRow(group('A', 'service'), [
      3,
      3,
      230 / 3,
      Math.sqrt(700 / 3),
      (T2 * Math.sqrt(700 / 3)) / Math.sqrt(3),
      1,
    ]);
    // service B: r = 80, 50 (s5 too fast)
    expectRow(group('B', 'service'), [2, 2, 65, Math.sqrt(450), (T1 * Math.sqrt(450)) / Math.sqrt(2), 0.75]);
    // service C: one respondent
    expectRow(group('C', 'service'), [1, 1, 100, null, null, 1]);
    // peer A: 60, 80, 100, 100 → keep 80, 100
    expectRow(group('A', 'peer'), [4, 2, 90, Math.sqrt(200), T1 * 10, 1]);
    // peer B: 40, 60, 80, 100 → keep 60, 80
    expectRow(group('B', 'peer'), [4, 2, 70, Math.sqrt(200), T1 * 10, 0.75]);
    // peer C: 40, 60, 100, 100 → keep 60, 100
    expectRow(group('C', 'peer'), [4, 2, 80, Math.sqrt(800), T1 * 20, 0.75]);
  });

  it('item scores', () => {
    const items = Object.fromEntries(res.itemScores.map((r) => [`${r.unitCode}.${r.item}`, [r.n, r.score]]));
    expect(items).toEqual({
      'A.S1': [3, 80],
      'A.S2': [2, 70],
      'A.P1': [4, 85],
      'B.S1': [2, 60],
      'B.S2': [2, 70],
      'B.P1': [4, 70],
      'C.S1': [1, 100],
      'C.S2': [1, 100],
      'C.P1': [4, 75],
    });
  });

  it('step 4–6: composite, ranks, totals, grades', () => {
    const [a, b, c] = res.unitResults;
    expect(a?.composite).toBeCloseTo(82, 10);
    expect(a?.ciLow).toBeCloseTo(82 - Z * Math.sqrt(44), 10);
    expect(a?.ciHigh).toBeCloseTo(82 + Z * Math.sqrt(44), 10);
    expect(a?.compositeRate).toBeCloseTo(1, 15);
    expect(b?.composite).toBeCloseTo(67, 10);
    expect(b?.ciLow).toBeCloseTo(67 - Z * Math.sqrt(97), 10);
    expect(b?.compositeRate).toBeCloseTo(0.75, 15);
    expect(c?.composite).toBeCloseTo(80, 10);
    expect(c?.ciLow).toBeCloseTo(80 - Z * 20, 10);
    expect(c?.compositeRate).toBeCloseTo(0.75, 15);
    expect(res.unitResults.map((r) => [r.rankOverall, r.rankInCategory])).toEqual([
      [1, 1],
      [3, 3],
      [2, 2],
    ]);
    expect(a?.total).toBeCloseTo(91, 10);
    expect(b?.total).toBeCloseTo(77.8, 10);
    expect(c?.total).toBeCloseTo(90.4, 10);
    expect(res.unitResults.map((r) => r.grade)).toEqual(['优秀', '一般', '良好']);
  });

  it('step 8: summary', () => {
    const m = new Map(res.summary);
    expect(m.get('responses_total')).toBe(13);
    expect(m.get('responses_valid')).toBe(12);
    expect(m.get('valid_phone')).toBe(6);
    expect(m.get('valid_peer')).toBe(6);
    expect(m.get('units_surveyed')).toBe(3);
    expect(m.get('units_ranked')).toBe(3);
    expect(m.get('overall_composite_mean')).toBeCloseTo(229 / 3, 10);
    expect(m.get('overall_satisfaction_rate')).toBeCloseTo(20 / 23, 15);
  });
});
