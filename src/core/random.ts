/**
 * A small seeded pseudo-random number generator (sfc32, seeded through a splitmix-style mixer),
 * for reproducible sampling and the demo dataset. Pure: no clock, no Math.random.
 * Not for anything security-related.
 */

export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
  /** uniform integer in [lo, hi], both inclusive */
  int(lo: number, hi: number): number;
  /** true with probability p */
  bool(p: number): boolean;
  /** a uniformly chosen element; throws on an empty array */
  pick<T>(arr: readonly T[]): T;
  /** normally distributed (Box–Muller) */
  normal(mean?: number, sd?: number): number;
  /** shuffles arr in place (Fisher–Yates) and returns it */
  shuffle<T>(arr: T[]): T[];
  /** an index i drawn with probability weights[i] / Σ weights */
  weighted(weights: readonly number[]): number;
  /**
   * An independent generator derived from this generator's seed and a label. It does not depend
   * on how many numbers this generator has produced, so parts of a computation can draw from
   * their own stream without disturbing each other.
   */
  fork(label: string): Rng;
}

const fmix32 = (x: number): number => {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};

/** A 32-bit hash of a string (FNV-1a with a murmur3 finaliser); `seed` selects another hash. */
export function hashString(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ fmix32(seed + 0x9e3779b9)) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h ^ s.length);
}

/** Splits any finite number into 32-bit key words (integers exactly; others via their text). */
function seedKeys(seed: number): number[] {
  if (!Number.isSafeInteger(seed)) return [hashString(String(seed)), 0x2545f491];
  const sign = seed < 0 ? 1 : 0;
  const abs = Math.abs(seed);
  return [abs >>> 0, (Math.floor(abs / 4294967296) >>> 0) ^ (sign << 31)];
}

function makeRng(keys: readonly number[]): Rng {
  // fold the key words, then expand to the four sfc32 state words
  let h = 0x6a09e667;
  for (const k of keys) h = fmix32((h ^ k) + 0x9e3779b9);
  let sm = h;
  const split = (): number => {
    sm = (sm + 0x9e3779b9) | 0;
    return fmix32(sm);
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();

  const rng: Rng = {
    next,
    int(lo, hi) {
      if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) {
        throw new RangeError(`int(${lo}, ${hi}): bounds must be integers with lo <= hi`);
      }
      return lo + Math.floor(next() * (hi - lo + 1));
    },
    bool: (p) => next() < p,
    pick<T>(arr: readonly T[]): T {
      if (arr.length === 0) throw new RangeError('pick from an empty array');
      return arr[Math.floor(next() * arr.length)] as T;
    },
    normal(mean = 0, sd = 1) {
      const u1 = 1 - next(); // (0, 1]
      const u2 = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    },
    shuffle<T>(arr: T[]): T[] {
      for (let i = arr.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = arr[i] as T;
        arr[i] = arr[j] as T;
        arr[j] = tmp;
      }
      return arr;
    },
    weighted(weights) {
      let total = 0;
      for (const w of weights) {
        if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError('weights must be finite and >= 0');
        total += w;
      }
      if (!(total > 0)) throw new RangeError('weights must not all be 0');
      let r = next() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i] as number;
        if (r < 0) return i;
      }
      // rounding: the last index with a positive weight
      for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] as number) > 0) return i;
      return weights.length - 1;
    },
    fork: (label) => makeRng([...keys, hashString(label, keys.length)]),
  };
  return rng;
}

/** A generator for a seed: the same seed always gives the same sequence. */
export function createRng(seed: number): Rng {
  return makeRng(seedKeys(seed));
}
