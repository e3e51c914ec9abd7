/**
 * Results over HTTP on both engines: an analysis started as a job, the embargo before
 * publication, an agency viewer seeing exactly its own agency's rows of the published snapshot
 * and nothing else, frozen numbers after a late response and a new analysis, republication and
 * the audit of publications and of every view of results.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { JobRunner } from '../src/services/jobs/runner.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { addResponse, analyzeCli, loadSmall, SMALL_ID } from './support/results.js';
import { asSession, auditLog, makeUser, signIn, type Signed } from './support/server.js';

type Row = Record<string, string | number | null>;
interface UnitView {
  snapshot: { id: number; published: boolean; ageSeconds: number };
  unit: {
    unitCode: string;
    unitResult: Row;
    groupScores: Row[];
    itemScores: Row[];
    keywords: Row[];
    rankInterval: Row | null;
  };
}

const base = `/api/v1/assessments/${SMALL_ID}`;

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`results over HTTP on ${engine}`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let out: string;
    const who: Record<string, Signed> = {};
    let s1 = 0;
    let s2 = 0;
    let firstView: UnitView;

    const get = async (as: string, url: string) =>
      app.inject({ method: 'GET', url, headers: asSession(who[as]!) });
    const post = async (as: string, url: string, payload?: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url,
        headers: asSession(who[as]!, 'POST'),
        ...(payload ? { payload } : {}),
      });

    /** Rows of a whole table of a snapshot, as objects, read by a staff member. */
    async function tableObjects(sid: number, table: string): Promise<Row[]> {
      const r = await get('ana', `${base}/snapshots/${sid}/tables/${table}?limit=5000`);
      expect(r.statusCode, r.body).toBe(200);
      const page = r.json<{ columns: string[]; rows: (string | number | null)[][] }>();
      return page.rows.map((row) => Object.fromEntries(page.columns.map((c, i) => [c, row[i] ?? null])));
    }

    beforeAll(async () => {
      t = await createTestDb(engine);
      out = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-res-'));
      await loadSmall(t);
      await makeUser(t, 'adm', 'admin');
      await makeUser(t, 'ana', 'analyst');
      await makeUser(t, 'viewA', 'agency', { unit: 'A' });
      await makeUser(t, 'viewB', 'agency', { unit: 'B' });
      app = buildApp({ handle: t.handle, signInRateLimit: { max: 1000, timeWindowMs: 60_000 } });
      await app.ready();
      for (const n of ['adm', 'ana', 'viewA', 'viewB']) who[n] = await signIn(app, n);
    });
    afterAll(async () => {
      await app?.close();
      await t?.dispose();
      fs.rmSync(out, { recursive: true, force: true });
    });

    it('runs an analysis job, and keeps agency viewers out until publication (KP_EMBARGO)', async () => {
      const r = await post('ana', `${base}/analyses`, { replicates: 30, seed: 2 });
      expect(r.statusCode, r.body).toBe(202);
      const job = r.json<{ id: number; status: string }>();
      expect(job.status).toBe('queued');
      const runner = new JobRunner({ handle: t.handle, now: () => new Date() });
      expect(await runner.runOnce()).toBe(true);
      const done = (await get('ana', `${base}/jobs/${job.id}`)).json<{
        status: string;
        result: { snapshotId: number };
      }>();
      expect(done.status).toBe('succeeded');
      s1 = done.result.snapshotId;

      for (const url of [`${base}/results/published`, `${base}/units/A/results`]) {
        const x = await get('viewA', url);
        expect([x.statusCode, x.json<{ code: string }>().code], url).toEqual([403, 'KP_EMBARGO']);
        expect(x.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      }
      expect((await get('ana', `${base}/results/published`)).statusCode).toBe(404);
      expect((await get('ana', `${base}/units/A/results`)).json<UnitView>().snapshot.id).toBe(s1);
    });

    it('shows an agency viewer exactly its own rows of the published snapshot, nothing else', async () => {
      const p = await post('adm', `${base}/snapshots/${s1}/publish`);
      expect(p.statusCode, p.body).toBe(200);
      expect(p.json()).toMatchObject({ snapshotId: s1, previousSnapshotId: null, publishedBy: 'adm' });

      const r = await get('viewA', `${base}/units/A/results`);
      expect(r.statusCode, r.body).toBe(200);
      firstView = r.json<UnitView>();
      expect(firstView.snapshot).toMatchObject({ id: s1, published: true });
      const mine = (rows: Row[]) => rows.filter((x) => x.unit_code === 'A');
      const units = await tableObjects(s1, 'unit_results');
      expect(units.length).toBe(3);
      expect(firstView.unit.unitResult).toEqual(mine(units)[0]);
      expect(firstView.unit.groupScores).toEqual(mine(await tableObjects(s1, 'unit_group_scores')));
      expect(firstView.unit.itemScores).toEqual(mine(await tableObjects(s1, 'item_scores')));
      expect(firstView.unit.keywords).toEqual(mine(await tableObjects(s1, 'unit_keywords')));
      expect(firstView.unit.rankInterval).toEqual(mine(await tableObjects(s1, 'rank_intervals'))[0]);
      expect(firstView.unit.groupScores.length).toBeGreaterThan(0);

      const all = await get('viewA', `${base}/results/published`);
      const pub = all.json<{ units: UnitView['unit'][] }>();
      expect(pub.units.map((u) => u.unitCode)).toEqual(['A']);
      expect(pub.units[0]).toEqual(firstView.unit);
      expect((await get('ana', `${base}/results/published`)).json<{ units: unknown[] }>().units).toHaveLength(
        3,
      );

      // never another agency, another snapshot, or the full ranking
      for (const url of [
        `${base}/units/B/results`,
        `${base}/units/A/results?snapshot=latest`,
        `${base}/units/A/results?snapshot=${s1}`,
        `${base}/snapshots`,
        `${base}/snapshots/${s1}`,
        `${base}/snapshots/${s1}/tables/unit_results`,
        `${base}/jobs`,
      ])
        expect((await get('viewA', url)).statusCode, url).toBe(403);
    });

    it('keeps the published numbers frozen after a late response and a new analysis', async () => {
      await addResponse(t, 'late1', 1);
      s2 = await analyzeCli(t, out, ['--bootstrap', '30', '--seed', '2']);
      expect(s2).toBeGreaterThan(s1);
      const again = (await get('viewA', `${base}/units/A/results`)).json<UnitView>();
      expect(again.unit).toEqual(firstView.unit);
      expect(again.snapshot).toEqual({ ...firstView.snapshot, ageSeconds: again.snapshot.ageSeconds });
      const latest = (await get('ana', `${base}/units/A/results`)).json<UnitView>();
      expect(latest.snapshot).toMatchObject({ id: s2, published: false });
      expect(latest.unit.unitResult.composite).not.toEqual(firstView.unit.unitResult.composite);
      const m1 = (await get('ana', `${base}/snapshots/${s1}`)).json<Record<string, unknown>>();
      const m2 = (await get('ana', `${base}/snapshots/${s2}`)).json<Record<string, unknown>>();
      expect(m1).toMatchObject({ stale: true, published: true, latest: false });
      expect(m2).toMatchObject({ stale: false, published: false, latest: true });
      expect(m2.ageSeconds).toBeGreaterThanOrEqual(0);
    });

    it('audits publication, republication and every view of results', async () => {
      const r = await post('adm', `${base}/snapshots/${s2}/publish`);
      expect(r.json()).toMatchObject({ snapshotId: s2, previousSnapshotId: s1 });
      const now = (await get('viewA', `${base}/units/A/results`)).json<UnitView>();
      expect(now.snapshot.id).toBe(s2);
      expect(now.unit.unitResult).not.toEqual(firstView.unit.unitResult);
      // the same snapshot again changes nothing
      await post('adm', `${base}/snapshots/${s2}/publish`);
      const log = await auditLog(t);
      const publications = log.filter((e) => e.action.startsWith('results.') && e.action !== 'results.view');
      expect(publications).toEqual([
        {
          actor: 'adm',
          action: 'results.publish',
          assessmentId: SMALL_ID,
          details: { before: null, after: s1 },
        },
        {
          actor: 'adm',
          action: 'results.republish',
          assessmentId: SMALL_ID,
          details: { before: s1, after: s2 },
        },
      ]);
      const views = log.filter((e) => e.action === 'results.view');
      expect(views).toContainEqual({
        actor: 'viewA',
        action: 'results.view',
        assessmentId: SMALL_ID,
        details: { snapshotId: s1, unit: 'A' },
      });
      expect(views).toContainEqual({
        actor: 'viewA',
        action: 'results.view',
        assessmentId: SMALL_ID,
        details: { snapshotId: s2, unit: 'A' },
      });
      expect(views).toContainEqual({
        actor: 'ana',
        action: 'results.view',
        assessmentId: SMALL_ID,
        details: { snapshotId: s1, table: 'unit_results', offset: 0, limit: 5000 },
      });
      expect(views.filter((v) => v.actor === 'viewA')).toHaveLength(4);
      // refused views leave no entry claiming they happened
      expect(views.some((v) => v.actor === 'viewB')).toBe(false);
      expect(log.some((e) => e.action === 'job.create' && e.actor === 'ana')).toBe(true);
    });
  });
}
