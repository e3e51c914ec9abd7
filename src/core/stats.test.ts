import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bigExactSum } from '../../test/reference/reference-analyze.js';
import { exactSum, mean, sampleSd, tCdf, tQuantile } from './stats.js';
import { lnBeta, lnGamma, normalQuantile, regIncBeta } from './special-functions.js';

const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('mean and sampleSd', () => {
  it('computes hand-checked values', () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNaN();
    expect(mean([5, 1, 2, 6, 9], 1, 4)).toBe(3);
    // Σ(x−5)² = 32 over 8 values → variance 32/7
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 15);
    expect(sampleSd([7])).toBeNaN();
    expect(sampleSd([0.1, 0.1, 0.1])).toBe(0);
    expect(sampleSd(new Float64Array([9, 1, 3, 9]), 1, 3)).toBeCloseTo(Math.SQRT2, 15);
  });
});

describe('tQuantile', () => {
  it('matches published two-sided 95% values', () => {
    const published: [number, number][] = [
      [1, 12.7062047361747],
      [2, 4.30265272974946],
      [5, 2.57058183563631],
      [10, 2.22813885198627],
      [30, 2.04227245630124],
      [1000, 1.96233908082641],
    ];
    for (const [df, t] of published) expect(relErr(tQuantile(0.975, df), t)).toBeLessThan(1e-13);
  });

  // [p, df, t] with t from mpmath at 50 digits (inverse of ½·I_{df/(df+t²)}(df/2, ½)), for the
  // exact binary value of p
  const reference: [number, number, number][] = [
    [0.975, 1, 12.706204736174694],
    [0.975, 2, 4.302652729749462],
    [0.975, 3, 3.1824463052837086],
    [0.975, 5, 2.5705818356363146],
    [0.975, 10, 2.2281388519862744],
    [0.975, 30, 2.0422724563012378],
    [0.975, 100, 1.9839715185235518],
    [0.975, 1000, 1.962339080826408],
    [0.975, 50000, 1.9600114310936798],
    [0.975, 99999, 1.9599877077718444],
    [0.975, 100000, 1.9599877075346093],
    [0.975, 1000000, 1.9599663568141066],
    [0.975, 0.5, 164.55767348048823],
    [0.975, 2.5, 3.5746548420036817],
    [0.995, 1, 63.656741162871526],
    [0.995, 2, 9.92484320091829],
    [0.995, 3, 5.840909309733355],
    [0.995, 5, 4.032142983555227],
    [0.995, 10, 3.169272672616951],
    [0.995, 30, 2.749995653567225],
    [0.995, 100, 2.6258905214380177],
    [0.995, 1000, 2.5807546980659506],
    [0.995, 50000, 2.575927638034875],
    [0.995, 99999, 2.575878470400052],
    [0.995, 100000, 2.575878469908375],
    [0.995, 1000000, 2.575834220105334],
    [0.995, 0.5, 4113.964588804174],
    [0.995, 2.5, 7.163728138948783],
    [0.9, 1, 3.077683537175254],
    [0.9, 2, 1.885618083164127],
    [0.9, 3, 1.6377443536962104],
    [0.9, 5, 1.4758840488244813],
    [0.9, 10, 1.3721836411103359],
    [0.9, 30, 1.3104150253913958],
    [0.9, 100, 1.290074761346516],
    [0.9, 1000, 1.2823987214609245],
    [0.9, 50000, 1.2815684974683013],
    [0.9, 99999, 1.2815600315340216],
    [0.9, 100000, 1.2815600314493611],
    [0.9, 1000000, 1.2815524121299386],
    [0.9, 0.5, 10.27032441023451],
    [0.9, 2.5, 1.7302509288071768],
    [0.6, 1, 0.32491969623290623],
    [0.6, 2, 0.2886751345948128],
    [0.6, 3, 0.27667066233268983],
    [0.6, 5, 0.26718086570414507],
    [0.6, 10, 0.26018482949208016],
    [0.6, 30, 0.2556053649519127],
    [0.6, 100, 0.2540221824582278],
    [0.6, 1000, 0.2534145158394987],
    [0.6, 50000, 0.2533484511806963],
    [0.6, 99999, 0.25334777716392015],
    [0.6, 100000, 0.2533477771571799],
    [0.6, 1000000, 0.2533471705378416],
    [0.6, 0.5, 0.3979754267847906],
    [0.6, 2.5, 0.2814595127485476],
    [0.999999, 1, 318309.88617359026],
    [0.999999, 2, 707.1057205157671],
    [0.999999, 3, 103.29946777942897],
    [0.999999, 5, 24.77102972037249],
    [0.999999, 10, 9.751995490909854],
    [0.999999, 30, 5.871117120408623],
    [0.999999, 100, 5.048830877221447],
    [0.999999, 1000, 4.781608620452438],
    [0.999999, 50000, 4.753985152846123],
    [0.999999, 99999, 4.753704719189725],
    [0.999999, 100000, 4.753704716385476],
    [0.999999, 1000000, 4.7534523482738695],
    [0.999999, 0.5, 102849115625.71901],
    [0.999999, 2.5, 220.17342917570426],
    [1e-10, 1, -3183098861.837907],
    [1e-10, 2, -70710.67810804815],
    [1e-10, 3, -2225.7692846830932],
    [1e-10, 5, -156.8255927088943],
    [1e-10, 10, -25.466008021697725],
    [1e-10, 30, -9.377489780407144],
    [1e-10, 100, -7.083375481400722],
    [1e-10, 1000, -6.427876283134213],
    [1e-10, 50000, -6.362660054437335],
    [1e-10, 99999, -6.362000426439518],
    [1e-10, 100000, -6.3620004198436915],
    [1e-10, 1000000, -6.361406848876743],
    [1e-10, 0.5, -1.02849115631634e19],
    [1e-10, 2.5, -8765.437771364572],
    [0.025, 1, -12.706204736174705],
    [0.025, 2, -4.302652729749464],
    [0.025, 3, -3.1824463052837095],
    [0.025, 5, -2.5705818356363155],
    [0.025, 10, -2.228138851986275],
    [0.025, 30, -2.042272456301238],
    [0.025, 100, -1.9839715185235522],
    [0.025, 1000, -1.9623390808264085],
    [0.025, 50000, -1.96001143109368],
    [0.025, 99999, -1.9599877077718448],
    [0.025, 100000, -1.9599877075346097],
    [0.025, 1000000, -1.959966356814107],
    [0.025, 0.5, -164.55767348048852],
    [0.025, 2.5, -3.574654842003683],
  ];
  it('matches high-precision reference values to 1e-12', () => {
    for (const [p, df, t] of reference) {
      const got = tQuantile(p, df);
      if (relErr(got, t) > 1e-12) throw new Error(`t(${p}, ${df}) = ${got}, expected ${t}`);
    }
  });

  it('handles the edges', () => {
    expect(tQuantile(0.5, 7)).toBe(0);
    expect(tQuantile(0, 7)).toBe(-Infinity);
    expect(tQuantile(1, 7)).toBe(Infinity);
    expect(tQuantile(0.975, Infinity)).toBeCloseTo(1.959963984540054, 15);
    expect(tQuantile(1.2, 3)).toBeNaN();
    expect(tQuantile(0.9, 0)).toBeNaN();
    expect(tQuantile(Number.NaN, 3)).toBeNaN();
  });

  it('is the inverse of tCdf and antisymmetric', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }),
        fc.double({ min: 0.3, max: 5e4, noNaN: true }),
        (p, df) => {
          const t = tQuantile(p, df);
          expect(Math.abs(tCdf(t, df) - p)).toBeLessThan(1e-13);
          const hi = Math.max(p, 1 - p);
          const lo = 1 - hi; // exact: Sterbenz
          expect(relErr(tQuantile(lo, df), -tQuantile(hi, df))).toBeLessThan(1e-12);
        },
      ),
    );
  });
});

describe('special functions', () => {
  it('match reference values', () => {
    expect(relErr(lnGamma(0.5), 0.5723649429247001)).toBeLessThan(1e-14);
    expect(Math.abs(lnGamma(1))).toBeLessThan(1e-15);
    expect(relErr(lnGamma(3.7), 1.428072326665388)).toBeLessThan(1e-14);
    expect(relErr(lnGamma(10), 12.801827480081469)).toBeLessThan(1e-14);
    expect(relErr(lnGamma(1e5), 1051287.708973657)).toBeLessThan(1e-14);
    expect(relErr(lnBeta(5e5, 0.5), -5.988816495777464)).toBeLessThan(1e-14);
    expect(relErr(lnBeta(30, 40), -48.30174909591612)).toBeLessThan(1e-13);
    expect(relErr(lnBeta(1e6, 2e6), -1909548.290968533)).toBeLessThan(1e-14);
    expect(relErr(regIncBeta(0.5, 2, 3), 0.6875)).toBeLessThan(1e-14);
    expect(relErr(regIncBeta(0.1, 0.5, 0.5), 0.20483276469913345)).toBeLessThan(1e-14);
    expect(relErr(regIncBeta(0.9, 10, 20), 0.9999999999999593)).toBeLessThan(1e-14);
    expect(relErr(regIncBeta(0.3, 200, 300), 1.0496985243292947e-6)).toBeLessThan(1e-12);
    expect(relErr(normalQuantile(0.975), 1.959963984540054)).toBeLessThan(1e-15);
    expect(relErr(normalQuantile(1e-10), -6.361340902404056)).toBeLessThan(1e-15);
    expect(relErr(normalQuantile(1e-300), -37.0470962993612)).toBeLessThan(1e-14);
    expect(relErr(normalQuantile(0.3), -0.5244005127080409)).toBeLessThan(1e-15);
    expect(tCdf(1.959963984540054, Infinity)).toBeCloseTo(0.975, 14);
  });
});

describe('exactSum', () => {
  it('rounds the exact sum once', () => {
    expect(exactSum([0.1, 0.2, 0.3])).toBe(0.6);
    expect(0.1 + 0.2 + 0.3).not.toBe(0.6); // what a plain loop gives
    expect(exactSum([1e100, 1, -1e100])).toBe(1);
    expect(exactSum([1, 1e-16, 1e-16])).toBe(1.0000000000000002);
    expect(exactSum([])).toBe(0);
    expect(exactSum([5, 7, 9], 1, 3)).toBe(16);
  });

  it('equals the exact big-integer sum, whatever the order', () => {
    const score = fc.oneof(
      fc.constant(0),
      fc.double({ min: 1e-6, max: 100, noNaN: true }), // scores: no subnormals (the big-integer sum would overflow)
      fc.integer({ min: 0, max: 100 }).map((v) => v / 3),
      fc.integer({ min: 0, max: 5 }).map((k) => 60 + k * 0.6e-9 * 60),
    );
    fc.assert(
      fc.property(fc.array(score, { maxLength: 60 }), (xs) => {
        const want = bigExactSum(xs);
        expect(exactSum(xs)).toBe(want);
        expect(exactSum([...xs].reverse())).toBe(want);
        expect(exactSum([...xs].sort((a, b) => a - b))).toBe(want);
      }),
      { numRuns: 2000 },
    );
  });
});
