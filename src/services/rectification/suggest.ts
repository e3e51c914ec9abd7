/**
 * Suggested rectification items from the results. The office works from the published snapshot
 * when there is one — the numbers the agencies were graded on and will read in their portal —
 * and from the newest snapshot before publication (drafting ahead of the release). Nothing is
 * stored: the office edits the suggestions and saves the ones it keeps (items.ts).
 */
import {
  suggestRectification,
  type ItemScoreRow,
  type KeywordRow,
} from '../../core/rectification-suggest.js';
import { loadConfig } from '../../db/repos/assessments.js';
import { audit } from '../../db/repos/audit.js';
import { listRectificationItems } from '../../db/repos/rectification.js';
import { findPublication, latestSnapshot, type SnapshotRow } from '../../db/repos/snapshots.js';
import type { SuggestionList } from '../../shared/api/rectification.js';
import type { ResultTableName, StoredCell } from '../../shared/api/result-tables.js';
import { KpError } from '../../shared/errors.js';
import type { ServiceContext } from '../context.js';
import { readObjects, tablesOf } from '../results/snapshot-meta.js';
import { requireSnapshot } from '../results/snapshots.js';
import { namesOf, unitsOfAssessment } from './views.js';

type Ctx = Pick<ServiceContext, 'handle' | 'now' | 'actor'>;

export interface SuggestParams {
  weakest?: number | undefined;
  keywords?: number | undefined;
  unit?: string | undefined;
}

async function workingSnapshot(
  ctx: Ctx,
  assessmentId: string,
): Promise<{ row: SnapshotRow; published: boolean }> {
  const publication = await findPublication(ctx.handle.db, assessmentId);
  if (publication)
    return { row: await requireSnapshot(ctx, assessmentId, publication.snapshotId), published: true };
  const row = await latestSnapshot(ctx.handle.db, assessmentId);
  if (!row)
    throw new KpError(
      'KP_NOT_FOUND',
      `assessment "${assessmentId}" has no results yet: run the analysis first`,
    );
  return { row, published: false };
}

async function tableRows(
  ctx: Ctx,
  row: SnapshotRow,
  name: ResultTableName,
): Promise<Record<string, StoredCell>[]> {
  const meta = tablesOf(row).find((t) => t.name === name);
  return meta ? readObjects(ctx.handle.db, row.id, meta) : [];
}

const num = (v: StoredCell | undefined): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? v : null;

export async function suggestItems(
  ctx: Ctx,
  assessmentId: string,
  params: SuggestParams = {},
): Promise<SuggestionList> {
  const units = await unitsOfAssessment(ctx.handle.db, assessmentId);
  if (params.unit !== undefined && !units.some((u) => u.code === params.unit))
    throw new KpError('KP_NOT_FOUND', {
      field: 'unit',
      why: `assessment "${assessmentId}" has no agency "${params.unit}"`,
    });
  const config = await loadConfig(ctx.handle.db, assessmentId);
  const { row, published } = await workingSnapshot(ctx, assessmentId);
  const items: ItemScoreRow[] = (await tableRows(ctx, row, 'item_scores')).map((r) => ({
    unitCode: String(r.unit_code),
    group: String(r.group),
    item: String(r.item),
    n: num(r.n),
    score: num(r.score),
  }));
  const keywords: KeywordRow[] = (await tableRows(ctx, row, 'unit_keywords')).flatMap((r) => {
    const count = num(r.count);
    return count === null ? [] : [{ unitCode: String(r.unit_code), keyword: String(r.keyword), count }];
  });
  const itemText = new Map(config.items.map((i) => [i.code, i.text]));
  const groupName = new Map(config.groups.map((g) => [g.code, g.name]));
  const satisfied = config.scale.scores[String(config.scale.satisfiedAtLeast)];
  const wanted = params.unit === undefined ? units.map((u) => u.code) : [params.unit];
  const suggestions = suggestRectification(wanted, items, keywords, {
    weakest: params.weakest,
    keywords: params.keywords,
    satisfiedScore: satisfied ?? null,
    itemText: (c) => itemText.get(c) ?? c,
    groupName: (g) => groupName.get(g) ?? g,
  });
  const existing = new Set(
    (await listRectificationItems(ctx.handle.db, assessmentId)).map((r) => `${r.unit_code}\u0000${r.title}`),
  );
  const names = namesOf(units);
  await audit(
    ctx.handle.db,
    {
      actor: ctx.actor,
      action: 'rectification.suggest',
      assessmentId,
      details: { snapshotId: row.id, published, unit: params.unit ?? '*', suggestions: suggestions.length },
    },
    ctx.now().toISOString(),
  );
  return {
    snapshot: { id: row.id, published, createdAt: row.created_at },
    suggestions: suggestions.map((s) => ({
      ...s,
      unitName: names.get(s.unitCode) ?? s.unitCode,
      exists: existing.has(`${s.unitCode}\u0000${s.title}`),
    })),
  };
}
