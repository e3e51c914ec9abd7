/**
 * Agencies over HTTP on both engines (set-up): the dry run names every problem of a file and
 * stores nothing; the real import of a bad file answers 422 naming file, line and column and
 * stores nothing; a good file is stored and audited; a GB18030 CSV and an .xlsx are read as
 * the CLI reads them; the template is a workbook the import accepts.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import type { UnitImportReport, UnitList } from '../src/shared/api/units.js';
import { createTestDb, ENGINES, engineReachable, type TestDb } from './support/databases.js';
import { asSession, auditLog, makeAssessments, makeUser, signIn, type Signed } from './support/server.js';

const GBK = fs.readFileSync(path.join(import.meta.dirname, 'fixtures/awkward/units-gbk.csv'));

const BAD_CSV = [
  '单位编码,单位名称,类别,是否有窗口',
  'A,单位 A（改名）,c1,是',
  'C,,c2,否',
  'A,重复,c1,1',
  'D E,单位 D,,也许',
  'F,单位 F,c2,0',
].join('\n');

async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('单位');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

for (const engine of ENGINES) {
  describe.skipIf(!(await engineReachable(engine)))(`agencies import over HTTP on ${engine}`, () => {
    let t: TestDb;
    let app: FastifyInstance;
    let ana: Signed;

    const list = async () => {
      const r = await app.inject({
        method: 'GET',
        url: '/api/v1/assessments/a1/units',
        headers: asSession(ana),
      });
      expect(r.statusCode, r.body).toBe(200);
      return r.json<UnitList>().units;
    };
    const upload = (
      body: Buffer | string,
      filename: string,
      dryRun: boolean,
      type = 'application/octet-stream',
    ) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/assessments/a1/units/import?dryRun=${dryRun}&filename=${encodeURIComponent(filename)}`,
        headers: { ...asSession(ana, 'POST'), 'content-type': type },
        payload: body,
      });
    const imports = async () => (await auditLog(t)).filter((a) => a.action === 'import.units');

    beforeAll(async () => {
      t = await createTestDb(engine);
      await makeAssessments(t);
      await makeUser(t, 'ana', 'analyst');
      app = buildApp({ handle: t.handle });
      await app.ready();
      ana = await signIn(app, 'ana');
    });
    afterAll(async () => {
      await app?.close();
      await t?.dispose();
    });

    it('lists the agencies in their stored order', async () => {
      expect(await list()).toEqual([
        { code: 'A', name: '单位 A', category: 'c1', hasWindow: false },
        { code: 'B', name: '单位 B', category: 'c1', hasWindow: false },
      ]);
    });

    it('a dry run of a bad file names every problem, previews the good rows and stores nothing', async () => {
      const before = await list();
      const r = await upload(BAD_CSV, '单位名单.csv', true, 'text/csv');
      expect(r.statusCode, r.body).toBe(200);
      const report = r.json<UnitImportReport>();
      expect(report.dryRun).toBe(true);
      expect(report.stored).toBe(0);
      expect(report.problems.map((p) => [p.file, p.line, p.column, p.why])).toEqual([
        ['单位名单.csv', 3, 'name', 'empty'],
        ['单位名单.csv', 4, 'code', '"A" already appears on line 2'],
        ['单位名单.csv', 5, 'code', '"D E" contains a space or comma'],
        ['单位名单.csv', 5, 'category', 'empty'],
        ['单位名单.csv', 5, 'has_window', '"也许" is not 1/0 or 是/否'],
      ]);
      expect(report.problems[0]!.message).toBe('单位名单.csv:3: column name: empty');
      expect(report.units.map((u) => [u.line, u.code, u.status])).toEqual([
        [2, 'A', 'updated'],
        [6, 'F', 'new'],
      ]);
      expect(report.counts).toEqual({ new: 1, updated: 1, unchanged: 0 });
      expect(await list()).toEqual(before);
      expect(await imports()).toEqual([]);
    });

    it('a real import of a bad file is a 422 naming file, line and column, and stores nothing', async () => {
      const before = await list();
      const r = await upload(BAD_CSV, 'uploads/单位名单.csv', false);
      expect(r.statusCode).toBe(422);
      expect(r.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(r.json()).toMatchObject({
        code: 'KP_IMPORT_BAD_ROW',
        file: '单位名单.csv',
        line: 3,
        column: 'name',
        detail: '单位名单.csv:3: column name: empty',
      });
      expect(await list()).toEqual(before);
      expect(await imports()).toEqual([]);
    });

    it('an .xlsx with a bad cell: the dry run and the import both name it, without the temporary path', async () => {
      const body = await xlsx([
        ['单位编码', '单位名称', '类别', '是否有窗口'],
        ['X1', '单位 X1', 'c1', '是'],
        ['X2', '单位 X2', '', '否'],
      ]);
      const dry = (await upload(body, 'agencies.xlsx', true)).json<UnitImportReport>();
      expect(dry.problems.map((p) => p.message)).toEqual(['agencies.xlsx:3: column category: empty']);
      const r = await upload(body, 'agencies.xlsx', false);
      expect(r.statusCode).toBe(422);
      expect(r.json()).toMatchObject({ file: 'agencies.xlsx', line: 3, column: 'category' });
      expect(r.body).not.toContain('kaoping-upload-');
    });

    it('a file that cannot be read is one problem in a dry run and a 422 otherwise', async () => {
      const dry = (await upload('just a title\n', 'x.csv', true)).json<UnitImportReport>();
      expect(dry.problems).toHaveLength(1);
      expect(dry.problems[0]!.file).toBe('x.csv');
      expect(dry.units).toEqual([]);
      const broken = await upload(Buffer.from('PK\u0003\u0004 not really'), 'x.xlsx', false);
      expect(broken.statusCode).toBe(422);
      expect(broken.json()).toMatchObject({ code: 'KP_IMPORT_BAD_FILE', file: 'x.xlsx' });
    });

    it('a good .xlsx is stored (all rows, audited) and the preview said what would happen', async () => {
      const body = await xlsx([
        ['单位编码', '单位名称', '类别', '是否有窗口'],
        ['A', '单位 A（改名）', 'c1', '是'],
        ['B', '单位 B', 'c1', '否'],
        ['C', '单位 C', 'c2', '1'],
      ]);
      const dry = (await upload(body, 'good.xlsx', true)).json<UnitImportReport>();
      expect(dry.problems).toEqual([]);
      expect(dry.counts).toEqual({ new: 1, updated: 1, unchanged: 1 });
      const r = await upload(body, 'good.xlsx', false);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json<UnitImportReport>()).toMatchObject({ dryRun: false, stored: 3, problems: [] });
      expect(await list()).toEqual([
        { code: 'A', name: '单位 A（改名）', category: 'c1', hasWindow: true },
        { code: 'B', name: '单位 B', category: 'c1', hasWindow: false },
        { code: 'C', name: '单位 C', category: 'c2', hasWindow: true },
      ]);
      expect(await imports()).toEqual([
        {
          actor: 'ana',
          action: 'import.units',
          assessmentId: 'a1',
          details: { file: 'good.xlsx', units: 3 },
        },
      ]);
    });

    it('reads a GB18030 CSV', async () => {
      const r = await upload(GBK, 'units-gbk.csv', false, 'text/csv');
      expect(r.statusCode, r.body).toBe(200);
      expect((await list()).slice(-2)).toEqual([
        { code: 'G01', name: '市税务局', category: '执法监管', hasWindow: true },
        { code: 'G02', name: '市档案馆', category: '公共服务', hasWindow: false },
      ]);
    });

    it('refuses what is not a .csv or .xlsx file, an empty body, JSON, an unknown assessment', async () => {
      expect((await upload('a', 'units.txt', true)).statusCode).toBe(422);
      expect((await upload('', 'units.csv', true)).statusCode).toBe(400);
      expect((await upload('{}', 'units.csv', true, 'application/json')).statusCode).toBe(415);
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/assessments/nope/units/import?dryRun=true&filename=u.csv',
        headers: { ...asSession(ana, 'POST'), 'content-type': 'text/csv' },
        payload: BAD_CSV,
      });
      expect(r.statusCode).toBe(404);
      const big = await upload(Buffer.alloc(10 * 1024 * 1024 + 1, 0x41), 'big.csv', true);
      expect(big.statusCode).toBe(413);
    });

    it('serves a template that the import reads back as one example agency', async () => {
      const r = await app.inject({
        method: 'GET',
        url: '/api/v1/units-template.xlsx',
        headers: asSession(ana),
      });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets[0]!.getRow(1).values).toEqual([
        undefined,
        '单位编码',
        '单位名称',
        '类别',
        '是否有窗口',
      ]);
      const dry = (await upload(r.rawPayload, 'template.xlsx', true)).json<UnitImportReport>();
      expect(dry.problems).toEqual([]);
      expect(dry.units.map((u) => u.code)).toEqual(['U01']);
    });
  });
}
