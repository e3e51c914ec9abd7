/**
 * The console's built files (dist/web, from `npm run build`): hashed assets under /assets/,
 * served by @fastify/static and cached for a year as immutable (a new build has new names);
 * index.html is sent by the home routes (routes/home) with no-cache, so a new build shows at
 * the next load. The assets' policy entry comes from PLUGIN_ROUTES (policy.ts, prefix /assets/).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** dist/web of this package: three levels above both src/server/plugins and dist/server/plugins */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../dist/web/', import.meta.url));

/** A console not built yet is no reason to fail: /assets/* then answers 404 (and a warning is logged). */
export function installStatic(app: FastifyInstance, webRoot: string): void {
  const assets = path.join(webRoot, 'assets');
  void app.register(fastifyStatic, {
    root: assets,
    prefix: '/assets/',
    index: false,
    wildcard: true,
    decorateReply: false,
    cacheControl: true,
    maxAge: '365d',
    immutable: true,
    etag: true,
    lastModified: false,
  });
}
