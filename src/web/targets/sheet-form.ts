/**
 * Pure helpers of the form editor of the declaration form (SheetForm.tsx): shares shown as
 * percent but stored as fractions (SPEC §4.8), and a server error's field path mapped to the
 * tab and input that hold it.
 */
import type { TargetIndicator, TargetSheet } from '../../core/targets.js';

/** The sheet as the form edits it: the expenditures are kept by the server and not sent. */
export type EditableSheet = Omit<TargetSheet, 'expenditures'>;

export type SheetTab = 'project' | 'funds' | 'plan' | 'indicators';

/** An indicator with unit `%` holds a share (0.95), entered as percent (95). */
export const isShare = (unit: string): boolean => unit.trim() === '%';

/** 0.95 → 95, without floating noise (0.07 * 100 = 7.000000000000001). */
export const toPercent = (x: number | null): number | null =>
  x === null ? null : Math.round(x * 100 * 1e8) / 1e8;

/** 95 → 0.95, without floating noise. */
export const fromPercent = (p: number | null): number | null =>
  p === null ? null : Math.round((p / 100) * 1e10) / 1e10;

/** The indicator's target as the form shows it. */
export const targetShown = (ind: Pick<TargetIndicator, 'target' | 'unit'>): number | null =>
  isShare(ind.unit) ? toPercent(ind.target) : ind.target;

/** The target to store from what was typed. */
export const targetStored = (unit: string, typed: number | null): number | null =>
  isShare(unit) ? fromPercent(typed) : typed;

const PLAN_FIELDS = new Set(['plan', 'overallGoal', 'annualGoal']);
const FUND_FIELDS = new Set(['subProjects', 'fundSources', 'previousYear']);

/**
 * Which tab holds a field path as the server names it (`indicators/3/target`,
 * `indicators.3.target`, `project.subProjects.0.amount`); the normalised dotted path is the
 * input's data-field. Null for paths outside the form.
 */
export function fieldLocation(path: string): { tab: SheetTab; field: string } | null {
  const parts = path.split(/[./]/).filter((p) => p !== '');
  const field = parts.join('.');
  if (parts[0] === 'indicators') return { tab: 'indicators', field };
  if (parts[0] !== 'project') return null;
  const key = parts[1] ?? '';
  if (FUND_FIELDS.has(key)) return { tab: 'funds', field };
  if (PLAN_FIELDS.has(key)) return { tab: 'plan', field };
  return { tab: 'project', field };
}

/**
 * The field path a validation problem names: its `field`, else the `path: why` start of its
 * detail after the `file: ` prefix (the server names the body "request body").
 */
export function problemField(
  problem: { field?: string; detail?: string; file?: string } | null | undefined,
): string | null {
  if (!problem) return null;
  if (problem.field) return problem.field;
  let detail = problem.detail ?? '';
  if (problem.file && detail.startsWith(`${problem.file}: `)) detail = detail.slice(problem.file.length + 2);
  const m = /^([A-Za-z]\w*(?:[./]\w+)*): /.exec(detail);
  return m?.[1] ?? null;
}

/** A row list with row `i` moved by `by` (−1 up, +1 down); unchanged at the ends. */
export function moveRow<T>(rows: readonly T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  if (i < 0 || i >= rows.length || j < 0 || j >= rows.length) return [...rows];
  const out = [...rows];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

/** The level-1 names offered: the form's usual ones plus any already on the sheet. */
export function levelNames(indicators: readonly Pick<TargetIndicator, 'level1'>[]): string[] {
  const base = ['投入', '产出', '效益', '满意度', '分解目标', '影响力'];
  return [...new Set([...base, ...indicators.map((i) => i.level1).filter((l) => l !== '')])];
}

export function newIndicator(level1: string): TargetIndicator {
  return {
    level1,
    level2: '',
    subProject: '',
    name: '',
    operator: '>=',
    target: null,
    unit: '',
    targetText: '',
    explanation: '',
    source: '',
  };
}
