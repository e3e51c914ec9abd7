/**
 * Repository of background jobs. A job is claimed with one conditional UPDATE … RETURNING
 * (claimNextJob), the same statement on both engines: when two runners race for the same row,
 * PostgreSQL makes the second wait for the first's row lock and then re-checks
 * `status = 'queued'` on the updated row, so it gets nothing; SQLite serialises writers. Every
 * later write of a running job names its worker, so a runner whose job was failed meanwhile
 * (its heartbeat had stopped) cannot overwrite that outcome.
 */
import type { Selectable } from 'kysely';
import type { JobTable } from '../schema.js';
import type { Db } from './common.js';

export type JobRow = Selectable<JobTable>;

export interface NewJob {
  kind: string;
  assessmentId: string;
  params: string;
  createdBy: string;
  createdAt: string;
  retryOf?: number | null;
}

export async function insertJob(db: Db, j: NewJob): Promise<JobRow> {
  return db
    .insertInto('jobs')
    .values({
      kind: j.kind,
      assessment_id: j.assessmentId,
      params: j.params,
      status: 'queued',
      progress: 0,
      message: null,
      result: null,
      error: null,
      created_by: j.createdBy,
      created_at: j.createdAt,
      started_at: null,
      finished_at: null,
      heartbeat_at: null,
      worker: null,
      retry_of: j.retryOf ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findJob(db: Db, id: number): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The newest jobs of an assessment first. */
export async function listJobs(db: Db, assessmentId: string, limit: number): Promise<JobRow[]> {
  return db
    .selectFrom('jobs')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Claims the oldest queued job for `worker`, atomically; undefined when none is left (or another runner won it). */
export async function claimNextJob(db: Db, worker: string, now: string): Promise<JobRow | undefined> {
  return db
    .updateTable('jobs')
    .set({ status: 'running', worker, started_at: now, heartbeat_at: now, message: 'started' })
    .where('id', '=', (eb) =>
      eb.selectFrom('jobs').select('id').where('status', '=', 'queued').orderBy('id').limit(1),
    )
    .where('status', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
}

/** Records progress and beats the heartbeat; false when the job is no longer this worker's. */
export async function updateJobProgress(
  db: Db,
  id: number,
  worker: string,
  p: { progress?: number; message?: string; now: string },
): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({
      heartbeat_at: p.now,
      ...(p.progress === undefined ? {} : { progress: p.progress }),
      ...(p.message === undefined ? {} : { message: p.message }),
    })
    .where('id', '=', id)
    .where('worker', '=', worker)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Ends a running job of this worker; false when it was not (any longer) this worker's. */
export async function finishJob(
  db: Db,
  id: number,
  worker: string,
  f: {
    status: 'succeeded' | 'failed';
    result: string | null;
    error: string | null;
    message: string;
    now: string;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({
      status: f.status,
      result: f.result,
      error: f.error,
      message: f.message,
      finished_at: f.now,
      heartbeat_at: f.now,
      ...(f.status === 'succeeded' ? { progress: 1 } : {}),
    })
    .where('id', '=', id)
    .where('worker', '=', worker)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Fails every running job whose heartbeat is older than `before` (its runner stopped); returns their ids. */
export async function failAbandonedJobs(
  db: Db,
  before: string,
  reason: string,
  now: string,
): Promise<number[]> {
  const rows = await db
    .updateTable('jobs')
    .set({ status: 'failed', error: reason, message: 'failed', finished_at: now })
    .where('status', '=', 'running')
    .where((eb) => eb.or([eb('heartbeat_at', '<', before), eb('heartbeat_at', 'is', null)]))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The jobs of these assessments a live view must show: queued or running, or finished since
 * `since` (so the stream sees the last step of a job that ended between two polls).
 */
export async function liveJobs(db: Db, assessmentIds: readonly string[], since: string): Promise<JobRow[]> {
  if (assessmentIds.length === 0) return [];
  return db
    .selectFrom('jobs')
    .selectAll()
    .where('assessment_id', 'in', assessmentIds)
    .where((eb) => eb.or([eb('status', 'in', ['queued', 'running']), eb('finished_at', '>=', since)]))
    .orderBy('id')
    .execute();
}
