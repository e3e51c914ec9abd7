/**
 * Results snapshots for staff: list them (with age, stale, published), read a page of one
 * table, and publish one. Every read of a table is a view of results and is audited (SPEC:
 * every view of rankings goes to the audit log). Who may call what is the server's policy.
 */
import { assessmentExists } from '../../db/repos/assessments.js';
import { audit } from '../../db/repos/audit.js';
import {
  findPublication,
  findSnapshot,
  latestSnapshot,
  listSnapshots as listRows,
  setPublication,
  type SnapshotRow,
} from '../../db/repos/snapshots.js';
import type { ResultTableName } from '../../shared/api/result-tables.js';
import type { Publication, SnapshotList, SnapshotMeta, TablePage } from '../../shared/api/results.js';
import { KpError } from '../../shared/errors.js';
import type { ServiceContext } from '../context.js';
import { inputsFingerprint } from './fingerprint.js';
import { readRows, snapshotMeta, tablesOf, type MetaFacts } from './snapshot-meta.js';

type Ctx = Pick<ServiceContext, 'handle' | 'now'>;
type ActingCtx = Pick<ServiceContext, 'handle' | 'now' | 'actor'>;

export const DEFAULT_PAGE = 500;
export const MAX_PAGE = 5000;

async function requireAssessment(ctx: Ctx, id: string): Promise<void> {
  if (!(await assessmentExists(ctx.handle.db, id)))
    throw new KpError('KP_NOT_FOUND', `assessment "${id}" does not exist`);
}

/** One snapshot of the assessment, or 404. */
export async function requireSnapshot(ctx: Ctx, assessmentId: string, sid: number): Promise<SnapshotRow> {
  const row = await findSnapshot(ctx.handle.db, assessmentId, sid);
  if (!row) throw new KpError('KP_NOT_FOUND', `assessment "${assessmentId}" has no results snapshot ${sid}`);
  return row;
}

async function facts(ctx: Ctx, assessmentId: string): Promise<MetaFacts> {
  const db = ctx.handle.db;
  const [currentFingerprint, latest, publication] = await Promise.all([
    inputsFingerprint(db, assessmentId),
    latestSnapshot(db, assessmentId),
    findPublication(db, assessmentId),
  ]);
  return { now: ctx.now(), currentFingerprint, latestId: latest?.id, publishedId: publication?.snapshotId };
}

/** Every snapshot of an assessment, newest first. */
export async function listSnapshots(ctx: Ctx, assessmentId: string): Promise<SnapshotList> {
  await requireAssessment(ctx, assessmentId);
  const f = await facts(ctx, assessmentId);
  const rows = await listRows(ctx.handle.db, assessmentId);
  return { snapshots: rows.map((r) => snapshotMeta(r, f)) };
}

/** One snapshot's meta: its age, whether newer data exists, whether it is the published one. */
export async function getSnapshot(ctx: Ctx, assessmentId: string, sid: number): Promise<SnapshotMeta> {
  const row = await requireSnapshot(ctx, assessmentId, sid);
  return snapshotMeta(row, await facts(ctx, assessmentId));
}

/** Whether newer data exists than the snapshot was computed from (its fingerprint differs). */
export async function isStale(ctx: Pick<Ctx, 'handle'>, snapshot: SnapshotRow): Promise<boolean> {
  return (await inputsFingerprint(ctx.handle.db, snapshot.assessment_id)) !== snapshot.fingerprint;
}

/** A page of one table of a snapshot; audited as a view of results. */
export async function snapshotTable(
  ctx: ActingCtx,
  assessmentId: string,
  sid: number,
  table: ResultTableName,
  page: { offset?: number | undefined; limit?: number | undefined } = {},
): Promise<TablePage> {
  const row = await requireSnapshot(ctx, assessmentId, sid);
  const t = tablesOf(row).find((x) => x.name === table);
  // rank_intervals is absent from a run with --bootstrap 0
  if (!t) throw new KpError('KP_NOT_FOUND', `snapshot ${sid} has no table ${table} (run with bootstrap > 0)`);
  const offset = page.offset ?? 0;
  const limit = page.limit ?? DEFAULT_PAGE;
  if (limit < 1 || limit > MAX_PAGE)
    throw new KpError('KP_BAD_REQUEST', { field: 'limit', why: `limit must be 1–${MAX_PAGE}` });
  const rows = await readRows(ctx.handle.db, sid, t, offset, limit);
  await audit(
    ctx.handle.db,
    {
      actor: ctx.actor,
      action: 'results.view',
      assessmentId,
      details: { snapshotId: sid, table, offset, limit },
    },
    ctx.now().toISOString(),
  );
  return { snapshotId: sid, table, columns: t.columns, total: t.rows, offset, limit, rows };
}

/**
 * Publishes a snapshot: from now on agency viewers see it, frozen. Republishing another one is
 * allowed and audited with the snapshot before and after; publishing the one already published
 * changes nothing and is not audited again.
 */
export async function publishSnapshot(
  ctx: ActingCtx,
  assessmentId: string,
  sid: number,
): Promise<Publication> {
  await requireSnapshot(ctx, assessmentId, sid);
  const at = ctx.now().toISOString();
  return ctx.handle.db.transaction().execute(async (trx) => {
    const before = await findPublication(trx, assessmentId);
    if (before?.snapshotId === sid)
      return { assessmentId, snapshotId: sid, previousSnapshotId: sid, ...pick(before) };
    await setPublication(trx, assessmentId, { snapshotId: sid, publishedAt: at, publishedBy: ctx.actor });
    await audit(
      trx,
      {
        actor: ctx.actor,
        action: before ? 'results.republish' : 'results.publish',
        assessmentId,
        details: { before: before?.snapshotId ?? null, after: sid },
      },
      at,
    );
    return {
      assessmentId,
      snapshotId: sid,
      previousSnapshotId: before?.snapshotId ?? null,
      publishedAt: at,
      publishedBy: ctx.actor,
    };
  });
}

const pick = (p: { publishedAt: string; publishedBy: string }) => ({
  publishedAt: p.publishedAt,
  publishedBy: p.publishedBy,
});
