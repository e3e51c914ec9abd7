/**
 * Live events of an assessment as server-sent events (text/event-stream): `event: job` with the
 * job as JSON whenever a job of the assessment changes (services/jobs/job-feed.ts polls the jobs
 * table, so jobs run by another server show up too). Fieldwork progress can join as more event
 * names on the same stream.
 */
import { JobFeed } from '../../../services/jobs/job-feed.js';
import { jobVisibleTo, requireAssessment } from '../../../services/jobs/jobs.js';
import { AssessmentParams } from '../../../shared/api/assessments.js';
import { problems } from '../../../shared/api/problem.js';
import { principalRole, type ServerEnv } from '../../context.js';
import { SSE_RESPONSE, sseStreams } from '../../sse.js';
import { routeModule } from '../route-module.js';

export const eventRoutes = routeModule<{ env: ServerEnv; pollMs?: number | undefined }>(
  (app, { env, pollMs }) => {
    const feed = new JobFeed(env, pollMs);
    // at server close the open streams end first, then the feed stops
    const sseStream = sseStreams(app, { onClose: () => feed.close() });

    app.get(
      '/api/v1/assessments/:id/events',
      {
        config: { policy: 'events.stream' },
        schema: {
          tags: ['jobs'],
          summary: 'Server-sent events: `job` events with the job as JSON, whenever a job changes',
          params: AssessmentParams,
          response: {
            200: SSE_RESPONSE,
            ...problems(401, 403, 404),
          },
        },
      },
      async (req, reply) => {
        await requireAssessment(env, req.params.id); // 404 before the stream starts
        const role = principalRole(req);
        let n = 0;
        sseStream(reply, (send) =>
          feed.subscribe(req.params.id, (job) => {
            if (jobVisibleTo(role, job)) send('job', `${job.id}.${++n}`, job);
          }),
        );
      },
    );
  },
);
