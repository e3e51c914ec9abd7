/** Reading the audit log (the console's 审计日志); reading it is not itself audited. */
import { listAudit, type AuditEntry, type AuditFilter } from '../db/repos/audit.js';
import type { ServiceContext } from './context.js';

export type { AuditEntry, AuditFilter };

export const AUDIT_PAGE_MAX = 500;

export function auditLog(
  ctx: Pick<ServiceContext, 'handle'>,
  filter: AuditFilter,
  page: { offset: number; limit: number },
): Promise<{ entries: AuditEntry[]; total: number }> {
  return listAudit(ctx.handle.db, filter, {
    offset: Math.max(0, page.offset),
    limit: Math.min(AUDIT_PAGE_MAX, Math.max(1, page.limit)),
  });
}
