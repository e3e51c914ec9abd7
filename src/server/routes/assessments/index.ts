/**
 * Assessments and their agencies, for any signed-in principal; what each may see is filtered
 * by the service (an agency viewer: the assessments with its agency, and only its agency).
 */
import type { FastifyRequest } from 'fastify';
import { assessmentDetail, unitOf, visibleAssessments } from '../../../services/accounts/access.js';
import type { Principal } from '../../../services/accounts/principal.js';
import {
  AssessmentDetail,
  AssessmentList,
  AssessmentParams,
  Unit,
  UnitParams,
} from '../../../shared/api/assessments.js';
import { problems } from '../../../shared/api/problem.js';
import type { ServerEnv } from '../../context.js';
import { routeModule } from '../route-module.js';

/** The policy of these routes is signed-in, so there is a principal. */
function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new Error('signed-in route reached anonymously (policy bug)');
  return req.principal;
}

export const assessmentRoutes = routeModule<{ env: ServerEnv }>((app, { env }) => {
  app.get(
    '/api/v1/assessments',
    {
      config: { policy: 'assessments.list' },
      schema: { tags: ['assessments'], response: { 200: AssessmentList, ...problems(401, 403) } },
    },
    async (req) => ({ assessments: await visibleAssessments(env, principalOf(req)) }),
  );

  app.get(
    '/api/v1/assessments/:id',
    {
      config: { policy: 'assessments.get' },
      schema: {
        tags: ['assessments'],
        params: AssessmentParams,
        response: { 200: AssessmentDetail, ...problems(401, 403, 404) },
      },
    },
    async (req) => assessmentDetail(env, principalOf(req), req.params.id),
  );

  app.get(
    '/api/v1/assessments/:id/units/:unit',
    {
      config: { policy: 'units.get' },
      schema: {
        tags: ['assessments'],
        params: UnitParams,
        response: { 200: Unit, ...problems(401, 403, 404) },
      },
    },
    async (req) => unitOf(env, req.params.id, req.params.unit),
  );
});
