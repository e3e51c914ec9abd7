/**
 * Authentication: who a request acts as, from `Authorization: Bearer kp_…` (an API key) or the
 * kp_session cookie (a signed-in person). It only establishes the principal; whether it may
 * use the route is the policy hook's decision, and refused credentials matter only there.
 */
import type { FastifyInstance } from 'fastify';
import { authenticateApiKey } from '../../services/accounts/api-keys.js';
import type { Principal } from '../../services/accounts/principal.js';
import { resolveSession } from '../../services/accounts/sessions.js';
import { SESSION_COOKIE, type ServerEnv } from '../context.js';

/** One kind of Bearer credential: which tokens it claims (by shape), and who a token is. */
interface BearerStrategy {
  /** named in the 401 when the token is refused */
  what: string;
  claims(token: string): boolean;
  authenticate(env: ServerEnv, token: string): Promise<Principal | undefined>;
}

/**
 * The Bearer credentials the server accepts, tried in order; the first that claims a token
 * decides. Survey tokens (SPEC §4.7: "an admin or analyst API key, or a survey token") join as
 * a second entry with their own prefix and principal kind, and the policy table then names
 * that kind on the submission route; nothing else here changes.
 */
const BEARER: readonly BearerStrategy[] = [
  {
    what: 'API key',
    claims: (t) => t.startsWith('kp_'),
    authenticate: (env, t) => authenticateApiKey(env, t, env.apiKeys),
  },
];

export function installAuth(app: FastifyInstance, env: ServerEnv): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('credentialProblem', null);
  app.addHook('onRequest', async (req, reply) => {
    if (req.is404) return;
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      // An Authorization header wins over a cookie: a script's key never acts with a browser's session.
      const m = /^Bearer +(\S+)$/i.exec(authorization);
      const token = m?.[1] ?? '';
      const strategy = m ? (BEARER.find((b) => b.claims(token)) ?? BEARER[0]) : undefined;
      const who = strategy ? await strategy.authenticate(env, token) : undefined;
      if (who) req.principal = who;
      else
        req.credentialProblem = strategy
          ? `the ${strategy.what} is unknown or revoked`
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
