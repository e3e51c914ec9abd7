/**
 * Rectification items for the Word reports: per agency, its items in creation order with the
 * status in the office's words (待反馈, 已反馈, 已通过, 退回) as the reports print it.
 */
import { STATUS_LABELS } from '../../core/rectification.js';
import type { Db } from '../../db/repos/common.js';
import { listRectificationItems } from '../../db/repos/rectification.js';
import { statusOf } from './views.js';

export interface ReportRectificationItem {
  title: string;
  /** 待反馈 | 已反馈 | 已通过 | 退回 */
  status: string;
  measures?: string;
  /** YYYY-MM-DD */
  dueDate?: string;
}

/** Agencies without items are absent from the map. */
export async function rectificationForReport(
  db: Db,
  assessmentId: string,
): Promise<Map<string /*unitCode*/, ReportRectificationItem[]>> {
  const out = new Map<string, ReportRectificationItem[]>();
  for (const r of await listRectificationItems(db, assessmentId)) {
    const item: ReportRectificationItem = { title: r.title, status: STATUS_LABELS[statusOf(r)] };
    if (r.measures !== null) item.measures = r.measures;
    if (r.due_date !== null) item.dueDate = r.due_date;
    const list = out.get(r.unit_code) ?? [];
    list.push(item);
    out.set(r.unit_code, list);
  }
  return out;
}
