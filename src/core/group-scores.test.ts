import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.js';
import type { AnalysisResult, UnitGroupScore } from './analysis-types.js';
import { trimPerEnd } from './group-scores.js';
import { baseConfig, inputFrom, service, unitsFrom, type ResponseSpec } from '../../test/support/scoring.js';

const units = unitsFrom('ABC');
const T2 = 4.30265272974946; // t(0.975, 2)
const T1 = 12.7062047361747; // t(0.975, 1)

const row = (res: AnalysisResult, unit: string, group: string): UnitGroupScore => {
  const r = res.unitGroupScores.find((x) => x.unitCode === unit && x.group === group);
  if (!r) throw new Error(`no row ${unit}/${group}`);
  return r;
};

/** A peer ballot from `from` giving P1 = v to each target. */
const peer = (id: string, from: string, ratings: [string, number | 'DK'][]): ResponseSpec => ({
  id,
  group: 'peer',
  from,
  answers: ratings.map(([t, v]): [string, string, number | 'DK'] => [t, 'P1', v]),
});

describe('trimPerEnd', () => {
  it.each([
    [0, { count: 1 }, 0],
    [2, { count: 1 }, 0],
    [3, { count: 1 }, 1],
    [4, { count: 2 }, 0],
    [5, { count: 2 }, 2],
    [7, { count: 0 }, 0],
    [3, { fraction: 0.25 }, 0],
    [4, { fraction: 0.25 }, 1],
    [10, { fraction: 0.1 }, 1],
    [100, { fraction: 0.29 }, 29], // 100 × 0.29 = 28.999999999999996 in binary floating point
    [9, { fraction: 0 }, 0],
  ] as const)('n=%i %j → %i', (n, trim, k) => {
    expect(trimPerEnd(n, trim)).toBe(k);
  });
  it('does not trim without a trim setting', () => expect(trimPerEnd(10, undefined)).toBe(0));
});

describe('respondent and group scores (SPEC §5.2–5.3)', () => {
  const config = baseConfig({ validity: { minDurationSeconds: { phone: 60 } } });
  const res = analyze(
    inputFrom(config, units, [
      service('r1', 'A', 5, 4), // r = (100 + 80)/2 = 90
      service('r2', 'A', 'DK', 3), // DK excluded: r = 60
      service('r3', 'A', 'DK', 'DK'), // no rating: skipped for A
      service('r4', 'A', 2, 'BLANK'), // r = 40
      service('r5', 'A', 5, 5, { duration: 10 }), // invalid: too fast
    ]),
  );

  it('means the respondent scores of valid responses, DK excluded', () => {
    const a = row(res, 'A', 'service');
    expect(a.nValid).toBe(3);
    expect(a.nUsed).toBe(3);
    expect(a.score).toBeCloseTo(190 / 3, 12);
    // deviations 80/3, −10/3, −70/3 → Σ² = 11400/9, variance = 1900/3
    const sd = Math.sqrt(1900 / 3);
    expect(a.sd).toBeCloseTo(sd, 12);
    expect(a.ciLow).toBeCloseTo(190 / 3 - (T2 * sd) / Math.sqrt(3), 10);
    expect(a.ciHigh).toBeCloseTo(190 / 3 + (T2 * sd) / Math.sqrt(3), 10);
    // rating answers 5, 4, 3, 2 of valid responses: three of four ≥ 3
    expect(a.satisfactionRate).toBe(0.75);
  });

  it('scores items over non-DK rating answers of valid responses', () => {
    const items = res.itemScores.filter((r) => r.unitCode === 'A' && r.group === 'service');
    expect(items).toEqual([
      { unitCode: 'A', group: 'service', item: 'S1', n: 2, score: 70 },
      { unitCode: 'A', group: 'service', item: 'S2', n: 2, score: 70 },
    ]);
  });

  it('has a row for every unit × agency group and rating item, even without data', () => {
    expect(res.unitGroupScores.map((r) => `${r.unitCode}/${r.group}`)).toEqual([
      'A/service',
      'A/peer',
      'B/service',
      'B/peer',
      'C/service',
      'C/peer',
    ]);
    expect(row(res, 'B', 'peer')).toEqual({
      unitCode: 'B',
      group: 'peer',
      nValid: 0,
      nUsed: 0,
      score: null,
      sd: null,
      ciLow: null,
      ciHigh: null,
      satisfactionRate: null,
    });
    expect(res.itemScores.map((r) => `${r.unitCode}/${r.group}/${r.item}`)).toEqual([
      'A/service/S1',
      'A/service/S2',
      'A/peer/P1',
      'A/peer/P2',
      'B/service/S1',
      'B/service/S2',
      'B/peer/P1',
      'B/peer/P2',
      'C/service/S1',
      'C/service/S2',
      'C/peer/P1',
      'C/peer/P2',
    ]);
    expect(res.itemScores[4]).toEqual({ unitCode: 'B', group: 'service', item: 'S1', n: 0, score: null });
  });

  it('gives no sd or interval for a single respondent', () => {
    const one = analyze(inputFrom(config, units, [service('x', 'B', 4, 2)]));
    expect(row(one, 'B', 'service')).toMatchObject({
      nValid: 1,
      nUsed: 1,
      score: 60,
      sd: null,
      ciLow: null,
      ciHigh: null,
    });
    const two = analyze(inputFrom(config, units, [service('x', 'B', 4, 4), service('y', 'B', 2, 2)]));
    // scores 80 and 40: mean 60, sd = √800, half-width t(0.975, 1)·√800/√2 = 20·t
    expect(row(two, 'B', 'service')).toMatchObject({ nUsed: 2, score: 60 });
    expect(row(two, 'B', 'service').sd).toBeCloseTo(Math.sqrt(800), 12);
    expect(row(two, 'B', 'service').ciLow).toBeCloseTo(60 - 20 * T1, 9);
  });
});

describe('trimming (peer means)', () => {
  const withTrim = (trim: unknown): ReturnType<typeof baseConfig> =>
    baseConfig({
      groups: [
        { code: 'service', name: 's', weight: 0.6, channels: ['phone'] },
        { code: 'peer', name: 'p', weight: 0.4, channels: ['peer'], excludeSelf: true, trim },
      ],
    });
  const ballots = (values: number[]): ResponseSpec[] => values.map((v, i) => peer(`p${i}`, 'B', [['A', v]]));

  it('by count drops k from each end only when n ≥ 2k + 1', () => {
    const config = withTrim({ count: 1 });
    const two = row(analyze(inputFrom(config, units, ballots([4, 2]))), 'A', 'peer');
    expect(two).toMatchObject({ nValid: 2, nUsed: 2, score: 60 });
    const three = row(analyze(inputFrom(config, units, ballots([5, 1, 3]))), 'A', 'peer');
    expect(three).toMatchObject({ nValid: 3, nUsed: 1, score: 60, sd: null, ciLow: null });
    // the rate is taken before trimming: 5 and 3 of 5, 1, 3 are satisfied
    expect(three.satisfactionRate).toBeCloseTo(2 / 3, 15);
    const five = row(analyze(inputFrom(config, units, ballots([5, 5, 4, 2, 1]))), 'A', 'peer');
    expect(five).toMatchObject({ nValid: 5, nUsed: 3 });
    expect(five.score).toBeCloseTo((100 + 80 + 40) / 3, 12);
  });

  it('by fraction drops floor(n·p) from each end', () => {
    const config = withTrim({ fraction: 0.25 });
    const four = row(analyze(inputFrom(config, units, ballots([5, 1, 4, 2]))), 'A', 'peer');
    expect(four).toMatchObject({ nValid: 4, nUsed: 2, score: 60 });
    const three = row(analyze(inputFrom(config, units, ballots([5, 1, 4]))), 'A', 'peer');
    expect(three).toMatchObject({ nValid: 3, nUsed: 3 });
    expect(three.score).toBeCloseTo(200 / 3, 12);
  });
});

describe('self-ratings', () => {
  it('are dropped from scores, rates and item scores without invalidating the ballot', () => {
    const res = analyze(
      inputFrom(baseConfig(), units, [
        peer('a', 'A', [
          ['A', 5],
          ['B', 1],
        ]),
        peer('b', 'B', [
          ['A', 2],
          ['B', 5],
        ]),
      ]),
    );
    expect([...res.validity.valid]).toEqual([1, 1]);
    expect(row(res, 'A', 'peer')).toMatchObject({ nValid: 1, score: 40, satisfactionRate: 0 });
    expect(row(res, 'B', 'peer')).toMatchObject({ nValid: 1, score: 20, satisfactionRate: 0 });
    expect(res.itemScores.find((r) => r.unitCode === 'A' && r.item === 'P1')).toMatchObject({
      n: 1,
      score: 40,
    });
  });

  it('are kept in groups without excludeSelf', () => {
    const config = baseConfig({
      groups: [
        { code: 'service', name: 's', weight: 0.6, channels: ['phone'] },
        { code: 'peer', name: 'p', weight: 0.4, channels: ['peer'] },
      ],
    });
    const res = analyze(inputFrom(config, units, [peer('a', 'A', [['A', 5]])]));
    expect(row(res, 'A', 'peer')).toMatchObject({ nValid: 1, score: 100 });
  });
});

describe('respondent scores over several items and targets', () => {
  it('averages each response per target before averaging over responses', () => {
    const res = analyze(
      inputFrom(baseConfig(), units, [
        {
          id: 'p',
          group: 'peer',
          from: 'C',
          answers: [
            ['A', 'P1', 5],
            ['B', 'P1', 1],
            ['A', 'P2', 3],
            ['B', 'P2', 'DK'],
          ],
        },
        {
          id: 'q',
          group: 'peer',
          from: 'C',
          answers: [
            ['A', 'P1', 1],
            ['A', 'P2', 1],
            ['A', 'P2', 1],
            ['A', 'P2', 1],
          ],
        },
      ]),
    );
    // r(p, A) = (100 + 60)/2 = 80, r(q, A) = 20 → mean 50 (not the answer mean 40)
    expect(row(res, 'A', 'peer')).toMatchObject({ nValid: 2, score: 50 });
    expect(row(res, 'B', 'peer')).toMatchObject({ nValid: 1, score: 20 });
  });
});
