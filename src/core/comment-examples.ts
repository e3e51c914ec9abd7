/**
 * Example comments (代表性意见): the comments of valid responses with personal data masked, and
 * the representative ones among them — those mentioning the most keywords first, then the longer
 * ones. One implementation for the Word reports (report-model.ts) and the agency page (the unit
 * view, services/results/unit-views.ts), so both quote the same comments.
 */
import { maskPersonalData } from './report-model-text.js';

/** How long a quoted comment may be (longer ones are cut). */
export const COMMENT_CHARS = 200;

export interface RawComment {
  responseId: string;
  targetUnit: string | null;
  text: string;
}

/**
 * The comments of valid responses per agency, personal data masked, cut to COMMENT_CHARS,
 * empty and repeated ones dropped. `counts(id)` says whether a response's comment may be quoted
 * (a valid response of the snapshot).
 */
export function cleanCommentsByUnit(
  comments: readonly RawComment[],
  counts: (responseId: string) => boolean,
): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const c of comments) {
    if (c.targetUnit === null || !counts(c.responseId)) continue;
    const text = maskPersonalData(c.text.trim()).slice(0, COMMENT_CHARS);
    if (text === '') continue;
    const list = m.get(c.targetUnit) ?? [];
    if (!list.includes(text)) list.push(text);
    m.set(c.targetUnit, list);
  }
  return m;
}

/**
 * Representative comments: those mentioning the most of `keywords` first, then the longer ones,
 * then the earlier; at most `limit`.
 * @example representativeComments(['很好', '排队久，窗口少'], ['排队', '窗口'], 1) // ['排队久，窗口少']
 */
export function representativeComments(
  texts: readonly string[],
  keywords: readonly string[],
  limit: number,
): string[] {
  const scored = texts.map((t, i) => ({ t, i, k: keywords.filter((w) => t.includes(w)).length }));
  scored.sort((a, b) => b.k - a.k || b.t.length - a.t.length || a.i - b.i);
  return scored.slice(0, limit).map((s) => s.t);
}

export interface KeywordExamples {
  keyword: string;
  /** how many of the agency's quotable comments contain the keyword */
  total: number;
  /** the representative ones among them (ranked against all the agency's keywords) */
  comments: string[];
}

/** For each keyword, the representative comments that contain it. */
export function keywordExamples(
  texts: readonly string[],
  keywords: readonly string[],
  perKeyword: number,
): KeywordExamples[] {
  return keywords.map((keyword) => {
    const having = texts.filter((t) => t.includes(keyword));
    return { keyword, total: having.length, comments: representativeComments(having, keywords, perKeyword) };
  });
}
