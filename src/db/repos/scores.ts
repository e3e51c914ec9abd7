/** Repository of the routine and outstanding performance scores (日常履职, 优质履职). */
import type { PerformanceScore } from '../../core/analysis-types.js';
import type { Db } from './common.js';

export async function loadScores(db: Db, assessmentId: string): Promise<Map<string, PerformanceScore>> {
  const rows = await db
    .selectFrom('performance_scores')
    .select(['unit_code', 'daily', 'bonus'])
    .where('assessment_id', '=', assessmentId)
    .execute();
  return new Map(rows.map((r) => [r.unit_code, { daily: r.daily, bonus: r.bonus }]));
}

export interface ScoreRow {
  unit_code: string;
  daily: number | null;
  bonus: number | null;
}

/** Creates or replaces the scores of the given agencies. */
export async function upsertScores(db: Db, assessmentId: string, rows: readonly ScoreRow[]): Promise<void> {
  for (const r of rows) {
    await db
      .insertInto('performance_scores')
      .values({ assessment_id: assessmentId, ...r })
      .onConflict((oc) =>
        oc.columns(['assessment_id', 'unit_code']).doUpdateSet({ daily: r.daily, bonus: r.bonus }),
      )
      .execute();
  }
}
