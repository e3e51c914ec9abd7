/**
 * The report model (报告模型): what a Word report shows, built from the tables of one results
 * snapshot and the configuration — no number is computed here that `analyze` did not compute,
 * only picked, sorted and compared (an item against the all-agency mean of that item), so a
 * report equals the snapshot by construction. Pure: the service reads, this shapes, the writers print.
 */
import { isFirmGroup, type AssessmentConfig } from './config.js';
import { cleanCommentsByUnit, COMMENT_CHARS, representativeComments } from './comment-examples.js';

/** A stored cell (shared/api/result-tables.ts StoredCell). */
export type Cell = string | number | null;
export type Row = Record<string, Cell>;

/** The snapshot tables a report reads, as objects keyed by column; absent tables are empty. */
export type ReportTables = Partial<
  Record<
    | 'response_validity'
    | 'unit_group_scores'
    | 'item_scores'
    | 'unit_results'
    | 'phone_rates'
    | 'summary'
    | 'unit_keywords'
    | 'rank_intervals',
    Row[]
  >
>;

/** 整改 — a rectification item of an agency (filled by the rectification module). */
export interface RectificationItem {
  title: string;
  status: string;
  measures?: string;
  dueDate?: string;
}

export interface ReportInput {
  config: AssessmentConfig;
  snapshot: { id: number; createdAt: string };
  tables: ReportTables;
  /** open comments: the responses they belong to and the agency they are about */
  comments: readonly { responseId: string; targetUnit: string | null; text: string }[];
  rectification: ReadonlyMap<string, readonly RectificationItem[]>;
}

export interface GroupLine {
  code: string;
  name: string;
  weight: number;
  nValid: number | null;
  nUsed: number | null;
  score: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  satisfactionRate: number | null;
}

export interface ItemLine {
  code: string;
  text: string;
  group: string;
  groupName: string;
  n: number | null;
  score: number;
  /** mean of this item's score over every agency that has one (same group) */
  mean: number;
  diff: number;
}

export interface AgencyReport {
  assessmentName: string;
  year: number;
  snapshotId: number;
  code: string;
  name: string;
  category: string;
  composite: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  compositeRate: number | null;
  rankInCategory: number | null;
  categorySize: number;
  rankOverall: number | null;
  rankedTotal: number;
  rankLow: number | null;
  rankHigh: number | null;
  daily: number | null;
  bonus: number | null;
  total: number | null;
  grade: string | null;
  groups: GroupLine[];
  /** every rating item with a score, in configuration order (the diagnostic chart) */
  items: ItemLine[];
  strongest: ItemLine[];
  weakest: ItemLine[];
  keywords: { keyword: string; count: number }[];
  comments: string[];
  rectification: RectificationItem[];
}

/** How many strongest/weakest items, keywords and comments a report shows. */
export const REPORT_LIMITS = { items: 5, keywords: 10, comments: 6, commentChars: COMMENT_CHARS } as const;

export const num = (v: Cell | undefined): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;
export const str = (v: Cell | undefined): string => (v === null || v === undefined ? '' : String(v));

const byUnit = (rows: readonly Row[] | undefined): Map<string, Row[]> => {
  const m = new Map<string, Row[]>();
  for (const r of rows ?? []) {
    const k = str(r.unit_code);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
};

/** Mean score of each (group, item) over the agencies that have one. */
function itemMeans(rows: readonly Row[]): Map<string, number> {
  const acc = new Map<string, { s: number; n: number }>();
  for (const r of rows) {
    const v = num(r.score);
    if (v === null) continue;
    const k = `${str(r.group)}\u0000${str(r.item)}`;
    const a = acc.get(k) ?? { s: 0, n: 0 };
    a.s += v;
    a.n += 1;
    acc.set(k, a);
  }
  return new Map([...acc].map(([k, a]) => [k, a.s / a.n]));
}

/** The comments of valid responses per agency, personal data masked, duplicates dropped. */
function commentsByUnit(input: ReportInput): Map<string, string[]> {
  const invalid = new Set(
    (input.tables.response_validity ?? []).filter((r) => num(r.valid) === 0).map((r) => str(r.response_id)),
  );
  return cleanCommentsByUnit(input.comments, (id) => !invalid.has(id));
}

/** One report per agency of the snapshot's unit_results, in its order. */
export function agencyReports(input: ReportInput): AgencyReport[] {
  const { config, tables } = input;
  const results = tables.unit_results ?? [];
  const groupsOf = byUnit(tables.unit_group_scores);
  const itemsOf = byUnit(tables.item_scores);
  const keywordsOf = byUnit(tables.unit_keywords);
  const intervalOf = byUnit(tables.rank_intervals);
  const means = itemMeans(tables.item_scores ?? []);
  const comments = commentsByUnit(input);
  const itemConf = new Map(config.items.map((it, i) => [it.code, { it, i }]));
  const groupConf = new Map(config.groups.map((g) => [g.code, g]));
  const ranked = results.filter((r) => num(r.rank_overall) !== null);
  const categorySize = new Map<string, number>();
  for (const r of ranked) categorySize.set(str(r.category), (categorySize.get(str(r.category)) ?? 0) + 1);

  return results.map((u) => {
    const code = str(u.unit_code);
    const groups: GroupLine[] = config.groups
      .filter((g) => !isFirmGroup(g))
      .flatMap((g) => {
        const r = (groupsOf.get(code) ?? []).find((x) => str(x.group) === g.code);
        if (!r) return [];
        return [
          {
            code: g.code,
            name: g.name ?? g.code,
            weight: g.weight ?? 0,
            nValid: num(r.n_valid),
            nUsed: num(r.n_used),
            score: num(r.score),
            ciLow: num(r.ci_low),
            ciHigh: num(r.ci_high),
            satisfactionRate: num(r.satisfaction_rate),
          },
        ];
      });
    const items: ItemLine[] = (itemsOf.get(code) ?? [])
      .flatMap((r) => {
        const score = num(r.score);
        const mean = means.get(`${str(r.group)}\u0000${str(r.item)}`);
        const conf = itemConf.get(str(r.item));
        if (score === null || mean === undefined || !conf) return [];
        const g = groupConf.get(str(r.group));
        const line = {
          code: conf.it.code,
          text: conf.it.text,
          group: str(r.group),
          groupName: g?.name ?? str(r.group),
          n: num(r.n),
          score,
          mean,
          diff: score - mean,
          order: conf.i,
        };
        return [line];
      })
      .sort((a, b) => a.order - b.order || a.group.localeCompare(b.group))
      .map(({ order: _order, ...line }) => line);
    const byDiff = [...items].sort((a, b) => b.diff - a.diff || a.code.localeCompare(b.code));
    const k = Math.min(REPORT_LIMITS.items, Math.floor(byDiff.length / 2));
    const keywords = (keywordsOf.get(code) ?? [])
      .slice(0, REPORT_LIMITS.keywords)
      .map((r) => ({ keyword: str(r.keyword), count: num(r.count) ?? 0 }));
    const interval = intervalOf.get(code)?.[0];
    return {
      assessmentName: config.name,
      year: config.year,
      snapshotId: input.snapshot.id,
      code,
      name: str(u.unit_name),
      category: str(u.category),
      composite: num(u.composite),
      ciLow: num(u.ci_low),
      ciHigh: num(u.ci_high),
      compositeRate: num(u.composite_rate),
      rankInCategory: num(u.rank_in_category),
      categorySize: categorySize.get(str(u.category)) ?? 0,
      rankOverall: num(u.rank_overall),
      rankedTotal: ranked.length,
      rankLow: num(interval?.rank_low),
      rankHigh: num(interval?.rank_high),
      daily: num(u.daily),
      bonus: num(u.bonus),
      total: num(u.total),
      grade: str(u.grade) || null,
      groups,
      items,
      strongest: byDiff.slice(0, k),
      weakest: byDiff.slice(byDiff.length - k).reverse(),
      keywords,
      comments: representativeComments(
        comments.get(code) ?? [],
        keywords.map((w) => w.keyword),
        REPORT_LIMITS.comments,
      ),
      rectification: [...(input.rectification.get(code) ?? [])],
    };
  });
}
