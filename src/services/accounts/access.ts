/**
 * What a principal may see of assessments and agencies: the facts the server's policy asks
 * about (does this assessment contain the viewer's agency?) and the filtered reads behind
 * GET /api/v1/assessments. Which route needs which role is the server's policy table, not here.
 */
import { listAssessments } from '../../db/repos/assessments.js';
import { listUnits } from '../../db/repos/units.js';
import { assessmentIdsWithUnit } from '../../db/repos/users.js';
import type { AssessmentDetail, AssessmentSummary, Unit } from '../../shared/api/assessments.js';
import { KpError } from '../../shared/errors.js';
import type { ServiceContext } from '../context.js';
import { confinedAssessment, confinedUnit, type Principal } from './principal.js';

type Ctx = Pick<ServiceContext, 'handle'>;

/** Whether the assessment has an agency with this code. */
export async function assessmentHasUnit(ctx: Ctx, assessmentId: string, unitCode: string): Promise<boolean> {
  return (await assessmentIdsWithUnit(ctx.handle.db, unitCode)).includes(assessmentId);
}

/**
 * The assessments a principal may list: all for staff, those containing its agency for an
 * agency viewer (it needs them to find its results), the one of an assessment-scoped key.
 */
export async function visibleAssessments(ctx: Ctx, p: Principal): Promise<AssessmentSummary[]> {
  const all = await listAssessments(ctx.handle.db);
  const unit = confinedUnit(p);
  const only = confinedAssessment(p);
  if (unit !== null) {
    const ids = new Set(await assessmentIdsWithUnit(ctx.handle.db, unit));
    return all.filter((a) => ids.has(a.id));
  }
  return only === null ? all : all.filter((a) => a.id === only);
}

/** One assessment with its agencies; an agency viewer sees its own agency only. */
export async function assessmentDetail(ctx: Ctx, p: Principal, id: string): Promise<AssessmentDetail> {
  const found = (await listAssessments(ctx.handle.db)).find((a) => a.id === id);
  if (!found) throw new KpError('KP_NOT_FOUND', `assessment "${id}" does not exist`);
  const unit = confinedUnit(p);
  const units = (await listUnits(ctx.handle.db, id))
    .filter((u) => unit === null || u.code === unit)
    .map(({ code, name, category, hasWindow }) => ({ code, name, category, hasWindow }));
  return { assessment: found, units };
}

/** One agency of an assessment. */
export async function unitOf(ctx: Ctx, assessmentId: string, code: string): Promise<Unit> {
  const u = (await listUnits(ctx.handle.db, assessmentId)).find((x) => x.code === code);
  if (!u) throw new KpError('KP_NOT_FOUND', `assessment "${assessmentId}" has no agency "${code}"`);
  return { code: u.code, name: u.name, category: u.category, hasWindow: u.hasWindow };
}
