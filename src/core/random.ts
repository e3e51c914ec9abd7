/**
 * A small seeded pseudo-random number generator (sfc32, seeded through a splitmix-style mixer),
 * for reproducible sampling and the demo dataset. Pure: no clock, no Math.random.
 * Not for anything security-related.
 */

export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
  /**
   * out[0 .. count-1] = the next `count` numbers next() would return, in order (several times
   * faster than as many next() calls: the state stays in registers)
   */
  fill(out: Float64Array, count?: number): void;
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

/** One step of sfc32 on the state words st[0..3] (a, b, c, d); the result in [0, 1). */
function sfc32Next(st: Int32Array): number {
  const a = st[0] as number;
  const b = st[1] as number;
  const c = st[2] as number;
  const d = st[3] as number;
  const t = (((a + b) | 0) + d) | 0;
  st[0] = b ^ (b >>> 9);
  st[1] = (c + (c << 3)) | 0;
  st[2] = (((c << 21) | (c >>> 11)) + t) | 0;
  st[3] = (d + 1) | 0;
  return (t >>> 0) / 4294967296;
}

/**
 * `count` steps of sfc32 into out[0 ..]: the same numbers as as many sfc32Next calls, with the
 * state in locals (a plain function: V8 keeps them in registers, about 3 ns a number here
 * against 10 for a call each).
 */
function sfc32Fill(st: Int32Array, out: Float64Array, count: number): void {
  let a = st[0] as number;
  let b = st[1] as number;
  let c = st[2] as number;
  let d = st[3] as number;
  for (let i = 0; i < count; i++) {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    out[i] = (t >>> 0) / 4294967296;
  }
  st[0] = a;
  st[1] = b;
  st[2] = c;
  st[3] = d;
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
  const st = new Int32Array(4);
  for (let k = 0; k < 4; k++) st[k] = split();
  const next = (): number => sfc32Next(st);
  for (let i = 0; i < 12; i++) next();

  const rng: Rng = {
    next,
    fill: (out, count = out.length) => sfc32Fill(st, out, count),
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
