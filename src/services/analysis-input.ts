/**
 * Loads everything the scoring method needs for one assessment from the store, reading the
 * response blocks as typed arrays (see db/block-codec.ts).
 */
import type { AnalysisInput } from '../core/analysis-types.js';
import { decodeBlock, tableBuilder } from '../db/block-codec.js';
import { listBlocks, listUnits, loadBlock, loadConfig, loadDispositions, loadScores, type Db } from '../db/repo.js';

export async function loadAnalysisInput(db: Db, assessmentId: string): Promise<AnalysisInput> {
  const config = await loadConfig(db, assessmentId);
  const units = await listUnits(db, assessmentId);
  const unitIndex = new Map(units.map((u, i) => [u.code, i]));
  const [blocks, scores, cases] = await Promise.all([
    listBlocks(db, assessmentId),
    loadScores(db, assessmentId),
    loadDispositions(db, assessmentId),
  ]);
  // One block in memory at a time, copied into the table as it arrives.
  const builder = tableBuilder(
    blocks.reduce((s, b) => s + b.n_responses, 0),
    blocks.reduce((s, b) => s + b.n_answers, 0),
    {
      unitIndex,
      itemIndex: new Map(config.items.map((it, i) => [it.code, i])),
      groupIndex: new Map(config.groups.map((g, i) => [g.code, i])),
    },
  );
  for (const b of blocks) builder.add(decodeBlock(await loadBlock(db, b.id)));
  const responses = builder.finish();
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
