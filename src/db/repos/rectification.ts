/** Repository of rectification items (整改): one row per item, its history in the audit log. */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { RectificationItemTable } from '../schema.js';
import type { Db } from './common.js';

export type RectificationRow = Selectable<RectificationItemTable>;
export type NewRectificationRow = Insertable<RectificationItemTable>;
export type RectificationPatch = Updateable<Omit<RectificationItemTable, 'id' | 'assessment_id'>>;

export async function insertRectificationItems(
  db: Db,
  rows: readonly NewRectificationRow[],
): Promise<RectificationRow[]> {
  if (!rows.length) return [];
  // one insert per row: RETURNING of a multi-row insert has no guaranteed order on SQLite
  const out: RectificationRow[] = [];
  for (const r of rows)
    out.push(await db.insertInto('rectification_items').values(r).returningAll().executeTakeFirstOrThrow());
  return out;
}

export async function findRectificationItem(
  db: Db,
  assessmentId: string,
  id: number,
): Promise<RectificationRow | undefined> {
  return db
    .selectFrom('rectification_items')
    .selectAll()
    .where('assessment_id', '=', assessmentId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The items of an assessment (of one agency when `unitCode` is given), oldest first. */
export async function listRectificationItems(
  db: Db,
  assessmentId: string,
  unitCode?: string,
): Promise<RectificationRow[]> {
  let q = db.selectFrom('rectification_items').selectAll().where('assessment_id', '=', assessmentId);
  if (unitCode !== undefined) q = q.where('unit_code', '=', unitCode);
  return q.orderBy('unit_code').orderBy('id').execute();
}

/**
 * Updates an item only if it still has status `expected` (the status the caller checked the
 * transition from), so two concurrent reviews cannot both win. Returns the new row, or
 * undefined when the item changed or vanished meanwhile.
 */
export async function updateRectificationItem(
  db: Db,
  assessmentId: string,
  id: number,
  expected: string,
  patch: RectificationPatch,
): Promise<RectificationRow | undefined> {
  return db
    .updateTable('rectification_items')
    .set(patch)
    .where('assessment_id', '=', assessmentId)
    .where('id', '=', id)
    .where('status', '=', expected)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteRectificationItem(
  db: Db,
  assessmentId: string,
  id: number,
  expected: string,
): Promise<boolean> {
  const r = await db
    .deleteFrom('rectification_items')
    .where('assessment_id', '=', assessmentId)
    .where('id', '=', id)
    .where('status', '=', expected)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
