/**
 * What the server's plugins and routes share: the dependencies of buildApp, the per-request
 * principal and policy id on Fastify's types, and the service context of a request.
 */
import type { FastifyRequest } from 'fastify';
import type { DbHandle } from '../db/create-db.js';
import type { ServiceContext } from '../services/context.js';
import type { Principal } from '../services/accounts/principal.js';
import type { ApiKeyCache } from '../services/accounts/api-keys.js';
import type { SessionSettings } from '../services/accounts/sessions.js';
import type { Role } from '../shared/roles.js';
import type { RouteId } from './policy.js';

export interface ServerEnv {
  handle: DbHandle;
  now: () => Date;
  sessions: SessionSettings;
  /** the API keys this server authenticated lately (services/accounts/api-keys.ts) */
  apiKeys: ApiKeyCache;
}

/** The session cookie's name. */
export const SESSION_COOKIE = 'kp_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** who the request acts as (plugins/auth.ts); null: anonymous */
    principal: Principal | null;
    /** why the credentials sent were refused, if they were (a 401 on a non-public route) */
    credentialProblem: string | null;
  }
  interface FastifyContextConfig {
    /** the route's entry in the policy table (policy.ts); required on every route */
    policy?: RouteId;
  }
}

/** The service context of a request: its principal is the audit log's actor. */
export function serviceContext(env: ServerEnv, req: FastifyRequest): ServiceContext {
  return { handle: env.handle, now: env.now, actor: req.principal?.name ?? 'anonymous' };
}

/** The role of a request's principal; the policy hook has refused anonymous requests before a handler runs. */
export function principalRole(req: FastifyRequest): Role {
  if (!req.principal)
    throw new Error('principalRole: a route reachable without credentials asked for a role');
  return req.principal.role;
}
