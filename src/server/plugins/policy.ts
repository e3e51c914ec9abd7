/**
 * Enforces the policy table (policy.ts) with one hook, and refuses at registration any route
 * that does not name an entry: no route can be forgotten. The registered routes are kept
 * (`app.routeTable`) so that tests and the OpenAPI check can walk them.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assessmentHasUnit } from '../../services/accounts/access.js';
import { confinedAssessment, confinedUnit, type Principal } from '../../services/accounts/principal.js';
import { KpError } from '../../shared/errors.js';
import type { ServerEnv } from '../context.js';
import { isRouteId, PLUGIN_ROUTES, POLICY, type RouteId, type RoutePolicy } from '../policy.js';

export interface RegisteredRoute {
  method: string;
  url: string;
  policy: RouteId;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** every route with its policy id, in registration order */
    routeTable: RegisteredRoute[];
  }
}

const forbidden = (why: string) => new KpError('KP_FORBIDDEN', why);

/** Whether the principal may use a route with this policy; throws the 401/403 when not. */
export async function enforce(
  env: ServerEnv,
  policy: RoutePolicy,
  p: Principal | null,
  req: Pick<FastifyRequest, 'params' | 'credentialProblem'>,
): Promise<void> {
  if (policy.access === 'public') return;
  if (!p)
    throw new KpError(
      'KP_UNAUTHENTICATED',
      req.credentialProblem ?? 'sign in (POST /api/v1/session) or send Authorization: Bearer <API key>',
    );
  if (policy.via === 'session' && p.kind !== 'session')
    throw forbidden('this route is for signed-in people, not API keys');
  if (p.kind === 'session' && p.mustChangePassword && !policy.beforePasswordChange)
    throw new KpError(
      'KP_PASSWORD_CHANGE_REQUIRED',
      'change the one-time password first (POST /api/v1/session/password)',
    );
  if (policy.access !== 'signed-in' && !policy.access.includes(p.role))
    throw forbidden(`the role ${p.role} may not do this (it needs: ${policy.access.join(', ')})`);
  if (!policy.scope) return;
  const params = req.params as Record<string, string | undefined>;
  const id = params.id ?? '';
  const onlyAssessment = confinedAssessment(p);
  if (onlyAssessment !== null && onlyAssessment !== id)
    throw forbidden(`this API key is for assessment "${onlyAssessment}" only`);
  const unit = confinedUnit(p);
  if (unit === null) return;
  if (policy.scope === 'agency' && params.unit !== unit)
    throw forbidden(`an agency viewer sees its own agency (${unit}) only`);
  if (!(await assessmentHasUnit(env, id, unit)))
    throw forbidden(`agency ${unit} does not take part in assessment "${id}"`);
}

const SCOPE_PARAMS: Record<NonNullable<RoutePolicy['scope']>, readonly string[]> = {
  assessment: [':id'],
  agency: [':id', ':unit'],
};

/** Refuses routes without a policy entry, at registration, and records the route table. */
export function installPolicy(app: FastifyInstance): void {
  const table: RegisteredRoute[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    let id: unknown = route.config?.policy;
    if (id === undefined) {
      const plugin = PLUGIN_ROUTES.find((r) => route.url.startsWith(r.prefix));
      if (plugin) {
        id = plugin.policy;
        route.config = { ...route.config, policy: plugin.policy };
      }
    }
    if (!isRouteId(id))
      throw new Error(
        `route ${methods.join(',')} ${route.url} has no entry in the policy table (src/server/policy.ts): ` +
          `give it config.policy`,
      );
    const policy: RoutePolicy = POLICY[id];
    const missing = policy.scope ? SCOPE_PARAMS[policy.scope].filter((s) => !route.url.includes(s)) : [];
    if (missing.length > 0)
      throw new Error(
        `route ${route.url}: policy ${id} has scope ${policy.scope} but no ${missing.join(', ')}`,
      );
    for (const method of methods) table.push({ method, url: route.url, policy: id });
  });
}

/** The one hook that enforces the table on every request. */
export function installPolicyHook(app: FastifyInstance, env: ServerEnv): void {
  app.addHook('onRequest', async (req) => {
    if (req.is404) return;
    const id = req.routeOptions.config.policy;
    // unreachable: onRoute refused such a route; fail closed all the same
    if (id === undefined) throw new Error(`no policy for ${req.method} ${req.url}`);
    await enforce(env, POLICY[id], req.principal, req);
  });
}
