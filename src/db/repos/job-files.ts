/**
 * Repository of the files of import jobs (job_files): the upload is stored with its job, read by
 * whichever runner claims the job, and deleted when the job ends.
 */
import type { Db } from './common.js';

export interface JobFile {
  jobId: number;
  fileName: string;
  data: Buffer;
}

export async function insertJobFile(db: Db, f: JobFile, createdAt: string): Promise<void> {
  await db
    .insertInto('job_files')
    .values({ job_id: f.jobId, file_name: f.fileName, data: f.data, created_at: createdAt })
    .execute();
}

export async function readJobFile(db: Db, jobId: number): Promise<JobFile | undefined> {
  const r = await db.selectFrom('job_files').selectAll().where('job_id', '=', jobId).executeTakeFirst();
  return r && { jobId: r.job_id, fileName: r.file_name, data: Buffer.from(r.data) };
}

export async function deleteJobFile(db: Db, jobId: number): Promise<void> {
  await db.deleteFrom('job_files').where('job_id', '=', jobId).execute();
}

/** Whether a job still has its file (tests and the retry check). */
export async function hasJobFile(db: Db, jobId: number): Promise<boolean> {
  const r = await db.selectFrom('job_files').select('job_id').where('job_id', '=', jobId).executeTakeFirst();
  return r !== undefined;
}
