/**
 * `kaoping analyze`: loads an assessment, runs the scoring method once (core/analyze.ts) and
 * writes the result files of SPEC §4.6, plus keywords and rank intervals.
 */
import fs from 'node:fs';
import path from 'node:path';
import { analyze } from '../../core/analyze.js';
import {
  AAPOR_COUNTS,
  AAPOR_RATES,
  type AnalysisInput,
  type AnalysisResult,
} from '../../core/analysis-types.js';
import { createRng } from '../../core/random.js';
import { stringAt } from '../../core/response-table.js';
import { DEFAULT_REPLICATES, rankIntervals } from '../../core/rank-intervals.js';
import type { ScanResult } from '../../core/scan.js';
import { type Db } from '../../db/repos/common.js';
import { loadComments } from '../../db/repos/responses.js';
import { writeCsv, type Cell } from '../export/csv-write.js';
import { loadAnalysisInput } from './analysis-input.js';
import { writeValidityCsv } from './validity-csv.js';
import { ScanPipeline } from './parallel-scan.js';
import { unitKeywords } from './keywords.js';

export interface AnalysisOptions {
  /** bootstrap replicates for rank_intervals.csv (default 1,000; 0 skips the file) */
  replicates?: number | undefined;
  /** seed of the bootstrap's random numbers (default 1) */
  seed?: number | undefined;
  /**
   * threads for the pass over the answers (default: one for assessments under 1,000,000
   * answers, else one per core up to 4)
   */
  threads?: number | undefined;
  /** when given, filled with the seconds spent loading, analysing and writing (benchmarks) */
  timings?: AnalysisTimings | undefined;
}

export interface AnalysisTimings {
  load: number;
  analyze: number;
  write: number;
  /** threads the pass over the answers ran on */
  threads: number;
}

export interface AnalysisRun {
  input: AnalysisInput;
  result: AnalysisResult;
  /** the pass over the answers that result comes from (the bootstrap reuses it) */
  scan: ScanResult;
}

/**
 * Loads an assessment and runs the method, the pass over the answers on `threads` threads
 * (see AnalysisOptions.threads) while the blocks are read.
 */
export async function computeAnalysis(
  db: Db,
  assessmentId: string,
  threads?: number,
  loaded?: () => void,
): Promise<AnalysisRun & { threads: number }> {
  const pass = new ScanPipeline(threads);
  const input = await loadAnalysisInput(db, assessmentId, pass);
  loaded?.();
  const { scan, threads: used } = await pass.finish(input.responses);
  return { input, result: analyze(input, scan), scan, threads: used };
}

/** Writes every result file into dir (created if needed); returns the file names. */
export async function runAnalysis(
  db: Db,
  assessmentId: string,
  dir: string,
  opts: AnalysisOptions = {},
): Promise<string[]> {
  const t0 = performance.now();
  let t1 = 0;
  const run = await computeAnalysis(db, assessmentId, opts.threads, () => (t1 = performance.now()));
  const { input } = run;
  const t2 = performance.now();
  const { result } = run;
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const write = (name: string, header: string[], rows: Iterable<readonly Cell[]>) => {
    writeCsv(path.join(dir, name), header, rows);
    written.push(name);
  };
  writeValidityCsv(path.join(dir, 'response_validity.csv'), input.responses.responseId, result.validity);
  written.push('response_validity.csv');
  write(
    'unit_group_scores.csv',
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
  );
  write(
    'item_scores.csv',
    ['unit_code', 'group', 'item', 'n', 'score'],
    result.itemScores.map((r) => [r.unitCode, r.group, r.item, r.n, r.score]),
  );
  write(
    'unit_results.csv',
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
  );
  write(
    'phone_rates.csv',
    ['scope', ...AAPOR_COUNTS, 'e', ...AAPOR_RATES],
    result.phoneRates.map((r) => [
      r.scope,
      ...AAPOR_COUNTS.map((k) => r.counts[k]),
      r.e,
      ...AAPOR_RATES.map((k) => r.rates[k]),
    ]),
  );
  write('summary.csv', ['metric', 'value'], result.summary);
  write(
    'unit_keywords.csv',
    ['unit_code', 'keyword', 'count', 'weight'],
    await keywordRows(db, assessmentId, run),
  );
  const replicates = opts.replicates ?? DEFAULT_REPLICATES;
  if (replicates > 0) {
    const intervals = rankIntervals(run.input, { replicates, rng: createRng(opts.seed ?? 1) }, run.scan);
    write(
      'rank_intervals.csv',
      ['unit_code', 'rank_overall', 'rank_low', 'rank_high'],
      intervals.map((r) => [r.unitCode, r.rankOverall, r.rankLow, r.rankHigh]),
    );
  }
  if (opts.timings) {
    const t3 = performance.now();
    Object.assign(opts.timings, {
      load: (t1 - t0) / 1000,
      analyze: (t2 - t1) / 1000,
      write: (t3 - t2) / 1000,
      threads: run.threads,
    });
  }
  return written;
}

/** Keywords from the open comments of valid responses, per agency rated. */
async function keywordRows(db: Db, assessmentId: string, run: AnalysisRun): Promise<Cell[][]> {
  const comments = await loadComments(db, assessmentId);
  if (comments.length === 0) return [];
  const invalid = new Set<string>();
  const { n, responseId } = run.input.responses;
  const { valid } = run.result.validity;
  for (let i = 0; i < n; i++) if (!valid[i]) invalid.add(stringAt(responseId, i));
  const rows = unitKeywords(
    comments
      .filter((c) => c.target_unit !== null && !invalid.has(c.response_id))
      .map((c) => ({ unitCode: c.target_unit!, text: c.text })),
  );
  return rows.map((r) => [r.unitCode, r.keyword, r.count, r.weight]);
}
