/**
 * The table of job kinds: each kind parses its parameters and runs. The compiler checks that
 * every name of JOB_KIND_NAMES has its handler; an import or a report batch is one more entry.
 */
import type { DbHandle } from '../../db/create-db.js';
import type { JobKind } from '../../shared/api/jobs.js';
import { KpError } from '../../shared/errors.js';
import { analyseTables, storeRun } from '../analyze/analyze.js';
import type { SecretBox } from '../crypto.js';
import { importJob } from './import-job.js';

/** What a running job gets: the database, the clock, who started it, and its progress report. */
export interface JobContext {
  handle: DbHandle;
  now: () => Date;
  jobId: number;
  assessmentId: string;
  /** who created the job: the actor of what it stores */
  actor: string;
  /** the key for personal data, where the runner has one (the server's does) */
  secrets?: (() => SecretBox) | undefined;
  /** a fraction 0..1 and what it is doing; written to the job row (throttled) */
  progress(fraction: number, message: string): void;
}

export interface JobKindSpec<P> {
  /** validated parameters from the stored JSON (throws a KpError on bad input) */
  parse(raw: unknown): P;
  /** runs the job; what it returns is the job's result */
  run(ctx: JobContext, params: P): Promise<Record<string, unknown>>;
}

export interface JobHandler {
  parse(raw: unknown): Record<string, unknown>;
  run(ctx: JobContext, raw: unknown): Promise<Record<string, unknown>>;
}

const handler = <P extends Record<string, unknown>>(k: JobKindSpec<P>): JobHandler => ({
  parse: (raw) => k.parse(raw),
  run: (ctx, raw) => k.run(ctx, k.parse(raw)),
});

export interface AnalysisJobParams extends Record<string, unknown> {
  replicates: number;
  seed: number;
}

function intParam(o: Record<string, unknown>, name: string, dflt: number, max: number): number {
  const v = o[name] ?? dflt;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > max)
    throw new KpError('KP_VALIDATION', { field: name, why: `expected an integer 0–${max}` });
  return v;
}

const analysis = handler<AnalysisJobParams>({
  parse(raw) {
    const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    return {
      replicates: intParam(o, 'replicates', 1000, 100_000),
      seed: intParam(o, 'seed', 1, 2 ** 31 - 1),
    };
  },
  async run(ctx, params) {
    const db = ctx.handle.db;
    const tables = await analyseTables(db, ctx.assessmentId, {
      ...params,
      onProgress: (f, m) => ctx.progress(f * 0.9, m),
    });
    ctx.progress(0.9, 'storing the results snapshot');
    const stored = await storeRun(db, ctx.assessmentId, tables, {
      actor: ctx.actor,
      now: ctx.now,
      jobId: ctx.jobId,
    });
    return { snapshotId: stored.id, sizeBytes: stored.sizeBytes };
  },
});

/**
 * The Word reports (and PDFs when LibreOffice is present) of the assessment, generated into a
 * private temporary folder and kept in report_files, from where the console serves them.
 */
const report = handler<{ pdf: boolean }>({
  parse(raw) {
    const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const pdf = o.pdf ?? false;
    if (typeof pdf !== 'boolean')
      throw new KpError('KP_VALIDATION', { field: 'pdf', why: 'expected true or false' });
    return { pdf };
  },
  async run(ctx, params) {
    const { generateReportFiles } = await import('../reports/reports.js');
    const out = await generateReportFiles(ctx, ctx.assessmentId, params.pdf, (f, m) => ctx.progress(f, m));
    return {
      snapshotId: out.snapshotId,
      analysed: out.analysed,
      files: out.files.length,
      pdfSkipped: out.pdfSkipped,
    };
  },
});

export const JOB_KINDS: Record<JobKind, JobHandler> = { analysis, report, import: handler(importJob) };
