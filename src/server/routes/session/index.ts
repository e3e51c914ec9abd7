/**
 * The console session: POST signs in (a new session id and cookie every time), GET says who is
 * signed in (and hands out the CSRF token), DELETE signs out, POST /password changes the own
 * password — the only thing a one-time password allows besides these.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionPrincipal } from '../../../services/accounts/principal.js';
import { changeOwnPassword, signIn, signOut } from '../../../services/accounts/sessions.js';
import { problems } from '../../../shared/api/problem.js';
import { ChangePasswordBody, SessionInfo, SignInBody } from '../../../shared/api/session.js';
import type { SessionInfo as SessionInfoT } from '../../../shared/api/session.js';
import { SESSION_COOKIE, type ServerEnv } from '../../context.js';
import { routeModule } from '../route-module.js';

export interface SessionRouteOptions {
  env: ServerEnv;
  /** per client IP, on the sign-in route */
  signInRateLimit: { max: number; timeWindowMs: number };
}

const info = (p: SessionPrincipal): SessionInfoT => ({
  user: { name: p.name, role: p.role, unitCode: p.unitCode },
  mustChangePassword: p.mustChangePassword,
  csrfToken: p.csrfToken,
  expiresAt: p.expiresAt,
});

/** The route's policy has via: 'session', so the principal is a session here. */
function sessionOf(req: FastifyRequest): SessionPrincipal {
  const p = req.principal;
  if (p?.kind !== 'session') throw new Error('session route reached without a session (policy bug)');
  return p;
}

const NO_CONTENT = { type: 'null', description: 'no content' } as const;

function clearSession(reply: FastifyReply) {
  return reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export const sessionRoutes = routeModule<SessionRouteOptions>((app, opts) => {
  const { env } = opts;
  app.post(
    '/api/v1/session',
    {
      config: {
        policy: 'session.create',
        rateLimit: { max: opts.signInRateLimit.max, timeWindow: opts.signInRateLimit.timeWindowMs },
      },
      schema: {
        tags: ['session'],
        summary: 'Sign in with a user name and password',
        security: [],
        body: SignInBody,
        response: { 200: SessionInfo, ...problems(400, 401, 415, 422, 429) },
      },
    },
    async (req, reply) => {
      const { token, principal } = await signIn(
        env,
        { name: req.body.name, password: req.body.password, ip: req.ip },
        env.sessions,
      );
      // The browser's previous session (another tab, another user) ends: one cookie, one session.
      const previous = req.principal;
      if (previous?.kind === 'session') await signOut(env, previous);
      void reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        path: '/',
      });
      return info(principal);
    },
  );

  app.get(
    '/api/v1/session',
    {
      config: { policy: 'session.get' },
      schema: {
        tags: ['session'],
        summary: 'Who is signed in (and the CSRF token)',
        response: { 200: SessionInfo, ...problems(401, 403) },
      },
    },
    (req) => info(sessionOf(req)),
  );

  app.delete(
    '/api/v1/session',
    {
      config: { policy: 'session.delete' },
      schema: {
        tags: ['session'],
        summary: 'Sign out (the session ends on every server)',
        response: { 204: NO_CONTENT, ...problems(401, 403) },
      },
    },
    async (req, reply) => {
      await signOut(env, sessionOf(req));
      return clearSession(reply).code(204).send();
    },
  );

  app.post(
    '/api/v1/session/password',
    {
      config: { policy: 'session.password' },
      schema: {
        tags: ['session'],
        summary: 'Change the own password (required first after a one-time password)',
        body: ChangePasswordBody,
        response: { 200: SessionInfo, ...problems(400, 401, 403, 415, 422) },
      },
    },
    async (req) => {
      const p = sessionOf(req);
      await changeOwnPassword(
        { handle: env.handle, now: env.now },
        p,
        req.body.currentPassword,
        req.body.newPassword,
      );
      return info({ ...p, mustChangePassword: false });
    },
  );
});
