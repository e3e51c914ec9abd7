/**
 * Repository of HTTP submissions: the receipts of stored responses, the Idempotency-Keys
 * (schema.ts SubmissionKeyTable) and the cheap version stamp an assessment's cached
 * validation lookup is checked against.
 */
import { sql } from 'kysely';
import type { Db } from './common.js';

/** What a stored response answers a submission with. */
export interface StoredReceipt {
  responseId: string;
  contentHash: string;
  createdAt: string;
}

/** A stored Idempotency-Key: the response it named and that body's content hash. */
export interface StoredKey {
  responseId: string;
  contentHash: string;
}

/** Receipts of the given response ids, for those that are stored. */
export async function storedReceipts(
  db: Db,
  assessmentId: string,
  ids: readonly string[],
): Promise<Map<string, StoredReceipt>> {
  const out = new Map<string, StoredReceipt>();
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db
      .selectFrom('responses')
      .select(['response_id', 'content_hash', 'created_at'])
      .where('assessment_id', '=', assessmentId)
      .where('response_id', 'in', ids.slice(i, i + 5000))
      .execute();
    for (const r of rows)
      out.set(r.response_id, {
        responseId: r.response_id,
        contentHash: r.content_hash,
        createdAt: r.created_at,
      });
  }
  return out;
}

/** The stored Idempotency-Keys among `keys`. */
export async function submissionKeys(
  db: Db,
  assessmentId: string,
  keys: readonly string[],
): Promise<Map<string, StoredKey>> {
  const out = new Map<string, StoredKey>();
  for (let i = 0; i < keys.length; i += 5000) {
    const rows = await db
      .selectFrom('submission_keys')
      .select(['idem_key', 'response_id', 'content_hash'])
      .where('assessment_id', '=', assessmentId)
      .where('idem_key', 'in', keys.slice(i, i + 5000))
      .execute();
    for (const r of rows) out.set(r.idem_key, { responseId: r.response_id, contentHash: r.content_hash });
  }
  return out;
}

export async function insertSubmissionKeys(
  db: Db,
  assessmentId: string,
  rows: readonly { key: string; responseId: string; contentHash: string }[],
  now: string,
): Promise<void> {
  // at most one batch of submissions (a few hundred rows × 5 columns): one statement
  if (rows.length === 0) return;
  await db
    .insertInto('submission_keys')
    .values(
      rows.map((r) => ({
        assessment_id: assessmentId,
        idem_key: r.key,
        response_id: r.responseId,
        content_hash: r.contentHash,
        created_at: now,
      })),
    )
    .execute();
}

/**
 * A stamp that changes whenever what submissions are checked against changes: the
 * configuration (saveConfig sets updated_at) or the agencies (only ever added, so their count).
 * Undefined when the assessment does not exist.
 */
export async function assessmentStamp(db: Db, assessmentId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('assessments')
    .select([
      'updated_at',
      sql<number>`(select count(*) from units where units.assessment_id = assessments.id)`.as('n_units'),
    ])
    .where('id', '=', assessmentId)
    .executeTakeFirst();
  return row ? `${row.updated_at}|${Number(row.n_units)}` : undefined;
}
