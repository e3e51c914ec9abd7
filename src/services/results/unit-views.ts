/**
 * What agencies see of the results: an agency's own rows of every agency-level table of one
 * snapshot (its unit_results row, group scores, item scores, keywords, rank interval) — never
 * the full ranking. Agency viewers see the published snapshot only, and nothing before
 * publication (KP_EMBARGO); staff may read any snapshot. Every view is audited.
 */
import { audit } from '../../db/repos/audit.js';
import {
  findPublication,
  latestSnapshot,
  type Publication,
  type SnapshotRow,
} from '../../db/repos/snapshots.js';
import type { ResultTableName } from '../../shared/api/result-tables.js';
import type {
  PublishedResults,
  UnitResults,
  UnitResultsView,
  ViewedSnapshot,
} from '../../shared/api/results.js';
import { KpError } from '../../shared/errors.js';
import { confinedUnit, type Principal } from '../accounts/principal.js';
import type { ServiceContext } from '../context.js';
import { ageSeconds, readObjects, tablesOf } from './snapshot-meta.js';
import { requireSnapshot } from './snapshots.js';
import { withExtras } from './unit-extras.js';

type Ctx = Pick<ServiceContext, 'handle' | 'now' | 'actor'>;

/** Which snapshot a view reads: the newest, the published one, or one by id. */
export type SnapshotChoice = 'latest' | 'published' | number;

const embargo = (assessmentId: string) =>
  new KpError(
    'KP_EMBARGO',
    `the results of assessment "${assessmentId}" are not published yet: they are shown once the assessment office publishes them`,
  );

async function chosen(
  ctx: Ctx,
  p: Principal,
  assessmentId: string,
  choice: SnapshotChoice,
): Promise<{ row: SnapshotRow; publication: Publication | undefined }> {
  const db = ctx.handle.db;
  const publication = await findPublication(db, assessmentId);
  if (confinedUnit(p) !== null && choice !== 'published')
    throw new KpError('KP_FORBIDDEN', {
      field: 'snapshot',
      why: 'an agency viewer sees the published results only (snapshot=published)',
    });
  if (choice === 'published') {
    if (!publication) {
      if (confinedUnit(p) !== null) throw embargo(assessmentId);
      throw new KpError('KP_NOT_FOUND', `no results of assessment "${assessmentId}" are published yet`);
    }
    return { row: await requireSnapshot(ctx, assessmentId, publication.snapshotId), publication };
  }
  if (choice === 'latest') {
    const row = await latestSnapshot(db, assessmentId);
    if (!row)
      throw new KpError('KP_NOT_FOUND', `assessment "${assessmentId}" has no results yet: run the analysis`);
    return { row, publication };
  }
  return { row: await requireSnapshot(ctx, assessmentId, choice), publication };
}

function viewed(ctx: Ctx, row: SnapshotRow, publication: Publication | undefined): ViewedSnapshot {
  const published = publication?.snapshotId === row.id;
  return {
    id: row.id,
    createdAt: row.created_at,
    ageSeconds: ageSeconds(row.created_at, ctx.now()),
    methodVersion: row.method_version,
    published,
    publishedAt: published ? publication.publishedAt : null,
  };
}

const PER_UNIT: readonly ResultTableName[] = [
  'unit_results',
  'unit_group_scores',
  'item_scores',
  'unit_keywords',
  'rank_intervals',
];

/** The agency-level tables of a snapshot, grouped by unit code. */
async function byUnit(ctx: Ctx, row: SnapshotRow, units: readonly string[] | null): Promise<UnitResults[]> {
  const metas = tablesOf(row);
  const tables = new Map<ResultTableName, Record<string, string | number | null>[]>();
  for (const name of PER_UNIT) {
    const t = metas.find((m) => m.name === name);
    const rows = t ? await readObjects(ctx.handle.db, row.id, t) : [];
    tables.set(name, units === null ? rows : rows.filter((r) => units.includes(String(r.unit_code))));
  }
  const of = (name: ResultTableName, code: string) =>
    (tables.get(name) ?? []).filter((r) => r.unit_code === code);
  const own = (tables.get('unit_results') ?? []).map((u) => {
    const code = String(u.unit_code);
    return {
      unitCode: code,
      unitResult: u,
      groupScores: of('unit_group_scores', code),
      itemScores: of('item_scores', code),
      keywords: of('unit_keywords', code),
      rankInterval: of('rank_intervals', code)[0] ?? null,
    };
  });
  // besides its own rows: the all-agency item means and example comments (unit-extras.ts)
  return withExtras(ctx.handle.db, row, own);
}

async function audited(ctx: Ctx, assessmentId: string, details: Record<string, unknown>): Promise<void> {
  await audit(
    ctx.handle.db,
    { actor: ctx.actor, action: 'results.view', assessmentId, details },
    ctx.now().toISOString(),
  );
}

/** One agency's results from a snapshot (the policy has checked that the viewer may see it). */
export async function unitResults(
  ctx: Ctx,
  p: Principal,
  assessmentId: string,
  unitCode: string,
  choice: SnapshotChoice = confinedUnit(p) === null ? 'latest' : 'published',
): Promise<UnitResultsView> {
  const { row, publication } = await chosen(ctx, p, assessmentId, choice);
  const [unit] = await byUnit(ctx, row, [unitCode]);
  if (!unit) throw new KpError('KP_NOT_FOUND', `snapshot ${row.id} has no results for agency "${unitCode}"`);
  await audited(ctx, assessmentId, { snapshotId: row.id, unit: unitCode });
  return { snapshot: viewed(ctx, row, publication), unit };
}

/** The published snapshot: every agency for staff, its own agency only for an agency viewer. */
export async function publishedResults(
  ctx: Ctx,
  p: Principal,
  assessmentId: string,
): Promise<PublishedResults> {
  const { row, publication } = await chosen(ctx, p, assessmentId, 'published');
  const unit = confinedUnit(p);
  const units = await byUnit(ctx, row, unit === null ? null : [unit]);
  await audited(ctx, assessmentId, { snapshotId: row.id, unit: unit ?? '*', published: true });
  return { snapshot: viewed(ctx, row, publication), units };
}
