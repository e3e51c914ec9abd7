/**
 * Rectification (整改) on both engines, through the services: suggestions from a real analysis
 * of the small fixture, the status machine with who may do what, the audit rows with the item
 * before and after, agency isolation, and the embargo before publication.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../src/services/accounts/principal.js';
import {
  answerItem,
  createItems,
  deleteItem,
  editItem,
  listItems,
  listUnitItems,
  reviewItem,
} from '../src/services/rectification/items.js';
import { rectificationForReport } from '../src/services/rectification/report.js';
import { suggestItems } from '../src/services/rectification/suggest.js';
import { publishSnapshot } from '../src/services/results/snapshots.js';
import type { Role } from '../src/shared/roles.js';
import { runCli } from './support/cli.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { analyzeCli, loadSmall, SMALL_ID, tempFile } from './support/results.js';

const person = (name: string, role: Role, unitCode: string | null = null): Principal => ({
  kind: 'session',
  userId: 1,
  name,
  role,
  unitCode,
  mustChangePassword: false,
  sessionId: 'x',
  csrfToken: 'x',
  expiresAt: '2099-01-01T00:00:00.000Z',
});
const OFFICE = person('office', 'admin');
const ANALYST = person('firm', 'analyst');
const VIEWER_A = person('viewer-a', 'agency', 'A');
const VIEWER_B = person('viewer-b', 'agency', 'B');
const SUPERVISOR = person('super', 'supervisor');

/** Two more service responses for A whose comments repeat a complaint (keywords need ≥ 2). */
async function addComments(t: TestDb): Promise<void> {
  const head =
    'response_id,channel,group,respondent_unit,respondent_key,target_unit,item,value,duration_s,submitted_at';
  const rows = ['c1', 'c2'].flatMap((id) => [
    `${id},phone,service,,k-${id},A,S1,2,200,2024-10-03T10:00:00+08:00`,
    `${id},phone,service,,k-${id},A,S2,3,200,2024-10-03T10:00:00+08:00`,
    `${id},phone,service,,k-${id},A,C1,排队时间长,200,2024-10-03T10:00:00+08:00`,
  ]);
  const file = tempFile('comments.csv', [head, ...rows].join('\n'));
  const r = await runCli(t.env, ['import', 'responses', file, '--assessment', SMALL_ID]);
  expect(r.stderr).toBe('');
}

const readCsv = (file: string): Record<string, string>[] =>
  parse<Record<string, string>>(fs.readFileSync(file, 'utf8'), { bom: true, columns: true });

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`rectification on ${engine}`, () => {
    let t: TestDb;
    let out: string;
    let sid: number;
    const ctx = (actor: string) => ({ handle: t.handle, now: () => new Date(), actor });
    const auditRows = async (item: number) =>
      (
        await t.handle.db
          .selectFrom('audit_log')
          .select(['actor', 'action', 'details'])
          .where('action', 'like', 'rectification.%')
          .orderBy('id')
          .execute()
      )
        .map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }))
        .filter((r) => r.details.item === item);

    beforeAll(async () => {
      t = await createTestDb(engine);
      out = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-rect-'));
      await loadSmall(t);
      await addComments(t);
      sid = await analyzeCli(t, out);
    });
    afterAll(async () => {
      await t?.dispose();
      fs.rmSync(out, { recursive: true, force: true });
    });

    it('suggests from the newest snapshot before publication: the weakest items and keywords', async () => {
      const s = await suggestItems(ctx('office'), SMALL_ID, { weakest: 1 });
      expect(s.snapshot).toMatchObject({ id: sid, published: false });
      // the expectation from analyze's own CSV: each agency's largest shortfall against the mean
      const rows = readCsv(path.join(out, 'item_scores.csv')).filter((r) => r.score !== '');
      const mean = (r: Record<string, string>) => {
        const same = rows.filter((x) => x.group === r.group && x.item === r.item);
        return same.reduce((a, x) => a + Number(x.score), 0) / same.length;
      };
      for (const unit of ['A', 'B']) {
        const own = rows
          .filter((r) => r.unit_code === unit)
          .map((r) => ({ r, gap: Number(r.score) - mean(r) }))
          .sort((a, b) => a.gap - b.gap);
        const weakest = own[0]!;
        const first = s.suggestions.find((x) => x.unitCode === unit)!;
        expect(first.key).toBe(`item:${weakest.r.group}:${weakest.r.item}`);
        expect(first.reasons).toContain('below_mean');
        expect(first.basis).toContain(`得分 ${Number(weakest.r.score).toFixed(2)}`);
        expect(first.basis).toContain(`全部单位均值 ${mean(weakest.r).toFixed(2)}`);
        // every item below the satisfied line (60, rating 3) is there too
        for (const low of own.filter((x) => Number(x.r.score) < 60))
          expect(s.suggestions.map((x) => x.key)).toContain(`item:${low.r.group}:${low.r.item}`);
      }
      // keywords: the most frequent of A's comments, with their counts from unit_keywords.csv
      const kw = readCsv(path.join(out, 'unit_keywords.csv')).filter(
        (r) => r.unit_code === 'A' && Number(r.count) >= 2,
      );
      expect(kw.length).toBeGreaterThan(0);
      for (const k of kw)
        expect(s.suggestions.find((x) => x.key === `keyword:${k.keyword}`)?.basis).toBe(
          `意见建议关键词“${k.keyword}”出现 ${k.count} 次`,
        );
      expect(s.suggestions.every((x) => !x.exists)).toBe(true);
    });

    it('walks the status machine: only the right party, only from the right status, every step audited', async () => {
      const s = await suggestItems(ctx('office'), SMALL_ID);
      const picked = s.suggestions.filter((x) => x.unitCode === 'A').slice(0, 2);
      const { items } = await createItems(ctx('office'), SMALL_ID, {
        items: [
          ...picked.map((x) => ({
            unitCode: x.unitCode,
            title: x.title,
            basis: x.basis,
            source: 'suggested' as const,
          })),
          { unitCode: 'A', title: '  窗口服务规范化  ' },
          { unitCode: 'B', title: '提升服务态度' },
        ],
      });
      expect(items.map((i) => [i.unitCode, i.status, i.source])).toEqual([
        ['A', 'open', 'suggested'],
        ['A', 'open', 'suggested'],
        ['A', 'open', 'manual'],
        ['B', 'open', 'manual'],
      ]);
      expect(items[2]?.title).toBe('窗口服务规范化');
      const [first, , manual, ofB] = items as [
        (typeof items)[0],
        unknown,
        (typeof items)[0],
        (typeof items)[0],
      ];
      // the suggestions now know which exist
      expect(
        (await suggestItems(ctx('office'), SMALL_ID)).suggestions.filter((x) => x.exists).map((x) => x.key),
      ).toEqual(picked.map((x) => x.key));

      // before publication agencies see nothing and cannot answer
      await expect(listUnitItems(ctx('viewer-a'), VIEWER_A, SMALL_ID, 'A')).rejects.toMatchObject({
        code: 'KP_EMBARGO',
      });
      const answer = { measures: '增设取号机，高峰期增开窗口', dueDate: '2026-06-30' };
      await expect(
        answerItem(ctx('viewer-a'), VIEWER_A, SMALL_ID, 'A', first.id, answer),
      ).rejects.toMatchObject({
        code: 'KP_EMBARGO',
      });
      await publishSnapshot(ctx('office'), SMALL_ID, sid);
      expect((await suggestItems(ctx('office'), SMALL_ID)).snapshot).toMatchObject({
        id: sid,
        published: true,
      });

      // isolation: A sees its own three, B's viewer neither A's list nor A's items
      const own = await listUnitItems(ctx('viewer-a'), VIEWER_A, SMALL_ID, 'A');
      expect(own.items.map((i) => i.unitCode)).toEqual(['A', 'A', 'A']);
      await expect(listUnitItems(ctx('viewer-b'), VIEWER_B, SMALL_ID, 'A')).rejects.toMatchObject({
        code: 'KP_FORBIDDEN',
      });
      await expect(
        answerItem(ctx('viewer-b'), VIEWER_B, SMALL_ID, 'A', first.id, answer),
      ).rejects.toMatchObject({
        code: 'KP_FORBIDDEN',
      });
      await expect(
        answerItem(ctx('viewer-b'), VIEWER_B, SMALL_ID, 'B', first.id, answer),
      ).rejects.toMatchObject({
        code: 'KP_NOT_FOUND',
      });
      // the office does not answer, nor supervisors review
      await expect(answerItem(ctx('office'), OFFICE, SMALL_ID, 'A', first.id, answer)).rejects.toMatchObject({
        code: 'KP_FORBIDDEN',
      });
      await expect(
        reviewItem(ctx('super'), SUPERVISOR, SMALL_ID, first.id, 'accept', {}),
      ).rejects.toMatchObject({
        code: 'KP_FORBIDDEN',
      });
      // bad answers change nothing: blank measures, a date that is no calendar day
      for (const [bad, field] of [
        [{ measures: '   ', dueDate: '2026-06-30' }, 'measures'],
        [{ measures: '措施', dueDate: '2026-02-30' }, 'dueDate'],
        [{ measures: '措施', dueDate: '30/06/2026' }, 'dueDate'],
      ] as const)
        await expect(
          answerItem(ctx('viewer-a'), VIEWER_A, SMALL_ID, 'A', first.id, bad),
        ).rejects.toMatchObject({
          code: 'KP_VALIDATION',
          fields: { field },
        });
      // nothing to review before an answer
      await expect(reviewItem(ctx('office'), OFFICE, SMALL_ID, first.id, 'accept', {})).rejects.toMatchObject(
        {
          code: 'KP_CONFLICT',
        },
      );

      let v = await answerItem(ctx('viewer-a'), VIEWER_A, SMALL_ID, 'A', first.id, answer);
      expect(v).toMatchObject({
        status: 'answered',
        measures: answer.measures,
        dueDate: '2026-06-30',
        answeredBy: 'viewer-a',
      });
      await expect(
        reviewItem(ctx('viewer-a'), VIEWER_A, SMALL_ID, first.id, 'accept', {}),
      ).rejects.toMatchObject({
        code: 'KP_FORBIDDEN',
      });
      await expect(
        reviewItem(ctx('office'), OFFICE, SMALL_ID, first.id, 'return', { note: ' ' }),
      ).rejects.toMatchObject({
        code: 'KP_VALIDATION',
        fields: { field: 'note' },
      });
      v = await reviewItem(ctx('office'), OFFICE, SMALL_ID, first.id, 'return', {
        note: '请写明增开窗口的时段',
      });
      expect(v).toMatchObject({
        status: 'returned',
        reviewNote: '请写明增开窗口的时段',
        reviewedBy: 'office',
      });
      // the agency sees the note, answers again; the firm accepts
      expect((await listUnitItems(ctx('viewer-a'), VIEWER_A, SMALL_ID, 'A')).items[0]?.reviewNote).toBe(
        '请写明增开窗口的时段',
      );
      v = await answerItem(ctx('viewer-a'), VIEWER_A, SMALL_ID, 'A', first.id, {
        ...answer,
        measures: '工作日 9–11 时增开两个窗口',
      });
      expect(v.status).toBe('answered');
      v = await reviewItem(ctx('firm'), ANALYST, SMALL_ID, first.id, 'accept', {});
      expect(v).toMatchObject({ status: 'accepted', reviewedBy: 'firm', reviewNote: null });
      // B's viewer learns nothing of A's accepted item: 404, not 409
      await expect(
        answerItem(ctx('viewer-b'), VIEWER_B, SMALL_ID, 'B', first.id, answer),
      ).rejects.toMatchObject({
        code: 'KP_NOT_FOUND',
      });
      // an accepted item is closed
      await expect(
        answerItem(ctx('viewer-a'), VIEWER_A, SMALL_ID, 'A', first.id, answer),
      ).rejects.toMatchObject({
        code: 'KP_CONFLICT',
      });
      await expect(editItem(ctx('office'), OFFICE, SMALL_ID, first.id, { title: 'x' })).rejects.toMatchObject(
        {
          code: 'KP_CONFLICT',
        },
      );
      await expect(deleteItem(ctx('office'), OFFICE, SMALL_ID, first.id)).rejects.toMatchObject({
        code: 'KP_CONFLICT',
      });

      // the audit log is the item's history, before and after each step
      const log = await auditRows(first.id);
      expect(log.map((r) => [r.action, r.actor])).toEqual([
        ['rectification.create', 'office'],
        ['rectification.answer', 'viewer-a'],
        ['rectification.return', 'office'],
        ['rectification.answer', 'viewer-a'],
        ['rectification.accept', 'firm'],
      ]);
      const st = (x: unknown) => (x === null ? null : (x as { status: string }).status);
      expect(log.map((r) => [st(r.details.before), st(r.details.after)])).toEqual([
        [null, 'open'],
        ['open', 'answered'],
        ['answered', 'returned'],
        ['returned', 'answered'],
        ['answered', 'accepted'],
      ]);
      expect((log[3]?.details.before as { measures: string }).measures).toBe(answer.measures);
      expect((log[3]?.details.after as { measures: string }).measures).toBe('工作日 9–11 时增开两个窗口');

      // edit and delete, audited
      const edited = await editItem(ctx('firm'), ANALYST, SMALL_ID, manual.id, {
        title: '窗口服务标准化',
        basis: '现场检查',
      });
      expect(edited).toMatchObject({ title: '窗口服务标准化', basis: '现场检查', status: 'open' });
      await deleteItem(ctx('office'), OFFICE, SMALL_ID, ofB.id);
      const del = await auditRows(ofB.id);
      expect(del.map((r) => r.action)).toEqual(['rectification.create', 'rectification.delete']);
      expect(del[1]?.details).toMatchObject({ unit: 'B', after: null, before: { title: '提升服务态度' } });
      expect(
        (await auditRows(manual.id)).map((r) => [r.action, (r.details.after as { title: string }).title]),
      ).toEqual([
        ['rectification.create', '窗口服务规范化'],
        ['rectification.edit', '窗口服务标准化'],
      ]);

      // status per agency, for the office and for the report
      const all = await listItems(ctx('office'), SMALL_ID);
      expect(
        all.summary.map((u) => [u.unitCode, u.total, u.open, u.answered, u.accepted, u.returned]),
      ).toEqual([
        ['A', 3, 2, 0, 1, 0],
        ['B', 0, 0, 0, 0, 0],
        ['C', 0, 0, 0, 0, 0],
      ]);
      const report = await rectificationForReport(t.handle.db, SMALL_ID);
      expect([...report.keys()]).toEqual(['A']);
      expect(report.get('A')?.[0]).toEqual({
        title: first.title,
        status: '已通过',
        measures: '工作日 9–11 时增开两个窗口',
        dueDate: '2026-06-30',
      });
      expect(report.get('A')?.[2]).toEqual({ title: '窗口服务标准化', status: '待反馈' });
    });

    it('refuses items for unknown agencies, changing nothing', async () => {
      const before = (await listItems(ctx('office'), SMALL_ID)).items.length;
      await expect(
        createItems(ctx('office'), SMALL_ID, {
          items: [
            { unitCode: 'A', title: 'ok' },
            { unitCode: 'ZZ', title: 'x' },
          ],
        }),
      ).rejects.toMatchObject({ code: 'KP_VALIDATION', fields: { field: 'items/1/unitCode' } });
      expect((await listItems(ctx('office'), SMALL_ID)).items.length).toBe(before);
      await expect(listItems(ctx('office'), 'nope')).rejects.toMatchObject({ code: 'KP_NOT_FOUND' });
    });
  });
}
