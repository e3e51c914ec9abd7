/**
 * The console's page: GET / and every other non-API GET path answer dist/web/index.html, so
 * that a client-side route (/users, /assessments/x/results) can be reloaded or bookmarked. It
 * is no-cache (revalidated on every load; the hashed assets it names are immutable). API paths
 * and file-like paths (a dot in the last segment) that no route serves stay 404 problems.
 * Without a built console, a short page says how to build it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyReply } from 'fastify';
import { KpError } from '../../../shared/errors.js';
import { routeModule } from '../route-module.js';
import { NOT_BUILT_PAGE } from './page.js';

const HTML = { type: 'string', description: 'text/html' } as const;

/**
 * What the console may load: its own scripts, antd's inline styles (CSS-in-JS) and data: images;
 * API calls to this origin only; no framing (clickjacking).
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

export const homeRoutes = routeModule<{ webRoot: string }>((app, { webRoot }) => {
  const indexFile = path.join(webRoot, 'index.html');

  async function sendIndex(reply: FastifyReply) {
    // Read on every request (a small file): a rebuild while the server runs is picked up.
    const html = await fs.readFile(indexFile, 'utf8').catch(() => NOT_BUILT_PAGE);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .send(html);
  }

  app.get(
    '/',
    {
      config: { policy: 'home.get' },
      schema: {
        tags: ['console'],
        summary: 'The console (index.html)',
        security: [],
        response: { 200: HTML },
      },
    },
    (_req, reply) => sendIndex(reply),
  );

  app.get('/*', { config: { policy: 'console.page' }, schema: { hide: true } }, (req, reply) => {
    const p = req.url.split('?')[0] ?? '/';
    const last = p.slice(p.lastIndexOf('/') + 1);
    if (p.startsWith('/api/') || p === '/api' || last.includes('.'))
      throw new KpError('KP_NOT_FOUND', `no route GET ${p} (see /api/docs)`);
    return sendIndex(reply);
  });
});
