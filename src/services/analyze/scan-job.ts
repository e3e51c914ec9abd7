/**
 * One job of the parallel answer pass (see parallel-scan.ts), run by a worker thread
 * (scan-worker.ts) or by the main thread.
 */
import { scanRange, type ScanColumns, type ScanPart } from '../../core/scan.js';
import type { ScoringPlan } from '../../core/scoring-plan.js';
import { copyAnswers, type AnswerCopy } from '../../db/codec/answer-copy.js';

export interface ScanJob {
  columns: ScanColumns;
  plan: ScoringPlan;
  from: number;
  to: number;
  /** the answers of responses from .. to-1, to be copied into the table first */
  copies: AnswerCopy[];
}

/** Copies the job's answers into the table and scans its range. */
export function runScanJob(job: ScanJob): ScanPart {
  for (const c of job.copies) copyAnswers(job.columns, c);
  return scanRange(job.columns, job.plan, job.from, job.to, true);
}
