/**
 * Authentication: who a request acts as, from `Authorization: Bearer kp_…` (an API key) or the
 * kp_session cookie (a signed-in person). It only establishes the principal; whether it may
 * use the route is the policy hook's decision, and refused credentials matter only there.
 */
import type { FastifyInstance } from 'fastify';
import { authenticateApiKey } from '../../services/accounts/api-keys.js';
import { resolveSession } from '../../services/accounts/sessions.js';
import { SESSION_COOKIE, type ServerEnv } from '../context.js';

export function installAuth(app: FastifyInstance, env: ServerEnv): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('credentialProblem', null);
  app.addHook('onRequest', async (req, reply) => {
    if (req.is404) return;
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      // An Authorization header wins over a cookie: a script's key never acts with a browser's session.
      const m = /^Bearer +(\S+)$/i.exec(authorization);
      const key = m ? await authenticateApiKey(env, m[1] ?? '') : undefined;
      if (key) req.principal = key;
      else
        req.credentialProblem = m
          ? 'the API key is unknown or revoked'
          : 'Authorization: expected "Bearer <API key>"';
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (token === undefined || token === '') return;
    const session = await resolveSession(env, token, env.sessions);
    if (session) req.principal = session;
    else {
      req.credentialProblem = 'the session has expired or ended: sign in again';
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
  });
}
