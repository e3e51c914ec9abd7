/** Reading assessments for the CLI and the server. */
import { listAssessments as list, type AssessmentSummary } from '../db/repos/assessments.js';
import { ping } from '../db/repos/health.js';
import type { ServiceContext } from './context.js';

export type { AssessmentSummary };

export function listAssessments(ctx: Pick<ServiceContext, 'handle'>): Promise<AssessmentSummary[]> {
  return list(ctx.handle.db);
}

/** Whether the store answers (for /healthz). */
export function storeReachable(ctx: Pick<ServiceContext, 'handle'>): Promise<boolean> {
  return ping(ctx.handle.db);
}
