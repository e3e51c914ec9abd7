/**
 * `kaoping analyze`: loads an assessment, runs the scoring method once (core/analyze.ts) and
 * writes the result files of SPEC §4.6, plus keywords and rank intervals.
 */
import fs from 'node:fs';
import path from 'node:path';
import { analyze } from '../../core/analyze.js';
import type { AnalysisInput, AnalysisResult } from '../../core/analysis-types.js';
import { createRng } from '../../core/random.js';
import { stringAt } from '../../core/response-table.js';
import { DEFAULT_REPLICATES, rankIntervals } from '../../core/rank-intervals.js';
import type { ScanResult } from '../../core/scan.js';
import { type Db } from '../../db/repos/common.js';
import { loadComments } from '../../db/repos/responses.js';
import { writeCsv } from '../export/csv-write.js';
import { inputsFingerprint } from '../results/fingerprint.js';
import { storeSnapshot, type StoredSnapshot } from '../results/store.js';
import { loadAnalysisInput } from './analysis-input.js';
import { targetsCsvFor, targetsCsvText } from '../targets/targets.js';
import { writeValidityCsv } from './validity-csv.js';
import { ScanPipeline } from './parallel-scan.js';
import { unitKeywords, type UnitKeyword } from './keywords.js';
import { resultTables, validityTable, type ResultTable } from './result-tables.js';

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
  /** called as the work goes on, with a fraction 0..1 and what it is doing (jobs) */
  onProgress?: ((fraction: number, message: string) => void) | undefined;
  /** store the run as a results snapshot, by whom (runAnalysis; omitted or false: files only) */
  snapshot?: SnapshotOptions | false | undefined;
}

export interface SnapshotOptions {
  actor: string;
  now: () => Date;
  /** the job that runs the analysis, if one does */
  jobId?: number | null | undefined;
}

export interface AnalysisOutput {
  /** the file names written */
  files: string[];
  /** the stored snapshot, unless none was asked for */
  snapshot: StoredSnapshot | null;
}

export interface AnalysisTimings {
  load: number;
  analyze: number;
  write: number;
  /** storing the snapshot (0 without one) */
  store?: number;
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

/** The tables of one run, ready to be written as files and stored as a snapshot. */
export interface AnalysedTables {
  run: AnalysisRun & { threads: number };
  /** response_validity (written by its own fast path as a file) */
  validity: ResultTable;
  /** the other tables, in file order */
  tables: ResultTable[];
  /** the inputs' fingerprint, taken before they were read (see inputsFingerprint) */
  fingerprint: string;
  params: { replicates: number; seed: number };
}

/**
 * Loads, analyses and builds every §4.6 table. The fingerprint is taken before the inputs are
 * read: data arriving meanwhile makes the snapshot look stale (it may be), never fresh when not.
 */
export async function analyseTables(
  db: Db,
  assessmentId: string,
  opts: AnalysisOptions = {},
): Promise<AnalysedTables> {
  const t0 = performance.now();
  let t1 = 0;
  const progress = opts.onProgress ?? (() => undefined);
  progress(0, 'reading the data');
  const fingerprint = await inputsFingerprint(db, assessmentId);
  const run = await computeAnalysis(db, assessmentId, opts.threads, () => {
    t1 = performance.now();
    progress(0.4, 'scoring');
  });
  const t2 = performance.now();
  progress(0.5, 'keywords from the comments');
  const keywords = await keywordRows(db, assessmentId, run);
  const replicates = opts.replicates ?? DEFAULT_REPLICATES;
  const seed = opts.seed ?? 1;
  let intervals = null;
  if (replicates > 0) {
    progress(0.6, `rank intervals (${replicates} bootstrap replicates)`);
    intervals = rankIntervals(run.input, { replicates, rng: createRng(seed) }, run.scan);
  }
  if (opts.timings)
    Object.assign(opts.timings, { load: (t1 - t0) / 1000, analyze: (t2 - t1) / 1000, threads: run.threads });
  return {
    run,
    validity: validityTable(run.input.responses.responseId, run.result.validity),
    tables: resultTables(run.result, keywords, intervals),
    fingerprint,
    params: { replicates, seed },
  };
}

/** Stores the tables of a run as a results snapshot (see services/results/store.ts). */
export async function storeRun(
  db: Db,
  assessmentId: string,
  a: AnalysedTables,
  by: SnapshotOptions,
): Promise<StoredSnapshot> {
  return storeSnapshot(db, {
    assessmentId,
    actor: by.actor,
    now: by.now(),
    fingerprint: a.fingerprint,
    params: a.params,
    tables: [a.validity, ...a.tables],
    jobId: by.jobId,
  });
}

/**
 * Writes every result file into dir (created if needed) and, when opts.snapshot says who runs
 * it, stores the same tables as a results snapshot.
 */
export async function runAnalysis(
  db: Db,
  assessmentId: string,
  dir: string,
  opts: AnalysisOptions = {},
): Promise<AnalysisOutput> {
  const a = await analyseTables(db, assessmentId, opts);
  const t2 = performance.now();
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  writeValidityCsv(
    path.join(dir, 'response_validity.csv'),
    a.run.input.responses.responseId,
    a.run.result.validity,
  );
  files.push('response_validity.csv');
  for (const t of a.tables) {
    const name = `${t.name}.csv`;
    writeCsv(path.join(dir, name), t.columns, t.rowsAt(0, t.nRows));
    files.push(name);
  }
  if (await writeTargetsCsv(db, assessmentId, dir, a)) files.push('targets.csv');
  const t3 = performance.now();
  const snapshot = opts.snapshot ? await storeRun(db, assessmentId, a, opts.snapshot) : null;
  if (opts.timings)
    Object.assign(opts.timings, { write: (t3 - t2) / 1000, store: (performance.now() - t3) / 1000 });
  return { files, snapshot };
}

/**
 * targets.csv (SPEC §4.6) when the assessment has a target sheet: its actuals from this run's
 * summary. Not part of the results snapshot: expenditures and hand judgements change without a
 * new run, so the console computes the same rows live (services/targets).
 */
async function writeTargetsCsv(
  db: Db,
  assessmentId: string,
  dir: string,
  a: AnalysedTables,
): Promise<boolean> {
  const summary = a.tables.find((t) => t.name === 'summary');
  const rows = await targetsCsvFor(db, assessmentId, summary ? summary.rowsAt(0, summary.nRows) : []);
  if (rows === null) return false;
  fs.writeFileSync(path.join(dir, 'targets.csv'), targetsCsvText(rows));
  return true;
}

/** Keywords from the open comments of valid responses, per agency rated. */
async function keywordRows(db: Db, assessmentId: string, run: AnalysisRun): Promise<UnitKeyword[]> {
  const comments = await loadComments(db, assessmentId);
  if (comments.length === 0) return [];
  const invalid = new Set<string>();
  const { n, responseId } = run.input.responses;
  const { valid } = run.result.validity;
  for (let i = 0; i < n; i++) if (!valid[i]) invalid.add(stringAt(responseId, i));
  return unitKeywords(
    comments
      .filter((c) => c.target_unit !== null && !invalid.has(c.response_id))
      .map((c) => ({ unitCode: c.target_unit!, text: c.text })),
  );
}
