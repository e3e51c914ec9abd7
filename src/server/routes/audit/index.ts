/**
 * The audit log (审计日志): who did what, when, newest first, filtered by assessment, actor,
 * action and time, in pages. Admins only (policy.ts says why). Reading it is not audited.
 */
import { auditLog } from '../../../services/audit.js';
import { AuditPage, AuditQuery } from '../../../shared/api/audit.js';
import { problems } from '../../../shared/api/problem.js';
import type { ServerEnv } from '../../context.js';
import { routeModule } from '../route-module.js';

/** An ISO instant with any offset, as the stored UTC form (`at` compares as text). */
const utc = (s: string | undefined) => (s === undefined ? undefined : new Date(s).toISOString());

export const auditRoutes = routeModule<{ env: ServerEnv }>((app, { env }) => {
  app.get(
    '/api/v1/audit',
    {
      config: { policy: 'audit.list' },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first: filters assessment, actor, action, from/to; offset and limit',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...problems(401, 403, 422) },
      },
    },
    async (req) => {
      const q = req.query;
      const offset = Number(q.offset ?? 0);
      const limit = Math.min(500, Math.max(1, Number(q.limit ?? 100)));
      const page = await auditLog(
        env,
        {
          assessmentId: q.assessment,
          actor: q.actor,
          action: q.action,
          from: utc(q.from),
          to: utc(q.to),
        },
        { offset, limit },
      );
      return { ...page, offset, limit };
    },
  );
});
