/**
 * What the agency page shows besides the agency's own rows (services/results/unit-views.ts):
 * - the all-agency mean of each of its items, an aggregate of item_scores (no other agency's
 *   row), so that the portal draws the same diverging bar as the staff page;
 * - example comments per keyword (core/comment-examples.ts, the Word reports' selection):
 *   comments about the agency from the snapshot's valid responses only — a response that came
 *   after the snapshot, or that the snapshot found invalid, is never quoted — personal data masked.
 */
import { keywordExamples, cleanCommentsByUnit, representativeComments } from '../../core/comment-examples.js';
import { itemMeans } from '../../core/rectification-suggest.js';
import type { Db } from '../../db/repos/common.js';
import { loadUnitComments } from '../../db/repos/responses.js';
import type { SnapshotRow } from '../../db/repos/snapshots.js';
import type { UnitComments, UnitItemMean, UnitResults } from '../../shared/api/results.js';
import { readObjects, readRows, tablesOf } from './snapshot-meta.js';

/** the keywords with examples (unit_keywords keeps 10 per agency) and comments per keyword */
export const EXAMPLES = { keywords: 10, perKeyword: 3, representative: 6 } as const;

const numOr = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The all-agency mean and agency count of each (group, item) of the snapshot. */
async function allMeans(db: Db, row: SnapshotRow): Promise<Map<string, { mean: number; units: number }>> {
  const meta = tablesOf(row).find((t) => t.name === 'item_scores');
  if (!meta) return new Map();
  const all = (await readObjects(db, row.id, meta)).map((r) => ({
    unitCode: String(r.unit_code),
    group: String(r.group),
    item: String(r.item),
    n: numOr(r.n),
    score: numOr(r.score),
  }));
  const units = new Map<string, number>();
  for (const r of all) {
    if (r.score === null) continue;
    const k = key(r.group, r.item);
    units.set(k, (units.get(k) ?? 0) + 1);
  }
  return new Map([...itemMeans(all)].map(([k, mean]) => [k, { mean, units: units.get(k) ?? 0 }]));
}

const key = (group: unknown, item: unknown) => `${String(group)}\u0000${String(item)}`;

function meansFor(
  means: ReadonlyMap<string, { mean: number; units: number }>,
  own: UnitResults['itemScores'],
): UnitItemMean[] {
  return own.flatMap((r) => {
    const m = means.get(key(r.group, r.item));
    return m === undefined ? [] : [{ group: String(r.group), item: String(r.item), ...m }];
  });
}

/**
 * Which of `ids` the snapshot counted as valid: read from its response_validity table a chunk
 * at a time (a snapshot of a million responses is never held in memory at once).
 */
async function validAmong(db: Db, row: SnapshotRow, ids: ReadonlySet<string>): Promise<Set<string>> {
  const out = new Set<string>();
  const meta = tablesOf(row).find((t) => t.name === 'response_validity');
  if (!meta || ids.size === 0) return out;
  const idCol = meta.columns.indexOf('response_id');
  const validCol = meta.columns.indexOf('valid');
  for (let offset = 0; offset < meta.rows; offset += meta.chunkRows) {
    for (const r of await readRows(db, row.id, meta, offset, meta.chunkRows)) {
      const id = String(r[idCol]);
      if (r[validCol] === 1 && ids.has(id)) out.add(id);
    }
  }
  return out;
}

function commentsFor(
  raw: readonly { response_id: string; text: string }[],
  valid: ReadonlySet<string>,
  unit: UnitResults,
): UnitComments {
  const texts =
    cleanCommentsByUnit(
      raw.map((c) => ({ responseId: c.response_id, targetUnit: unit.unitCode, text: c.text })),
      (id) => valid.has(id),
    ).get(unit.unitCode) ?? [];
  const words = unit.keywords.slice(0, EXAMPLES.keywords).map((k) => String(k.keyword));
  return {
    total: texts.length,
    representative: representativeComments(texts, words, EXAMPLES.representative),
    keywords: keywordExamples(texts, words, EXAMPLES.perKeyword),
  };
}

/**
 * The agencies with their item means and example comments, for the agency views of a snapshot:
 * item_scores and response_validity are read once for all of them.
 */
export async function withExtras(
  db: Db,
  row: SnapshotRow,
  units: readonly UnitResults[],
): Promise<UnitResults[]> {
  if (units.length === 0) return [];
  const means = await allMeans(db, row);
  const raw = new Map<string, { response_id: string; text: string }[]>();
  for (const u of units) raw.set(u.unitCode, await loadUnitComments(db, row.assessment_id, u.unitCode));
  const valid = await validAmong(db, row, new Set([...raw.values()].flat().map((c) => c.response_id)));
  return units.map((u) => ({
    ...u,
    itemMeans: meansFor(means, u.itemScores),
    comments: commentsFor(raw.get(u.unitCode) ?? [], valid, u),
  }));
}
