/**
 * Fieldwork progress on both engines: the counts after an import, after a submission over
 * HTTP and after the same submission again (no double count), the migration's backfill from
 * the stored blocks (and a restore of a backup without counts), the firm's rating from the
 * newest snapshot, and the live stream pushing a submission stored through another server (a
 * second connection to the same database) within a second.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, sqliteFileIn, type DbHandle } from '../src/db/create-db.js';
import { buildApp } from '../src/server/app.js';
import { createApiKey } from '../src/services/accounts/accounts.js';
import { backup } from '../src/services/backup/backup.js';
import { restore } from '../src/services/backup/restore.js';
import type { Progress } from '../src/shared/api/progress.js';
import { createTestDb, ENGINES, engineReachable, rerunMigration, type TestDb } from './support/databases.js';
import { analyzeCli, loadSmall, SMALL_ID } from './support/results.js';

/** A phone response of the small fixture's service group rating agency `unit`. */
const phoneBody = (id: string, unit: string) => ({
  response_id: id,
  channel: 'phone',
  group: 'service',
  respondent_key: `k-${id}`,
  duration_s: 150,
  submitted_at: '2024-10-05T10:00:00+08:00',
  answers: [
    { target_unit: unit, item: 'S1', value: 4 },
    { target_unit: unit, item: 'S2', value: 5 },
  ],
});

/** Reads `event: progress` bodies from an SSE stream until `stop` says so. */
async function readProgress(
  body: ReadableStream<Uint8Array>,
  stop: (p: Progress) => boolean,
): Promise<Progress> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('the stream ended');
    buf += decoder.decode(value, { stream: true });
    let end;
    while ((end = buf.indexOf('\n\n')) >= 0) {
      const lines = buf.slice(0, end).split('\n');
      buf = buf.slice(end + 2);
      if (!lines.includes('event: progress')) continue;
      const p = JSON.parse(lines.find((l) => l.startsWith('data: '))!.slice(6)) as Progress;
      if (stop(p)) {
        await reader.cancel();
        return p;
      }
    }
  }
}

const cellsOf = (p: Progress) =>
  Object.fromEntries(
    p.units.map((u) => [u.code, Object.fromEntries(Object.entries(u.cells).map(([c, x]) => [c, x.n]))]),
  );

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`fieldwork progress on ${engine}`, () => {
    let t: TestDb;
    let other: DbHandle;
    let app: ReturnType<typeof buildApp>;
    let second: ReturnType<typeof buildApp>;
    let url = '';
    let otherUrl = '';
    let key = '';
    const get = async (): Promise<Progress> => {
      const r = await fetch(`${url}/api/v1/assessments/${SMALL_ID}/progress`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(r.status).toBe(200);
      return (await r.json()) as Progress;
    };
    const post = (base: string, body: unknown) =>
      fetch(`${base}/api/v1/assessments/${SMALL_ID}/responses`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    beforeAll(async () => {
      t = await createTestDb(engine);
      other =
        t.engine === 'postgres'
          ? createDb({ databaseUrl: t.env.DATABASE_URL })
          : createDb({ sqliteFile: sqliteFileIn(path.resolve(t.env.KAOPING_DATA_DIR!)) });
      await loadSmall(t);
      key = await createApiKey(t.handle.db, 'analyst', null, 'test', new Date());
      app = buildApp({ handle: t.handle });
      url = await app.listen({ port: 0, host: '127.0.0.1' });
      second = buildApp({ handle: other });
      otherUrl = await second.listen({ port: 0, host: '127.0.0.1' });
    });
    afterAll(async () => {
      await app?.close();
      await second?.close();
      await other?.close();
      await t?.dispose();
    });

    it('counts the imported responses once per agency rated, against the phone quota', async () => {
      const p = await get();
      // r1, r2, r4 phone → A; r3 intercept → B; m1 peer → B, C, A; m2 peer → A, C; f1 firm
      expect(p.responses).toBe(7);
      expect(cellsOf(p)).toEqual({
        A: { phone: 3, intercept: 0, peer: 2 },
        B: { phone: 0, intercept: 1, peer: 1 },
        C: { phone: 0, intercept: 0, peer: 2 },
      });
      expect(p.channels.map((c) => [c.channel, c.stored, c.towardTarget, c.target, c.status])).toEqual([
        ['phone', 3, 3, 9, 'on_track'], // quota 3 per agency × 3; no schedule window
        ['intercept', 1, 1, null, null],
        ['peer', 2, 2, null, null],
      ]);
      expect(p.units.map((u) => u.cells.phone!.status)).toEqual(['met', 'behind', 'behind']);
      expect(p.total).toEqual({ towardTarget: 3, target: 9 });
      expect(p.firm).toEqual({ responses: 1, satisfactionRate: null, snapshot: null });
    });

    it('adds a submission once, also when it is sent again', async () => {
      const first = await post(url, phoneBody('http1', 'B'));
      expect(first.status).toBe(201);
      const again = await post(url, phoneBody('http1', 'B'));
      expect(again.status).toBe(200);
      const p = await get();
      expect(p.responses).toBe(8);
      expect(cellsOf(p).B).toEqual({ phone: 1, intercept: 1, peer: 1 });
      expect(p.channels[0]).toMatchObject({ stored: 4, towardTarget: 4 });
    });

    it('pushes a submission stored through another server within a second', async () => {
      const stream = await fetch(`${url}/api/v1/assessments/${SMALL_ID}/progress/events`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      const body = stream.body!;
      const reader = readProgress(body, (p) => p.responses === 9);
      // the first event carries the current state; then the submission goes to the other server
      await new Promise((ok) => setTimeout(ok, 400));
      const t0 = Date.now();
      expect((await post(otherUrl, phoneBody('http2', 'C'))).status).toBe(201);
      const p = await reader;
      const ms = Date.now() - t0;
      expect(ms).toBeLessThan(1000);
      expect(cellsOf(p).C).toEqual({ phone: 1, intercept: 0, peer: 2 });
    });

    it('refuses the progress of an unknown assessment, and the stream without credentials', async () => {
      const missing = await fetch(`${url}/api/v1/assessments/nope/progress`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(missing.status).toBe(404);
      const anon = await fetch(`${url}/api/v1/assessments/${SMALL_ID}/progress/events`);
      expect(anon.status).toBe(401);
    });

    /** every stored count, in key order */
    const rows = () =>
      t.handle.db
        .selectFrom('unit_channel_counts')
        .selectAll()
        .orderBy('assessment_id')
        .orderBy('unit_code')
        .orderBy('channel')
        .orderBy('group_code')
        .execute();

    it('backfills the counts from the stored blocks (migration 0030)', async () => {
      const db = t.handle.db;
      const before = await rows();
      expect(before.filter((r) => r.unit_code === '').reduce((s, r) => s + Number(r.n), 0)).toBe(9);
      await db.schema.dropTable('unit_channel_counts').execute();
      await rerunMigration(t.handle, '0030_unit_channel_counts');
      expect(await rows()).toEqual(before);
    });

    it('computes the counts from the blocks when restoring a backup that has none (taken before 0030)', async () => {
      const db = t.handle.db;
      const before = await rows();
      // a backup whose unit_channel_counts section is empty, as one written before the table was
      await db.deleteFrom('unit_channel_counts').execute();
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-progress-')), 'old.jsonl.gz');
      await backup(t.handle, file);
      await restore(t.handle, file, 'test', new Date());
      expect(await rows()).toEqual(before);
    });

    it("shows the firm's satisfaction rate of the newest snapshot, with its age", async () => {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-progress-'));
      const sid = await analyzeCli(t, out);
      const p = await get();
      // f1 rates the firm 4 on a 5-point scale, satisfied from 3: one satisfied answer of one
      expect(p.firm).toMatchObject({ responses: 1, satisfactionRate: 1, snapshot: { id: sid } });
      expect(p.firm!.snapshot!.ageSeconds).toBeGreaterThanOrEqual(0);
      expect(p.firm!.snapshot!.ageSeconds).toBeLessThan(120);
    });
  });
}
