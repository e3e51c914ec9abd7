/**
 * Prominent problems from open comments: per-agency keywords by TF-IDF over jieba segmentation.
 *
 * jieba (`@node-rs/jieba`, offline default dictionary) only segments; filtering and weighting are
 * done here, because the library's own keyword extractor uses a general-corpus IDF and its
 * `stopWords` option throws.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { STOPWORDS_ZH } from './stopwords-zh.js';

export interface UnitComment {
  unitCode: string;
  text: string;
}

export interface UnitKeyword {
  unitCode: string;
  keyword: string;
  /** occurrences of the keyword in the agency's comments (after segmentation) */
  count: number;
  /** TF-IDF weight, see {@link unitKeywords} */
  weight: number;
}

export interface UnitKeywordsOptions {
  /** keywords per agency; a non-negative integer, default 10 */
  topN?: number;
}

const DEFAULT_TOP_N = 10;

let jieba: Jieba | undefined;

/** The jieba instance, created on first use (loading the dictionary takes ~150 ms). */
function getJieba(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** Contains at least one letter (any script, so Han characters count). */
const HAS_LETTER = /\p{L}/u;

/**
 * Segments `text` with jieba (HMM on, so unknown words such as 卡顿 stay whole) and returns the
 * tokens worth counting, in order. Text is NFKC-normalized first (full-width ＡＰＰ１２ → APP12)
 * and tokens are lower-cased (APP and app are one term). Dropped: whitespace-only tokens,
 * single characters, tokens without any letter (punctuation, digits, numbers such as 2024 or
 * 3.5, emoji) and stop words ({@link STOPWORDS_ZH}). Mixed tokens such as `5g` are kept.
 */
export function segmentWords(text: string): string[] {
  const normalized = text.normalize('NFKC');
  if (normalized.trim() === '') return [];
  const out: string[] = [];
  for (const raw of getJieba().cut(normalized, true)) {
    const token = raw.trim().toLowerCase();
    if (token === '') continue;
    if ([...token].length < 2) continue;
    if (!HAS_LETTER.test(token)) continue;
    if (STOPWORDS_ZH.has(token)) continue;
    out.push(token);
  }
  return out;
}

/** Code-unit order: deterministic and locale-independent. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Top keywords of each agency's open comments.
 *
 * All comments of one agency (unitCode) form one document; each comment is segmented on its own
 * with {@link segmentWords}, so words never join across comments. With
 *
 * - `count(t,d)` = occurrences of term t in agency d, `len(d)` = total kept tokens of d,
 * - `N` = number of agencies with at least one kept token (agencies whose comments are empty or
 *   only stop words are not documents, so they neither produce rows nor shift the IDF),
 * - `df(t)` = number of those agencies whose comments contain t,
 *
 * the weight is the smoothed TF-IDF
 *
 *     weight(t,d) = count(t,d) / len(d) × (ln((1 + N) / (1 + df(t))) + 1)
 *
 * The `+1`s keep the IDF positive: a word used by every agency still ranks by frequency, while a
 * word particular to one agency is boosted. With a single agency the IDF is 1 for every term.
 *
 * Returns at most `topN` (default 10) rows per agency, ordered by weight descending, then count
 * descending, then keyword ascending; agencies come in ascending unitCode order. String order is
 * by UTF-16 code unit (not locale), so the result depends only on the input multiset.
 */
export function unitKeywords(
  comments: readonly UnitComment[],
  opts: UnitKeywordsOptions = {},
): UnitKeyword[] {
  const topN = opts.topN ?? DEFAULT_TOP_N;
  if (!Number.isInteger(topN) || topN < 0) {
    throw new RangeError(`topN must be a non-negative integer, got ${topN}`);
  }

  const termCounts = new Map<string, Map<string, number>>();
  const lengths = new Map<string, number>();
  for (const { unitCode, text } of comments) {
    const tokens = segmentWords(text);
    if (tokens.length === 0) continue;
    let counts = termCounts.get(unitCode);
    if (counts === undefined) {
      counts = new Map();
      termCounts.set(unitCode, counts);
    }
    for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    lengths.set(unitCode, (lengths.get(unitCode) ?? 0) + tokens.length);
  }

  const df = new Map<string, number>();
  for (const counts of termCounts.values()) {
    for (const t of counts.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const n = termCounts.size;

  const rows: UnitKeyword[] = [];
  const units = [...termCounts.keys()].sort(compareStrings);
  for (const unitCode of units) {
    const counts = termCounts.get(unitCode)!;
    const len = lengths.get(unitCode)!;
    const scored: UnitKeyword[] = [];
    for (const [keyword, count] of counts) {
      const idf = Math.log((1 + n) / (1 + (df.get(keyword) ?? 0))) + 1;
      scored.push({ unitCode, keyword, count, weight: (count / len) * idf });
    }
    scored.sort((a, b) => b.weight - a.weight || b.count - a.count || compareStrings(a.keyword, b.keyword));
    rows.push(...scored.slice(0, topN));
  }
  return rows;
}
