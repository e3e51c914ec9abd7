/**
 * Durability of submissions (SPEC §6): a server process is killed with SIGKILL in the middle of
 * a submission load; every response it acknowledged with 201 is in the database afterwards, as
 * seen by a freshly opened connection, and retrying every request with its Idempotency-Key
 * against a restarted server stores each response exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../src/db/create-db.js';
import { createApiKey } from '../src/services/accounts/accounts.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { makeSubmissionAssessment, publicBody } from './support/submissions.js';

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support/submit-server.ts');
const TOTAL = 400;
const CONCURRENCY = 40;
const KILL_AFTER = 120;

function start(target: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, target], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening`)));
  });
}

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`submission durability on ${engine}`, () => {
    let t: TestDb;
    let key: string;
    let target: string;
    beforeAll(async () => {
      t = await createTestDb(engine);
      await makeSubmissionAssessment(t, 's1');
      key = await createApiKey(t.handle.db, 'analyst', 's1', 'test', new Date());
      target = JSON.stringify(
        t.env.DATABASE_URL
          ? { url: t.env.DATABASE_URL }
          : { sqlite: path.join(t.env.KAOPING_DATA_DIR!, 'kaoping.db') },
      );
    });
    afterAll(async () => {
      await t?.dispose();
    });

    /** Sends requests 0..TOTAL-1, CONCURRENCY at a time; `onStatus` sees each answer. */
    async function load(port: number, onStatus: (i: number, status: number) => void): Promise<void> {
      let next = 0;
      const worker = async () => {
        while (next < TOTAL) {
          const i = next++;
          try {
            const r = await fetch(`http://127.0.0.1:${port}/api/v1/assessments/s1/responses`, {
              method: 'POST',
              headers: {
                authorization: `Bearer ${key}`,
                'content-type': 'application/json',
                'idempotency-key': `idem-${i}`,
              },
              body: JSON.stringify(publicBody(`kill-${i}`, 'ABC'[i % 3], 1 + (i % 5))),
            });
            await r.arrayBuffer();
            onStatus(i, r.status);
          } catch {
            onStatus(i, 0); // the server is gone
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    }

    it('keeps every acknowledged submission after kill -9, and retries store each once', async () => {
      const first = await start(target);
      const acknowledged: number[] = [];
      const died = new Promise<void>((resolve) => first.child.once('exit', () => resolve()));
      await load(first.port, (i, status) => {
        if (status === 201) acknowledged.push(i);
        if (acknowledged.length === KILL_AFTER) first.child.kill('SIGKILL');
      });
      await died;
      expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(acknowledged.length).toBeLessThan(TOTAL); // killed mid-load, not after it

      // a connection opened after the crash (SQLite recovers the WAL the dead process left)
      const fromTarget = JSON.parse(target) as { sqlite?: string; url?: string };
      const handle = createDb(
        fromTarget.url ? { databaseUrl: fromTarget.url } : { sqliteFile: fromTarget.sqlite! },
      );
      const ids = new Set(
        (
          await handle.db
            .selectFrom('responses')
            .select('response_id')
            .where('assessment_id', '=', 's1')
            .execute()
        ).map((r) => r.response_id),
      );
      expect(acknowledged.filter((i) => !ids.has(`kill-${i}`))).toEqual([]);

      // a restarted server: every retry with its key is stored once (200 if it was, else 201)
      const second = await start(target);
      const statuses = new Map<number, number>();
      await load(second.port, (i, status) => statuses.set(i, status));
      second.child.kill('SIGTERM');
      for (const i of acknowledged) expect([i, statuses.get(i)]).toEqual([i, 200]);
      expect([...statuses.values()].filter((s) => s !== 200 && s !== 201)).toEqual([]);
      const n = await handle.db
        .selectFrom('responses')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('assessment_id', '=', 's1')
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(TOTAL);
      await handle.close();
    });
  });
}
