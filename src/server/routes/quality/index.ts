/** 数据质量: why one stored response is (in)valid, with the values the rules compared (staff). */
import { responseValidity } from '../../../services/results/response-validity.js';
import { problems } from '../../../shared/api/problem.js';
import { ResponseValidityParams, ValidityExplanation } from '../../../shared/api/quality.js';
import { serviceContext, type ServerEnv } from '../../context.js';
import { routeModule } from '../route-module.js';

export const qualityRoutes = routeModule<{ env: ServerEnv }>((app, { env }) => {
  app.get(
    '/api/v1/assessments/:id/responses/:responseId/validity',
    {
      config: { policy: 'responses.validity' },
      schema: {
        tags: ['quality'],
        summary:
          'Why one stored response is (in)valid: each rule of SPEC §5.1 with the values it compared, on the stored data and configuration now',
        params: ResponseValidityParams,
        response: { 200: ValidityExplanation, ...problems(401, 403, 404) },
      },
    },
    async (req) => responseValidity(serviceContext(env, req), req.params.id, req.params.responseId),
  );
});
