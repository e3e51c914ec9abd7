/**
 * Live job progress as server-sent events, through a real listening server and fetch (not
 * inject), on both engines. The job runs on a second connection to the same database — another
 * server — so the stream shows what the shared jobs table says, not what this process did.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, sqliteFileIn, type DbHandle } from '../src/db/create-db.js';
import { buildApp } from '../src/server/app.js';
import { createApiKey } from '../src/services/accounts/accounts.js';
import type { JobHandler } from '../src/services/jobs/kinds.js';
import { enqueueJob } from '../src/services/jobs/jobs.js';
import { JobRunner } from '../src/services/jobs/runner.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { loadSmall, SMALL_ID } from './support/results.js';

interface JobEvent {
  id: number;
  status: string;
  progress: number;
  message: string | null;
}

/** Reads `event: job` messages from an SSE body until `stop` says so. */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  stop: (e: JobEvent) => boolean,
): Promise<JobEvent[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const seen: JobEvent[] = [];
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return seen;
    buf += decoder.decode(value, { stream: true });
    let end;
    while ((end = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, end);
      buf = buf.slice(end + 2);
      const lines = block.split('\n');
      if (!lines.includes('event: job')) continue;
      const data = lines.find((l) => l.startsWith('data: '));
      const e = JSON.parse(data!.slice(6)) as JobEvent;
      seen.push(e);
      if (stop(e)) {
        await reader.cancel();
        return seen;
      }
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A job kind that reports three steps, slowly enough for a 20 ms poll to see each. */
const stepping: JobHandler = {
  parse: (x) => x as Record<string, unknown>,
  async run(c) {
    for (const p of [0.25, 0.5, 0.75]) {
      c.progress(p, `step ${p}`);
      await sleep(150);
    }
    return { steps: 3 };
  },
};

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`job events (SSE) on ${engine}`, () => {
    let t: TestDb;
    let other: DbHandle;
    let app: ReturnType<typeof buildApp>;
    let url: string;
    let key: string;

    beforeAll(async () => {
      t = await createTestDb(engine);
      other =
        t.engine === 'postgres'
          ? createDb({ databaseUrl: t.env.DATABASE_URL })
          : createDb({ sqliteFile: sqliteFileIn(path.resolve(t.env.KAOPING_DATA_DIR!)) });
      await loadSmall(t);
      key = await createApiKey(t.handle.db, 'analyst', null, 'test', new Date());
      app = buildApp({ handle: t.handle, eventsPollMs: 20 });
      url = await app.listen({ port: 0, host: '127.0.0.1' });
    });
    afterAll(async () => {
      await app?.close();
      await other?.close();
      await t?.dispose();
    });

    it('pushes a job queued here and run by another server, step by step, to the end', async () => {
      const auth = { authorization: `Bearer ${key}` };
      const stream = await fetch(`${url}/api/v1/assessments/${SMALL_ID}/events`, { headers: auth });
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      const started = await fetch(`${url}/api/v1/assessments/${SMALL_ID}/analyses`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ replicates: 0 }),
      });
      expect(started.status).toBe(202);
      const { id } = (await started.json()) as { id: number };
      const runner = new JobRunner(
        { handle: other, now: () => new Date() },
        { pollMs: 10, progressMs: 0, kinds: { analysis: stepping } },
      );
      runner.start();
      try {
        const events = await readEvents(stream.body!, (e) => e.id === id && e.status === 'succeeded');
        const mine = events.filter((e) => e.id === id);
        expect(mine.at(-1)).toMatchObject({ status: 'succeeded', progress: 1, message: 'done' });
        const steps = mine.filter((e) => e.status === 'running' && e.message?.startsWith('step'));
        expect(steps.map((e) => e.progress)).toEqual([0.25, 0.5, 0.75]);
        // never the same state twice
        const states = mine.map((e) => `${e.status}|${e.progress}|${e.message}`);
        expect(new Set(states).size).toBe(states.length);
      } finally {
        await runner.stop();
      }
    });

    it('shows a supervisor its phone-case imports only, not the analyses', async () => {
      const sup = await createApiKey(t.handle.db, 'supervisor', null, 'test', new Date());
      const auth = { authorization: `Bearer ${key}` };
      const stream = await fetch(`${url}/api/v1/assessments/${SMALL_ID}/events`, {
        headers: { authorization: `Bearer ${sup}` },
      });
      expect(stream.status).toBe(200);
      const started = await fetch(`${url}/api/v1/assessments/${SMALL_ID}/analyses`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ replicates: 0 }),
      });
      const analysis = ((await started.json()) as { id: number }).id;
      const runner = new JobRunner(
        { handle: other, now: () => new Date() },
        { pollMs: 10, progressMs: 0, kinds: { analysis: stepping } },
      );
      runner.start();
      try {
        // the analysis runs to its end, then a phone-case import is queued
        for (let i = 0; i < 200; i++) {
          const j = await fetch(`${url}/api/v1/assessments/${SMALL_ID}/jobs/${analysis}`, { headers: auth });
          if (((await j.json()) as { status: string }).status === 'succeeded') break;
          await sleep(20);
        }
      } finally {
        await runner.stop();
      }
      const cases = await enqueueJob(
        { handle: t.handle, actor: 'test', now: () => new Date() },
        'import',
        SMALL_ID,
        { what: 'cases', fileName: 'cases.csv' },
        null,
        Buffer.from('case_id\n'),
      );
      const events = await readEvents(stream.body!, (e) => e.id === cases.id);
      expect(events.map((e) => e.id)).toEqual([cases.id]);
      // the supervisor may read this job, not the analysis
      const sh = { authorization: `Bearer ${sup}` };
      expect(
        (await fetch(`${url}/api/v1/assessments/${SMALL_ID}/jobs/${cases.id}`, { headers: sh })).status,
      ).toBe(200);
      expect(
        (await fetch(`${url}/api/v1/assessments/${SMALL_ID}/jobs/${analysis}`, { headers: sh })).status,
      ).toBe(403);
    });

    it('refuses a stream without credentials or for an unknown assessment, as problem+json', async () => {
      const anon = await fetch(`${url}/api/v1/assessments/${SMALL_ID}/events`);
      expect(anon.status).toBe(401);
      expect(anon.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      const missing = await fetch(`${url}/api/v1/assessments/nope/events`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(missing.status).toBe(404);
    });

    it('closes open streams when the server closes', async () => {
      const second = buildApp({ handle: t.handle, eventsPollMs: 20 });
      const at = await second.listen({ port: 0, host: '127.0.0.1' });
      const s = await fetch(`${at}/api/v1/assessments/${SMALL_ID}/events`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(s.status).toBe(200);
      const t0 = Date.now();
      await second.close();
      expect(Date.now() - t0).toBeLessThan(2000);
      // the stream ends (it may have carried the state of jobs seen before the close)
      const events = await readEvents(s.body!, () => false);
      expect(Array.isArray(events)).toBe(true);
    });
  });
}
