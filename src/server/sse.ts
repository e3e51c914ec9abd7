/**
 * Server-sent event streams (text/event-stream) of a route module: routes/events (jobs) and
 * routes/progress (fieldwork progress). A stream starts with `retry: 2000` (the browser's
 * EventSource reconnects after 2 s), sends a comment line every `pingMs` (default 15 s: proxies
 * close an idle stream) and ends when the client goes away. Open streams would hold app.close()
 * forever, so a preClose hook ends them first, then runs `onClose` (the feed stops polling).
 *
 * @example
 * const feed = new JobFeed(env);
 * const sseStream = sseStreams(app, { onClose: () => feed.close() });
 * app.get('/events', async (req, reply) => {
 *   await requireAssessment(env, id); // errors before the stream starts are problem+json
 *   sseStream(reply, (send) => feed.subscribe(id, (job) => send('job', job.id, job)));
 * });
 */
import type { ServerResponse } from 'node:http';
import Type from 'typebox';
import type { FastifyReply } from 'fastify';

/** The 200 of an SSE route in its response schema (the OpenAPI document shows it so). */
export const SSE_RESPONSE = {
  description: 'text/event-stream',
  content: { 'text/event-stream': { schema: Type.String() } },
};

/** Writes one event: `event: <event>`, `id: <id>`, `data: <data as JSON>`. */
export type SseSend = (event: string, id: string | number, data: unknown) => void;

/** Subscribes the stream to its source; returns the unsubscribe, called when the stream ends. */
export type SseSubscribe = (send: SseSend) => () => void;

/** The part of a Fastify instance used here (a route module's encapsulated instance will do). */
interface HookTarget {
  addHook(name: 'preClose', hook: () => Promise<void>): unknown;
}

export interface SseOptions {
  /** Runs at server close, after the open streams have ended. */
  onClose?: () => Promise<void>;
  /** Between two comment lines; 15 s unless a test says otherwise. */
  pingMs?: number;
}

/**
 * Registers the preClose hook on `app` and returns `sseStream(reply, subscribe)`, which takes
 * the reply over (reply.hijack()) and turns it into a stream fed by `subscribe`.
 */
export function sseStreams(
  app: HookTarget,
  { onClose, pingMs = 15_000 }: SseOptions = {},
): (reply: FastifyReply, subscribe: SseSubscribe) => void {
  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
    await onClose?.();
  });

  return (reply, subscribe) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    open.add(res);
    const unsubscribe = subscribe((event, id, data) => {
      res.write(`event: ${event}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`);
    });
    const ping = setInterval(() => res.write(': ping\n\n'), pingMs);
    ping.unref();
    res.on('close', () => {
      clearInterval(ping);
      unsubscribe();
      open.delete(res);
    });
  };
}
