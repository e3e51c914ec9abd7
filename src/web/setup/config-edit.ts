/**
 * The arithmetic and checks of the set-up pages, kept out of the components so that they are
 * tested on their own: normalised weights (what the chart shows as you type), quota targets,
 * the problems of a draft before it is sent (the server checks again, with the same schema).
 */
import type { AssessmentConfig, Channel, GroupConfig } from '../../core/config.js';

export type Quotas = NonNullable<AssessmentConfig['quotas']>;
export type Schedule = NonNullable<AssessmentConfig['schedule']>;
export const CHANNEL_LIST: readonly Channel[] = ['phone', 'intercept', 'online', 'peer'];

/** Groups that rate agencies carry a weight; a group rating the firm (rates: firm) does not. */
export const weighted = (g: GroupConfig): boolean => g.rates !== 'firm';

/** Each agency group's share of the summed weights (0–1); all 0 when the sum is 0. */
export function normalisedWeights(
  groups: readonly GroupConfig[],
): { code: string; name: string; share: number }[] {
  const agency = groups.filter(weighted);
  const sum = agency.reduce((s, g) => s + (Number.isFinite(g.weight) ? (g.weight ?? 0) : 0), 0);
  return agency.map((g) => ({
    code: g.code,
    name: g.name ?? g.code,
    share: sum > 0 && Number.isFinite(g.weight) ? (g.weight ?? 0) / sum : 0,
  }));
}

/** A share as a percentage with one decimal: 0.4 → "40.0%". */
export const percent = (share: number): string => `${(share * 100).toFixed(1)}%`;

export type QuotaMode = 'none' | 'perUnit' | 'total';

export function quotaMode(q: Quotas[Channel]): QuotaMode {
  if (q?.perUnit !== undefined) return 'perUnit';
  if (q?.total !== undefined) return 'total';
  return 'none';
}

/** The sample target of a channel: perUnit × agencies, or the total; null without a quota. */
export function quotaTarget(q: Quotas[Channel], agencies: number): number | null {
  if (q?.perUnit !== undefined) return q.perUnit * agencies;
  if (q?.total !== undefined) return q.total;
  return null;
}

/** What a draft problem names: the field (as the server's paths) and a message key. */
export interface DraftProblem {
  field: string;
  key:
    | 'setup.problem.weight'
    | 'setup.problem.weightSum'
    | 'setup.problem.minN'
    | 'setup.problem.trim'
    | 'setup.problem.quota'
    | 'setup.problem.dates';
}

const nonNegative = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const count = (v: unknown) => nonNegative(v) && Number.isInteger(v);

export function groupProblems(groups: readonly GroupConfig[]): DraftProblem[] {
  const out: DraftProblem[] = [];
  groups.forEach((g, i) => {
    if (weighted(g) && !nonNegative(g.weight))
      out.push({ field: `groups.${i}.weight`, key: 'setup.problem.weight' });
    if (g.minN !== undefined && !count(g.minN))
      out.push({ field: `groups.${i}.minN`, key: 'setup.problem.minN' });
    const trim = g.trim;
    if (trim && 'count' in trim && !count(trim.count))
      out.push({ field: `groups.${i}.trim`, key: 'setup.problem.trim' });
    if (trim && 'fraction' in trim && !(nonNegative(trim.fraction) && trim.fraction < 0.5))
      out.push({ field: `groups.${i}.trim`, key: 'setup.problem.trim' });
  });
  const sum = groups.filter(weighted).reduce((s, g) => s + (nonNegative(g.weight) ? (g.weight ?? 0) : 0), 0);
  if (groups.some(weighted) && sum <= 0) out.push({ field: 'groups', key: 'setup.problem.weightSum' });
  return out;
}

export function quotaProblems(quotas: Quotas): DraftProblem[] {
  return CHANNEL_LIST.flatMap((c) => {
    const q = quotas[c];
    const v = q?.perUnit ?? q?.total;
    return q && v !== undefined && !count(v)
      ? [{ field: `quotas.${c}`, key: 'setup.problem.quota' as const }]
      : [];
  });
}

/** Dates as YYYY-MM-DD compare as text; an end before its start is the one problem. */
export function scheduleProblems(schedule: Schedule): DraftProblem[] {
  return CHANNEL_LIST.flatMap((c) => {
    const w = schedule[c];
    return w?.start && w.end && w.end < w.start
      ? [{ field: `schedule.${c}`, key: 'setup.problem.dates' as const }]
      : [];
  });
}

/** Drops empty entries (a channel without quota or dates) so that the saved file stays tidy. */
export function tidy<T extends object>(
  record: Partial<Record<Channel, T>>,
): Partial<Record<Channel, T>> | undefined {
  const kept = Object.entries(record).filter(
    ([, v]) => v && Object.values(v).some((x) => x !== undefined && x !== ''),
  );
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}
