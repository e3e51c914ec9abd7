/**
 * Repository of the performance targets (migration 0050): the sheet (JSON, without its
 * expenditures), the expenditures, and the hand judgements of indicators.
 */
import type { Expenditure, TargetSheet } from '../../core/targets.js';
import type { Judgement } from '../../core/targets-evaluation.js';
import type { Db } from './common.js';

export type StoredSheet = Omit<TargetSheet, 'expenditures'>;

export interface StoredExpenditure extends Expenditure {
  id: number;
  createdAt: string;
  createdBy: string;
}

export async function loadTargetSheet(
  db: Db,
  assessmentId: string,
): Promise<{ sheet: StoredSheet; updatedAt: string; updatedBy: string } | null> {
  const row = await db
    .selectFrom('target_sheets')
    .select(['sheet', 'updated_at', 'updated_by'])
    .where('assessment_id', '=', assessmentId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    sheet: JSON.parse(row.sheet) as StoredSheet,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export async function saveTargetSheet(
  db: Db,
  assessmentId: string,
  sheet: StoredSheet,
  by: { actor: string; at: string },
): Promise<void> {
  const values = { sheet: JSON.stringify(sheet), updated_at: by.at, updated_by: by.actor };
  await db
    .insertInto('target_sheets')
    .values({ assessment_id: assessmentId, ...values })
    .onConflict((oc) => oc.column('assessment_id').doUpdateSet(values))
    .execute();
}

export async function listExpenditures(db: Db, assessmentId: string): Promise<StoredExpenditure[]> {
  const rows = await db
    .selectFrom('target_expenditures')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .orderBy('date')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    date: r.date,
    subProject: r.sub_project,
    amount: r.amount,
    note: r.note,
    createdAt: r.created_at,
    createdBy: r.created_by,
  }));
}

export async function addExpenditure(
  db: Db,
  assessmentId: string,
  e: Expenditure,
  by: { actor: string; at: string },
): Promise<number> {
  const row = await db
    .insertInto('target_expenditures')
    .values({
      assessment_id: assessmentId,
      date: e.date,
      sub_project: e.subProject,
      amount: e.amount,
      note: e.note,
      created_at: by.at,
      created_by: by.actor,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Deletes one expenditure; false when it does not exist (in that assessment). */
export async function deleteExpenditure(db: Db, assessmentId: string, id: number): Promise<boolean> {
  const r = await db
    .deleteFrom('target_expenditures')
    .where('assessment_id', '=', assessmentId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function deleteAllExpenditures(db: Db, assessmentId: string): Promise<void> {
  await db.deleteFrom('target_expenditures').where('assessment_id', '=', assessmentId).execute();
}

export async function listJudgements(db: Db, assessmentId: string): Promise<Judgement[]> {
  const rows = await db
    .selectFrom('target_judgements')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .orderBy('indicator')
    .execute();
  return rows.map((r) => ({
    indicator: r.indicator,
    actual: r.actual,
    actualText: r.actual_text,
    achieved: r.achieved === null ? null : r.achieved === 1,
    score: r.score,
    reason: r.reason,
  }));
}

export async function saveJudgement(
  db: Db,
  assessmentId: string,
  j: Judgement,
  by: { actor: string; at: string },
): Promise<void> {
  const values = {
    actual: j.actual,
    actual_text: j.actualText,
    achieved: j.achieved === null ? null : j.achieved ? 1 : 0,
    score: j.score,
    reason: j.reason,
    updated_at: by.at,
    updated_by: by.actor,
  };
  await db
    .insertInto('target_judgements')
    .values({ assessment_id: assessmentId, indicator: j.indicator, ...values })
    .onConflict((oc) => oc.columns(['assessment_id', 'indicator']).doUpdateSet(values))
    .execute();
}

export async function deleteJudgement(db: Db, assessmentId: string, indicator: string): Promise<boolean> {
  const r = await db
    .deleteFrom('target_judgements')
    .where('assessment_id', '=', assessmentId)
    .where('indicator', '=', indicator)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Judgements of indicators no longer on the sheet go when the sheet is replaced. */
export async function pruneJudgements(db: Db, assessmentId: string, keep: readonly string[]): Promise<void> {
  let q = db.deleteFrom('target_judgements').where('assessment_id', '=', assessmentId);
  if (keep.length > 0) q = q.where('indicator', 'not in', keep);
  await q.execute();
}
