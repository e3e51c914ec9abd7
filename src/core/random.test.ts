import { describe, expect, it } from 'vitest';
import { createRng, hashString } from './random.js';

const draw = (seed: number, n = 20): number[] => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('createRng', () => {
  it('is deterministic for a seed', () => {
    expect(draw(42)).toEqual(draw(42));
    expect(draw(0)).toEqual(draw(0));
  });

  it('gives different sequences for different seeds', () => {
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw(0)).not.toEqual(draw(1));
    expect(draw(-1)).not.toEqual(draw(1));
    expect(draw(2 ** 32)).not.toEqual(draw(0));
    expect(draw(1.5)).not.toEqual(draw(1));
  });

  it('next() stays in [0, 1) and looks uniform', () => {
    const rng = createRng(7);
    let sum = 0;
    let min = 1;
    let max = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const x = rng.next();
      min = Math.min(min, x);
      max = Math.max(max, x);
      sum += x;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / n).toBeGreaterThan(0.48);
    expect(sum / n).toBeLessThan(0.52);
  });

  it('int() respects inclusive bounds and reaches both ends', () => {
    const rng = createRng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) seen.add(rng.int(-2, 4));
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3, 4]);
    expect(rng.int(5, 5)).toBe(5);
    expect(() => rng.int(3, 2)).toThrow(RangeError);
    expect(() => rng.int(0.5, 2)).toThrow(RangeError);
  });

  it('pick() returns elements of the array and rejects an empty one', () => {
    const rng = createRng(5);
    const arr = ['a', 'b', 'c'] as const;
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(rng.pick(arr));
    expect(seen).toEqual(new Set(arr));
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  it('normal() has about the requested mean and sd', () => {
    const rng = createRng(11);
    const n = 20000;
    const xs = Array.from({ length: n }, () => rng.normal(10, 2));
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
    expect(mean).toBeGreaterThan(9.9);
    expect(mean).toBeLessThan(10.1);
    expect(sd).toBeGreaterThan(1.9);
    expect(sd).toBeLessThan(2.1);
    expect(xs.every(Number.isFinite)).toBe(true);
  });

  it('shuffle() permutes in place, deterministically', () => {
    const a = Array.from({ length: 50 }, (_, i) => i);
    const b = [...a];
    const out = createRng(9).shuffle(a);
    expect(out).toBe(a);
    expect([...a].sort((x, y) => x - y)).toEqual(b);
    expect(a).not.toEqual(b);
    expect(createRng(9).shuffle([...b])).toEqual(a);
  });

  it('weighted() follows the weights and never picks a zero weight', () => {
    const rng = createRng(13);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 10000; i++) counts[rng.weighted([1, 0, 3, 0])]! += 1;
    expect(counts[1]).toBe(0);
    expect(counts[3]).toBe(0);
    expect(counts[2]! / 10000).toBeGreaterThan(0.72);
    expect(counts[2]! / 10000).toBeLessThan(0.78);
    expect(() => rng.weighted([0, 0])).toThrow(RangeError);
    expect(() => rng.weighted([1, -1])).toThrow(RangeError);
  });

  it('fork() is independent of the parent position and label-specific', () => {
    const r1 = createRng(21);
    const f1 = r1.fork('x').next();
    r1.next();
    r1.next();
    expect(r1.fork('x').next()).toBe(f1);
    expect(createRng(21).fork('y').next()).not.toBe(f1);
    expect(createRng(22).fork('x').next()).not.toBe(f1);
  });
});

describe('hashString', () => {
  it('is a stable 32-bit hash that depends on the seed', () => {
    expect(hashString('abc')).toBe(hashString('abc'));
    expect(hashString('abc')).not.toBe(hashString('abd'));
    expect(hashString('abc', 1)).not.toBe(hashString('abc', 2));
    const h = hashString('苏州');
    expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
  });
});

describe('the sequence', () => {
  it('is pinned: seeded output (demo data, rank intervals) stays the same across releases', () => {
    const r = createRng(1);
    expect([r.next(), r.next(), r.next(), r.int(1, 100), r.next()]).toEqual([
      0.8590215884614736, 0.2798392332624644, 0.5944327088072896, 8, 0.5766700776293874,
    ]);
    const big = createRng(2 ** 40 + 3);
    expect([big.next(), big.next()]).toEqual([0.19999456894584, 0.019318830454722047]);
    const f = createRng(1).fork('x');
    expect([f.next(), f.next()]).toEqual([0.3329332806169987, 0.43799008312635124]);
  });

  it('fill() gives the numbers next() would, and continues the same stream', () => {
    const a = createRng(9);
    const b = createRng(9);
    const out = new Float64Array(1000);
    a.fill(out, 700);
    for (let i = 0; i < 700; i++) expect(out[i]).toBe(b.next());
    expect(out[700]).toBe(0); // only `count` numbers written
    a.fill(out);
    for (let i = 0; i < 1000; i++) expect(out[i]).toBe(b.next());
    expect(a.next()).toBe(b.next());
  });
});
