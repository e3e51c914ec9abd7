import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.js';
import type { UnitResult } from './analysis-types.js';
import { Z_975 } from './composite.js';
import { baseConfig, inputFrom, service, unitsFrom, type ResponseSpec } from '../../test/support/scoring.js';

const units = unitsFrom('ABC', 'xxy');

const groups = (serviceMinN: number, peerMinN: number, peerWeight = 0.4): unknown[] => [
  { code: 'service', name: 's', weight: 0.6, channels: ['phone'], minN: serviceMinN },
  { code: 'peer', name: 'p', weight: peerWeight, channels: ['peer'], minN: peerMinN, excludeSelf: true },
];

const responses: ResponseSpec[] = [
  service('a1', 'A', 5, 5), // 100
  service('a2', 'A', 4, 4), // 80
  service('a3', 'A', 3, 3), // 60
  service('b1', 'B', 4, 4), // 80
  service('b2', 'B', 2, 2), // 40
  {
    id: 'p1',
    group: 'peer',
    from: 'C',
    answers: [
      ['A', 'P1', 4],
      ['B', 'P1', 5],
    ],
  },
  { id: 'p2', group: 'peer', from: 'A', answers: [['B', 'P1', 3]] },
];

const result = (g: unknown[]): UnitResult[] =>
  analyze(inputFrom(baseConfig({ groups: g }), units, responses)).unitResults;

describe('composite (SPEC §5.4)', () => {
  it('drops groups below minN and renormalises the weights', () => {
    const [a, b, c] = result(groups(2, 2));
    // A: service 80 (n 3, sd 20); peer has n_used 1 < 2 → composite = service alone
    expect(a?.composite).toBeCloseTo(80, 12);
    const halfA = Z_975 * Math.sqrt(400 / 3);
    expect(a?.ciLow).toBeCloseTo(80 - halfA, 10);
    expect(a?.ciHigh).toBeCloseTo(80 + halfA, 10);
    expect(a?.compositeRate).toBe(1);
    // B: service 60 (sd √800, n 2), peer 80 (sd √800, n 2): (0.6·60 + 0.4·80)/1 = 68
    expect(b?.composite).toBeCloseTo(68, 12);
    const halfB = Z_975 * Math.sqrt(0.36 * 400 + 0.16 * 400);
    expect(b?.ciLow).toBeCloseTo(68 - halfB, 10);
    // rates: service 2 of 4 answers, peer 2 of 2 → 0.6·0.5 + 0.4·1
    expect(b?.compositeRate).toBeCloseTo(0.7, 15);
    // C: nothing → unranked
    expect(c).toMatchObject({
      composite: null,
      ciLow: null,
      ciHigh: null,
      compositeRate: null,
      rankOverall: null,
    });
  });

  it('ranks overall and within category', () => {
    const [a, b, c] = result(groups(2, 2));
    expect([a?.rankOverall, b?.rankOverall, c?.rankOverall]).toEqual([1, 2, null]);
    expect([a?.rankInCategory, b?.rankInCategory, c?.rankInCategory]).toEqual([1, 2, null]);
  });

  it('counts minN 0 or absent as 1', () => {
    const [a] = result(groups(0, 0));
    // A: service 80 (w 0.6) and peer 80 (n 1, w 0.4) → 80, but the peer sd is missing → no CI
    expect(a?.composite).toBeCloseTo(80, 12);
    expect(a?.ciLow).toBeNull();
    expect(a?.ciHigh).toBeNull();
  });

  it('lets a group of weight 0 qualify without moving the composite or its CI', () => {
    const [a, b] = result(groups(1, 1, 0));
    expect(a?.composite).toBeCloseTo(80, 12); // the peer group's missing sd has weight 0
    expect(a?.ciLow).toBeCloseTo(80 - Z_975 * Math.sqrt(400 / 3), 10);
    expect(b?.composite).toBeCloseTo(60, 12);
    expect(b?.compositeRate).toBeCloseTo(0.5, 15);
  });

  it('is null when every qualifying weight is 0', () => {
    const zero = [
      { code: 'service', name: 's', weight: 0, channels: ['phone'] },
      { code: 'peer', name: 'p', weight: 0, channels: ['peer'], excludeSelf: true },
    ];
    const rs = result(zero);
    expect(rs.map((r) => r.composite)).toEqual([null, null, null]);
    expect(rs.map((r) => r.compositeRate)).toEqual([null, null, null]);
    expect(rs.map((r) => r.rankOverall)).toEqual([null, null, null]);
  });
});
