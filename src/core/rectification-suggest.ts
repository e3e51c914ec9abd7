/**
 * Suggested rectification items from one results snapshot: per agency, its weakest items (the
 * largest shortfalls against the all-agency mean of the same item in the same group), every item
 * whose score is below the satisfied line, and its most frequent comment keywords. The office
 * edits them by hand before saving; nothing here is stored. Pure: the numbers come in as rows.
 */

/** A row of item_scores (SPEC §4.6): score on the scale's 0–100 points, null when not applicable. */
export interface ItemScoreRow {
  unitCode: string;
  group: string;
  item: string;
  n: number | null;
  score: number | null;
}

/** A row of unit_keywords: a keyword of an agency's comments and how often it occurs. */
export interface KeywordRow {
  unitCode: string;
  keyword: string;
  count: number;
}

export interface SuggestOptions {
  /** how many of the largest negative gaps per agency (default 3) */
  weakest?: number | undefined;
  /** the score of the lowest satisfied rating (scale.scores[satisfiedAtLeast]); null: none */
  satisfiedScore?: number | null | undefined;
  /** how many keywords per agency (default 3) */
  keywords?: number | undefined;
  /** a keyword must occur at least this often (default 2: one mention is not a pattern) */
  minKeywordCount?: number | undefined;
  /** display names: an item's text and a group's name (default: the codes) */
  itemText?: (item: string) => string;
  groupName?: (group: string) => string;
}

export type SuggestionReason = 'below_mean' | 'below_satisfied' | 'keyword';

export interface Suggestion {
  unitCode: string;
  title: string;
  /** which item or keyword, and its numbers, in the office's words */
  basis: string;
  reasons: SuggestionReason[];
  /** `item:<group>:<item>` or `keyword:<keyword>`: stable, for de-duplication */
  key: string;
}

const fmt = (x: number) => x.toFixed(2);
/** code-point order: the same on every machine (localeCompare of Chinese depends on ICU data) */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const key = (group: string, item: string) => `${group}\u0000${item}`;

/** The unweighted mean over agencies of each (group, item)'s score, as the console's diagnostics. */
export function itemMeans(rows: readonly ItemScoreRow[]): Map<string, number> {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const r of rows) {
    if (r.score === null || !Number.isFinite(r.score)) continue;
    const s = sums.get(key(r.group, r.item)) ?? { sum: 0, n: 0 };
    s.sum += r.score;
    s.n += 1;
    sums.set(key(r.group, r.item), s);
  }
  return new Map([...sums].map(([k, s]) => [k, s.sum / s.n]));
}

interface Gap {
  row: ItemScoreRow & { score: number };
  mean: number;
  gap: number;
}

function itemSuggestions(
  own: readonly ItemScoreRow[],
  means: Map<string, number>,
  o: Required<SuggestOptions>,
): Suggestion[] {
  const gaps: Gap[] = [];
  for (const r of own) {
    const mean = means.get(key(r.group, r.item));
    if (r.score === null || !Number.isFinite(r.score) || mean === undefined) continue;
    gaps.push({ row: { ...r, score: r.score }, mean, gap: r.score - mean });
  }
  gaps.sort((a, b) => a.gap - b.gap || cmp(a.row.item, b.row.item) || cmp(a.row.group, b.row.group));
  const weakest = new Set(gaps.filter((g) => g.gap < 0).slice(0, o.weakest));
  const line = o.satisfiedScore;
  const out: Suggestion[] = [];
  for (const g of gaps) {
    const reasons: SuggestionReason[] = [];
    if (weakest.has(g)) reasons.push('below_mean');
    if (line !== null && g.row.score < line) reasons.push('below_satisfied');
    if (!reasons.length) continue;
    const name = `“${o.itemText(g.row.item)}”（${o.groupName(g.row.group)}）`;
    const parts = [`${name}得分 ${fmt(g.row.score)}，全部单位均值 ${fmt(g.mean)}，差 ${fmt(g.gap)}`];
    if (line !== null && g.row.score < line) parts.push(`低于满意线 ${fmt(line)}`);
    if (g.row.n !== null) parts.push(`样本 ${g.row.n}`);
    out.push({
      unitCode: g.row.unitCode,
      title: `提升${name}满意度`,
      basis: parts.join('；'),
      reasons,
      key: `item:${g.row.group}:${g.row.item}`,
    });
  }
  return out;
}

function keywordSuggestions(own: readonly KeywordRow[], o: Required<SuggestOptions>): Suggestion[] {
  return own
    .filter((k) => k.count >= o.minKeywordCount)
    .sort((a, b) => b.count - a.count || cmp(a.keyword, b.keyword))
    .slice(0, o.keywords)
    .map((k) => ({
      unitCode: k.unitCode,
      title: `回应意见建议中的“${k.keyword}”问题`,
      basis: `意见建议关键词“${k.keyword}”出现 ${k.count} 次`,
      reasons: ['keyword'],
      key: `keyword:${k.keyword}`,
    }));
}

/**
 * Suggestions for the agencies `units` (in that order): item suggestions weakest first, then
 * keyword suggestions most frequent first. The means are over every agency in `items`.
 */
export function suggestRectification(
  units: readonly string[],
  items: readonly ItemScoreRow[],
  keywords: readonly KeywordRow[],
  options: SuggestOptions = {},
): Suggestion[] {
  const o: Required<SuggestOptions> = {
    weakest: options.weakest ?? 3,
    satisfiedScore: options.satisfiedScore ?? null,
    keywords: options.keywords ?? 3,
    minKeywordCount: options.minKeywordCount ?? 2,
    itemText: options.itemText ?? ((i) => i),
    groupName: options.groupName ?? ((g) => g),
  };
  const means = itemMeans(items);
  return units.flatMap((u) => [
    ...itemSuggestions(
      items.filter((r) => r.unitCode === u),
      means,
      o,
    ),
    ...keywordSuggestions(
      keywords.filter((k) => k.unitCode === u),
      o,
    ),
  ]);
}
