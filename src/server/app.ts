/**
 * buildApp(deps): the Fastify application as a plugin that never listens; server/main.ts owns the
 * process. Until the console lands this serves the health check, a status page and a read-only
 * list of assessments. Routes call services, never repositories.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { DbHandle } from '../db/create-db.js';
import { listAssessments, storeReachable } from '../services/assessments.js';

export interface AppDeps {
  handle: DbHandle;
  logger?: boolean;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({ logger: deps.logger ?? false, bodyLimit: 1 << 20 });
  const ctx = { handle: deps.handle };

  app.get('/healthz', async (_req, reply) => {
    const ok = await storeReachable(ctx);
    return reply
      .code(ok ? 200 : 503)
      .send({ status: ok ? 'ok' : 'database unreachable', engine: deps.handle.engine });
  });

  app.get('/api/v1/assessments', async () => ({ assessments: await listAssessments(ctx) }));

  app.get('/', async (_req, reply) => {
    const rows = (await listAssessments(ctx))
      .map((a) => `<li><code>${esc(a.id)}</code> ${esc(a.name)}（${a.year}）</li>`)
      .join('');
    return reply
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>考评 kaoping</title>` +
          `<body style="font-family:sans-serif;max-width:40em;margin:3em auto"><h1>考评 kaoping</h1>` +
          `<p>第三方满意度考评平台 · third-party satisfaction assessment</p><h2>考评项目 Assessments</h2><ul>${rows}</ul>` +
          `<p>命令行 CLI: <code>npx kaoping --help</code></p></body></html>`,
      );
  });

  return app;
}
