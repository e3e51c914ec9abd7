import { describe, expect, it } from 'vitest';
import type { UnitInfo } from './analysis-types.js';
import { assignGrades, totalOf, type TotalConfig } from './totals.js';

const grades: TotalConfig['grades'] = [
  { grade: '优秀', minTotal: 90, maxShare: 0.3 },
  { grade: '良好', minTotal: 80 },
  { grade: '一般', minTotal: 60 },
  { grade: '较差', minTotal: 0 },
];
const cfg: TotalConfig = { weights: { daily: 0.6, satisfaction: 0.4 }, bonusCap: 5, grades };

describe('totalOf (SPEC §5.6)', () => {
  it.each([
    ['both parts', 80, { daily: 90, bonus: 3 }, cfg, 0.6 * 90 + 0.4 * 80 + 3],
    ['bonus capped', 80, { daily: 90, bonus: 8 }, cfg, 0.6 * 90 + 0.4 * 80 + 5],
    ['missing bonus is 0', 80, { daily: 90, bonus: null }, cfg, 86],
    ['only the composite', 80, undefined, cfg, 80],
    ['only the composite, with a bonus', 80, { daily: null, bonus: 2 }, cfg, 82],
    ['unranked agency: daily + bonus', null, { daily: 70, bonus: 2 }, cfg, 72],
    ['neither part', null, { daily: null, bonus: 4 }, cfg, null],
    ['no scores at all', null, undefined, cfg, null],
    ['no cap', 80, { daily: 90, bonus: 8 }, { ...cfg, bonusCap: undefined }, 0.6 * 90 + 0.4 * 80 + 8],
    [
      'satisfaction weight 0, composite only',
      80,
      undefined,
      { ...cfg, weights: { daily: 0.6, satisfaction: 0 } },
      null,
    ],
    [
      'satisfaction weight 0, both parts',
      80,
      { daily: 70, bonus: 0 },
      { ...cfg, weights: { daily: 1, satisfaction: 0 } },
      70,
    ],
    [
      'both weights 0, both parts',
      80,
      { daily: 70, bonus: 1 },
      { ...cfg, weights: { daily: 0, satisfaction: 0 } },
      null,
    ],
    [
      'daily weight 0, daily only',
      null,
      { daily: 70, bonus: 1 },
      { ...cfg, weights: { daily: 0, satisfaction: 1 } },
      71,
    ],
  ] as const)('%s', (_name, composite, perf, c, expected) => {
    const t = totalOf(composite, perf, c);
    if (expected === null) expect(t).toBeNull();
    else expect(t).toBeCloseTo(expected, 12);
  });

  it('is null without a total configuration', () => {
    expect(totalOf(80, { daily: 90, bonus: 1 }, undefined)).toBeNull();
  });
});

const units = (codes: string[], category = 'x'): UnitInfo[] =>
  codes.map((code) => ({ code, name: code, category, hasWindow: true }));

describe('assignGrades', () => {
  it('gives the first grade reached whose capacity is left', () => {
    const u = units(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    // 6 agencies with a total: 优秀 holds floor(0.3·6) = 1
    expect(assignGrades(u, [93, 95, 91, 85, 79, 59.9, null], grades)).toEqual([
      '良好',
      '优秀',
      '良好',
      '良好',
      '一般',
      '较差',
      null,
    ]);
  });

  it('works within each category', () => {
    const u = [...units(['A', 'B', 'C', 'D'], 'x'), ...units(['E', 'F', 'G', 'H'], 'y')];
    // four agencies per category: floor(1.2) = 1 优秀 each
    expect(assignGrades(u, [95, 96, 97, 98, 91, 92, 50, 40], grades)).toEqual([
      '良好',
      '良好',
      '良好',
      '优秀',
      '良好',
      '优秀',
      '较差',
      '较差',
    ]);
  });

  it('breaks ties by the smaller unit code, floating noise included', () => {
    const g: TotalConfig['grades'] = [
      { grade: 'A', minTotal: 90, maxShare: 0.5 },
      { grade: 'B', minTotal: 0 },
    ];
    expect(assignGrades(units(['Q', 'P']), [90, 90], g)).toEqual(['B', 'A']);
    // (0.1 + 0.2)·300 is 90.00000000000001: still a tie with 90
    expect(assignGrades(units(['Q', 'P']), [(0.1 + 0.2) * 300, 90], g)).toEqual(['B', 'A']);
  });

  it('lets a total reach minTotal up to rounding noise', () => {
    const t = (0.1 + 0.2) * 300; // 90.00000000000001
    const u = (0.7 + 0.1) * 112.5; // 89.99999999999999
    expect(u).toBeLessThan(90);
    expect(assignGrades(units(['A', 'B']), [t, u], [{ grade: 'A', minTotal: 90 }])).toEqual(['A', 'A']);
  });

  it('leaves agencies below every minTotal without a grade', () => {
    expect(assignGrades(units(['A']), [50], [{ grade: '合格', minTotal: 60 }])).toEqual([null]);
  });

  it('computes capacities free of floating error', () => {
    const codes = Array.from({ length: 100 }, (_, i) => `U${String(i).padStart(3, '0')}`);
    const g: TotalConfig['grades'] = [
      { grade: 'A', minTotal: 0, maxShare: 0.29 }, // 0.29·100 = 28.999999999999996
      { grade: 'B', minTotal: 0 },
    ];
    const out = assignGrades(
      units(codes),
      codes.map(() => 95),
      g,
    );
    expect(out.filter((x) => x === 'A')).toHaveLength(29);
    expect(out.slice(0, 29).every((x) => x === 'A')).toBe(true);
    // a grade with maxShare 0 holds nobody
    expect(assignGrades(units(['A']), [99], [{ grade: 'A', minTotal: 0, maxShare: 0 }])).toEqual([null]);
  });
});
