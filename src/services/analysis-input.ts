/**
 * Loads everything the scoring method needs for one assessment from the store, reading the
 * response blocks as typed arrays (see db/block-codec.ts).
 */
import type { AnalysisInput } from '../core/analysis-types.js';
import type { AssessmentConfig } from '../core/config.js';
import type { ResponseTable } from '../core/response-table.js';
import { decodeBlock, tableBuilder } from '../db/block-codec.js';
import { listBlocks, listUnits, loadBlock, loadConfig, loadDispositions, loadScores, type Db } from '../db/repo.js';

/** Lets a caller work on the responses while the rest are still being read. */
export interface LoadObserver {
  /**
   * Called before the blocks are read, with the numbers of responses and answers; when it
   * returns true the response table is allocated for worker threads (see allocResponseTable).
   */
  start(info: { config: AssessmentConfig; nUnits: number; responses: number; answers: number }): boolean;
  /** responses from .. to-1 are complete in `table` (the string columns excepted) */
  rows(table: ResponseTable, from: number, to: number): void;
}

export async function loadAnalysisInput(db: Db, assessmentId: string, observer?: LoadObserver): Promise<AnalysisInput> {
  const config = await loadConfig(db, assessmentId);
  const units = await listUnits(db, assessmentId);
  const unitIndex = new Map(units.map((u, i) => [u.code, i]));
  const [blocks, scores, cases] = await Promise.all([
    listBlocks(db, assessmentId),
    loadScores(db, assessmentId),
    loadDispositions(db, assessmentId),
  ]);
  // One block in memory at a time, copied into the table as it arrives.
  const n = blocks.reduce((s, b) => s + b.n_responses, 0);
  const m = blocks.reduce((s, b) => s + b.n_answers, 0);
  const dict = {
    unitIndex,
    itemIndex: new Map(config.items.map((it, i) => [it.code, i])),
    groupIndex: new Map(config.groups.map((g, i) => [g.code, i])),
  };
  const shared = observer?.start({ config, nUnits: units.length, responses: n, answers: m }) ?? false;
  const builder = tableBuilder(n, m, dict, shared);
  let done = 0;
  for (const b of blocks) {
    builder.add(decodeBlock(await loadBlock(db, b.id)));
    done += b.n_responses;
    if (observer) {
      observer.rows(builder.table, done - b.n_responses, done);
      // SQLite reads complete synchronously: let the event loop deliver what workers sent back
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
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
