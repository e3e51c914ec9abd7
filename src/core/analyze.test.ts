import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.js';
import { configFrom, inputFrom, service, unitsFrom, type ResponseSpec } from '../../test/support/scoring.js';

const config = configFrom({
  groups: [
    { code: 'service', name: '服务对象', weight: 0.6, channels: ['phone', 'intercept'] },
    { code: 'peer', name: '机关互评', weight: 0.4, channels: ['peer'], excludeSelf: true },
    { code: 'firm', name: '第三方评价', channels: ['online'], rates: 'firm' },
  ],
  items: [
    { code: 'S1', text: 's1', type: 'rating', groups: ['service'] },
    { code: 'S2', text: 's2', type: 'rating', groups: ['service'] },
    { code: 'P1', text: 'p1', type: 'rating', groups: ['peer'] },
    { code: 'F1', text: 'f1', type: 'rating', groups: ['firm'] },
  ],
  validity: { minDurationSeconds: { intercept: 30 } },
  total: {
    weights: { daily: 0.6, satisfaction: 0.4 },
    bonusCap: 5,
    grades: [
      { grade: '优秀', minTotal: 90, maxShare: 0.3 },
      { grade: '良好', minTotal: 80 },
      { grade: '一般', minTotal: 60 },
      { grade: '较差', minTotal: 0 },
    ],
  },
  aapor: { e: null },
});
const units = unitsFrom('ABC', 'xxy');

const specs: ResponseSpec[] = [
  service('s1', 'A', 5, 4), // r 90
  service('s2', 'B', 2, 2), // r 40
  service('s3', 'A', 1, 1, { channel: 'intercept', duration: 5 }), // too fast
  service('s4', 'B', 'DK', 3, { channel: 'intercept', duration: 30 }), // r 60
  {
    id: 'p1',
    group: 'peer',
    from: 'A',
    answers: [
      ['A', 'P1', 5], // self: dropped
      ['B', 'P1', 4], // 80
    ],
  },
  { id: 'p2', group: 'peer', from: 'C', answers: [['A', 'P1', 'DK']] },
  { id: 'f1', group: 'firm', answers: [['', 'F1', 5]] },
  { id: 'f2', group: 'firm', answers: [['', 'F1', 2]] },
  { id: 'f3', group: 'firm', key: 'x', at: 1, answers: [['', 'F1', 4]] },
  { id: 'f4', group: 'firm', key: 'x', at: 2, answers: [['', 'F1', 1]] }, // duplicate
];

const res = analyze(
  inputFrom(config, units, specs, {
    scores: [{ daily: 80, bonus: 10 }, undefined, { daily: 50, bonus: null }],
    cases: [
      { unit: 0, disposition: '1.1' },
      { unit: 1, disposition: '2.112' },
      { unit: 1, disposition: null },
    ],
  }),
);

describe('analyze', () => {
  it('reports validity in table order', () => {
    expect([...res.validity.valid]).toEqual([1, 1, 0, 1, 1, 1, 1, 1, 1, 0]);
  });

  it('leaves the firm group out of agency tables', () => {
    expect(new Set(res.unitGroupScores.map((r) => r.group))).toEqual(new Set(['service', 'peer']));
    expect(res.itemScores.some((r) => r.item === 'F1')).toBe(false);
  });

  it('computes composites, ranks, totals and grades', () => {
    const [a, b, c] = res.unitResults;
    expect(a).toMatchObject({
      unitCode: 'A',
      unitName: '单位A',
      category: 'x',
      rankOverall: 1,
      rankInCategory: 1,
    });
    expect(a?.composite).toBeCloseTo(90, 12); // service only: peer has no rating of A
    expect(b?.composite).toBeCloseTo(0.6 * 50 + 0.4 * 80, 12); // 62
    expect(b).toMatchObject({ rankOverall: 2, rankInCategory: 2, daily: null, bonus: null });
    expect(c).toMatchObject({
      composite: null,
      rankOverall: null,
      rankInCategory: null,
      daily: 50,
      bonus: null,
    });
    // A: 0.6·80 + 0.4·90 + min(10, 5) = 89; B: composite only = 62; C: daily only = 50
    expect(a?.total).toBeCloseTo(89, 12);
    expect(a).toMatchObject({ daily: 80, bonus: 10 });
    expect(b?.total).toBeCloseTo(62, 12);
    expect(c?.total).toBe(50);
    // category x has 2 agencies with a total: 优秀 holds floor(0.6) = 0
    expect(res.unitResults.map((r) => r.grade)).toEqual(['良好', '一般', '较差']);
  });

  it('writes the summary in order', () => {
    expect(res.summary.map(([k]) => k)).toEqual([
      'responses_total',
      'responses_valid',
      'valid_phone',
      'valid_intercept',
      'valid_online',
      'valid_peer',
      'units_surveyed',
      'units_ranked',
      'overall_composite_mean',
      'overall_satisfaction_rate',
      'firm_satisfaction_rate',
    ]);
    const m = new Map(res.summary);
    expect(m.get('responses_total')).toBe(10);
    expect(m.get('responses_valid')).toBe(8);
    expect(m.get('valid_phone')).toBe(2);
    expect(m.get('valid_intercept')).toBe(1);
    expect(m.get('valid_online')).toBe(3);
    expect(m.get('valid_peer')).toBe(2);
    expect(m.get('units_surveyed')).toBe(2);
    expect(m.get('units_ranked')).toBe(2);
    expect(m.get('overall_composite_mean')).toBeCloseTo(76, 12);
    // agency answers 5, 4, 2, 2, 3, 4 (DK, self and invalid dropped): 4 of 6 satisfied
    expect(m.get('overall_satisfaction_rate')).toBeCloseTo(4 / 6, 15);
    // firm answers 5, 2, 4 (the duplicate dropped): 2 of 3
    expect(m.get('firm_satisfaction_rate')).toBeCloseTo(2 / 3, 15);
  });

  it('omits firm_satisfaction_rate without a firm group and nulls empty means', () => {
    const plain = configFrom({
      groups: [{ code: 'service', name: 's', weight: 1, channels: ['phone'] }],
      items: [{ code: 'S1', text: 's', type: 'rating', groups: ['service'] }],
    });
    const empty = analyze(inputFrom(plain, units, []));
    expect(empty.summary).toEqual([
      ['responses_total', 0],
      ['responses_valid', 0],
      ['valid_phone', 0],
      ['valid_intercept', 0],
      ['valid_online', 0],
      ['valid_peer', 0],
      ['units_surveyed', 0],
      ['units_ranked', 0],
      ['overall_composite_mean', null],
      ['overall_satisfaction_rate', null],
    ]);
    expect(empty.unitResults.every((r) => r.total === null && r.grade === null)).toBe(true);
  });

  it('includes the phone rates', () => {
    expect(res.phoneRates.map((r) => r.scope)).toEqual(['ALL', 'A', 'B', 'C']);
    expect(res.phoneRates[0]?.counts).toMatchObject({ I: 1, R: 1 });
    expect(res.phoneRates[0]?.rates.RR1).toBe(0.5);
  });
});
