/**
 * buildApp(deps): the Fastify application as a plugin that never listens; server/main.ts owns the
 * process. It installs the plugins (error handler, auth, CSRF, policy, rate limits, OpenAPI, the
 * console's static files) and then the routes, one folder per module under routes/. Routes call
 * services, never repositories. It starts no timers of its own: the job runner is the process
 * owner's (main.ts), and event streams poll only while one is open.
 */
import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { DbHandle } from '../db/create-db.js';
import { apiKeyCache } from '../services/accounts/api-keys.js';
import { DEFAULT_SESSIONS, type SessionSettings } from '../services/accounts/sessions.js';
import type { ServerEnv } from './context.js';
import { installAuth } from './plugins/auth.js';
import { installCsrf } from './plugins/csrf.js';
import { installErrorHandler } from './plugins/error-handler.js';
import { installOpenApi } from './plugins/openapi.js';
import { installPolicy, installPolicyHook } from './plugins/policy.js';
import { installRateLimit } from './plugins/rate-limit.js';
import { DEFAULT_WEB_ROOT, installStatic } from './plugins/static.js';
import { apiKeyRoutes } from './routes/api-keys/index.js';
import { assessmentRoutes } from './routes/assessments/index.js';
import { auditRoutes } from './routes/audit/index.js';
import { configRoutes } from './routes/config/index.js';
import { eventRoutes } from './routes/events/index.js';
import { healthRoutes } from './routes/health/index.js';
import { homeRoutes } from './routes/home/index.js';
import { jobRoutes } from './routes/jobs/index.js';
import { importRoutes } from './routes/imports/index.js';
import { progressRoutes } from './routes/progress/index.js';
import { qualityRoutes } from './routes/quality/index.js';
import { reportRoutes } from './routes/reports/index.js';
import { resultRoutes } from './routes/results/index.js';
import { responseRoutes } from './routes/responses/index.js';
import { rectificationRoutes } from './routes/rectification/index.js';
import { sessionRoutes } from './routes/session/index.js';
import { unitRoutes } from './routes/units/index.js';
import { userRoutes } from './routes/users/index.js';
import { targetRoutes } from './routes/targets/index.js';

export interface AppDeps {
  handle: DbHandle;
  /** false (default), true, or pino options such as { level, stream } */
  logger?: boolean | { level?: string; stream?: { write(line: string): void } };
  /** the clock (tests move it to expire sessions and locks) */
  now?: () => Date;
  /** session lifetimes and the sign-in lockout */
  sessions?: Partial<SessionSettings>;
  /** per-IP limit on POST /api/v1/session */
  signInRateLimit?: { max: number; timeWindowMs: number };
  /** trust X-Forwarded-* (behind a reverse proxy that terminates HTTPS) */
  trustProxy?: boolean;
  /** the version in the OpenAPI document */
  version?: string;
  /** the built console (index.html and assets/); default: this package's dist/web */
  webRoot?: string;
  /** how often live event streams poll the jobs table (default 500 ms) */
  eventsPollMs?: number;
  /** how often fieldwork progress streams poll the progress versions (default 300 ms) */
  progressPollMs?: number;
}

/** Secrets never reach the log, whatever the log level or serializer. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.oneTimePassword',
  '*.key',
];

function loggerOptions(l: AppDeps['logger']): FastifyServerOptions['logger'] {
  if (l === undefined || l === false) return false;
  return { ...(l === true ? {} : l), redact: { paths: REDACT, censor: '[redacted]' } };
}

export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({
    logger: loggerOptions(deps.logger),
    bodyLimit: 1 << 20,
    trustProxy: deps.trustProxy ?? false,
    ajv: {
      // Unknown fields are refused (422), not silently dropped; values are validated as sent:
      // Fastify's default coercion would turn null into "" and "5" into 5 before validation.
      customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  const env: ServerEnv = {
    handle: deps.handle,
    now: deps.now ?? (() => new Date()),
    sessions: { ...DEFAULT_SESSIONS, ...deps.sessions },
    apiKeys: apiKeyCache(),
  };

  installErrorHandler(app);
  installPolicy(app);
  void app.register(cookie);
  installRateLimit(app);
  installOpenApi(app, deps.version ?? '0.1.0');
  const webRoot = deps.webRoot ?? DEFAULT_WEB_ROOT;
  installStatic(app, webRoot);
  // After the cookie plugin has loaded, so req.cookies is there; the order of these hooks is
  // the order of the checks: who (auth), CSRF, may they (policy).
  void app.after(() => {
    installAuth(app, env);
    installCsrf(app);
    installPolicyHook(app, env);
  });

  const opts = { env };
  void app.register(healthRoutes, opts);
  void app.register(homeRoutes, { webRoot });
  void app.register(sessionRoutes, {
    env,
    signInRateLimit: deps.signInRateLimit ?? { max: 20, timeWindowMs: 60_000 },
  });
  void app.register(userRoutes, opts);
  void app.register(apiKeyRoutes, opts);
  void app.register(assessmentRoutes, opts);
  void app.register(jobRoutes, opts);
  void app.register(reportRoutes, opts);
  void app.register(resultRoutes, opts);
  void app.register(eventRoutes, { env, pollMs: deps.eventsPollMs });
  void app.register(responseRoutes, opts);
  void app.register(unitRoutes, opts);
  void app.register(importRoutes, opts);
  void app.register(configRoutes, opts);
  void app.register(auditRoutes, opts);
  void app.register(rectificationRoutes, opts);
  void app.register(progressRoutes, { env, pollMs: deps.progressPollMs });
  void app.register(targetRoutes, opts);
  void app.register(qualityRoutes, opts);
  return app;
}
