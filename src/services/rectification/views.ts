/** Rectification rows as the API shows them, the per-agency status summary, and common checks. */
import { countByStatus, isStatus, type RectificationStatus } from '../../core/rectification.js';
import { assessmentExists } from '../../db/repos/assessments.js';
import type { Db } from '../../db/repos/common.js';
import type { RectificationRow } from '../../db/repos/rectification.js';
import { findPublication } from '../../db/repos/snapshots.js';
import { listUnits } from '../../db/repos/units.js';
import type { RectificationItem, RectificationSummary } from '../../shared/api/rectification.js';
import { KpError } from '../../shared/errors.js';

export const statusOf = (row: RectificationRow): RectificationStatus => {
  if (!isStatus(row.status)) throw new Error(`rectification item ${row.id} has status "${row.status}"`);
  return row.status;
};

export function itemView(row: RectificationRow, names: ReadonlyMap<string, string>): RectificationItem {
  return {
    id: row.id,
    unitCode: row.unit_code,
    unitName: names.get(row.unit_code) ?? row.unit_code,
    title: row.title,
    basis: row.basis,
    source: row.source === 'suggested' ? 'suggested' : 'manual',
    status: statusOf(row),
    measures: row.measures,
    dueDate: row.due_date,
    answeredAt: row.answered_at,
    answeredBy: row.answered_by,
    reviewedAt: row.reviewed_at,
    reviewedBy: row.reviewed_by,
    reviewNote: row.review_note,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
  };
}

/** The counts per status of each agency in `units` (in their order), zeros included. */
export function summaryOf(
  units: readonly { code: string; name: string }[],
  rows: readonly RectificationRow[],
): RectificationSummary[] {
  return units.map((u) => {
    const own = rows.filter((r) => r.unit_code === u.code);
    return { unitCode: u.code, unitName: u.name, total: own.length, ...countByStatus(own.map(statusOf)) };
  });
}

/** The agencies of an existing assessment (404 when there is no such assessment). */
export async function unitsOfAssessment(
  db: Db,
  assessmentId: string,
): Promise<{ code: string; name: string }[]> {
  if (!(await assessmentExists(db, assessmentId)))
    throw new KpError('KP_NOT_FOUND', `there is no assessment "${assessmentId}"`);
  return (await listUnits(db, assessmentId)).map((u) => ({ code: u.code, name: u.name }));
}

export const namesOf = (units: readonly { code: string; name: string }[]) =>
  new Map(units.map((u) => [u.code, u.name]));

/**
 * Agencies see their items after publication only, like their results (unit-views.ts): before,
 * the office may still be drafting them from results the agency may not read.
 */
export async function requirePublished(db: Db, assessmentId: string): Promise<void> {
  if (!(await findPublication(db, assessmentId)))
    throw new KpError(
      'KP_EMBARGO',
      `the results of assessment "${assessmentId}" are not published yet: rectification items are shown with them`,
    );
}
