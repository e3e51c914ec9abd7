/** API keys (admins, signed in): list, create (the key is answered once), revoke. */
import { createKey, listApiKeys, revokeKey } from '../../../services/accounts/api-keys.js';
import {
  ApiKey,
  ApiKeyIdParams,
  ApiKeyList,
  CreateApiKeyBody,
  CreatedApiKey,
} from '../../../shared/api/api-keys.js';
import { problems } from '../../../shared/api/problem.js';
import { serviceContext, type ServerEnv } from '../../context.js';
import { routeModule } from '../route-module.js';

export const apiKeyRoutes = routeModule<{ env: ServerEnv }>((app, { env }) => {
  app.get(
    '/api/v1/api-keys',
    {
      config: { policy: 'api-keys.list' },
      schema: { tags: ['api-keys'], response: { 200: ApiKeyList, ...problems(401, 403) } },
    },
    async () => ({ apiKeys: await listApiKeys(env) }),
  );

  app.post(
    '/api/v1/api-keys',
    {
      config: { policy: 'api-keys.create' },
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key; the key is in this answer only',
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKey, ...problems(400, 401, 403, 404, 415, 422) },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await createKey(serviceContext(env, req), req.body.role, req.body.assessmentId ?? null)),
  );

  app.delete(
    '/api/v1/api-keys/:id',
    {
      config: { policy: 'api-keys.revoke' },
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke an API key (refused at once, on every server)',
        params: ApiKeyIdParams,
        response: { 200: ApiKey, ...problems(401, 403, 404) },
      },
    },
    async (req) => revokeKey(serviceContext(env, req), Number(req.params.id), env.apiKeys),
  );
});
