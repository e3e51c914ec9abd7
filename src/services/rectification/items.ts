/**
 * Rectification items (整改): the office creates, edits, deletes and reviews (accepts or returns)
 * them; the agency viewer of the item's agency answers with measures and a due date. The status
 * machine is core/rectification.ts; every change is one transaction with its audit row, which
 * holds the item before and after (the item's history).
 */
import { dueDateProblem, partyOf, transition, type RectificationAction } from '../../core/rectification.js';
import { audit } from '../../db/repos/audit.js';
import type { Db } from '../../db/repos/common.js';
import {
  deleteRectificationItem,
  findRectificationItem,
  insertRectificationItems,
  listRectificationItems,
  updateRectificationItem,
  type RectificationPatch,
  type RectificationRow,
} from '../../db/repos/rectification.js';
import type {
  AnswerBody,
  CreateRectificationBody,
  EditRectificationBody,
  RectificationItem,
  RectificationList,
  ReviewBody,
} from '../../shared/api/rectification.js';
import { KpError } from '../../shared/errors.js';
import { confinedUnit, type Principal } from '../accounts/principal.js';
import type { ServiceContext } from '../context.js';
import { itemView, namesOf, requirePublished, statusOf, summaryOf, unitsOfAssessment } from './views.js';

type Ctx = Pick<ServiceContext, 'handle' | 'now' | 'actor'>;

const blank = (s: string | undefined) => s === undefined || s.trim() === '';

async function record(
  db: Db,
  ctx: Ctx,
  action: string,
  assessmentId: string,
  before: RectificationRow | null,
  after: RectificationRow | null,
): Promise<void> {
  const row = after ?? before;
  await audit(
    db,
    {
      actor: ctx.actor,
      action: `rectification.${action}`,
      assessmentId,
      details: { item: row?.id, unit: row?.unit_code, before, after },
    },
    ctx.now().toISOString(),
  );
}

/** Everything of an assessment for the office: every item and the summary of every agency. */
export async function listItems(ctx: Ctx, assessmentId: string): Promise<RectificationList> {
  const units = await unitsOfAssessment(ctx.handle.db, assessmentId);
  const rows = await listRectificationItems(ctx.handle.db, assessmentId);
  const names = namesOf(units);
  return { items: rows.map((r) => itemView(r, names)), summary: summaryOf(units, rows) };
}

/** One agency's items: any agency for the office; its own, after publication, for its viewer. */
export async function listUnitItems(
  ctx: Ctx,
  p: Principal,
  assessmentId: string,
  unitCode: string,
): Promise<RectificationList> {
  const units = await unitsOfAssessment(ctx.handle.db, assessmentId);
  const confined = confinedUnit(p);
  if (confined !== null && confined !== unitCode)
    throw new KpError('KP_FORBIDDEN', { field: 'unit', why: 'an agency viewer sees its own agency only' });
  const unit = units.find((u) => u.code === unitCode);
  if (!unit) throw new KpError('KP_NOT_FOUND', `assessment "${assessmentId}" has no agency "${unitCode}"`);
  if (confined !== null) await requirePublished(ctx.handle.db, assessmentId);
  const rows = await listRectificationItems(ctx.handle.db, assessmentId, unitCode);
  const names = namesOf(units);
  return { items: rows.map((r) => itemView(r, names)), summary: summaryOf([unit], rows) };
}

export async function createItems(
  ctx: Ctx,
  assessmentId: string,
  body: CreateRectificationBody,
): Promise<{ items: RectificationItem[] }> {
  const units = await unitsOfAssessment(ctx.handle.db, assessmentId);
  const names = namesOf(units);
  const now = ctx.now().toISOString();
  const rows = body.items.map((it, i) => {
    if (!names.has(it.unitCode))
      throw new KpError('KP_VALIDATION', {
        field: `items/${i}/unitCode`,
        why: `assessment "${assessmentId}" has no agency "${it.unitCode}"`,
      });
    if (blank(it.title))
      throw new KpError('KP_VALIDATION', { field: `items/${i}/title`, why: 'a title is required' });
    return {
      assessment_id: assessmentId,
      unit_code: it.unitCode,
      title: it.title.trim(),
      basis: (it.basis ?? '').trim(),
      source: it.source ?? 'manual',
      status: 'open',
      created_at: now,
      created_by: ctx.actor,
      updated_at: now,
    };
  });
  const saved = await ctx.handle.db.transaction().execute(async (trx) => {
    const out = await insertRectificationItems(trx, rows);
    for (const r of out) await record(trx, ctx, 'create', assessmentId, null, r);
    return out;
  });
  return { items: saved.map((r) => itemView(r, names)) };
}

/** Finds the item and checks that `party` may do `action` on it now. */
async function checked(
  db: Db,
  assessmentId: string,
  id: number,
  action: RectificationAction,
  p: Principal,
  unitCode?: string,
): Promise<RectificationRow> {
  const row = await findRectificationItem(db, assessmentId, id);
  if (!row) throw new KpError('KP_NOT_FOUND', `assessment "${assessmentId}" has no rectification item ${id}`);
  // an item of another agency is not there for this one (not even its status)
  if (unitCode !== undefined && row.unit_code !== unitCode)
    throw new KpError('KP_NOT_FOUND', `agency "${unitCode}" has no rectification item ${id}`);
  const party = partyOf(p.role);
  if (party === null) throw new KpError('KP_FORBIDDEN', `a ${p.role} has no part in rectification`);
  const t = transition(statusOf(row), action, party);
  if (!t.ok)
    throw new KpError(t.reason === 'party' ? 'KP_FORBIDDEN' : 'KP_CONFLICT', { field: 'status', why: t.why });
  return row;
}

/** Applies `patch` if the item is unchanged since `before`, with its audit row, in one transaction. */
async function apply(
  ctx: Ctx,
  assessmentId: string,
  action: RectificationAction,
  before: RectificationRow,
  patch: RectificationPatch,
): Promise<RectificationItem> {
  const db = ctx.handle.db;
  const after = await db.transaction().execute(async (trx) => {
    const row = await updateRectificationItem(trx, assessmentId, before.id, before.status, {
      ...patch,
      updated_at: ctx.now().toISOString(),
    });
    if (!row)
      throw new KpError(
        'KP_CONFLICT',
        `rectification item ${before.id} changed meanwhile: reload it and try again`,
      );
    await record(trx, ctx, action, assessmentId, before, row);
    return row;
  });
  return itemView(after, namesOf(await unitsOfAssessment(db, assessmentId)));
}

export async function editItem(
  ctx: Ctx,
  p: Principal,
  assessmentId: string,
  id: number,
  body: EditRectificationBody,
): Promise<RectificationItem> {
  const before = await checked(ctx.handle.db, assessmentId, id, 'edit', p);
  if (body.title !== undefined && blank(body.title))
    throw new KpError('KP_VALIDATION', { field: 'title', why: 'a title is required' });
  return apply(ctx, assessmentId, 'edit', before, {
    ...(body.title !== undefined ? { title: body.title.trim() } : {}),
    ...(body.basis !== undefined ? { basis: body.basis.trim() } : {}),
  });
}

export async function deleteItem(ctx: Ctx, p: Principal, assessmentId: string, id: number): Promise<void> {
  const before = await checked(ctx.handle.db, assessmentId, id, 'delete', p);
  await ctx.handle.db.transaction().execute(async (trx) => {
    if (!(await deleteRectificationItem(trx, assessmentId, id, before.status)))
      throw new KpError('KP_CONFLICT', `rectification item ${id} changed meanwhile: reload it and try again`);
    await record(trx, ctx, 'delete', assessmentId, before, null);
  });
}

/** The office's review: accept the answer, or return it with a note saying what is missing. */
export async function reviewItem(
  ctx: Ctx,
  p: Principal,
  assessmentId: string,
  id: number,
  decision: 'accept' | 'return',
  body: ReviewBody,
): Promise<RectificationItem> {
  const before = await checked(ctx.handle.db, assessmentId, id, decision, p);
  if (decision === 'return' && blank(body.note))
    throw new KpError('KP_VALIDATION', { field: 'note', why: 'say in a note what the answer lacks' });
  const to = decision === 'accept' ? 'accepted' : 'returned';
  return apply(ctx, assessmentId, decision, before, {
    status: to,
    reviewed_at: ctx.now().toISOString(),
    reviewed_by: ctx.actor,
    review_note: blank(body.note) ? null : (body.note ?? '').trim(),
  });
}

/** The agency's answer: its measures and the date they will be done by (a real calendar day). */
export async function answerItem(
  ctx: Ctx,
  p: Principal,
  assessmentId: string,
  unitCode: string,
  id: number,
  body: AnswerBody,
): Promise<RectificationItem> {
  const db = ctx.handle.db;
  if (confinedUnit(p) !== unitCode)
    throw new KpError('KP_FORBIDDEN', {
      field: 'unit',
      why: "only the agency's own viewer answers its items",
    });
  await requirePublished(db, assessmentId);
  const before = await checked(db, assessmentId, id, 'answer', p, unitCode);
  if (blank(body.measures))
    throw new KpError('KP_VALIDATION', { field: 'measures', why: 'describe the measures taken or planned' });
  const problem = dueDateProblem(body.dueDate.trim());
  if (problem) throw new KpError('KP_VALIDATION', { field: 'dueDate', why: problem });
  return apply(ctx, assessmentId, 'answer', before, {
    status: 'answered',
    measures: body.measures.trim(),
    due_date: body.dueDate.trim(),
    answered_at: ctx.now().toISOString(),
    answered_by: ctx.actor,
  });
}
