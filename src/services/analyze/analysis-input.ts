/**
 * Loads everything the scoring method needs for one assessment from the store, reading the
 * response blocks as typed arrays (see db/block-codec.ts).
 */
import type { AnalysisInput } from '../../core/analysis-types.js';
import type { AssessmentConfig } from '../../core/config.js';
import type { ResponseTable } from '../../core/response-table.js';
import type { AnswerCopy } from '../../db/codec/answer-copy.js';
import { decodeBlock, tableBuilder } from '../../db/codec/block-codec.js';
import { loadConfig } from '../../db/repos/assessments.js';
import { loadDispositions } from '../../db/repos/cases.js';
import { type Db } from '../../db/repos/common.js';
import { listBlocks, loadBlock } from '../../db/repos/responses.js';
import { loadScores } from '../../db/repos/scores.js';
import { listUnits } from '../../db/repos/units.js';

/** Lets a caller work on the responses while the rest are still being read. */
export interface LoadObserver {
  /**
   * Called before the blocks are read, with the numbers of responses and answers. Returning true
   * asks for a table in SharedArrayBuffers (see allocResponseTable) whose answer columns the
   * observer fills itself: rows() then hands over each block's answers.
   */
  start(info: { config: AssessmentConfig; nUnits: number; responses: number; answers: number }): boolean;
  /**
   * Responses from .. to-1 are in `table`, but for the string columns (filled at the end) and,
   * when `answers` is given, their answers: the observer must copy those (copyAnswers) before
   * anything reads them, loadAnalysisInput returning first.
   */
  rows(table: ResponseTable, from: number, to: number, answers: AnswerCopy | null): void;
}

export async function loadAnalysisInput(
  db: Db,
  assessmentId: string,
  observer?: LoadObserver,
): Promise<AnalysisInput> {
  const config = await loadConfig(db, assessmentId);
  const units = await listUnits(db, assessmentId);
  const unitIndex = new Map(units.map((u, i) => [u.code, i]));
  const [blocks, scores, cases] = await Promise.all([
    listBlocks(db, assessmentId),
    loadScores(db, assessmentId),
    loadDispositions(db, assessmentId),
  ]);
  // One block in memory at a time, copied into the table as it arrives (an observer that takes
  // the answers over keeps them until it has copied them).
  const n = blocks.reduce((s, b) => s + b.n_responses, 0);
  const m = blocks.reduce((s, b) => s + b.n_answers, 0);
  const dict = {
    unitIndex,
    itemIndex: new Map(config.items.map((it, i) => [it.code, i])),
    groupIndex: new Map(config.groups.map((g, i) => [g.code, i])),
  };
  const shared = observer?.start({ config, nUnits: units.length, responses: n, answers: m }) ?? false;
  const builder = tableBuilder(n, m, dict, { shared, deferAnswers: shared });
  let done = 0;
  for (const b of blocks) {
    const answers = builder.add(decodeBlock(await loadBlock(db, b.id)));
    done += b.n_responses;
    observer?.rows(builder.table, done - b.n_responses, done, answers);
    // with workers: SQLite reads complete synchronously, so let the event loop deliver what the
    // workers sent back
    if (shared) await new Promise<void>((resolve) => setImmediate(resolve));
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
