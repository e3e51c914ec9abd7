/* eslint-disable no-loss-of-precision -- coefficients are kept exactly as published (AS 241, Lanczos) */
/**
 * Special functions behind the t quantile (stats.ts): ln Γ, ln B, the regularized incomplete beta
 * function, erfc and the normal quantile. Pure numerics, no dependencies.
 */

// ---------------------------------------------------------------------------------------------
// Gamma and beta functions

const LN_SQRT_2PI = 0.9189385332046728; // ½·ln(2π)
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7); relative error around 1e-15. */
export function lnGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x < 0.5) {
    // reflection: Γ(x)Γ(1−x) = π / sin(πx)
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  }
  const z = x - 1;
  let s = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) s += (LANCZOS[i] as number) / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** Stirling correction δ(z) = ln Γ(z) − [(z − ½)ln z − z + ½ln 2π], for z ≥ 10. */
function stirlingCorrection(z: number): number {
  const r = 1 / z;
  const r2 = r * r;
  return (
    r *
    (1 / 12 +
      r2 *
        (-1 / 360 +
          r2 * (1 / 1260 + r2 * (-1 / 1680 + r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 * (1 / 156)))))))
  );
}

/**
 * ln B(a, b) for a, b > 0. Large arguments go through Stirling corrections and log1p, so no
 * digits are lost to cancellation (ln B(5e5, ½) is still accurate to ~1e-16 absolute).
 */
export function lnBeta(a: number, b: number): number {
  if (!(a > 0 && b > 0)) return NaN;
  const hi = Math.max(a, b);
  const lo = Math.min(a, b);
  if (hi < 10) return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
  if (lo < 10) {
    // ln Γ(hi + lo) − ln Γ(hi), exactly rearranged from Stirling's formula
    const ratio =
      (hi - 0.5) * Math.log1p(lo / hi) +
      lo * Math.log(hi + lo) -
      lo +
      stirlingCorrection(hi + lo) -
      stirlingCorrection(hi);
    return lnGamma(lo) - ratio;
  }
  return (
    LN_SQRT_2PI -
    0.5 * Math.log(lo) -
    lo * Math.log1p(hi / lo) -
    (hi - 0.5) * Math.log1p(lo / hi) +
    stirlingCorrection(hi) +
    stirlingCorrection(lo) -
    stirlingCorrection(hi + lo)
  );
}

const CF_EPS = 1e-16;
export const CF_TINY = 1e-300;
const CF_MAX_ITER = 100_000;

/** Continued fraction of the incomplete beta function (modified Lentz). */
export function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < CF_TINY) d = CF_TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= CF_MAX_ITER; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < CF_TINY) d = CF_TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < CF_TINY) c = CF_TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < CF_TINY) d = CF_TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < CF_TINY) c = CF_TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < CF_EPS) break;
  }
  return h;
}

/** Whether the continued fraction of I_x(a, b) in x converges fast (else use the one in 1 − x). */
export const prefersDirectFraction = (a: number, b: number, x: number): boolean => x < (a + 1) / (a + b + 2);

/**
 * x^a·y^b / B(a, b) from ln x and ln y = ln(1 − x), so callers can pass logarithms computed
 * without the rounding of 1 − x.
 */
export function betaFront(a: number, b: number, lnx: number, lny: number): number {
  return Math.exp(a * lnx + b * lny - lnBeta(a, b));
}

/**
 * Regularized incomplete beta function I_x(a, b), 0 ≤ x ≤ 1, a, b > 0.
 * @example regIncBeta(0.5, 2, 3) // 0.6875
 */
export function regIncBeta(x: number, a: number, b: number): number {
  if (!(x >= 0 && x <= 1 && a > 0 && b > 0)) return NaN;
  if (x === 0) return 0;
  if (x === 1) return 1;
  const front = betaFront(a, b, Math.log(x), Math.log1p(-x));
  if (prefersDirectFraction(a, b, x)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

// ---------------------------------------------------------------------------------------------
// Normal distribution

/**
 * Standard normal quantile (Wichura 1988, AS 241 PPND16; relative error ~1e-16).
 * @example normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) *
          r +
          13731.693765509461125) *
          r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) *
        r +
        5394.1960214247511077) *
        r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let val: number;
  if (r <= 5) {
    r -= 1.6;
    val =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) *
        r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) *
        r +
        0.68976733498510000455) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    val =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) *
        r +
        0.29656057182850489123) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) *
        r +
        0.0148753612908506148525) *
        r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return q < 0 ? -val : val;
}

/** Complementary error function (series below 2, continued fraction above); used for df = ∞. */
export function erfc(x: number): number {
  const z = Math.abs(x);
  let r: number;
  if (z < 2) {
    // erf series: erf(z) = 2/√π Σ (−1)^n z^(2n+1) / (n!(2n+1))
    let term = z;
    let sum = z;
    const z2 = z * z;
    for (let n = 1; n < 200; n++) {
      term *= -z2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    r = 1 - (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    // continued fraction for erfc (Lentz)
    const z2 = z * z;
    let f = z;
    let c = z;
    let d = 0;
    for (let n = 1; n < 500; n++) {
      const an = n / 2;
      d = z + an * d;
      d = d === 0 ? CF_TINY : 1 / d;
      c = z + an / c;
      if (c === 0) c = CF_TINY;
      const del = c * d;
      f *= del;
      if (Math.abs(del - 1) < 1e-16) break;
    }
    r = Math.exp(-z2) / (f * Math.sqrt(Math.PI));
  }
  return x >= 0 ? r : 2 - r;
}
