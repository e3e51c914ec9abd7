/** Background jobs: start an analysis, read jobs, retry a failed one. */
import { getJob, listJobs, retryJob, startAnalysis } from '../../../services/jobs/jobs.js';
import { AssessmentParams } from '../../../shared/api/assessments.js';
import { AnalysisRequest, Job, JobList, JobParams } from '../../../shared/api/jobs.js';
import { problems } from '../../../shared/api/problem.js';
import { principalRole, serviceContext, type ServerEnv } from '../../context.js';
import { routeModule } from '../route-module.js';

export const jobRoutes = routeModule<{ env: ServerEnv }>((app, { env }) => {
  const tags = ['jobs'];
  app.post(
    '/api/v1/assessments/:id/analyses',
    {
      config: { policy: 'analyses.start' },
      schema: {
        tags,
        summary: 'Start the analysis as a background job; it stores a results snapshot',
        params: AssessmentParams,
        body: AnalysisRequest,
        response: { 202: Job, ...problems(400, 401, 403, 404, 415, 422) },
      },
    },
    async (req, reply) =>
      reply.code(202).send(await startAnalysis(serviceContext(env, req), req.params.id, req.body ?? {})),
  );

  app.get(
    '/api/v1/assessments/:id/jobs',
    {
      config: { policy: 'jobs.list' },
      schema: { tags, params: AssessmentParams, response: { 200: JobList, ...problems(401, 403, 404) } },
    },
    async (req) => listJobs(env, req.params.id, principalRole(req)),
  );

  app.get(
    '/api/v1/assessments/:id/jobs/:job',
    {
      config: { policy: 'jobs.get' },
      schema: { tags, params: JobParams, response: { 200: Job, ...problems(401, 403, 404, 422) } },
    },
    async (req) => getJob(env, req.params.id, Number(req.params.job), principalRole(req)),
  );

  app.post(
    '/api/v1/assessments/:id/jobs/:job/retry',
    {
      config: { policy: 'jobs.retry' },
      schema: {
        tags,
        summary: 'Run a failed job again: a new job with the same parameters',
        params: JobParams,
        response: { 202: Job, ...problems(401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) =>
      reply.code(202).send(await retryJob(serviceContext(env, req), req.params.id, Number(req.params.job))),
  );
});
