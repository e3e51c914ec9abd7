/**
 * Live events of an assessment as server-sent events (text/event-stream): `event: job` with the
 * job as JSON whenever a job of the assessment changes (services/jobs/job-feed.ts polls the jobs
 * table, so jobs run by another server show up too). Fieldwork progress can join as more event
 * names on the same stream.
 */
import type { ServerResponse } from 'node:http';
import Type from 'typebox';
import { JobFeed } from '../../../services/jobs/job-feed.js';
import { requireAssessment } from '../../../services/jobs/jobs.js';
import { AssessmentParams } from '../../../shared/api/assessments.js';
import { problems } from '../../../shared/api/problem.js';
import type { ServerEnv } from '../../context.js';
import { routeModule } from '../route-module.js';

/** A comment line every 15 s keeps proxies from closing an idle stream. */
const PING_MS = 15_000;

export const eventRoutes = routeModule<{ env: ServerEnv; pollMs?: number | undefined }>(
  (app, { env, pollMs }) => {
    const feed = new JobFeed(env, pollMs);
    const open = new Set<ServerResponse>();
    // Open streams would hold app.close() forever: end them first.
    app.addHook('preClose', async () => {
      for (const res of open) res.end();
      await feed.close();
    });

    app.get(
      '/api/v1/assessments/:id/events',
      {
        config: { policy: 'events.stream' },
        schema: {
          tags: ['jobs'],
          summary: 'Server-sent events: `job` events with the job as JSON, whenever a job changes',
          params: AssessmentParams,
          response: {
            200: {
              description: 'text/event-stream',
              content: { 'text/event-stream': { schema: Type.String() } },
            },
            ...problems(401, 403, 404),
          },
        },
      },
      async (req, reply) => {
        await requireAssessment(env, req.params.id); // 404 before the stream starts
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.write('retry: 2000\n\n');
        open.add(res);
        let n = 0;
        const unsubscribe = feed.subscribe(req.params.id, (job) => {
          res.write(`event: job\nid: ${job.id}.${++n}\ndata: ${JSON.stringify(job)}\n\n`);
        });
        const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
        ping.unref();
        res.on('close', () => {
          clearInterval(ping);
          unsubscribe();
          open.delete(res);
        });
      },
    );
  },
);
