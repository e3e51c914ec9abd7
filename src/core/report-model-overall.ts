/**
 * The overall report's model (总报告): ranking tables per category, the score distribution,
 * channel statistics against the quotas, the AAPOR rates of all phone cases, data-quality
 * figures and the rectification status per agency — all read from the snapshot's tables.
 */
import { CHANNELS, type Channel } from './config.js';
import { num, str, type ReportInput, type Row } from './report-model.js';

export interface RankingRow {
  code: string;
  name: string;
  composite: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  compositeRate: number | null;
  rankInCategory: number | null;
  rankOverall: number | null;
  rankLow: number | null;
  rankHigh: number | null;
  total: number | null;
  grade: string | null;
}

export interface ChannelLine {
  channel: Channel;
  label: string;
  valid: number | null;
  /** the quota: total, or perUnit × agencies; null when none is set */
  target: number | null;
  share: number | null;
}

export interface OverallReport {
  assessmentName: string;
  year: number;
  snapshotId: number;
  snapshotCreatedAt: string;
  unitCount: number;
  rankedCount: number;
  categories: { name: string; rows: RankingRow[] }[];
  /** composite scores in bins of 2 points (ranked agencies) */
  distribution: { label: string; count: number }[];
  grades: { grade: string; count: number }[];
  summary: { metric: string; value: number | string | null }[];
  channels: ChannelLine[];
  aapor: { counts: { key: string; value: number | null }[]; rates: { key: string; value: number | null }[] };
  quality: {
    total: number;
    valid: number;
    invalid: number;
    reasons: { code: string; label: string; count: number }[];
  };
  rectification: {
    code: string;
    name: string;
    total: number;
    byStatus: { status: string; count: number }[];
  }[];
}

export const CHANNEL_LABELS: Record<Channel, string> = {
  phone: '电话访问',
  intercept: '现场拦截访问',
  online: '网络调查',
  peer: '机关互评',
};
export const REASON_LABELS: Record<string, string> = {
  incomplete: '未答完',
  too_fast: '用时过短',
  duplicate: '重复作答',
  straightline: '答案雷同',
};
const COUNT_KEYS = ['I', 'P', 'R', 'NC', 'O', 'UH', 'UO', 'NE'];
const RATE_KEYS = ['e', 'RR1', 'RR2', 'RR3', 'RR4', 'RR5', 'RR6', 'COOP1', 'COOP3', 'REF1', 'CON1'];

function rankingRows(results: readonly Row[], intervals: readonly Row[]): RankingRow[] {
  const iv = new Map(intervals.map((r) => [str(r.unit_code), r]));
  return results.map((u) => ({
    code: str(u.unit_code),
    name: str(u.unit_name),
    composite: num(u.composite),
    ciLow: num(u.ci_low),
    ciHigh: num(u.ci_high),
    compositeRate: num(u.composite_rate),
    rankInCategory: num(u.rank_in_category),
    rankOverall: num(u.rank_overall),
    rankLow: num(iv.get(str(u.unit_code))?.rank_low),
    rankHigh: num(iv.get(str(u.unit_code))?.rank_high),
    total: num(u.total),
    grade: str(u.grade) || null,
  }));
}

/** Ranked agencies first by rank in category, then the unranked ones by code. */
const byRank = (a: RankingRow, b: RankingRow) =>
  (a.rankInCategory ?? Infinity) - (b.rankInCategory ?? Infinity) || a.code.localeCompare(b.code);

function distribution(rows: readonly RankingRow[]): { label: string; count: number }[] {
  const scores = rows.map((r) => r.composite).filter((v): v is number => v !== null);
  if (scores.length === 0) return [];
  const lo = Math.floor(Math.min(...scores) / 2) * 2;
  const hi = Math.floor(Math.max(...scores) / 2) * 2;
  const bins = [];
  for (let b = lo; b <= hi; b += 2)
    bins.push({ label: `${b}–${b + 2}`, count: scores.filter((s) => s >= b && s < b + 2).length });
  return bins;
}

function channels(input: ReportInput, summary: Map<string, Cell>, units: number): ChannelLine[] {
  const quotas = input.config.quotas ?? {};
  const used = new Set(input.config.groups.flatMap((g) => g.channels));
  return CHANNELS.filter((c) => used.has(c)).map((c) => {
    const q = quotas[c];
    const target = q?.total ?? (q?.perUnit !== undefined ? q.perUnit * units : null);
    const valid = num(summary.get(`valid_${c}`));
    return {
      channel: c,
      label: CHANNEL_LABELS[c],
      valid,
      target,
      share: valid !== null && target ? valid / target : null,
    };
  });
}
type Cell = Row[string];

function quality(rows: readonly Row[]): OverallReport['quality'] {
  const counts = new Map<string, number>();
  let valid = 0;
  for (const r of rows) {
    if (num(r.valid) === 1) valid++;
    for (const code of str(r.reasons).split(';'))
      if (code !== '') counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return {
    total: rows.length,
    valid,
    invalid: rows.length - valid,
    reasons: Object.keys(REASON_LABELS).map((code) => ({
      code,
      label: REASON_LABELS[code]!,
      count: counts.get(code) ?? 0,
    })),
  };
}

export function overallReport(input: ReportInput): OverallReport {
  const { config, tables } = input;
  const results = tables.unit_results ?? [];
  const rows = rankingRows(results, tables.rank_intervals ?? []);
  const categoryNames = [...new Set(rows.map((_, i) => str(results[i]!.category)))];
  const categories = categoryNames.map((name) => ({
    name,
    rows: rows.filter((_, i) => str(results[i]!.category) === name).sort(byRank),
  }));
  const summaryRows = tables.summary ?? [];
  const summary = new Map(summaryRows.map((r) => [str(r.metric), r.value ?? null]));
  const all = (tables.phone_rates ?? []).find((r) => str(r.scope) === 'ALL');
  const gradeNames = config.total?.grades.map((g) => g.grade) ?? [];
  return {
    assessmentName: config.name,
    year: config.year,
    snapshotId: input.snapshot.id,
    snapshotCreatedAt: input.snapshot.createdAt,
    unitCount: rows.length,
    rankedCount: rows.filter((r) => r.rankOverall !== null).length,
    categories,
    distribution: distribution(rows),
    grades: gradeNames.map((grade) => ({ grade, count: rows.filter((r) => r.grade === grade).length })),
    summary: summaryRows.map((r) => ({ metric: str(r.metric), value: r.value ?? null })),
    channels: channels(input, summary, rows.length),
    aapor: {
      counts: COUNT_KEYS.map((key) => ({ key, value: num(all?.[key]) })),
      rates: RATE_KEYS.map((key) => ({ key, value: num(all?.[key]) })),
    },
    quality: quality(tables.response_validity ?? []),
    rectification: rows.map((r) => {
      const list = input.rectification.get(r.code) ?? [];
      const byStatus = new Map<string, number>();
      for (const it of list) byStatus.set(it.status, (byStatus.get(it.status) ?? 0) + 1);
      return {
        code: r.code,
        name: r.name,
        total: list.length,
        byStatus: [...byStatus].map(([status, count]) => ({ status, count })),
      };
    }),
  };
}
