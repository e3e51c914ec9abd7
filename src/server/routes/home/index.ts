/** GET /: the sign-in page, or the signed-in user's assessments (the console replaces it later). */
import { visibleAssessments } from '../../../services/accounts/access.js';
import type { ServerEnv } from '../../context.js';
import { homePage, signInPage } from './page.js';
import { routeModule } from '../route-module.js';

const HTML = { type: 'string', description: 'text/html' } as const;

export const homeRoutes = routeModule<{ env: ServerEnv }>((app, { env }) => {
  app.get(
    '/',
    { config: { policy: 'home.get' }, schema: { tags: ['console'], security: [], response: { 200: HTML } } },
    async (req, reply) => {
      const p = req.principal;
      void reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      if (p?.kind !== 'session') return signInPage();
      const list = p.mustChangePassword ? [] : await visibleAssessments(env, p);
      return homePage(p, list);
    },
  );
});
