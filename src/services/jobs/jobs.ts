/**
 * Background jobs as use cases: start one (queued in the database, run by whichever server's
 * runner claims it first), read one or an assessment's list, retry a failed one (a new job with
 * the same parameters). Creating and retrying are audited: their results change scores.
 */
import { assessmentExists } from '../../db/repos/assessments.js';
import { audit } from '../../db/repos/audit.js';
import { findJob, insertJob, listJobs as listRows, type JobRow } from '../../db/repos/jobs.js';
import { insertJobFile } from '../../db/repos/job-files.js';
import type { ImportWhat, Job, JobKind, JobList, JobStatus } from '../../shared/api/jobs.js';
import { KpError } from '../../shared/errors.js';
import type { Role } from '../../shared/roles.js';
import type { ServiceContext } from '../context.js';
import { JOB_KINDS } from './kinds.js';

type Ctx = Pick<ServiceContext, 'handle' | 'now' | 'actor'>;

const parseObject = (s: string | null): Record<string, unknown> | null =>
  s === null ? null : (JSON.parse(s) as Record<string, unknown>);

/** A job row as the API shows it. */
export function toJob(r: JobRow): Job {
  return {
    id: r.id,
    kind: r.kind as JobKind,
    assessmentId: r.assessment_id,
    params: parseObject(r.params) ?? {},
    status: r.status as JobStatus,
    progress: Number(r.progress),
    message: r.message,
    result: parseObject(r.result),
    error: r.error,
    createdBy: r.created_by,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    heartbeatAt: r.heartbeat_at,
    retryOf: r.retry_of,
  };
}

/** 404 unless the assessment exists (before a stream of its events starts, say). */
export async function requireAssessment(ctx: Pick<Ctx, 'handle'>, assessmentId: string): Promise<void> {
  if (!(await assessmentExists(ctx.handle.db, assessmentId)))
    throw new KpError('KP_NOT_FOUND', `assessment "${assessmentId}" does not exist`);
}

/** Queues a job of `kind` with its parameters (validated now, so a bad one never queues). */
export async function enqueueJob(
  ctx: Ctx,
  kind: JobKind,
  assessmentId: string,
  rawParams: unknown,
  retryOf: number | null = null,
  file: Buffer | null = null,
): Promise<Job> {
  await requireAssessment(ctx, assessmentId);
  const params = JOB_KINDS[kind].parse(rawParams);
  const at = ctx.now().toISOString();
  const row = await ctx.handle.db.transaction().execute(async (trx) => {
    const job = await insertJob(trx, {
      kind,
      assessmentId,
      params: JSON.stringify(params),
      createdBy: ctx.actor,
      createdAt: at,
      retryOf,
    });
    // the upload is stored with its job, in one transaction: a runner never claims a job without it
    if (file !== null)
      await insertJobFile(trx, { jobId: job.id, fileName: String(params.fileName), data: file }, at);
    await audit(
      trx,
      {
        actor: ctx.actor,
        action: retryOf === null ? 'job.create' : 'job.retry',
        assessmentId,
        details: { jobId: job.id, kind, params, retryOf, ...(file ? { bytes: file.length } : {}) },
      },
      at,
    );
    return job;
  });
  return toJob(row);
}

/** Starts an analysis of the assessment as a job: it stores a results snapshot. */
export async function startAnalysis(
  ctx: Ctx,
  assessmentId: string,
  params: { replicates?: number | undefined; seed?: number | undefined },
): Promise<Job> {
  return enqueueJob(ctx, 'analysis', assessmentId, params);
}

/** Starts the generation of the Word reports (and PDFs when asked and available) as a job. */
export async function startReports(ctx: Ctx, assessmentId: string, params: { pdf?: boolean }): Promise<Job> {
  return enqueueJob(ctx, 'report', assessmentId, params);
}

/**
 * Starts an import of responses, phone cases or scores from an uploaded file as a job (the
 * file is stored with it until the job ends).
 */
export async function startImport(
  ctx: Ctx,
  assessmentId: string,
  what: ImportWhat,
  fileName: string,
  bytes: Buffer,
): Promise<Job> {
  if (bytes.length === 0)
    throw new KpError('KP_BAD_REQUEST', 'send the file itself as the request body (.csv or .xlsx)');
  return enqueueJob(ctx, 'import', assessmentId, { what, fileName }, null, bytes);
}

async function requireJob(ctx: Pick<Ctx, 'handle'>, assessmentId: string, id: number): Promise<JobRow> {
  const row = await findJob(ctx.handle.db, id);
  // another assessment's job is "not found" here: its id says nothing to this caller
  if (!row || row.assessment_id !== assessmentId)
    throw new KpError('KP_NOT_FOUND', `assessment "${assessmentId}" has no job ${id}`);
  return row;
}

/**
 * Whether `role` may see `job`. A supervisor (督导) manages the phone sample (SPEC §2) and sees
 * its imports of phone cases only, not the analyses, reports or other imports of the office and
 * the firm; the policy lets supervisors reach the job routes, this decides per job. A null role
 * is the process itself (the CLI, the runner, a test): it sees everything.
 */
export function jobVisibleTo(role: Role | null, job: Pick<Job, 'kind' | 'params'>): boolean {
  return role !== 'supervisor' || (job.kind === 'import' && job.params.what === 'cases');
}

/** Job `id` of the assessment, as `role` may see it (403 for a supervisor and another kind). */
export async function getJob(
  ctx: Pick<Ctx, 'handle'>,
  assessmentId: string,
  id: number,
  role: Role | null = null,
): Promise<Job> {
  const job = toJob(await requireJob(ctx, assessmentId, id));
  if (!jobVisibleTo(role, job))
    throw new KpError(
      'KP_FORBIDDEN',
      `job ${id} is not an import of phone cases: supervisors see those only`,
    );
  return job;
}

/** The newest 100 jobs of an assessment (of those `role` may see). */
export async function listJobs(
  ctx: Pick<Ctx, 'handle'>,
  assessmentId: string,
  role: Role | null = null,
): Promise<JobList> {
  await requireAssessment(ctx, assessmentId);
  const jobs = (await listRows(ctx.handle.db, assessmentId, 100)).map(toJob);
  return { jobs: jobs.filter((j) => jobVisibleTo(role, j)) };
}

/** Runs a failed job again: a new job with the same kind and parameters. */
export async function retryJob(ctx: Ctx, assessmentId: string, id: number): Promise<Job> {
  const row = await requireJob(ctx, assessmentId, id);
  if (row.status !== 'failed')
    throw new KpError('KP_CONFLICT', `job ${id} is ${row.status}: only a failed job can be retried`);
  if (row.kind === 'import')
    throw new KpError('KP_CONFLICT', `job ${id} is an import: its file is not kept, upload the file again`);
  return enqueueJob(ctx, row.kind as JobKind, assessmentId, JSON.parse(row.params), row.id);
}
