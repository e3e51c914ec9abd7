/**
 * HTTP submissions of survey responses (SPEC §4.7): each is validated on its own, with the
 * importer's checks, then queued for the group-commit writer, and answered only after the
 * transaction holding it has committed (SQLite WAL with synchronous=FULL, PostgreSQL with
 * synchronous_commit on: the commit has reached the disk). One instance per server process;
 * `close()` writes what is queued.
 */
import type { DbHandle } from '../../db/create-db.js';
import type { NewResponse } from '../import/responses.js';
import type { ResponseSubmission, SubmissionReceipt } from '../../shared/api/responses.js';
import { groupCommit } from './group-commit.js';
import { lookupCache } from './lookup-cache.js';
import { storeBatch, type SubmissionJob, type SubmissionOutcome } from './store-batch.js';
import { pendingOfSubmission } from './to-pending.js';

/** The most submissions in one transaction: large enough for 100+ concurrent clients, small enough to answer fast. */
export const MAX_BATCH = 512;

export interface SubmitRequest {
  assessmentId: string;
  /** who submits, for the audit log */
  actor: string;
  idempotencyKey: string | undefined;
  body: ResponseSubmission;
}

export interface Submissions {
  /** Stores one response; 201 when this call stored it, 200 when it was stored already. Throws the 4xx KpError otherwise. */
  submit(req: SubmitRequest): Promise<{ status: 201 | 200; receipt: SubmissionReceipt }>;
  /** Writes what is queued; later submissions are refused. */
  close(): Promise<void>;
}

export function createSubmissions(
  handle: DbHandle,
  now: () => Date,
  opts: { maxBatch?: number } = {},
): Submissions {
  const cache = lookupCache();
  const writer = groupCommit<SubmissionJob, SubmissionOutcome>(
    (jobs) => storeBatch(handle, cache, jobs, now().toISOString()),
    { maxBatch: opts.maxBatch ?? MAX_BATCH },
  );
  return {
    async submit(req) {
      // validated before it is queued: an invalid submission never reaches (or fails) a batch
      let checked = await cache.get(handle.db, req.assessmentId);
      let response: NewResponse;
      try {
        response = pendingOfSubmission(checked.lookup, req.body);
      } catch (e) {
        // refused by a cached lookup: an agency or configuration added since may accept it
        const now = await cache.fresh(handle.db, req.assessmentId);
        if (now.stamp === checked.stamp) throw e;
        checked = now;
        response = pendingOfSubmission(checked.lookup, req.body);
      }
      const outcome = await writer.push({ ...req, response, checked });
      if (outcome.status === 'error') throw outcome.error;
      return outcome;
    },
    close: () => writer.close(),
  };
}
