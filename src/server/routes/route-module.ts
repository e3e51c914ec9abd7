import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyPluginOptions } from 'fastify';

export type TypedApp = Parameters<FastifyPluginAsyncTypebox>[0];

/**
 * A route module as an async Fastify plugin. Registration errors (a route without a policy
 * entry) then reject app.ready() — the start-up fails cleanly — instead of escaping as an
 * uncaught exception, which is what a throwing callback-style plugin does.
 */
export function routeModule<O extends FastifyPluginOptions>(
  register: (app: TypedApp, opts: O) => void,
): FastifyPluginAsyncTypebox<O> {
  return (app, opts) => Promise.resolve().then(() => register(app, opts));
}
