/**
 * The agency page's extras over HTTP on both engines: example comments (valid responses of the
 * snapshot only, personal data masked, never a late response's), the all-agency item means for
 * agency viewers (an aggregate, no other agency's row), their isolation (another agency 403,
 * nothing before publication), and the data-quality explanation of one response (staff only).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { JobRunner } from '../src/services/jobs/runner.js';
import { runCli } from './support/cli.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { loadSmall, SMALL_ID, tempFile } from './support/results.js';
import { asSession, makeUser, signIn, type Signed } from './support/server.js';

type Row = Record<string, string | number | null>;
interface Comments {
  total: number;
  representative: string[];
  keywords: { keyword: string; total: number; comments: string[] }[];
}
interface UnitView {
  snapshot: { id: number };
  unit: { itemScores: Row[]; keywords: Row[]; itemMeans: Row[]; comments: Comments };
}

const base = `/api/v1/assessments/${SMALL_ID}`;
const HEAD =
  'response_id,channel,group,respondent_unit,respondent_key,target_unit,item,value,duration_s,submitted_at';
const AT = '2024-10-05T10:00:00+08:00';
/** a service response for A with a comment (C1); S2 left out when `s2` is null */
const response = (id: string, duration: number, comment: string, s2: number | null = 4) => [
  `${id},phone,service,,key-${id},A,S1,4,${duration},${AT}`,
  ...(s2 === null ? [] : [`${id},phone,service,,key-${id},A,S2,${s2},${duration},${AT}`]),
  `${id},phone,service,,key-${id},A,C1,"${comment}",${duration},${AT}`,
];

async function importRows(t: TestDb, name: string, rows: string[]): Promise<void> {
  const r = await runCli(t.env, [
    'import',
    'responses',
    tempFile(`${name}.csv`, [HEAD, ...rows].join('\n')),
    '--assessment',
    SMALL_ID,
  ]);
  expect(r.stderr).toBe('');
}

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`agency page extras on ${engine}`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    const who: Record<string, Signed> = {};
    let sid = 0;
    const get = async (as: string, url: string) =>
      app.inject({ method: 'GET', url, headers: asSession(who[as]!) });

    beforeAll(async () => {
      t = await createTestDb(engine);
      await loadSmall(t);
      await importRows(t, 'extra', [
        ...response('cv', 200, '窗口<b>太少</b><script>x()</script>，排队，电话13912345678'),
        ...response('cfast', 10, '排队太快的答卷不应被引用'),
        ...response('cinc', 200, '排队缺题的答卷不应被引用', null),
      ]);
      await makeUser(t, 'adm', 'admin');
      await makeUser(t, 'ana', 'analyst');
      await makeUser(t, 'viewA', 'agency', { unit: 'A' });
      await makeUser(t, 'viewB', 'agency', { unit: 'B' });
      app = buildApp({ handle: t.handle, signInRateLimit: { max: 1000, timeWindowMs: 60_000 } });
      await app.ready();
      for (const n of ['adm', 'ana', 'viewA', 'viewB']) who[n] = await signIn(app, n);
      const r = await app.inject({
        method: 'POST',
        url: `${base}/analyses`,
        headers: asSession(who.ana!, 'POST'),
        payload: { replicates: 20, seed: 1 },
      });
      expect(r.statusCode, r.body).toBe(202);
      await new JobRunner({ handle: t.handle, now: () => new Date() }).runOnce();
      const snaps = (await get('ana', `${base}/snapshots`)).json<{ snapshots: { id: number }[] }>();
      sid = snaps.snapshots[0]!.id;
    });
    afterAll(async () => {
      await app?.close();
      await t?.dispose();
    });

    it('quotes comments of valid responses only, masked, and the same ones after a late response', async () => {
      const before = await get('ana', `${base}/units/A/results`);
      expect(before.statusCode, before.body).toBe(200);
      const c = before.json<UnitView>().unit.comments;
      // r1 and cv are valid; cfast (too fast) and cinc (incomplete) are not
      expect(c.total).toBe(2);
      const all = [...c.representative, ...c.keywords.flatMap((k) => k.comments)];
      expect(new Set(all)).toEqual(
        new Set(['排队时间长, 希望改进', '窗口<b>太少</b><script>x()</script>，排队，电话139******78']),
      );
      expect(all.join('')).not.toMatch(/\d{7}/);
      const queue = c.keywords.find((k) => k.keyword === '排队');
      expect(queue, JSON.stringify(c.keywords)).toBeDefined();
      expect(queue!.total).toBe(2);
      for (const k of c.keywords) for (const x of k.comments) expect(x).toContain(k.keyword);
      expect(c.keywords.map((k) => k.keyword)).toEqual(
        before
          .json<UnitView>()
          .unit.keywords.map((k) => k.keyword)
          .slice(0, 10),
      );

      // a response after the snapshot is not in it: never quoted from that snapshot
      await importRows(t, 'late', response('late', 200, '排队迟到的意见'));
      const after = (await get('ana', `${base}/units/A/results?snapshot=${sid}`)).json<UnitView>();
      expect(after.unit.comments).toEqual(c);
    });

    it('serves the all-agency item means, equal to the mean of item_scores', async () => {
      const v = (await get('ana', `${base}/units/A/results?snapshot=${sid}`)).json<UnitView>();
      const page = (await get('ana', `${base}/snapshots/${sid}/tables/item_scores`)).json<{
        columns: string[];
        rows: (string | number | null)[][];
      }>();
      const rows = page.rows.map((r) => Object.fromEntries(page.columns.map((c, i) => [c, r[i] ?? null])));
      expect(v.unit.itemMeans.length).toBe(v.unit.itemScores.filter((r) => r.score !== null).length);
      for (const m of v.unit.itemMeans) {
        const same = rows.filter((r) => r.group === m.group && r.item === m.item && r.score !== null);
        const mean = same.reduce((s, r) => s + Number(r.score), 0) / same.length;
        expect(m.mean).toBeCloseTo(mean, 10);
        expect(m.units).toBe(same.length);
      }
    });

    it('keeps agency viewers to their own published page', async () => {
      const embargo = await get('viewA', `${base}/units/A/results`);
      expect([embargo.statusCode, embargo.json<{ code: string }>().code]).toEqual([403, 'KP_EMBARGO']);
      const p = await app.inject({
        method: 'POST',
        url: `${base}/snapshots/${sid}/publish`,
        headers: asSession(who.adm!, 'POST'),
      });
      expect(p.statusCode, p.body).toBe(200);
      const own = await get('viewA', `${base}/units/A/results`);
      expect(own.statusCode, own.body).toBe(200);
      const staff = (await get('ana', `${base}/units/A/results?snapshot=${sid}`)).json<UnitView>();
      expect(own.json<UnitView>().unit.comments).toEqual(staff.unit.comments);
      expect(own.json<UnitView>().unit.itemMeans).toEqual(staff.unit.itemMeans);
      // the means carry no other agency's code or row
      expect(JSON.stringify(own.json<UnitView>().unit.itemMeans)).not.toMatch(/"unit_code"/);
      expect((await get('viewB', `${base}/units/A/results`)).statusCode).toBe(403);
      expect((await get('viewA', `${base}/units/B/results`)).statusCode).toBe(403);
    });

    it('explains why a response is invalid, with the values the rules compared', async () => {
      const why = async (id: string) => {
        const r = await get('ana', `${base}/responses/${id}/validity`);
        expect(r.statusCode, r.body).toBe(200);
        return r.json<Record<string, Record<string, unknown>>>();
      };
      expect(await why('cfast')).toMatchObject({
        valid: false,
        reasons: ['too_fast'],
        channel: 'phone',
        tooFast: { triggered: true, durationS: 10, minimumS: 60 },
      });
      expect((await why('cinc')).incomplete).toEqual({
        triggered: true,
        required: ['S1', 'S2'],
        targets: [{ unit: 'A', unitName: '市甲局', missing: ['S2'] }],
      });
      // r4 shares respondent key k1 with r1, a day earlier
      const dup = await why('r4');
      expect(dup.reasons).toEqual(['duplicate']);
      expect(dup.duplicate).toMatchObject({ triggered: true, firstResponseId: 'r1', sharing: 2 });
      expect(String(dup.duplicate!.firstSubmittedAt)).toMatch(/^2024-10-01/);
      expect(await why('r1')).toMatchObject({ valid: true, reasons: [] });
      expect((await get('ana', `${base}/responses/nope/validity`)).statusCode).toBe(404);
      for (const w of ['viewA', 'viewB'])
        expect((await get(w, `${base}/responses/cfast/validity`)).statusCode).toBe(403);
    });
  });
}
