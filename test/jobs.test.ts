/**
 * Background jobs on both engines: two runners (two connections, as two servers on one
 * database) never run the same job; a job left running by a stopped server is failed when a
 * runner starts, and its retry runs the analysis and stores a snapshot.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, sqliteFileIn, type DbHandle } from '../src/db/create-db.js';
import { claimNextJob } from '../src/db/repos/jobs.js';
import { enqueueJob, getJob, listJobs, retryJob } from '../src/services/jobs/jobs.js';
import type { JobHandler } from '../src/services/jobs/kinds.js';
import { JobRunner } from '../src/services/jobs/runner.js';
import { getSnapshot } from '../src/services/results/snapshots.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { loadSmall, SMALL_ID } from './support/results.js';

/** A second connection to the same database: another server. */
function secondHandle(t: TestDb): DbHandle {
  return t.engine === 'postgres'
    ? createDb({ databaseUrl: t.env.DATABASE_URL })
    : createDb({ sqliteFile: sqliteFileIn(path.resolve(t.env.KAOPING_DATA_DIR!)) });
}

async function until(what: string, ok: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`jobs on ${engine}`, () => {
    let t: TestDb;
    let other: DbHandle;
    const ctx = () => ({ handle: t.handle, now: () => new Date(), actor: 'analyst1' });

    beforeAll(async () => {
      t = await createTestDb(engine);
      other = secondHandle(t);
      await loadSmall(t);
    });
    afterAll(async () => {
      await other?.close();
      await t?.dispose();
    });

    it('claims each job exactly once with two runners on the same database', async () => {
      const ran = new Map<number, string[]>();
      const kinds = (who: string): Record<string, JobHandler> => ({
        analysis: {
          parse: (x) => x as Record<string, unknown>,
          async run(c) {
            ran.set(c.jobId, [...(ran.get(c.jobId) ?? []), who]);
            await new Promise((r) => setTimeout(r, 2));
            return { by: who };
          },
        },
      });
      const ids: number[] = [];
      for (let i = 0; i < 30; i++) ids.push((await enqueueJob(ctx(), 'analysis', SMALL_ID, {})).id);
      // a bare race first: many claims at once on both connections
      const claims = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          claimNextJob((i % 2 ? other : t.handle).db, `racer${i}`, new Date().toISOString()),
        ),
      );
      const won = claims.filter((c) => c !== undefined).map((c) => c.id);
      expect(new Set(won).size).toBe(won.length);
      expect(won.length).toBeGreaterThan(0);
      // …and the claimed ones are running for their racer, not queued again
      for (const id of won) expect((await getJob(ctx(), SMALL_ID, id)).status).toBe('running');

      const a = new JobRunner(
        { handle: t.handle, now: () => new Date() },
        { pollMs: 5, worker: 'A', kinds: kinds('A') },
      );
      const b = new JobRunner(
        { handle: other, now: () => new Date() },
        { pollMs: 5, worker: 'B', kinds: kinds('B') },
      );
      a.start();
      b.start();
      const rest = ids.filter((id) => !won.includes(id));
      await until('all jobs to run', () => Promise.resolve(rest.every((id) => ran.has(id))));
      await a.stop();
      await b.stop();
      for (const id of rest) {
        expect(ran.get(id), `job ${id}`).toHaveLength(1);
        const j = await getJob(ctx(), SMALL_ID, id);
        expect(j.status).toBe('succeeded');
        expect(j.result).toEqual({ by: ran.get(id)![0] });
      }
      for (const id of won) expect(ran.has(id)).toBe(false);
    });

    it('fails a job left running by a stopped server at start, and runs its retry', async () => {
      const db = t.handle.db;
      // clean slate: what the race above left running is someone's abandoned work as well
      const job = await enqueueJob(ctx(), 'analysis', SMALL_ID, { replicates: 20, seed: 3 });
      const t0 = new Date('2026-01-01T00:00:00.000Z');
      let claimed;
      do claimed = await claimNextJob(db, 'dead-server', t0.toISOString());
      while (claimed && claimed.id !== job.id);
      expect(claimed?.id).toBe(job.id);

      const runner = new JobRunner({ handle: t.handle, now: () => new Date() }, { pollMs: 10 });
      runner.start();
      try {
        await until(
          'the abandoned job to fail',
          async () => (await getJob(ctx(), SMALL_ID, job.id)).status === 'failed',
        );
        const failed = await getJob(ctx(), SMALL_ID, job.id);
        expect(failed.error).toMatch(/stopped before it finished/);
        expect(failed.finishedAt).not.toBeNull();

        const retry = await retryJob(ctx(), SMALL_ID, job.id);
        expect(retry).toMatchObject({
          status: 'queued',
          retryOf: job.id,
          params: { replicates: 20, seed: 3 },
        });
        await until('the retry to finish', async () =>
          ['succeeded', 'failed'].includes((await getJob(ctx(), SMALL_ID, retry.id)).status),
        );
        const done = await getJob(ctx(), SMALL_ID, retry.id);
        expect(done.error).toBeNull();
        expect(done).toMatchObject({ status: 'succeeded', progress: 1, message: 'done' });
        const sid = Number(done.result?.snapshotId);
        const snap = await getSnapshot(
          t.handle && { handle: t.handle, now: () => new Date() },
          SMALL_ID,
          sid,
        );
        expect(snap).toMatchObject({
          jobId: retry.id,
          createdBy: 'analyst1',
          params: { replicates: 20, seed: 3 },
        });
        expect(snap.tables.map((x) => x.name)).toContain('rank_intervals');
      } finally {
        await runner.stop();
      }
      const list = await listJobs(ctx(), SMALL_ID);
      expect(list.jobs[0]?.retryOf).toBe(job.id);
    });

    it('refuses to retry a job that has not failed, and bad parameters before queueing', async () => {
      const job = await enqueueJob(ctx(), 'analysis', SMALL_ID, {});
      await expect(retryJob(ctx(), SMALL_ID, job.id)).rejects.toMatchObject({ code: 'KP_CONFLICT' });
      await expect(enqueueJob(ctx(), 'analysis', SMALL_ID, { replicates: -1 })).rejects.toMatchObject({
        code: 'KP_VALIDATION',
      });
      await expect(getJob(ctx(), 'other', job.id)).rejects.toMatchObject({ code: 'KP_NOT_FOUND' });
    });
  });
}
