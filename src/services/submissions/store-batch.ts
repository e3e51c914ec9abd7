/**
 * One group-commit batch of validated submissions, written in one durable transaction. Under
 * each assessment's write lock it decides every submission's own outcome against what is
 * stored (and what earlier submissions of the same batch store): new → created; the same
 * Idempotency-Key or response_id with the same content → the stored receipt; with other
 * content → a 409. Only the new ones are written, as one answer block per assessment.
 */
import type { DbHandle } from '../../db/create-db.js';
import type { Db } from '../../db/repos/common.js';
import { audit } from '../../db/repos/audit.js';
import {
  assessmentStamp,
  insertSubmissionKeys,
  storedReceipts,
  submissionKeys,
  type StoredReceipt,
} from '../../db/repos/submissions.js';
import { KpError } from '../../shared/errors.js';
import type { ResponseSubmission, SubmissionReceipt } from '../../shared/api/responses.js';
import { writeResponses, type NewResponse } from '../import/responses.js';
import type { LookupCache, StampedLookup } from './lookup-cache.js';
import { pendingOfSubmission } from './to-pending.js';

/** A submission checked against `checked`, waiting for its batch. */
export interface SubmissionJob {
  assessmentId: string;
  actor: string;
  idempotencyKey: string | undefined;
  body: ResponseSubmission;
  response: NewResponse;
  checked: StampedLookup;
}

export type SubmissionOutcome =
  { status: 201 | 200; receipt: SubmissionReceipt } | { status: 'error'; error: KpError };

const receiptOf = (assessmentId: string, r: StoredReceipt): SubmissionReceipt => ({
  assessment_id: assessmentId,
  response_id: r.responseId,
  content_hash: r.contentHash,
  created_at: r.createdAt,
});

const conflict = (field: string, why: string): SubmissionOutcome => ({
  status: 'error',
  error: new KpError('KP_CONFLICT', { field, why }),
});

/** Jobs by assessment, in a fixed (sorted) order so that two writers never lock in opposite orders. */
function byAssessment(jobs: readonly SubmissionJob[]): [string, number[]][] {
  const m = new Map<string, number[]>();
  jobs.forEach((j, i) => {
    const list = m.get(j.assessmentId);
    if (list) list.push(i);
    else m.set(j.assessmentId, [i]);
  });
  return [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Re-checks jobs validated against an older configuration or agency list than the one in the
 * transaction: the configuration may have changed between the check and the commit.
 */
async function recheck(
  trx: Db,
  cache: LookupCache,
  assessmentId: string,
  stamp: string,
  jobs: readonly SubmissionJob[],
  out: (SubmissionOutcome | undefined)[],
  idx: readonly number[],
): Promise<StampedLookup> {
  const stale = idx.filter((i) => jobs[i]!.checked.stamp !== stamp);
  if (stale.length === 0) return jobs[idx[0]!]!.checked;
  const fresh = await cache.rebuild(trx, assessmentId, stamp);
  for (const i of stale) {
    try {
      jobs[i]!.response = pendingOfSubmission(fresh.lookup, jobs[i]!.body);
    } catch (e) {
      if (!(e instanceof KpError)) throw e;
      out[i] = { status: 'error', error: e };
    }
  }
  return fresh;
}

/** Stores one assessment's part of a batch; fills `out` for its jobs. */
async function storeAssessment(
  handle: DbHandle,
  trx: Db,
  cache: LookupCache,
  assessmentId: string,
  jobs: readonly SubmissionJob[],
  idx: readonly number[],
  out: (SubmissionOutcome | undefined)[],
  now: string,
): Promise<void> {
  await handle.ops.lockAssessment(trx, assessmentId);
  const stamp = await assessmentStamp(trx, assessmentId);
  if (stamp === undefined) {
    for (const i of idx)
      out[i] = {
        status: 'error',
        error: new KpError('KP_NOT_FOUND', `assessment "${assessmentId}" does not exist`),
      };
    return;
  }
  const { lookup } = await recheck(trx, cache, assessmentId, stamp, jobs, out, idx);
  const live = idx.filter((i) => out[i] === undefined);
  const stored = await storedReceipts(
    trx,
    assessmentId,
    live.map((i) => jobs[i]!.body.response_id),
  );
  const keys = await submissionKeys(
    trx,
    assessmentId,
    live.flatMap((i) => jobs[i]!.idempotencyKey ?? []),
  );
  const fresh: NewResponse[] = [];
  const newKeys: { key: string; responseId: string; contentHash: string }[] = [];
  const actors = new Map<string, string[]>();
  for (const i of live) {
    const j = jobs[i]!;
    const id = j.response.p.resp.responseId;
    const hash = j.response.hash;
    const key = j.idempotencyKey;
    const known = key === undefined ? undefined : keys.get(key);
    if (known) {
      const same = known.responseId === id && known.contentHash === hash ? stored.get(id) : undefined;
      out[i] = same
        ? { status: 200, receipt: receiptOf(assessmentId, same) }
        : conflict(
            'Idempotency-Key',
            `this Idempotency-Key was used for another body (response "${known.responseId}")`,
          );
      continue;
    }
    const s = stored.get(id);
    if (s && s.contentHash !== hash) {
      out[i] = conflict('response_id', `response "${id}" is already stored with different content`);
      continue;
    }
    const receipt = s ?? { responseId: id, contentHash: hash, createdAt: now };
    if (!s) {
      stored.set(id, receipt);
      fresh.push(j.response);
      actors.set(j.actor, [...(actors.get(j.actor) ?? []), id]);
    }
    if (key !== undefined) {
      keys.set(key, { responseId: id, contentHash: hash });
      newKeys.push({ key, responseId: id, contentHash: hash });
    }
    out[i] = { status: s ? 200 : 201, receipt: receiptOf(assessmentId, receipt) };
  }
  await writeResponses(trx, assessmentId, fresh, { config: lookup.config, unitOrder: lookup.unitOrder, now });
  await insertSubmissionKeys(trx, assessmentId, newKeys, now);
  for (const [actor, ids] of actors)
    await audit(
      trx,
      { actor, action: 'submit.responses', assessmentId, details: { added: ids.length, responseIds: ids } },
      now,
    );
}

/** Writes one batch in one transaction; every job gets its own outcome. */
export async function storeBatch(
  handle: DbHandle,
  cache: LookupCache,
  jobs: readonly SubmissionJob[],
  now: string,
): Promise<SubmissionOutcome[]> {
  const out: (SubmissionOutcome | undefined)[] = jobs.map(() => undefined);
  await handle.ops.writeTransaction(handle.db, async (trx) => {
    for (const [assessmentId, idx] of byAssessment(jobs))
      await storeAssessment(handle, trx, cache, assessmentId, jobs, idx, out, now);
  });
  return out.map((o) => o ?? { status: 'error', error: new KpError('KP_INTERNAL', 'no outcome') });
}
