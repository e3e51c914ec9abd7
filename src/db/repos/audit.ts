/** The audit log: who did what, when. */
import type { Db } from './common.js';

export async function audit(
  db: Db,
  entry: { actor: string; action: string; assessmentId: string | null; details: unknown },
  now: string,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: now,
      actor: entry.actor,
      action: entry.action,
      assessment_id: entry.assessmentId,
      details: JSON.stringify(entry.details),
    })
    .execute();
}
