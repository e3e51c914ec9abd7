/**
 * Small, exact-as-possible statistics used by the scoring method (SPEC §5): means, sample
 * standard deviations and Student t quantiles for confidence intervals.
 *
 * The t quantile is solved from the regularized incomplete beta function with a safeguarded
 * Newton iteration: relative error below 1e-13 for df up to 1e6, far better than the 1e-9 the
 * method needs.
 */
import {
  betaContinuedFraction,
  betaFront,
  erfc,
  lnBeta,
  normalQuantile,
  prefersDirectFraction,
} from './special-functions.js';

/** Scratch for exactSum's partial sums (grown on demand). */
let partials = new Float64Array(64);

/**
 * The sum of xs[from..to-1] rounded once, to the nearest double (ties to even), whatever the
 * order of the values: Shewchuk's exact summation with non-overlapping partial sums, finished
 * as Python's math.fsum does. A group's score therefore does not depend on the order in which
 * its responses were imported or scanned, to the last bit. Finite values only.
 * @example exactSum([0.1, 0.2, 0.3]) // 0.6 (a plain loop gives 0.6000000000000001)
 */
export function exactSum(xs: ArrayLike<number>, from = 0, to = xs.length): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    let x = xs[k] as number;
    let i = 0;
    for (let j = 0; j < n; j++) {
      let y = partials[j] as number;
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    if (i === partials.length) {
      const grown = new Float64Array(partials.length * 2);
      grown.set(partials);
      partials = grown;
    }
    partials[i] = x;
    n = i + 1;
  }
  // add the partials from the largest down, correcting a result that lies half-way between two
  // doubles (as math.fsum does)
  if (n === 0) return 0;
  let hi = partials[--n] as number;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n] as number;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  if (n > 0 && ((lo < 0 && (partials[n - 1] as number) < 0) || (lo > 0 && (partials[n - 1] as number) > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

/**
 * Arithmetic mean of xs[from..to-1]; NaN for an empty range.
 * @example mean([1, 2, 6]) // 3
 */
export function mean(xs: ArrayLike<number>, from = 0, to = xs.length): number {
  const n = to - from;
  if (n <= 0) return NaN;
  let s = 0;
  for (let i = from; i < to; i++) s += xs[i] as number;
  return s / n;
}

/**
 * Sample standard deviation (divisor n − 1) of xs[from..to-1]; NaN when fewer than 2 values.
 * Two-pass with the rounding-error correction term, so constant data give exactly 0.
 * @example sampleSd([2, 4, 4, 4, 5, 5, 7, 9]) // 2.138089935299395
 */
export function sampleSd(xs: ArrayLike<number>, from = 0, to = xs.length, m = mean(xs, from, to)): number {
  const n = to - from;
  if (n < 2) return NaN;
  let ss = 0;
  let comp = 0;
  for (let i = from; i < to; i++) {
    const d = (xs[i] as number) - m;
    ss += d * d;
    comp += d;
  }
  const v = (ss - (comp * comp) / n) / (n - 1);
  return Math.sqrt(v > 0 ? v : 0);
}

// ---------------------------------------------------------------------------------------------
// Student t distribution
//
// With x = df/(df+t²), y = t²/(df+t²), a = df/2: P(|T| > t) = I_x(a, ½) and P(|T| ≤ t) = I_y(½, a).
// Two continued fractions evaluate the pair: the one in x gives the tail to a relative error of
// about κ·ε with κ = a/((a+½)·y + ½) (it depends on x near 1, whose low digits are rounded away
// when df is large); the one in y gives the central part to a relative error of about ε.
// Each evaluation picks the fraction that is more accurate for the probability that matters.

interface THalves {
  /** P(0 < T ≤ t) */
  central: number;
  /** P(T > t) */
  tail: number;
}

function tHalves(t: number, df: number, useXFraction: boolean): THalves {
  const a = df / 2;
  const u = (t * t) / df;
  const lnx = -Math.log1p(u);
  const lny = Math.log(u) + lnx;
  const front = betaFront(a, 0.5, lnx, lny);
  if (useXFraction) {
    const v = (front * betaContinuedFraction(a, 0.5, 1 / (1 + u))) / a;
    return { central: 0.5 * (1 - v), tail: 0.5 * v };
  }
  const w = (front * betaContinuedFraction(0.5, a, u / (1 + u))) / 0.5;
  return { central: 0.5 * w, tail: 0.5 * (1 - w) };
}

/** Whether the fraction in x is the better choice at t when the tail is about `tail`. */
function xFractionFits(t: number, df: number, tail: number): boolean {
  const a = df / 2;
  const u = (t * t) / df;
  if (!prefersDirectFraction(a, 0.5, 1 / (1 + u))) return false;
  const kappa = a / ((a + 0.5) * (u / (1 + u)) + 0.5);
  return kappa * tail < 0.5 - tail;
}

/**
 * Cumulative distribution function of Student's t with df > 0 degrees of freedom.
 * @example tCdf(2.228138851986274, 10) // 0.975
 */
export function tCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  if (df === Infinity) return 0.5 * erfc(-t / Math.SQRT2);
  if (t === 0) return 0.5;
  const at = Math.abs(t);
  // the normal tail is a good enough guide to the size of the t tail for choosing the fraction
  const h = tHalves(at, df, xFractionFits(at, df, 0.5 * erfc(at / Math.SQRT2)));
  return t > 0 ? 0.5 + h.central : h.tail;
}

/** Density of Student's t. */
function tDensity(t: number, df: number): number {
  return Math.exp(-lnBeta(df / 2, 0.5) - 0.5 * Math.log(df) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * Quantile t(p, df) of Student's t distribution: the t with P(T ≤ t) = p.
 * df may be any positive real (Infinity gives the normal quantile). Relative error below 1e-13.
 * @example tQuantile(0.975, 10) // 2.2281388519862744
 */
export function tQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || Number.isNaN(df) || p < 0 || p > 1 || !(df > 0)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (df === Infinity) return normalQuantile(p);
  if (p < 0.5) return -upperQuantile(p, 0.5 - p, df);
  // 1 − p and p − 0.5 are exact in binary floating point for p in [0.5, 1]
  return upperQuantile(1 - p, p - 0.5, df);
}

/** Degrees of freedom from which the Cornish–Fisher expansion is exact in double precision. */
const LARGE_DF = 1e5;

/** The t > 0 with P(T > t) = q, where c = P(0 < T ≤ t) = 0.5 − q is passed exactly too. */
function upperQuantile(q: number, c: number, df: number): number {
  if (df === 1) return c < 0.25 ? Math.tan(Math.PI * c) : 1 / Math.tan(Math.PI * q);
  if (df === 2) return (2 * c) / Math.sqrt(2 * q * (1 - q));
  // initial guess: Cornish–Fisher expansion around the normal quantile (A&S 26.7.5)
  const z = q < 0.25 ? -normalQuantile(q) : normalQuantile(0.5 + c);
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  let guess = z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
  // For large df the expansion's error, O(z¹¹/df⁵), is below the rounding error, while both
  // continued fractions lose digits (x rounds towards 1), so the expansion is the answer.
  if (df >= LARGE_DF) return guess;
  if (!(guess > 0) || !Number.isFinite(guess)) guess = Math.max(z, 1);
  // Solve P(T > t) = q with the x fraction, or P(0 < T ≤ t) = c with the y fraction: whichever
  // probability is computed with the smaller absolute error near the root.
  const useTail = xFractionFits(guess, df, q);
  const resid = (t: number): number => {
    const h = tHalves(t, df, useTail);
    return useTail ? q - h.tail : h.central - c; // increasing in t
  };
  // bracket [lo, hi] with resid(lo) ≤ 0 < resid(hi), then Newton steps kept inside it
  let lo = 0;
  let hi = guess;
  while (resid(hi) <= 0) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) return Infinity;
  }
  let t = guess < hi ? guess : (lo + hi) / 2;
  for (let iter = 0; iter < 200; iter++) {
    const r = resid(t);
    if (r === 0) return t;
    if (r < 0) lo = t;
    else hi = t;
    let next = t - r / tDensity(t, df);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-15 * t || hi - lo <= 1e-15 * hi) return next;
    t = next;
  }
  return t;
}
