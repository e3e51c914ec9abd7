/** GET /healthz: 200 while the database answers (load balancers, SPEC §4.7). */
import { storeReachable } from '../../../services/assessments.js';
import { Health } from '../../../shared/api/health.js';
import type { ServerEnv } from '../../context.js';
import { routeModule } from '../route-module.js';

export const healthRoutes = routeModule<{ env: ServerEnv }>((app, { env }) => {
  app.get(
    '/healthz',
    {
      config: { policy: 'health.get' },
      schema: { tags: ['health'], security: [], response: { 200: Health, 503: Health } },
    },
    async (_req, reply) => {
      const ok = await storeReachable(env);
      return reply
        .code(ok ? 200 : 503)
        .send({ status: ok ? 'ok' : 'database unreachable', engine: env.handle.engine });
    },
  );
});
