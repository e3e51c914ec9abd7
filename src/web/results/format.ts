/**
 * Numbers and ages as the console shows them: two decimals for scores, one for percentages
 * (UX.md: `89.37`, `95.2%`), an em dash for a cell that does not apply (an agency not ranked).
 */
import type { Translate } from '../i18n/i18n';
import type { Cell } from './rows';

export const DASH = '—';

export const isNum = (v: Cell | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** 85.2506 → "85.25" */
export const score = (v: Cell | undefined): string => (isNum(v) ? v.toFixed(2) : DASH);

/** 0.92789 → "92.8%" */
export const percent = (v: Cell | undefined): string => (isNum(v) ? `${(v * 100).toFixed(1)}%` : DASH);

/** an integer (a count or a rank) with a thousands separator */
export const count = (v: Cell | undefined): string => (isNum(v) ? v.toLocaleString('zh-CN') : DASH);

/** "83.94–86.56" */
export const interval = (lo: Cell | undefined, hi: Cell | undefined): string =>
  isNum(lo) && isNum(hi) ? `${lo.toFixed(2)}–${hi.toFixed(2)}` : DASH;

/** how old a snapshot is: "3 分钟前生成" */
export function age(t: Translate, seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('results.age.now');
  if (s < 3600) return t('results.age.minutes', { n: Math.floor(s / 60) });
  if (s < 86_400) return t('results.age.hours', { n: Math.floor(s / 3600) });
  return t('results.age.days', { n: Math.floor(s / 86_400) });
}
