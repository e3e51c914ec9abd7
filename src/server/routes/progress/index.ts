/**
 * 实施进度 — fieldwork progress of an assessment: GET …/progress (the body once) and
 * GET …/progress/events, server-sent events with `event: progress` and the same body whenever
 * it changes (services/fieldwork/progress-feed.ts: one poll per server for every stream, so a
 * submission stored by another server shows up too). Staff who run the fieldwork may read it:
 * admins, analysts and supervisors (policy.ts).
 */
import { assessmentProgress } from '../../../services/fieldwork/progress.js';
import { ProgressFeed } from '../../../services/fieldwork/progress-feed.js';
import { AssessmentParams } from '../../../shared/api/assessments.js';
import { problems } from '../../../shared/api/problem.js';
import { Progress } from '../../../shared/api/progress.js';
import type { ServerEnv } from '../../context.js';
import { SSE_RESPONSE, sseStreams } from '../../sse.js';
import { routeModule } from '../route-module.js';

export const progressRoutes = routeModule<{ env: ServerEnv; pollMs?: number | undefined }>(
  (app, { env, pollMs }) => {
    const feed = new ProgressFeed(env, pollMs);
    // at server close the open streams end first, then the feed stops
    const sseStream = sseStreams(app, { onClose: () => feed.close() });

    app.get(
      '/api/v1/assessments/:id/progress',
      {
        config: { policy: 'progress.get' },
        schema: {
          tags: ['fieldwork'],
          summary: 'Fieldwork progress: stored responses per channel and agency against the quotas',
          params: AssessmentParams,
          response: { 200: Progress, ...problems(401, 403, 404) },
        },
      },
      async (req) => assessmentProgress(env, req.params.id),
    );

    app.get(
      '/api/v1/assessments/:id/progress/events',
      {
        config: { policy: 'progress.stream' },
        schema: {
          tags: ['fieldwork'],
          summary: 'Server-sent events: `progress` events with the progress as JSON, whenever it changes',
          params: AssessmentParams,
          response: {
            200: SSE_RESPONSE,
            ...problems(401, 403, 404),
          },
        },
      },
      async (req, reply) => {
        await assessmentProgress(env, req.params.id); // 404 before the stream starts
        let n = 0;
        sseStream(reply, (send) => feed.subscribe(req.params.id, (p) => send('progress', ++n, p)));
      },
    );
  },
);
