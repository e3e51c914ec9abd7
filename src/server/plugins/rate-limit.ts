/**
 * Per-client-IP rate limits (@fastify/rate-limit, in each server's memory) on the routes that
 * ask for one in `config.rateLimit` — today the sign-in. The per-name lockout, which must hold
 * across servers, lives in the database (services/accounts/lockout.ts).
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { KpError } from '../../shared/errors.js';

export function installRateLimit(app: FastifyInstance): void {
  void app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new KpError('KP_RATE_LIMITED', {
        why: `too many requests from this address: try again in ${ctx.after}`,
        retryAfter: Math.max(1, Math.ceil(ctx.ttl / 1000)),
      }),
  });
}
