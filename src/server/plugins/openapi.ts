/**
 * The OpenAPI 3.1 document (/api/openapi.json), built by @fastify/swagger from the routes' own
 * schemas, and the browsable docs (/api/docs, @fastify/swagger-ui, assets bundled: no CDN).
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../context.js';

export function installOpenApi(app: FastifyInstance, version: string): void {
  void app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'kaoping (考评) HTTP API',
        version,
        description:
          'Errors are application/problem+json (RFC 9457) with a stable `code`. State-changing requests ' +
          'with the session cookie need the X-CSRF-Token header; Bearer API keys do not.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'kp_… (kaoping apikey create)' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
  });
  void app.register(swaggerUi, { routePrefix: '/api/docs' });
  void app.register((scoped, _opts, done) => {
    scoped.get('/api/openapi.json', { config: { policy: 'openapi.get' }, schema: { hide: true } }, () =>
      scoped.swagger(),
    );
    done();
  });
}
