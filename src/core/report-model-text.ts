/**
 * Text helpers of the report model: personal data removed from comments before they are printed,
 * and the one number format every report uses (so a test can format `analyze`'s numbers the
 * same way and compare).
 */

/**
 * Masks phone-number-like and ID-like digit runs in a comment: any run of 7 or more digits
 * (allowing spaces and hyphens inside, as people type "138 0013 8000" or "0512-6522-1234", and
 * an ID card's final X) keeps its first 3 and last 2 characters, the rest become `*`. Full-width
 * digits count too. Shorter numbers (a date, "3 次", a room number) are kept.
 *
 * @example maskPersonalData('电话13800138000') === '电话138******00'
 */
export function maskPersonalData(text: string): string {
  return text.replace(/[0-9０-９](?:[\s\-－]?[0-9０-９]){5,}(?:[\s\-－]?[0-9０-９XxＸｘ])/g, (run) => {
    const digits = run.replace(/[\s\-－]/g, '');
    if (digits.length < 7) return run;
    return digits.slice(0, 3) + '*'.repeat(digits.length - 5) + digits.slice(-2);
  });
}

/** A score as printed in reports: two decimals, `—` when empty. */
export function fmt2(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(2);
}

/** A rate (fraction) as a percentage with one decimal, `—` when empty. */
export function fmtPct(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)}%`;
}

/** An integer (rank, count) as printed, `—` when empty. */
export function fmtInt(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : String(Math.round(v));
}

/** A confidence interval as printed: `[low, high]`, `—` when either end is empty. */
export function fmtCi(low: number | null | undefined, high: number | null | undefined): string {
  const a = fmt2(low);
  const b = fmt2(high);
  return a === '—' || b === '—' ? '—' : `[${a}, ${b}]`;
}
