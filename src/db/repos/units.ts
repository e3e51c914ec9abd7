/** Repository of the agencies (被考核单位) of an assessment. */
import type { UnitInfo } from '../../core/analysis-types.js';
import type { Db } from './common.js';

export interface UnitRow extends UnitInfo {
  position: number;
}

export async function listUnits(db: Db, assessmentId: string): Promise<UnitRow[]> {
  const rows = await db
    .selectFrom('units')
    .select(['code', 'name', 'category', 'has_window', 'position'])
    .where('assessment_id', '=', assessmentId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    category: r.category,
    hasWindow: r.has_window === 1,
    position: r.position,
  }));
}

export async function upsertUnits(db: Db, assessmentId: string, units: readonly UnitRow[]): Promise<void> {
  for (const u of units) {
    await db
      .insertInto('units')
      .values({
        assessment_id: assessmentId,
        code: u.code,
        name: u.name,
        category: u.category,
        has_window: u.hasWindow ? 1 : 0,
        position: u.position,
      })
      .onConflict((oc) =>
        oc.columns(['assessment_id', 'code']).doUpdateSet({
          name: u.name,
          category: u.category,
          has_window: u.hasWindow ? 1 : 0,
        }),
      )
      .execute();
  }
}
