/**
 * `kaoping analyze`: loads an assessment, runs the scoring method once (core/analyze.ts) and
 * writes the result files of SPEC §4.6, plus keywords and rank intervals.
 */
import fs from 'node:fs';
import path from 'node:path';
import { analyze } from '../core/analyze.js';
import {
  AAPOR_COUNTS,
  AAPOR_RATES,
  REASON_CODES,
  type AnalysisInput,
  type AnalysisResult,
} from '../core/analysis-types.js';
import { createRng } from '../core/random.js';
import { DEFAULT_REPLICATES, rankIntervals } from '../core/rank-intervals.js';
import { loadComments, type Db } from '../db/repo.js';
import { csvCell, csvLine, writeCsv, type Cell } from './csv-write.js';
import { loadAnalysisInput } from './analysis-input.js';
import { unitKeywords } from './keywords.js';

export interface AnalysisOptions {
  /** bootstrap replicates for rank_intervals.csv (default 1,000; 0 skips the file) */
  replicates?: number | undefined;
  /** seed of the bootstrap's random numbers (default 1) */
  seed?: number | undefined;
  /** when given, filled with the seconds spent loading, analysing and writing (benchmarks) */
  timings?: AnalysisTimings | undefined;
}

export interface AnalysisTimings {
  load: number;
  analyze: number;
  write: number;
}

export interface AnalysisRun {
  input: AnalysisInput;
  result: AnalysisResult;
}

export async function computeAnalysis(db: Db, assessmentId: string): Promise<AnalysisRun> {
  const input = await loadAnalysisInput(db, assessmentId);
  return { input, result: analyze(input) };
}

function reasonText(bits: number): string {
  let s = '';
  for (const [bit, code] of REASON_CODES) if (bits & bit) s += (s ? ';' : '') + code;
  return s;
}

const ESCAPE = /^[=+\-@\t\r]|[",\r\n]/; // csvCell would neutralise or quote such an id

/**
 * response_validity.csv, one line per response: written as text in large chunks rather than
 * through writeCsv, since a million responses would otherwise cost a million row arrays.
 */
function writeValidityCsv(file: string, run: AnalysisRun): void {
  const { responseId } = run.input.responses;
  const { valid, reasons } = run.result.validity;
  const reasonTexts = Array.from({ length: 16 }, (_, bits) => reasonText(bits));
  const fd = fs.openSync(file, 'w');
  try {
    let buf = '\uFEFF' + csvLine(['response_id', 'valid', 'reasons']);
    for (let i = 0; i < responseId.length; i++) {
      const id = responseId[i]!;
      buf += (ESCAPE.test(id) ? csvCell(id) : id) + (valid[i] ? ',1,' : ',0,') + reasonTexts[reasons[i]! & 15]! + '\n';
      if (buf.length > 1 << 20) {
        fs.writeSync(fd, buf);
        buf = '';
      }
    }
    fs.writeSync(fd, buf);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes every result file into dir (created if needed); returns the file names. */
export async function runAnalysis(db: Db, assessmentId: string, dir: string, opts: AnalysisOptions = {}): Promise<string[]> {
  const t0 = performance.now();
  const input = await loadAnalysisInput(db, assessmentId);
  const t1 = performance.now();
  const run: AnalysisRun = { input, result: analyze(input) };
  const t2 = performance.now();
  const { result } = run;
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const write = (name: string, header: string[], rows: Iterable<readonly Cell[]>) => {
    writeCsv(path.join(dir, name), header, rows);
    written.push(name);
  };
  writeValidityCsv(path.join(dir, 'response_validity.csv'), run);
  written.push('response_validity.csv');
  write(
    'unit_group_scores.csv',
    ['unit_code', 'group', 'n_valid', 'n_used', 'score', 'sd', 'ci_low', 'ci_high', 'satisfaction_rate'],
    result.unitGroupScores.map((r) => [r.unitCode, r.group, r.nValid, r.nUsed, r.score, r.sd, r.ciLow, r.ciHigh, r.satisfactionRate]),
  );
  write(
    'item_scores.csv',
    ['unit_code', 'group', 'item', 'n', 'score'],
    result.itemScores.map((r) => [r.unitCode, r.group, r.item, r.n, r.score]),
  );
  write(
    'unit_results.csv',
    [
      'unit_code', 'unit_name', 'category', 'composite', 'ci_low', 'ci_high', 'composite_rate',
      'rank_in_category', 'rank_overall', 'daily', 'bonus', 'total', 'grade',
    ],
    result.unitResults.map((r) => [
      r.unitCode, r.unitName, r.category, r.composite, r.ciLow, r.ciHigh, r.compositeRate,
      r.rankInCategory, r.rankOverall, r.daily, r.bonus, r.total, r.grade,
    ]),
  );
  write(
    'phone_rates.csv',
    ['scope', ...AAPOR_COUNTS, 'e', ...AAPOR_RATES],
    result.phoneRates.map((r) => [r.scope, ...AAPOR_COUNTS.map((k) => r.counts[k]), r.e, ...AAPOR_RATES.map((k) => r.rates[k])]),
  );
  write('summary.csv', ['metric', 'value'], result.summary);
  write('unit_keywords.csv', ['unit_code', 'keyword', 'count', 'weight'], await keywordRows(db, assessmentId, run));
  const replicates = opts.replicates ?? DEFAULT_REPLICATES;
  if (replicates > 0) {
    const intervals = rankIntervals(run.input, { replicates, rng: createRng(opts.seed ?? 1) });
    write(
      'rank_intervals.csv',
      ['unit_code', 'rank_overall', 'rank_low', 'rank_high'],
      intervals.map((r) => [r.unitCode, r.rankOverall, r.rankLow, r.rankHigh]),
    );
  }
  if (opts.timings) {
    const t3 = performance.now();
    Object.assign(opts.timings, { load: (t1 - t0) / 1000, analyze: (t2 - t1) / 1000, write: (t3 - t2) / 1000 });
  }
  return written;
}

/** Keywords from the open comments of valid responses, per agency rated. */
async function keywordRows(db: Db, assessmentId: string, run: AnalysisRun): Promise<Cell[][]> {
  const comments = await loadComments(db, assessmentId);
  if (comments.length === 0) return [];
  const invalid = new Set<string>();
  const { responseId } = run.input.responses;
  const { valid } = run.result.validity;
  for (let i = 0; i < responseId.length; i++) if (!valid[i]) invalid.add(responseId[i]!);
  const rows = unitKeywords(
    comments
      .filter((c) => c.target_unit !== null && !invalid.has(c.response_id))
      .map((c) => ({ unitCode: c.target_unit!, text: c.text })),
  );
  return rows.map((r) => [r.unitCode, r.keyword, r.count, r.weight]);
}
