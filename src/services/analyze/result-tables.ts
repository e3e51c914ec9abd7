/**
 * The §4.6 tables of one analysis run as columns and rows, built once: `kaoping analyze` writes
 * them as CSV files and the results snapshot stores the same rows, so a dashboard equals the
 * files by construction. response_validity is the one big table (a row per response): its rows
 * are made a range at a time from the response table, never all at once.
 */
import { AAPOR_COUNTS, AAPOR_RATES, REASON_CODES, type AnalysisResult } from '../../core/analysis-types.js';
import type { RankInterval } from '../../core/rank-intervals.js';
import { stringAt, type StringColumn } from '../../core/response-table.js';
import type { ResultTableName, StoredCell } from '../../shared/api/result-tables.js';
import type { Cell } from '../export/csv-write.js';
import type { UnitKeyword } from './keywords.js';

export interface ResultTable {
  name: ResultTableName;
  columns: readonly string[];
  nRows: number;
  /** rows from .. to-1 */
  rowsAt(from: number, to: number): Cell[][];
}

function fromRows(name: ResultTableName, columns: readonly string[], rows: Cell[][]): ResultTable {
  return { name, columns, nRows: rows.length, rowsAt: (from, to) => rows.slice(from, to) };
}

const reasonTexts = Array.from({ length: 16 }, (_, bits) =>
  REASON_CODES.filter(([bit]) => bits & bit)
    .map(([, code]) => code)
    .join(';'),
);

/** response_validity: `response_id,valid,reasons` (valid 1/0, reasons `;`-joined). */
export function validityTable(ids: StringColumn, validity: AnalysisResult['validity']): ResultTable {
  const n = ids.offsets.length - 1;
  return {
    name: 'response_validity',
    columns: ['response_id', 'valid', 'reasons'],
    nRows: n,
    rowsAt(from, to) {
      const out: Cell[][] = [];
      for (let i = from; i < Math.min(to, n); i++)
        out.push([stringAt(ids, i), validity.valid[i] ? 1 : 0, reasonTexts[validity.reasons[i]! & 15]!]);
      return out;
    },
  };
}

/** Every table but response_validity, in the order of the files; rank_intervals when computed. */
export function resultTables(
  result: AnalysisResult,
  keywords: readonly UnitKeyword[],
  intervals: readonly RankInterval[] | null,
): ResultTable[] {
  const tables = [
    fromRows(
      'unit_group_scores',
      ['unit_code', 'group', 'n_valid', 'n_used', 'score', 'sd', 'ci_low', 'ci_high', 'satisfaction_rate'],
      result.unitGroupScores.map((r) => [
        r.unitCode,
        r.group,
        r.nValid,
        r.nUsed,
        r.score,
        r.sd,
        r.ciLow,
        r.ciHigh,
        r.satisfactionRate,
      ]),
    ),
    fromRows(
      'item_scores',
      ['unit_code', 'group', 'item', 'n', 'score'],
      result.itemScores.map((r) => [r.unitCode, r.group, r.item, r.n, r.score]),
    ),
    fromRows(
      'unit_results',
      [
        'unit_code',
        'unit_name',
        'category',
        'composite',
        'ci_low',
        'ci_high',
        'composite_rate',
        'rank_in_category',
        'rank_overall',
        'daily',
        'bonus',
        'total',
        'grade',
      ],
      result.unitResults.map((r) => [
        r.unitCode,
        r.unitName,
        r.category,
        r.composite,
        r.ciLow,
        r.ciHigh,
        r.compositeRate,
        r.rankInCategory,
        r.rankOverall,
        r.daily,
        r.bonus,
        r.total,
        r.grade,
      ]),
    ),
    fromRows(
      'phone_rates',
      ['scope', ...AAPOR_COUNTS, 'e', ...AAPOR_RATES],
      result.phoneRates.map((r) => [
        r.scope,
        ...AAPOR_COUNTS.map((k) => r.counts[k]),
        r.e,
        ...AAPOR_RATES.map((k) => r.rates[k]),
      ]),
    ),
    fromRows('summary', ['metric', 'value'], result.summary),
    fromRows(
      'unit_keywords',
      ['unit_code', 'keyword', 'count', 'weight'],
      keywords.map((r) => [r.unitCode, r.keyword, r.count, r.weight]),
    ),
  ];
  if (intervals)
    tables.push(
      fromRows(
        'rank_intervals',
        ['unit_code', 'rank_overall', 'rank_low', 'rank_high'],
        intervals.map((r) => [r.unitCode, r.rankOverall, r.rankLow, r.rankHigh]),
      ),
    );
  return tables;
}

/** A cell as stored: what its CSV cell shows (a non-finite number or undefined is empty). */
export function storedCell(v: Cell): StoredCell {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return v;
}
