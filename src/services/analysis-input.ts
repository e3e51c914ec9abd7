/**
 * Loads everything the scoring method needs for one assessment from the store, reading the
 * response blocks as typed arrays (see db/block-codec.ts).
 */
import type { AnalysisInput } from '../core/analysis-types.js';
import { blocksToTable, decodeBlock } from '../db/block-codec.js';
import { listUnits, loadBlocks, loadConfig, loadDispositions, loadScores, type Db } from '../db/repo.js';

export async function loadAnalysisInput(db: Db, assessmentId: string): Promise<AnalysisInput> {
  const config = await loadConfig(db, assessmentId);
  const units = await listUnits(db, assessmentId);
  const unitIndex = new Map(units.map((u, i) => [u.code, i]));
  const [blocks, scores, cases] = await Promise.all([
    loadBlocks(db, assessmentId),
    loadScores(db, assessmentId),
    loadDispositions(db, assessmentId),
  ]);
  const responses = blocksToTable(blocks.map(decodeBlock), {
    unitIndex,
    itemIndex: new Map(config.items.map((it, i) => [it.code, i])),
    groupIndex: new Map(config.groups.map((g, i) => [g.code, i])),
  });
  return {
    config,
    units: units.map(({ code, name, category, hasWindow }) => ({ code, name, category, hasWindow })),
    responses,
    scores: units.map((u) => scores.get(u.code)),
    cases: cases.flatMap((c) => {
      const unit = unitIndex.get(c.unit_code);
      return unit === undefined ? [] : [{ unit, disposition: c.disposition }];
    }),
  };
}
