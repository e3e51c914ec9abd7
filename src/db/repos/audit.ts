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

export interface AuditFilter {
  assessmentId?: string;
  actor?: string;
  action?: string;
  /** ISO instants, from inclusive, to exclusive (the stored `at` is an ISO instant in UTC) */
  from?: string;
  to?: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  assessmentId: string | null;
  details: unknown;
}

/** One page of the audit log, newest first, and how many entries pass the filter in all. */
export async function listAudit(
  db: Db,
  filter: AuditFilter,
  page: { offset: number; limit: number },
): Promise<{ entries: AuditEntry[]; total: number }> {
  let q = db.selectFrom('audit_log');
  if (filter.assessmentId !== undefined) q = q.where('assessment_id', '=', filter.assessmentId);
  if (filter.actor !== undefined) q = q.where('actor', '=', filter.actor);
  if (filter.action !== undefined) q = q.where('action', '=', filter.action);
  if (filter.from !== undefined) q = q.where('at', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('at', '<', filter.to);
  const counted = await q
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .executeTakeFirst();
  const rows = await q
    .selectAll()
    // by time (a restored or hand-dated entry sits where it happened), then as written
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return {
    total: Number(counted?.n ?? 0),
    entries: rows.map((r) => ({
      id: Number(r.id),
      at: r.at,
      actor: r.actor,
      action: r.action,
      assessmentId: r.assessment_id,
      details: parseDetails(r.details),
    })),
  };
}

/** The stored JSON; a row written by hand that is not JSON is shown as its text. */
function parseDetails(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
