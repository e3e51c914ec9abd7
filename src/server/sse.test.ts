/** sseStreams through a real listening Fastify server and fetch (inject waits for the end). */
import http from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../test/support/until.js';
import { sseStreams, type SseSend } from './sse.js';

/** Reads a stream's text until `stop` holds for what came so far, or the stream ends. */
async function readUntil(
  body: ReadableStream<Uint8Array>,
  stop: (text: string) => boolean,
): Promise<{ text: string; ended: boolean }> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return { text, ended: true };
    text += decoder.decode(value, { stream: true });
    if (stop(text)) {
      reader.releaseLock();
      return { text, ended: false };
    }
  }
}

describe('sseStreams', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  /** A server with one stream route; `send` is the open stream's, once it has subscribed. */
  async function serve(pingMs?: number) {
    const state = { send: undefined as SseSend | undefined, unsubscribed: 0, closedFeed: 0 };
    app = Fastify();
    const sseStream = sseStreams(app, {
      onClose: () => {
        state.closedFeed++;
        return Promise.resolve();
      },
      ...(pingMs === undefined ? {} : { pingMs }),
    });
    app.get('/s', (_req, reply) => {
      sseStream(reply, (send) => {
        state.send = send;
        send('hello', 1, { n: 1 });
        return () => {
          state.unsubscribed++;
          state.send = undefined;
        };
      });
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    return { url, state };
  }

  it('sends the headers, the retry delay, the events as JSON and a ping', async () => {
    const { url, state } = await serve(20);
    const res = await fetch(`${url}/s`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const body = res.body!;
    const first = await readUntil(body, (t) => t.includes('event: hello'));
    expect(first.text.startsWith('retry: 2000\n\n')).toBe(true);
    expect(first.text).toContain('event: hello\nid: 1\ndata: {"n":1}\n\n');
    state.send!('job', '7.2', { id: 7, message: 'a\nb' });
    const next = await readUntil(body, (t) => t.includes(': ping\n\n') && t.includes('event: job'));
    expect(next.text).toContain('event: job\nid: 7.2\ndata: {"id":7,"message":"a\\nb"}\n\n');
    await body.cancel();
  });

  it('unsubscribes when the client goes away', async () => {
    const { url, state } = await serve();
    // node:http rather than fetch: an aborted fetch has undici open a spare connection, which
    // would hold app.close() in afterEach until the server's headers timeout
    const req = http.get(`${url}/s`);
    const res = await new Promise<http.IncomingMessage>((r) => req.on('response', r));
    let text = '';
    res.on('data', (chunk: Buffer) => (text += chunk.toString()));
    await until(() => text.includes('event: hello'));
    expect(state.unsubscribed).toBe(0);
    req.destroy();
    await until(() => state.unsubscribed === 1);
    expect(state.send).toBeUndefined();
    expect(state.closedFeed).toBe(0); // the server goes on
  });

  it('ends the open streams at app.close(), which does not hang, then runs onClose', async () => {
    const { url, state } = await serve();
    const res = await fetch(`${url}/s`);
    const body = res.body!;
    await readUntil(body, (t) => t.includes('event: hello'));
    const t0 = Date.now();
    await app!.close();
    app = undefined;
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(state.closedFeed).toBe(1);
    expect((await readUntil(body, () => false)).ended).toBe(true);
    await until(() => state.unsubscribed === 1);
  });
});
