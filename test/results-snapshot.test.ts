/**
 * Results snapshots on both engines: a snapshot holds exactly the cells of the CSV files of the
 * same run; the inputs' fingerprint changes with the data the results depend on and only then;
 * big tables read page by page across their stored chunks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputsFingerprint } from '../src/services/results/fingerprint.js';
import { CHUNK_ROWS, storeSnapshot } from '../src/services/results/store.js';
import { findSnapshot } from '../src/db/repos/snapshots.js';
import { getSnapshot, isStale, listSnapshots, snapshotTable } from '../src/services/results/snapshots.js';
import { RESULT_TABLES } from '../src/shared/api/result-tables.js';
import { runCli } from './support/cli.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { addResponse, analyzeCli, csvText, loadSmall, small, SMALL_ID, tempFile } from './support/results.js';

const readCsv = (file: string): string[][] =>
  parse(fs.readFileSync(file, 'utf8'), { bom: true, relax_column_count: false });

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`results snapshots on ${engine}`, () => {
    let t: TestDb;
    let out: string;
    let sid: number;
    const ctx = () => ({ handle: t.handle, now: () => new Date(), actor: 'test' });

    beforeAll(async () => {
      t = await createTestDb(engine);
      out = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-snap-'));
      await loadSmall(t);
      sid = await analyzeCli(t, out, ['--bootstrap', '50', '--seed', '7']);
    });
    afterAll(async () => {
      await t?.dispose();
      fs.rmSync(out, { recursive: true, force: true });
    });

    it('stores every table of the run, equal to its CSV file cell by cell', async () => {
      const meta = await getSnapshot(ctx(), SMALL_ID, sid);
      expect(meta.tables.map((x) => x.name)).toEqual([...RESULT_TABLES]);
      expect(meta.params).toEqual({ replicates: 50, seed: 7 });
      expect(meta.stale).toBe(false);
      expect(meta.latest).toBe(true);
      expect(meta.published).toBe(false);
      for (const name of RESULT_TABLES) {
        const [header, ...lines] = readCsv(path.join(out, `${name}.csv`));
        const page = await snapshotTable(ctx(), SMALL_ID, sid, name, { limit: 5000 });
        expect(page.columns, name).toEqual(header);
        expect(page.total, name).toBe(lines.length);
        expect(lines.length, name).toBeGreaterThan(0);
        expect(
          page.rows.map((r) => r.map(csvText)),
          name,
        ).toEqual(lines);
      }
    });

    it('keeps numbers as numbers: a total is the same double as in the file', async () => {
      const page = await snapshotTable(ctx(), SMALL_ID, sid, 'unit_results');
      const [header, ...lines] = readCsv(path.join(out, 'unit_results.csv'));
      const col = header!.indexOf('total');
      const totals = page.rows.map((r) => r[col]);
      expect(totals.some((v) => typeof v === 'number')).toBe(true);
      expect(totals).toEqual(lines.map((l) => (l[col] === '' ? null : Number(l[col]))));
    });

    it('changes the fingerprint with responses, scores, dispositions and the configuration only', async () => {
      const db = t.handle.db;
      const fp = () => inputsFingerprint(db, SMALL_ID);
      const f0 = await fp();
      expect((await getSnapshot(ctx(), SMALL_ID, sid)).fingerprint).toBe(f0);
      // nothing changed: a second run and a re-import of the same responses (a no-op)
      await runCli(t.env, ['import', 'responses', small('responses.csv'), '--assessment', SMALL_ID]);
      expect(await fp()).toBe(f0);
      // …the same configuration, agencies and scores again (stored anew, unchanged)
      expect((await runCli(t.env, ['import', 'config', small('config.json')])).stderr).toBe('');
      for (const kind of ['units', 'scores'])
        await runCli(t.env, ['import', kind, small(`${kind}.csv`), '--assessment', SMALL_ID]);
      expect(await fp()).toBe(f0);
      const sid2 = await analyzeCli(t, out, ['--bootstrap', '0']);
      expect((await getSnapshot(ctx(), SMALL_ID, sid2)).fingerprint).toBe(f0);
      expect((await getSnapshot(ctx(), SMALL_ID, sid)).stale).toBe(false);

      const row = async (id: number) => (await findSnapshot(db, SMALL_ID, id))!;
      expect(await isStale(ctx(), await row(sid))).toBe(false);
      await addResponse(t, 'late1');
      const f1 = await fp();
      expect(f1).not.toBe(f0);
      expect((await getSnapshot(ctx(), SMALL_ID, sid)).stale).toBe(true);
      expect(await isStale(ctx(), await row(sid))).toBe(true);

      const scores = tempFile('scores.csv', 'unit_code,daily,bonus\nA,93,6\n');
      await runCli(t.env, ['import', 'scores', scores, '--assessment', SMALL_ID]);
      const f2 = await fp();
      expect(f2).not.toBe(f1);

      const cases = tempFile(
        'cases.csv',
        'case_id,unit_code,phone,service,service_date,disposition,attempts\nc4,B,13800000004,社保,2024-09-04,2.111,1\n',
      );
      expect((await runCli(t.env, ['import', 'cases', cases, '--assessment', SMALL_ID])).stderr).toBe('');
      const f3 = await fp();
      expect(f3).not.toBe(f2);

      const config = JSON.parse(fs.readFileSync(small('config.json'), 'utf8')) as Record<string, unknown>;
      config.name = '测试考评（改）';
      const cfile = tempFile('config.json', JSON.stringify(config));
      expect((await runCli(t.env, ['import', 'config', cfile])).stderr).toBe('');
      const f4 = await fp();
      expect(f4).not.toBe(f3);
      expect(await fp()).toBe(f4);

      const list = await listSnapshots(ctx(), SMALL_ID);
      expect(list.snapshots.map((s) => s.id)).toEqual([sid2, sid]);
      expect(list.snapshots.every((s) => s.stale)).toBe(true);
    });

    it('reads pages of a big table across chunk boundaries', async () => {
      const n = CHUNK_ROWS * 2 + 17;
      const rows = Array.from({ length: n }, (_, i) => [
        `id${i}`,
        i % 3 === 0 ? 0 : 1,
        i % 3 === 0 ? 'too_fast' : '',
      ]);
      const stored = await storeSnapshot(t.handle.db, {
        assessmentId: SMALL_ID,
        actor: 'test',
        now: new Date(),
        fingerprint: 'x',
        params: { replicates: 0, seed: 1 },
        tables: [
          {
            name: 'response_validity',
            columns: ['response_id', 'valid', 'reasons'],
            nRows: n,
            rowsAt: (a, b) => rows.slice(a, b),
          },
        ],
      });
      for (const [offset, limit] of [
        [0, 3],
        [CHUNK_ROWS - 2, 5],
        [CHUNK_ROWS * 2 - 1, 5000],
        [n - 1, 10],
        [n, 10],
      ] as const) {
        const page = await snapshotTable(ctx(), SMALL_ID, stored.id, 'response_validity', { offset, limit });
        expect(page.total).toBe(n);
        expect(page.rows, `${offset}+${limit}`).toEqual(rows.slice(offset, offset + limit));
      }
      await expect(snapshotTable(ctx(), SMALL_ID, stored.id, 'unit_results')).rejects.toMatchObject({
        code: 'KP_NOT_FOUND',
      });
    });
  });
}
