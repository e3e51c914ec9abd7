/**
 * The tables of a results snapshot: the §4.6 files `kaoping analyze` writes, by name, in the
 * order it writes them. A snapshot stores exactly the rows of those files.
 */
export const RESULT_TABLES = [
  'response_validity',
  'unit_group_scores',
  'item_scores',
  'unit_results',
  'phone_rates',
  'summary',
  'unit_keywords',
  'rank_intervals',
] as const;
export type ResultTableName = (typeof RESULT_TABLES)[number];

/** A stored cell: a number, a text, or null for an empty cell (not applicable). */
export type StoredCell = string | number | null;
