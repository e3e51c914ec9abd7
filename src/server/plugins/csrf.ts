/**
 * CSRF protection: a state-changing request (POST, PUT, PATCH, DELETE) authenticated by the
 * session cookie must repeat the session's CSRF token in X-CSRF-Token. A cross-site page can
 * make the browser send the cookie but cannot read the token. Bearer requests carry no ambient
 * credential, so they need none; public routes (sign-in) authenticate nothing by cookie.
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { KpError } from '../../shared/errors.js';
import { POLICY } from '../policy.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'x-csrf-token';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
};

export function installCsrf(app: FastifyInstance): void {
  app.addHook('onRequest', (req, _reply, done) => {
    const p = req.principal;
    const id = req.routeOptions.config.policy;
    const checked =
      p?.kind === 'session' && UNSAFE.has(req.method) && id !== undefined && POLICY[id].access !== 'public';
    const sent = req.headers[CSRF_HEADER];
    if (checked && (typeof sent !== 'string' || !same(sent, p.csrfToken)))
      done(
        new KpError('KP_CSRF', {
          why: `send the session's CSRF token (from sign-in or GET /api/v1/session) in the X-CSRF-Token header`,
        }),
      );
    else done();
  });
}
