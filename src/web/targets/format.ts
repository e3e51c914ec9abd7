/** How the targets page prints figures: shares as percentages, counts as integers, money with two decimals. */
import type { IndicatorResult } from '../../core/targets-evaluation.js';

export const pct = (x: number | null): string => (x === null ? '' : `${Math.round(x * 10000) / 100}%`);
export const money = (x: number | null): string => (x === null ? '' : x.toFixed(2));
export const points = (x: number | null): string => (x === null ? '' : x.toFixed(2));

/** An indicator's actual as the form prints its target: a share as %, else with its unit. */
export function actualText(i: IndicatorResult): string {
  if (i.operator === 'qualitative') return i.actualText;
  if (i.actual === null) return '';
  return i.unit === '%' ? pct(i.actual) : `${Math.round(i.actual * 100) / 100}${i.unit}`;
}
